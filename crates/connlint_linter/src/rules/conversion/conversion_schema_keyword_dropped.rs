use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports schema keywords that Swagger 2.0 lacks and that change what is valid:
    /// `patternProperties`, `prefixItems`, `if`/`then`/`else`, `dependentSchemas`,
    /// `unevaluatedProperties`, `contains`, `propertyNames`, `deprecated` and the like, a list of
    /// several types, further `examples`, and the schema `false`. Annotations (`$schema`, `$id`,
    /// `$comment`) are dropped silently.
    ///
    /// ## Why is this bad?
    /// The converted schema accepts values the input's schema refused (or describes them less
    /// precisely), so the connector may send or accept what the API does not.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// Tags:
    ///   type: object
    ///   patternProperties:
    ///     '^x-': {type: string}
    /// ```
    /// Use instead:
    /// ```yaml
    /// Tags:
    ///   type: object
    ///   additionalProperties: {type: string}
    /// ```
    pub ConversionSchemaKeywordDropped {
        id: "conversion-schema-keyword-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A schema keyword with no Swagger 2.0 equivalent was dropped",
        visits: [Connector],
    }
}

impl Rule for ConversionSchemaKeywordDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::SchemaKeywordDropped);
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
    Tags:
      type: object
      patternProperties: {'^x-': {type: string}}
    Id: {type: [string, integer]}
"#;
        assert_eq!(
            messages(&ConversionSchemaKeywordDropped, converted("openapi.yaml", text)),
            [
                "13:7 `patternProperties` dropped: Swagger 2.0 has no such keyword",
                "15:16 a schema may be any of the types `string`, `integer`; Swagger 2.0 allows one, so the schema has no type"
            ]
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
      "Old": {
        "type": "string",
        "deprecated": true
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionSchemaKeywordDropped, converted("openapi.json", text)),
            ["26:14 `deprecated` dropped: Swagger 2.0 has no such keyword"]
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
    Tags: {type: object, additionalProperties: {type: string}, $comment: fine}
"#;
        assert_silent(&ConversionSchemaKeywordDropped, converted("openapi.yaml", text));
    }
}
