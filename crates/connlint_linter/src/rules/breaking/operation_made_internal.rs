use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an operation that was visible (`important`, `advanced` or without
    /// `x-ms-visibility`) and is now `internal`.
    ///
    /// ## Why is this bad?
    /// Internal operations are hidden from makers. Flows that already use the operation keep
    /// running, but their owners can no longer find it to edit or re-add the step.
    ///
    /// ## Example
    /// Old: `{"operationId": "ListItems"}`; new: `{"operationId": "ListItems", "x-ms-visibility": "internal"}`.
    ///
    /// Use instead: mark the operation `"deprecated": true` and point makers at its successor;
    /// hide it only once no flow depends on it.
    pub OperationMadeInternal {
        id: "operation-made-internal",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A visible operation became internal",
        visits: [Change],
    }
}

impl ChangeRule for OperationMadeInternal {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            let internal = |v: Option<&connlint_core::json::Node>| v.and_then(|v| v.as_str()) == Some("internal");
            if internal(op.old.visibility) || !internal(op.new.visibility) {
                continue;
            }
            let Some(visibility) = op.new.visibility else { continue };
            let old_at = change.old_at(op.old.visibility.map_or(op.old.span(), |v| v.span));
            let message =
                format!("operation `{}` is now internal; makers with flows that use it can no longer find it in the designer", op.key);
            cx.report(change.new_at(visibility.span), Some(old_at), message)
                .help("deprecate the operation (`\"deprecated\": true`) and name its successor before hiding it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_visibility_value() {
        let old = doc("{\"operationId\": \"List\",\n \"x-ms-visibility\": \"advanced\"}");
        let new = doc("{\"operationId\": \"List\",\n \"x-ms-visibility\": \"internal\"}");
        assert_eq!(
            changes(&OperationMadeInternal, &old, &new),
            ["new 4:21 /paths/~1items/post/x-ms-visibility operation `List` is now internal; makers with flows that use it can no longer find it in the designer [related old 4:21 /paths/~1items/post/x-ms-visibility]"]
        );
        let unset = doc("{\"operationId\": \"List\"}");
        assert_eq!(changes(&OperationMadeInternal, &unset, &new).len(), 1);
    }

    #[test]
    fn silent_when_it_was_internal_already_or_stays_visible() {
        let internal = doc("{\"operationId\": \"List\", \"x-ms-visibility\": \"internal\"}");
        let important = doc("{\"operationId\": \"List\", \"x-ms-visibility\": \"important\"}");
        assert_no_change(&OperationMadeInternal, &internal, &internal);
        assert_no_change(&OperationMadeInternal, &internal, &important);
        assert_no_change(&OperationMadeInternal, &doc("{\"operationId\": \"List\"}"), &important);
    }
}
