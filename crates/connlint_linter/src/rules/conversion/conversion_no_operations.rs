use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an OpenAPI description with no operations under `paths` (for example one with only
    /// `webhooks`), and a Postman collection without requests.
    ///
    /// ## Why is this bad?
    /// A connector without operations has no actions or triggers; Power Platform has nothing to offer
    /// in flows.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// openapi: 3.1.0
    /// webhooks:
    ///   newPet: {post: {}}
    /// ```
    /// Use instead:
    /// ```yaml
    /// paths:
    ///   /subscriptions:
    ///     post:
    ///       x-ms-trigger: single
    /// ```
    pub ConversionNoOperations {
        id: "conversion-no-operations",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The input has no operation to convert",
        visits: [Connector],
    }
}

impl Rule for ConversionNoOperations {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::NoOperations);
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
webhooks:
  newPet: {}
"#;
        assert_eq!(
            messages(&ConversionNoOperations, converted("openapi.yaml", text)),
            ["1:1 the description has no operation to convert, so the connector would have no action"]
        );
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{
  "info": {
    "name": "P",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "item": [],
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ]
}"#;
        assert_eq!(
            messages(&ConversionNoOperations, converted("collection.json", text)),
            ["6:11 the collection has no request to convert, so the connector would have no action"]
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
        assert_silent(&ConversionNoOperations, converted("openapi.yaml", text));
    }
}
