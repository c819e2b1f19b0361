use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation without a `summary`, or with an empty one.
    ///
    /// ## Why is this bad?
    /// The summary is the action's name in the Power Automate designer, Power Apps and Copilot
    /// Studio. Without it users see the raw operationId. Microsoft's validator asks for it.
    ///
    /// ## Severity
    /// A warning under `base` and an error under `certification`: with certification rules on,
    /// Microsoft's validator reports an operation without `summary` as `RequiredPropertyMissing`,
    /// an error in the pipeline's output
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/609). For other connectors the
    /// designer falls back to the operationId, which is only unfriendly.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "ListItems", "responses": { "200": { "description": "OK" } } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "ListItems", "summary": "List items", "responses": { "200": { "description": "OK" } } } } } }
    /// ```
    pub OperationSummaryMissing {
        id: "operation-summary-missing",
        category: Operations,
        severity: Warning,
        certification_severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyMissing"],
        summary: "An operation has no summary",
        visits: [Operation],
    }
}

impl Rule for OperationSummaryMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        match op.node.get("summary") {
            None => {
                cx.report_swagger(op.span(), format!("operation `{}` has no summary", op.display_name()))
                    .help("add a short `summary` such as `List items`; it is the action's name in the designer");
            }
            Some(summary) if is_blank(summary) => {
                cx.report_swagger(summary.span, format!("operation `{}` has an empty summary", op.display_name()))
                    .help("write a short name for the action, such as `List items`");
            }
            // Wrong types are reported by `json-type-incorrect`.
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_method_key_or_the_empty_value() {
        let text = "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"operationId\": \"List\"},\n    \"post\": {\"summary\": \" \"}\n  }\n}}";
        assert_eq!(
            messages(&OperationSummaryMissing, swagger(text)),
            ["3:5 operation `List` has no summary", "4:25 operation `POST /items` has an empty summary"]
        );
    }

    #[test]
    fn silent_with_a_summary_or_a_wrong_type() {
        let text = r#"{"paths": {"/items": {"get": {"summary": "List items"}, "post": {"summary": 5}}, "x-doc": {"get": {}}}}"#;
        assert_silent(&OperationSummaryMissing, swagger(text));
    }
}
