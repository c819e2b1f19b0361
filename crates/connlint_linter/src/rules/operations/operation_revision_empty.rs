use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose `x-ms-api-annotation` names a `family` but gives no
    /// `revision`.
    ///
    /// ## Why is this bad?
    /// Such an operation counts as revision 1 of the family, which is rarely what the author
    /// meant when naming a family explicitly (usually to add a newer version). Writing the
    /// revision makes the order of versions explicit. Microsoft reports it as a warning.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } }
    /// ```
    pub OperationRevisionEmpty {
        id: "operation-revision-empty",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationRevisionEmpty"],
        summary: "An operation names a family but no revision",
        visits: [Operation],
    }
}

impl Rule for OperationRevisionEmpty {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(annotation) = op.api_annotation.as_ref() else { return };
        let Some(family) = annotation.family else { return };
        if annotation.node.get("revision").is_some() {
            return;
        }
        cx.report_swagger(family.span, format!("operation `{}` is in family `{}` but has no revision", op.display_name(), family.value))
            .help("add `\"revision\"` (1 for the first version, 2 for the next, ...) next to `family`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_family() {
        let text = r#"{"paths": {"/a": {
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List"}}
}}}"#;
        assert_eq!(messages(&OperationRevisionEmpty, swagger(text)), ["2:70 operation `ListV2` is in family `List` but has no revision"]);
    }

    #[test]
    fn silent_with_a_revision_or_no_family() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List", "x-ms-api-annotation": {"status": "Preview"}},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "ListV3", "x-ms-api-annotation": {"family": "List", "revision": "3"}}
}}}"#;
        assert_silent(&OperationRevisionEmpty, swagger(text));
    }
}
