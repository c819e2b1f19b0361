use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a property of the old success response (or of a webhook's notification content)
    /// that the new version no longer returns.
    ///
    /// ## Why is this bad?
    /// Later steps of existing flows read the property as dynamic content; without it they get
    /// nothing or fail. Microsoft's breaking-change check reports this ("the output field has
    /// been deleted").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a deleted output field as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3656.
    ///
    /// ## Example
    /// Old response schema: `{"properties": {"id": {}, "createdBy": {}}}`; new: `{"properties": {"id": {}}}`.
    ///
    /// Use instead: keep returning the property; mark it `"x-ms-visibility": "internal"` to hide
    /// it from new flows.
    pub OutputRemoved {
        id: "output-removed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A response property was removed",
        visits: [Change],
    }
}

impl ChangeRule for OutputRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.outputs() {
            let (Some(old), None) = (&pair.old, &pair.new) else { continue };
            if !pair.parent_on_both {
                continue;
            }
            let message = format!("output `{}` was removed; flows that use it in later steps will break", op.path_of(old));
            cx.report(change.field_at(Side::Old, old), Some(change.parent_on(op, old, Side::New)), message)
                .help("keep returning the field; hide it from new flows with `\"x-ms-visibility\": \"internal\"`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const ITEM: &str = "{\"Item\": {\"type\": \"object\", \"properties\": {\n\"id\": {\"type\": \"string\"},\n\"owner\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}}}}";
    const OP: &str =
        "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"description\": \"OK\",\n \"schema\": {\"$ref\": \"#/definitions/Item\"}}}}";

    #[test]
    fn fires_once_on_the_removed_property_in_the_old_file() {
        let item = "{\"Item\": {\"type\": \"object\", \"properties\": {\n\"id\": {\"type\": \"string\"}}}}";
        assert_eq!(
            changes(&OutputRemoved, &doc_with(OP, ITEM), &doc_with(OP, item)),
            ["old 8:1 /definitions/Item/properties/owner output `operation/Get/responses/200/schema/owner` was removed; flows that use it in later steps will break [related new 4:2 /paths/~1items/post/responses/200/schema]"]
        );
    }

    #[test]
    fn fires_on_a_removed_notification_property() {
        let old = "{\"paths\": {\"/hook\": {\"x-ms-notification-content\": {\"schema\": {\"properties\": {\n\"id\": {}}}},\n\"post\": {\"operationId\": \"OnNew\", \"x-ms-trigger\": \"single\"}}}}";
        let new = "{\"paths\": {\"/hook\": {\"x-ms-notification-content\": {\"schema\": {\"properties\": {\n\"key\": {}}}},\n\"post\": {\"operationId\": \"OnNew\", \"x-ms-trigger\": \"single\"}}}}";
        assert_eq!(
            changes(&OutputRemoved, old, new),
            ["old 2:1 /paths/~1hook/x-ms-notification-content/schema/properties/id output `operation/OnNew/responses/x-ms-notification-content/schema/id` was removed; flows that use it in later steps will break [related new 1:52 /paths/~1hook/x-ms-notification-content/schema]"]
        );
    }

    #[test]
    fn silent_when_properties_are_added_reordered_or_inlined() {
        let new = "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"description\": \"Done\", \"schema\": {\"properties\": {\"owner\": {\"properties\": {\"name\": {\"type\": \"string\"}, \"mail\": {}}, \"type\": \"object\"}, \"id\": {\"type\": \"string\"}}, \"type\": \"object\"}}}}";
        assert_no_change(&OutputRemoved, &doc_with(OP, ITEM), &doc(new));
    }
}
