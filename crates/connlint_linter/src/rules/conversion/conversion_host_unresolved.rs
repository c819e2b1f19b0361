use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an input without a usable host: an OpenAPI description without `servers`, or whose first
    /// server is a relative URL (`/v1`), and a Postman collection whose requests' hosts are all
    /// undefined variables.
    ///
    /// ## Why is this bad?
    /// A connector needs `host`. The converted swagger has none, so `connlint check` reports it missing
    /// until it is set by hand.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: /api/v3
    /// ```
    /// Use instead:
    /// ```yaml
    /// host: api.example.com
    /// basePath: /api/v3
    /// ```
    pub ConversionHostUnresolved {
        id: "conversion-host-unresolved",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The input gives no absolute URL for the connector's host",
        visits: [Connector],
    }
}

impl Rule for ConversionHostUnresolved {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::HostUnresolved);
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
  - url: /api/v3
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionHostUnresolved, converted("openapi.yaml", text)),
            ["4:10 the server URL `/api/v3` has no host, so the connector has none"]
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
            messages(&ConversionHostUnresolved, converted("openapi.json", text)),
            ["3:11 the description has no `servers`, so the connector has no host"]
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
        assert_silent(&ConversionHostUnresolved, converted("openapi.yaml", text));
    }
}
