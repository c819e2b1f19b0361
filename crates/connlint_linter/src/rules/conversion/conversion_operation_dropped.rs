use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an operation that is not in the converted swagger: a `trace` operation (Swagger 2.0 has
    /// no such method), a path item whose `$ref` cannot be followed, or a Postman request whose method
    /// Swagger 2.0 lacks (`COPY`, `LINK`, `PROPFIND` ...).
    ///
    /// ## Why is this bad?
    /// The connector lacks the action; flows cannot call it.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// /items:
    ///   trace: {responses: {'200': {description: OK}}}
    /// ```
    /// Use instead:
    /// ```yaml
    /// # no Swagger 2.0 form: call it from custom code if it is needed
    /// ```
    pub ConversionOperationDropped {
        id: "conversion-operation-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An operation of the input could not be converted",
        visits: [Connector],
    }
}

impl Rule for ConversionOperationDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::OperationDropped);
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
    trace:
      operationId: listItems
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionOperationDropped, converted("openapi.yaml", text)),
            ["6:5 `TRACE /items` dropped: Swagger 2.0 has no `trace` operation"]
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
      "name": "Copy it",
      "request": {
        "method": "COPY",
        "url": {
          "raw": "{{baseUrl}}/items",
          "host": [
            "{{baseUrl}}"
          ],
          "path": [
            "items"
          ]
        }
      }
    },
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
      }
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
            messages(&ConversionOperationDropped, converted("collection.json", text)),
            ["8:15 request `Copy it` dropped: `COPY` is not a method Swagger 2.0 has"]
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
        assert_silent(&ConversionOperationDropped, converted("openapi.yaml", text));
    }
}
