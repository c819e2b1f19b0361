use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each `const` (OpenAPI 3.1): Swagger 2.0 says the same with an `enum` of one value.
    ///
    /// ## Why is this bad?
    /// Nothing is lost; the note says where the swagger differs from the input.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// kind: {const: cat}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// kind: {enum: [cat]}
    /// ```
    pub ConversionConstMapped {
        id: "conversion-const-mapped",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "`const` became a one-value `enum`",
        visits: [Connector],
    }
}

impl Rule for ConversionConstMapped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ConstMapped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_yaml_0() {
        let text = r#"openapi: 3.1.0
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
components:
  schemas:
    Kind: {type: string, const: cat}
"#;
        assert_eq!(messages(&ConversionConstMapped, converted("openapi.yaml", text)), ["12:33 `const` became a one-value `enum`"]);
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{
  "openapi": "3.1.0",
  "info": {
    "title": "T",
    "version": "1"
  },
  "servers": [
    {
      "url": "https://api.example.com"
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
  },
  "components": {
    "schemas": {
      "Kind": {
        "const": 1
      }
    }
  }
}"#;
        assert_eq!(messages(&ConversionConstMapped, converted("openapi.json", text)), ["27:18 `const` became a one-value `enum`"]);
    }

    #[test]
    fn silent_when_nothing_is_lost() {
        let text = r#"openapi: 3.1.0
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
components:
  schemas:
    Kind: {type: string, enum: [cat]}
"#;
        assert_silent(&ConversionConstMapped, converted("openapi.yaml", text));
    }
}
