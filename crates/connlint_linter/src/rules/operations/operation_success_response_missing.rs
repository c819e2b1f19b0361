use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose `responses` list only non-success status codes: no `2xx`
    /// response and no `default`.
    ///
    /// ## Why is this bad?
    /// The success response describes what the action returns; without it the designer offers
    /// no outputs for later steps, and the definition suggests the call can only fail.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "delete":
    ///     { "operationId": "DeleteItem", "responses": { "404": { "description": "Not found" } } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "delete":
    ///     { "operationId": "DeleteItem", "responses": { "204": { "description": "Deleted" }, "404": { "description": "Not found" } } } } } }
    /// ```
    pub OperationSuccessResponseMissing {
        id: "operation-success-response-missing",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationShouldHaveSuccessfulResponse"],
        summary: "An operation has no 2xx or default response",
        visits: [Operation],
    }
}

impl Rule for OperationSuccessResponseMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(responses) = op.node.member("responses") else { return };
        let Some(members) = responses.value.as_object() else { return };
        let codes: Vec<&str> = members.iter().map(|m| &*m.key.text).filter(|k| !k.starts_with("x-")).collect();
        // No codes at all is `operation-response-missing`'s.
        if codes.is_empty() || codes.iter().any(|c| *c == "default" || c.starts_with('2')) {
            return;
        }
        let list = codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        cx.report_swagger(
            responses.key.span,
            format!("operation `{}` has responses {list} but no success (2xx) response", op.display_name()),
        )
        .help("describe what a successful call returns, e.g. `\"200\": {\"description\": \"OK\", \"schema\": {...}}`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_when_only_errors_are_listed() {
        let text = "{\"paths\": {\"/items\": {\n  \"get\": {\"operationId\": \"List\",\n    \"responses\": {\"400\": {}, \"x-note\": 1, \"500\": {}}}\n}}}";
        assert_eq!(
            messages(&OperationSuccessResponseMissing, swagger(text)),
            ["3:5 operation `List` has responses `400`, `500` but no success (2xx) response"]
        );
    }

    #[test]
    fn silent_with_a_success_or_default_response() {
        let text = r##"{"paths": {"/items": {
  "get": {"responses": {"404": {}, "201": {"$ref": "#/responses/Created"}}},
  "post": {"responses": {"400": {}, "default": {"description": "x"}}},
  "put": {"responses": {}},
  "patch": {},
  "delete": {"responses": "none"}
}}}"##;
        assert_silent(&OperationSuccessResponseMissing, swagger(text));
    }
}
