use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation with `"deprecated": true` whose `x-ms-visibility` is not
    /// `internal`.
    ///
    /// ## Why is this bad?
    /// Microsoft's guidance for deprecating an operation is to hide it as well, so that new
    /// flows and apps pick its replacement while existing ones keep working. A deprecated
    /// operation that stays visible keeps being chosen by makers. This is guidance, so the
    /// rule is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItems", "deprecated": true }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems", "deprecated": true, "x-ms-visibility": "internal" }
    /// ```
    pub DeprecatedOperationVisible {
        id: "deprecated-operation-visible",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A deprecated operation is not hidden with x-ms-visibility internal",
        visits: [Operation],
    }
}

impl Rule for DeprecatedOperationVisible {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(deprecated) = op.deprecated.filter(|d| d.value) else { return };
        if op.visibility.and_then(Node::as_str) == Some("internal") {
            return;
        }
        cx.report_swagger(deprecated.span, format!("deprecated operation `{}` is still shown to makers", op.display_name()))
            .help("add `\"x-ms-visibility\": \"internal\"` so new flows use the replacement");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_deprecated_flag() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "A", "deprecated": true},
  "put": {"operationId": "B", "deprecated": true, "x-ms-visibility": "advanced"}
}}}"#;
        assert_eq!(
            messages(&DeprecatedOperationVisible, swagger(text)),
            ["2:45 deprecated operation `A` is still shown to makers", "3:45 deprecated operation `B` is still shown to makers"]
        );
    }

    #[test]
    fn silent_on_hidden_or_active_operations() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "A", "deprecated": true, "x-ms-visibility": "internal"},
  "put": {"operationId": "B", "deprecated": false},
  "post": {"operationId": "C"}
}}}"#;
        assert_silent(&DeprecatedOperationVisible, swagger(text));
    }
}
