use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation with `x-ms-api-annotation.revision` N greater than 1 whose
    /// `operationId` does not end with `V`N (any case, e.g. `GetItems_V2` or `GetItemsV2`).
    ///
    /// ## Why is this bad?
    /// The operationId is what makers see in Power Apps formulas and flow definitions; the
    /// version suffix tells them which revision they are using and keeps the ids of a
    /// family distinct and predictable. This is naming guidance, so the rule is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItemsNew", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } }
    /// ```
    pub OperationIdRevisionSuffix {
        id: "operation-id-revision-suffix",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationIdShouldEndWithRevision"],
        summary: "The operationId of revision N > 1 does not end with VN",
        visits: [Operation],
    }
}

impl Rule for OperationIdRevisionSuffix {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(id) = op.operation_id else { return };
        let Some(revision) = op.api_annotation.as_ref().and_then(|a| a.revision) else { return };
        if revision.value <= 1.0 || revision.value.fract() != 0.0 {
            return;
        }
        let suffix = format!("v{}", revision.value);
        if id.value.to_ascii_lowercase().ends_with(&suffix) {
            return;
        }
        cx.report_swagger(
            id.span,
            format!("operationId `{}` of revision {} does not end with `V{}`", id.value, revision.value, revision.value),
        )
        .help(format!("rename it to `{}_V{}`", id.value, revision.value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_operation_id() {
        let text = r#"{"paths": {"/a": {
  "put": {"operationId": "ListNew", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 12}}
}}}"#;
        assert_eq!(
            messages(&OperationIdRevisionSuffix, swagger(text)),
            [
                "2:26 operationId `ListNew` of revision 2 does not end with `V2`",
                "3:27 operationId `ListV2` of revision 12 does not end with `V12`"
            ]
        );
    }

    #[test]
    fn silent_with_the_suffix_or_revision_one() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List", "x-ms-api-annotation": {"family": "List", "revision": 1}},
  "put": {"operationId": "List_V2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "Listv3", "x-ms-api-annotation": {"family": "List", "revision": 3}}
}}}"#;
        assert_silent(&OperationIdRevisionSuffix, swagger(text));
    }
}
