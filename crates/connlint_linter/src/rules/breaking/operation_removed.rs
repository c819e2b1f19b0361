use crate::change::{operation_key, Change};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an operation of the old version whose operationId no longer exists in the new
    /// version, whether it was deleted or its operationId was renamed.
    ///
    /// ## Why is this bad?
    /// Flows and apps call an action or trigger by its operationId. Once it is gone, every flow
    /// that uses it fails. Microsoft's breaking-change check reports this ("the operation has
    /// been deleted"), and reviewers ask for the operation to be deprecated instead.
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a deleted operation as breaking existing flows; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3470 and
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/4043.
    ///
    /// ## Example
    /// Old: `"/items": {"get": {"operationId": "ListItems"}}`; new: `"/items": {"get": {"operationId": "GetItems"}}`.
    ///
    /// Use instead: keep `ListItems`, or keep it next to the new operation with
    /// `"deprecated": true` and `"x-ms-visibility": "internal"`.
    pub OperationRemoved {
        id: "operation-removed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "An operation was deleted or its operationId renamed",
        visits: [Change],
    }
}

impl ChangeRule for OperationRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.removed {
            let renamed = change.added.iter().find(|n| n.method == op.method && n.path.text == op.path.text);
            let key = operation_key(op);
            let message = format!("operation `{key}` is gone from the new version; every flow that uses it will fail");
            let help = match renamed {
                Some(n) => format!(
                    "`{}` now has the same method and path: keep the operationId `{key}`, or keep the old operation, mark it `\"deprecated\": true` and add the new one beside it",
                    operation_key(n)
                ),
                None => "keep the operation and mark it `\"deprecated\": true` (and `\"x-ms-visibility\": \"internal\"`) instead of deleting it".into(),
            };
            // The counterpart in the new version: the likely rename, else the path item if it is
            // still there (where `x-connlint-ignore` can suppress the finding).
            let surviving_path = change.new_swagger().and_then(|s| s.paths.iter().find(|p| p.path() == &*op.path.text));
            let other = renamed.map(|n| change.new_at(n.span())).or_else(|| surviving_path.map(|p| change.new_at(p.key.span)));
            cx.report(change.old_at(op.span()), other, message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const OLD: &str = "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"operationId\": \"ListItems\"},\n    \"post\": {\"operationId\": \"AddItem\"}\n  }\n}}";

    #[test]
    fn fires_on_the_old_operation_and_names_the_likely_rename() {
        let new = "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"operationId\": \"GetItems\"},\n    \"post\": {\"operationId\": \"AddItem\"}\n  }\n}}";
        assert_eq!(
            changes(&OperationRemoved, OLD, new),
            ["old 3:5 /paths/~1items/get operation `ListItems` is gone from the new version; every flow that uses it will fail [related new 3:5 /paths/~1items/get]"]
        );
    }

    #[test]
    fn fires_with_the_surviving_path_item_as_counterpart_when_deleted() {
        let new = "{\"paths\": {\n  \"/items\": {\n    \"post\": {\"operationId\": \"AddItem\"}\n  }\n}}";
        assert_eq!(
            changes(&OperationRemoved, OLD, new),
            ["old 3:5 /paths/~1items/get operation `ListItems` is gone from the new version; every flow that uses it will fail [related new 2:3 /paths/~1items]"]
        );
        // No path item left: no counterpart.
        let new = "{\"paths\": {\n  \"/things\": {\n    \"post\": {\"operationId\": \"AddItem\"}\n  }\n}}";
        assert_eq!(
            changes(&OperationRemoved, OLD, new),
            ["old 3:5 /paths/~1items/get operation `ListItems` is gone from the new version; every flow that uses it will fail"]
        );
    }

    #[test]
    fn silent_when_operations_move_or_are_added() {
        let new = "{\"paths\": {\n  \"/things\": {\"post\": {\"operationId\": \"AddItem\"}},\n  \"/items\": {\n    \"get\": {\"operationId\": \"ListItems\"},\n    \"put\": {\"operationId\": \"New\"}\n  }\n}}";
        assert_no_change(&OperationRemoved, OLD, new);
    }
}
