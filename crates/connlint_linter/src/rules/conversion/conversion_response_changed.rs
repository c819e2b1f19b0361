use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an OpenAPI response keyed by a status-code range (`2XX` becomes `200`, or is dropped
    /// when `200` exists), a response key that is not a status code, and a second Postman saved
    /// response with a status code already described.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 has no status-code ranges and one response per code. The converted response says
    /// less than the input did.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// responses:
    ///   2XX: {description: Success}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// responses:
    ///   '200': {description: Success}
    /// ```
    pub ConversionResponseChanged {
        id: "conversion-response-changed",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "A response could not be kept as it was",
        visits: [Connector],
    }
}

impl Rule for ConversionResponseChanged {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ResponseChanged);
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
        2XX: {description: OK}
        '400': {description: Bad}
        4XX: {description: Client error}
"#;
        assert_eq!(
            messages(&ConversionResponseChanged, converted("openapi.yaml", text)),
            [
                "9:9 response `2XX` became `200`: Swagger 2.0 has no status-code ranges",
                "11:9 response `4XX` dropped: `400` is already described"
            ]
        );
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{
  "info": {
    "name": "P",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "item": [
    {
      "name": "List",
      "request": {
        "method": "GET",
        "url": {
          "raw": "{{baseUrl}}/items",
          "host": [
            "{{baseUrl}}"
          ],
          "path": [
            "items"
          ]
        }
      },
      "response": [
        {
          "name": "a",
          "code": 200,
          "body": "{}"
        },
        {
          "name": "b",
          "code": 200,
          "body": "[]"
        }
      ]
    }
  ],
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ]
}"#;
        assert_eq!(
            messages(&ConversionResponseChanged, converted("collection.json", text)),
            ["27:9 a second saved `200` response of `List` dropped: a connector keeps one response per status code"]
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
        assert_silent(&ConversionResponseChanged, converted("openapi.yaml", text));
    }
}
