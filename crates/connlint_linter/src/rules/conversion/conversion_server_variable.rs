use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports the URL of the server that gives the connector its host when it has variables
    /// (`https://{region}.api.example.com`). Each variable's `default` is put in.
    ///
    /// ## Why is this bad?
    /// The connector always calls the default. If users must choose (a region, a tenant), the connector
    /// needs a connection parameter and the `dynamichosturl` policy, which the conversion cannot guess.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: https://{region}.api.example.com
    ///     variables:
    ///       region: {default: eu}
    /// ```
    /// Use instead:
    /// ```yaml
    /// host: eu.api.example.com
    /// # or a `region` connection parameter and the dynamichosturl policy
    /// ```
    pub ConversionServerVariable {
        id: "conversion-server-variable",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A server URL has variables: their defaults were put in",
        visits: [Connector],
    }
}

impl Rule for ConversionServerVariable {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ServerVariable);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_yaml_0() {
        let text = r#"openapi: 3.0.3
info: {title: T, version: '1'}
servers:
  - url: 'https://{region}.example.com/{v}'
    variables:
      region: {default: eu, enum: [eu, us]}
      v: {default: v2}
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionServerVariable, converted("openapi.yaml", text)),
            ["4:10 server variables take their defaults: `region` = `eu`, `v` = `v2`"]
        );
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{
  "openapi": "3.0.3",
  "info": {
    "title": "T",
    "version": "1"
  },
  "servers": [
    {
      "url": "https://{region}.example.com",
      "variables": {
        "region": {
          "default": "eu"
        }
      }
    }
  ],
  "paths": {
    "/items": {
      "get": {
        "operationId": "listItems",
        "responses": {
          "200": {
            "description": "OK"
          }
        }
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionServerVariable, converted("openapi.json", text)),
            ["9:14 server variables take their defaults: `region` = `eu`"]
        );
    }

    #[test]
    fn silent_when_nothing_is_lost() {
        let text = r#"openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
"#;
        assert_silent(&ConversionServerVariable, converted("openapi.yaml", text));
    }
}
