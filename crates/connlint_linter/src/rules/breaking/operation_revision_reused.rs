use crate::change::{operation_key, Change};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::swagger::Operation;
use connlint_core::Spanned;

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-api-annotation` `revision` that went down for the same operation, or a
    /// new operation that takes a `family` and `revision` an old operation already had.
    ///
    /// ## Why is this bad?
    /// Power Platform orders the operations of a family by revision to offer makers the newest
    /// one. A reused or lower revision makes the old and new operations indistinguishable or
    /// reverses their order, so existing flows may be pointed at the wrong revision.
    ///
    /// ## Severity
    /// Operation families are ordered by revision
    /// (https://learn.microsoft.com/connectors/custom-connectors/operational-versioning); reusing
    /// or lowering a revision makes the platform offer the wrong operation as the newest.
    ///
    /// ## Example
    /// Old: `ListItemsV2` with `{"family": "ListItems", "revision": 2}`; new: `ListItemsV3` with `{"family": "ListItems", "revision": 2}`.
    ///
    /// Use instead: `{"family": "ListItems", "revision": 3}` for the new operation.
    pub OperationRevisionReused {
        id: "operation-revision-reused",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "An operation family's revision number was reused or lowered",
        visits: [Change],
    }
}

fn family_revision<'a>(op: &Operation<'a>) -> Option<(&'a str, Spanned<f64>)> {
    let annotation = op.api_annotation.as_ref()?;
    Some((annotation.family?.value, annotation.revision?))
}

impl ChangeRule for OperationRevisionReused {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let Some(old_swagger) = change.old_swagger() else { return };
        for op in &change.operations {
            let (Some((_, before)), Some((family, after))) = (family_revision(op.old), family_revision(op.new)) else { continue };
            if after.value < before.value {
                let message = format!(
                    "the revision of operation `{}` in family `{family}` went down from {} to {}; flows may be offered the older revision as the newer one",
                    op.key, before.value, after.value
                );
                cx.report(change.new_at(after.span), Some(change.old_at(before.span)), message)
                    .help("revisions only go up: keep the old number or use a higher one");
            }
        }
        for op in &change.added {
            let Some((family, revision)) = family_revision(op) else { continue };
            let taken = old_swagger.operations.iter().find(|o| {
                family_revision(o).is_some_and(|(f, r)| f == family && r.value == revision.value) && operation_key(o) != operation_key(op)
            });
            if let Some(previous) = taken {
                let message = format!(
                    "new operation `{}` reuses revision {} of family `{family}`, which `{}` had in the old version",
                    operation_key(op),
                    revision.value,
                    operation_key(previous)
                );
                let old_at = change.old_at(family_revision(previous).map_or(previous.span(), |(_, r)| r.span));
                cx.report(change.new_at(revision.span), Some(old_at), message)
                    .help("give the new operation the next unused revision number");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_when_a_revision_goes_down() {
        let old = doc("{\"operationId\": \"List\", \"x-ms-api-annotation\": {\"family\": \"List\",\n \"revision\": 2}}");
        let new = doc("{\"operationId\": \"List\", \"x-ms-api-annotation\": {\"family\": \"List\",\n \"revision\": 1}}");
        assert_eq!(
            changes(&OperationRevisionReused, &old, &new),
            ["new 4:14 /paths/~1items/post/x-ms-api-annotation/revision the revision of operation `List` in family `List` went down from 2 to 1; flows may be offered the older revision as the newer one [related old 4:14 /paths/~1items/post/x-ms-api-annotation/revision]"]
        );
    }

    #[test]
    fn fires_when_a_new_operation_reuses_a_revision() {
        let old = doc("{\"operationId\": \"ListV2\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 2}}");
        let new = "{\"paths\": {\"/items\": {\"post\": {\"operationId\": \"ListV2\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 2}}},\n\"/v3\": {\"get\": {\"operationId\": \"ListV3\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 2}}}}}";
        assert_eq!(
            changes(&OperationRevisionReused, &old, new),
            ["new 2:96 /paths/~1v3/get/x-ms-api-annotation/revision new operation `ListV3` reuses revision 2 of family `List`, which `ListV2` had in the old version [related old 3:81 /paths/~1items/post/x-ms-api-annotation/revision]"]
        );
    }

    #[test]
    fn silent_when_revisions_go_up() {
        let old = doc("{\"operationId\": \"ListV2\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 2}}");
        let new = "{\"paths\": {\"/items\": {\"post\": {\"operationId\": \"ListV2\", \"x-ms-api-annotation\": {\"family\": \"List\", \"revision\": 2}}},\n\"/v3\": {\"get\": {\"operationId\": \"ListV3\", \"x-ms-api-annotation\": {\"revision\": 3, \"family\": \"List\"}}}}}";
        assert_no_change(&OperationRevisionReused, &old, new);
    }
}
