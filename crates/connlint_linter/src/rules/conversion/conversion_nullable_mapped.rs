use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each schema that allows `null`: `nullable: true` (OpenAPI 3.0), `null` in a list of
    /// types or a `null` alternative of `oneOf`/`anyOf` (3.1). Each becomes `x-nullable: true`.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 has no null type; `x-nullable` is the extension that Power Platform's designer reads
    /// for it. Nothing is lost; the note says where the swagger differs from the input.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// name: {type: string, nullable: true}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// name: {type: string, x-nullable: true}
    /// ```
    pub ConversionNullableMapped {
        id: "conversion-nullable-mapped",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "`nullable`, or `null` among the types, became `x-nullable: true`",
        visits: [Connector],
    }
}

impl Rule for ConversionNullableMapped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::NullableMapped);
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
    Name: {type: [string, 'null']}
    Old: {type: string, nullable: true}
"#;
        assert_eq!(
            messages(&ConversionNullableMapped, converted("openapi.yaml", text)),
            ["12:18 null is allowed: written as `x-nullable: true`", "13:35 null is allowed: written as `x-nullable: true`"]
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
      "url": "https://api.example.com/v1"
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
      "Name": {
        "type": "string",
        "nullable": true
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionNullableMapped, converted("openapi.json", text)),
            ["28:21 null is allowed: written as `x-nullable: true`"]
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
components:
  schemas:
    Name: {type: string, nullable: false}
"#;
        assert_silent(&ConversionNullableMapped, converted("openapi.yaml", text));
    }
}
