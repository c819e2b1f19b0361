use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an OpenAPI operation without `operationId` (one is made from the method and path, `GET
    /// /pets/{id}` → `GetPetsById`), an operationId with characters a connector refuses (only letters,
    /// digits and `_` are kept), a duplicate one (a `_2` suffix), and a Postman request whose
    /// PascalCase name another request already took.
    ///
    /// ## Why is this bad?
    /// Flows refer to actions by operationId. The made-up name is stable for the same input, but it is
    /// not what the API's documentation calls the operation.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// /pets/{id}:
    ///   get:
    ///     responses: {'200': {description: OK}}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// /pets/{id}:
    ///   get:
    ///     operationId: GetPet
    /// ```
    pub ConversionOperationIdChanged {
        id: "conversion-operation-id-changed",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "An operationId was made up, or changed to be valid and unique",
        visits: [Connector],
    }
}

impl Rule for ConversionOperationIdChanged {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::OperationIdChanged);
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
  /pets/{id}:
    get:
      responses: {'200': {description: OK}}
    delete:
      operationId: delete-pet
      responses: {'200': {description: OK}}
"#;
        assert_eq!(
            messages(&ConversionOperationIdChanged, converted("openapi.yaml", text)),
            [
                "6:5 `GET /pets/{id}` has no operationId; it is now `GetPetsById`",
                "9:20 operationId `delete-pet` became `delete_pet` (letters, digits and `_` only, unique)"
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
      "name": "List items",
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
    },
    {
      "name": "List items",
      "request": {
        "method": "POST",
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
            messages(&ConversionOperationIdChanged, converted("collection.json", text)),
            ["23:15 operationId `ListItems` is taken; request `List items` is `ListItems_2`"]
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
        assert_silent(&ConversionOperationIdChanged, converted("openapi.yaml", text));
    }
}
