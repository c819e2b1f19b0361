use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each `discriminator` object: Swagger 2.0 keeps only its `propertyName`. When it has a
    /// `mapping`, the message says that the mapping was dropped.
    ///
    /// ## Why is this bad?
    /// In Swagger 2.0 the discriminator's value must be a definition's name. Values that the mapping
    /// translated (`cat` → `#/components/schemas/Cat`) are no longer understood by tools that read the
    /// swagger.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// discriminator:
    ///   propertyName: kind
    ///   mapping: {cat: '#/components/schemas/Cat'}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// discriminator: kind
    /// ```
    pub ConversionDiscriminatorChanged {
        id: "conversion-discriminator-changed",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "An OpenAPI 3 `discriminator` object became a Swagger 2.0 property name",
        visits: [Connector],
    }
}

impl Rule for ConversionDiscriminatorChanged {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::DiscriminatorChanged);
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
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
components:
  schemas:
    Pet:
      type: object
      properties: {kind: {type: string}}
      discriminator:
        propertyName: kind
        mapping: {cat: '#/components/schemas/Cat'}
"#;
        assert_eq!(messages(&ConversionDiscriminatorChanged, converted("openapi.yaml", text)), ["16:9 `discriminator` became the property name `kind`; its mapping of 1 value was dropped, so values must be the definitions' names"]);
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
      "Pet": {
        "type": "object",
        "discriminator": {
          "propertyName": "kind"
        }
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionDiscriminatorChanged, converted("openapi.json", text)),
            ["28:26 `discriminator` dropped: `kind` is not a string property of this schema, as Swagger 2.0 requires"]
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
    Pet: {type: object, properties: {kind: {type: string}}}
"#;
        assert_silent(&ConversionDiscriminatorChanged, converted("openapi.yaml", text));
    }
}
