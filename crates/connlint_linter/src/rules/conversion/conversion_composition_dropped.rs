use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports `oneOf` and `anyOf` with more than one alternative that is not `null` (the first is kept
    /// and merged into the schema; the message names those dropped), and `not` (dropped). An
    /// alternative that is only `null` becomes `x-nullable` and is not reported here.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0, and so Power Platform, cannot say "one of these shapes". Values of the dropped
    /// shapes no longer match the schema: the designer shows the first shape's fields only, and
    /// validation of the others may fail.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   oneOf:
    ///     - $ref: '#/components/schemas/Cat'
    ///     - $ref: '#/components/schemas/Dog'
    /// ```
    /// Use instead:
    /// ```yaml
    /// schema:
    ///   $ref: '#/components/schemas/Pet'   # one schema with the properties callers use
    /// ```
    pub ConversionCompositionDropped {
        id: "conversion-composition-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "`oneOf`, `anyOf` or `not`, which Swagger 2.0 lacks, was simplified",
        visits: [Connector],
    }
}

impl Rule for ConversionCompositionDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::CompositionDropped);
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
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - {type: string}
      not: {type: integer}
    Cat: {type: object}
    Mode:
      type: object
      oneOf: [{type: string}, {$ref: '#/components/schemas/Cat'}]
"#;
        assert_eq!(
            messages(&ConversionCompositionDropped, converted("openapi.yaml", text)),
            [
                "13:7 `oneOf` with 2 alternatives: kept `Cat`, dropped a `string`",
                "16:7 `not` dropped: Swagger 2.0 cannot exclude a schema",
                "20:7 `oneOf` with 2 alternatives: kept `Cat`, dropped a `string`"
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
      "Id": {
        "anyOf": [
          {
            "type": "string"
          },
          {
            "type": "integer"
          },
          {
            "type": "null"
          }
        ]
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionCompositionDropped, converted("openapi.json", text)),
            ["27:9 `anyOf` with 2 alternatives: kept a `string`, dropped an `integer`"]
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
    Name:
      oneOf: [{type: string}, {type: 'null'}]
"#;
        assert_silent(&ConversionCompositionDropped, converted("openapi.yaml", text));
    }
}
