use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a response property (including a webhook's notification content) whose `format`
    /// changed or was removed. Adding a format to a property that had none is allowed.
    ///
    /// ## Why is this bad?
    /// The designer offers format-specific handling (dates, numbers) to later steps. Existing
    /// flows built on the old format may fail or show wrong values. Microsoft's breaking-change
    /// check reports this ("the type format has been changed for the output field").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a changed output format as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3863.
    ///
    /// ## Example
    /// Old: `"created": {"type": "string", "format": "date-time"}`; new: `"created": {"type": "string", "format": "date"}`.
    ///
    /// Use instead: keep the old format and add a new property for the new one.
    pub OutputFormatChanged {
        id: "output-format-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The format of a response property changed or was removed",
        visits: [Change],
    }
}

impl ChangeRule for OutputFormatChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.outputs() {
            let Some((old, new)) = pair.both() else { continue };
            let Some(before) = old.format() else { continue };
            if new.format() == Some(before) || old.ty() != new.ty() {
                continue;
            }
            let after = new.format().map_or("no format".to_string(), |f| format!("`{f}`"));
            let message = format!(
                "the format of output `{}` changed from `{before}` to {after}; flows that rely on the old format may break",
                op.path_of(new)
            );
            cx.report(change.new_at(new.value_span("format")), Some(change.at(Side::Old, old.value_span("format"))), message)
                .help("keep the old format, and return the value in the new format under a new property name");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_a_changed_and_on_a_removed_format() {
        let old = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"at\": {\"type\": \"string\", \"format\": \"date-time\"}}}}}}");
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"at\": {\"type\": \"string\", \"format\": \"date\"}}}}}}");
        assert_eq!(
            changes(&OutputFormatChanged, &old, &new),
            ["new 4:36 /paths/~1items/post/responses/200/schema/properties/at/format the format of output `operation/Get/responses/200/schema/at` changed from `date-time` to `date`; flows that rely on the old format may break [related old 4:36 /paths/~1items/post/responses/200/schema/properties/at/format]"]
        );
        let none =
            doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"at\": {\"type\": \"string\"}}}}}}");
        assert_eq!(changes(&OutputFormatChanged, &old, &none).len(), 1);
    }

    #[test]
    fn silent_when_a_format_is_added_or_kept() {
        let old =
            doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\"at\": {\"type\": \"string\"}}}}}}");
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\"at\": {\"format\": \"date-time\", \"type\": \"string\"}}}}}}");
        assert_no_change(&OutputFormatChanged, &old, &new);
        assert_no_change(&OutputFormatChanged, &new, &new);
    }
}
