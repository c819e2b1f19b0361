use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation without `responses`, or whose `responses` object lists no status
    /// code (`x-*` extension keys do not count).
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 requires at least one response per operation, and Microsoft's validator
    /// rejects operations without one. The response also tells flows and apps what the
    /// action returns.
    ///
    /// ## Severity
    /// An operation with no `responses` is refused as `OperationMustHaveResponse`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "delete":
    ///     { "operationId": "DeleteItem", "summary": "Delete item", "responses": {} } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "delete":
    ///     { "operationId": "DeleteItem", "summary": "Delete item", "responses": { "204": { "description": "Deleted" } } } } } }
    /// ```
    pub OperationResponseMissing {
        id: "operation-response-missing",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationMustHaveResponse"],
        summary: "An operation has no responses",
        visits: [Operation],
    }
}

impl Rule for OperationResponseMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let help = "add at least the success response, e.g. `\"200\": {\"description\": \"OK\"}`";
        let Some(responses) = op.node.member("responses") else {
            cx.report_swagger(op.span(), format!("operation `{}` has no `responses`", op.display_name())).help(help);
            return;
        };
        // A wrong-typed `responses` is reported by `json-type-incorrect`.
        let Some(members) = responses.value.as_object() else { return };
        if members.iter().all(|m| m.key.text.starts_with("x-")) {
            cx.report_swagger(responses.key.span, format!("operation `{}` lists no responses", op.display_name())).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_without_responses() {
        let text = "{\"paths\": {\"/items\": {\n  \"get\": {\"operationId\": \"List\"},\n  \"post\": {\"operationId\": \"Add\",\n    \"responses\": {}},\n  \"put\": {\"responses\": {\"x-ms-summary\": \"x\"}}\n}}}";
        assert_eq!(
            messages(&OperationResponseMissing, swagger(text)),
            [
                "2:3 operation `List` has no `responses`",
                "4:5 operation `Add` lists no responses",
                "5:11 operation `PUT /items` lists no responses",
            ]
        );
    }

    #[test]
    fn silent_with_any_response_or_a_wrong_type() {
        let text = r##"{"paths": {"/items": {
  "get": {"responses": {"default": {"description": "x"}}},
  "post": {"responses": {"400": {"$ref": "#/responses/Bad"}}},
  "put": {"responses": []}
}}}"##;
        assert_silent(&OperationResponseMissing, swagger(text));
    }
}
