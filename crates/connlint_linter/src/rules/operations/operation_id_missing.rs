use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation without an `operationId`.
    ///
    /// ## Why is this bad?
    /// Power Automate, Power Apps and Copilot Studio identify actions and triggers by their
    /// operationId; dynamic values, policies and scripts refer to operations by it too.
    /// Microsoft's Swagger Validator rejects operations without one.
    ///
    /// ## Severity
    /// Every operation needs an operationId, the key flows and apps store; the validator reports
    /// `OperationIdRequired`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "get": { "summary": "List items", "responses": { "200": { "description": "OK" } } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get": { "operationId": "ListItems", "summary": "List items", "responses": { "200": { "description": "OK" } } } } } }
    /// ```
    pub OperationIdMissing {
        id: "operation-id-missing",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationIdRequired"],
        summary: "An operation has no operationId",
        visits: [Operation],
    }
}

impl Rule for OperationIdMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        if op.operation_id.is_none() && op.node.get("operationId").is_none() {
            cx.report_swagger(op.span(), format!("operation `{}` has no operationId", op.display_name()))
                .help("add a unique `operationId` such as `ListItems`; flows and apps call the operation by it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_method_key() {
        let text = "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"responses\": {}},\n    \"post\": {\"operationId\": \"Add\"}\n  }\n}}";
        assert_eq!(messages(&OperationIdMissing, swagger(text)), ["3:5 operation `GET /items` has no operationId"]);
    }

    #[test]
    fn silent_when_every_operation_has_one() {
        assert_silent(&OperationIdMissing, swagger(r#"{"paths": {"/items": {"get": {"operationId": "List"}, "parameters": []}}}"#));
    }
}
