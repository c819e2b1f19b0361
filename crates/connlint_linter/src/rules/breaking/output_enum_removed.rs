use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a response property that had an `enum` and no longer has one.
    ///
    /// ## Why is this bad?
    /// Flows may compare the value with the listed ones (conditions, switches). Without the
    /// list the property can hold other values, which those comparisons do not expect.
    /// Microsoft's breaking-change check reports this ("the list of enum values has been
    /// removed from the output field").
    ///
    /// ## Example
    /// Old: `"status": {"type": "string", "enum": ["open", "closed"]}`; new: `"status": {"type": "string"}`.
    ///
    /// Use instead: keep the enum and add new values to it when needed.
    pub OutputEnumRemoved {
        id: "output-enum-removed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The enum of a response property was removed",
        visits: [Change],
    }
}

impl ChangeRule for OutputEnumRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.outputs() {
            let Some((old, new)) = pair.both() else { continue };
            if old.enum_values().is_none() || new.enum_values().is_some() {
                continue;
            }
            let message =
                format!("output `{}` lost its list of values; flows that compare it with those values may misbehave", op.path_of(new));
            cx.report(change.field_at(Side::New, new), Some(change.at(Side::Old, old.value_span("enum"))), message)
                .help("keep the `enum`, adding any new values to it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_property_and_points_at_the_old_enum() {
        let old = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"status\": {\"type\": \"string\", \"enum\": [\"open\", \"closed\"]}}}}}}");
        let new = doc(
            "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"status\": {\"type\": \"string\"}}}}}}",
        );
        assert_eq!(
            changes(&OutputEnumRemoved, &old, &new),
            ["new 4:1 /paths/~1items/post/responses/200/schema/properties/status output `operation/Get/responses/200/schema/status` lost its list of values; flows that compare it with those values may misbehave [related old 4:38 /paths/~1items/post/responses/200/schema/properties/status/enum]"]
        );
    }

    #[test]
    fn silent_when_values_change_but_the_enum_stays() {
        let old = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\"s\": {\"enum\": [\"a\"]}}}}}}");
        let new = doc(
            "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\"s\": {\"enum\": [\"a\", \"b\"]}}}}}}",
        );
        assert_no_change(&OutputEnumRemoved, &old, &new);
    }
}
