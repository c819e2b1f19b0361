use crate::change::{operation_key, Change};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation that became deprecated while no other operation of the new version
    /// could replace it: none shares its `x-ms-api-annotation` `family` without being deprecated
    /// itself.
    ///
    /// ## Why is this bad?
    /// Deprecating is the right way to retire an operation, but makers with existing flows need
    /// a successor to move to. Microsoft's versioning guidance pairs each deprecated revision
    /// with a newer revision of the same family.
    ///
    /// ## Example
    /// Old: `{"operationId": "ListItems"}`; new: `{"operationId": "ListItems", "deprecated": true}` and nothing else.
    ///
    /// Use instead: add `ListItemsV2` with `"x-ms-api-annotation": {"family": "ListItems", "revision": 2}`
    /// and give the deprecated one `{"family": "ListItems", "revision": 1}`.
    pub OperationDeprecatedWithoutSuccessor {
        id: "operation-deprecated-without-successor",
        category: Breaking,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "An operation was deprecated without a successor in its family",
        visits: [Change],
    }
}

fn is_deprecated(op: &Operation<'_>) -> bool {
    op.deprecated.is_some_and(|d| d.value)
}

fn family<'a>(op: &Operation<'a>) -> Option<&'a str> {
    op.api_annotation.as_ref().and_then(|a| a.family).map(|f| f.value).filter(|f| !f.trim().is_empty())
}

impl ChangeRule for OperationDeprecatedWithoutSuccessor {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let Some(new_swagger) = change.new_swagger() else { return };
        for op in &change.operations {
            if is_deprecated(op.old) || !is_deprecated(op.new) {
                continue;
            }
            let successor = family(op.new).is_some_and(|f| {
                new_swagger.operations.iter().any(|o| !is_deprecated(o) && family(o) == Some(f) && operation_key(o) != op.key)
            });
            if successor {
                continue;
            }
            let Some(deprecated) = op.new.deprecated else { continue };
            let message = format!("operation `{}` is now deprecated, but no operation of the new version replaces it; makers have nothing to move their flows to", op.key);
            cx.report(change.new_at(deprecated.span), Some(change.old_at(op.old.span())), message)
                .help("add the successor operation and give both the same `x-ms-api-annotation` `family` with increasing `revision`s");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_deprecated_flag() {
        let old = doc("{\"operationId\": \"List\"}");
        let new = doc("{\"operationId\": \"List\",\n \"deprecated\": true}");
        assert_eq!(
            changes(&OperationDeprecatedWithoutSuccessor, &old, &new),
            ["new 4:16 /paths/~1items/post/deprecated operation `List` is now deprecated, but no operation of the new version replaces it; makers have nothing to move their flows to [related old 2:1 /paths/~1items/post]"]
        );
    }

    #[test]
    fn silent_with_a_successor_in_the_family_or_when_it_was_deprecated_before() {
        let old = doc("{\"operationId\": \"List\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 1}}");
        let new = "{\"paths\": {\"/items\": {\"post\": {\"operationId\": \"List\", \"deprecated\": true, \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 1}}},\n \"/v2/items\": {\"post\": {\"operationId\": \"ListV2\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 2}}}}}";
        assert_no_change(&OperationDeprecatedWithoutSuccessor, &old, new);
        let deprecated = doc("{\"operationId\": \"List\", \"deprecated\": true}");
        assert_no_change(&OperationDeprecatedWithoutSuccessor, &deprecated, &deprecated);
    }
}
