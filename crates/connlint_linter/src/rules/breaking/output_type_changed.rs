use crate::change::{Change, FieldKind, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a response property (or a nested item) whose `type` changed. A response root
    /// that switches between array and object is left to `output-shape-changed`.
    ///
    /// ## Why is this bad?
    /// Later steps of existing flows use the value as the old type (a number in a comparison, a
    /// string in a concatenation), and break. Microsoft's breaking-change check reports this
    /// ("the type has been changed for the output field").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a changed output type as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3910 and
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/2649.
    ///
    /// ## Example
    /// Old: `"count": {"type": "integer"}`; new: `"count": {"type": "string"}`.
    ///
    /// Use instead: keep the type and add a new property with the new type.
    pub OutputTypeChanged {
        id: "output-type-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The type of a response property changed",
        visits: [Change],
    }
}

impl ChangeRule for OutputTypeChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.outputs() {
            let Some((old, new)) = pair.both() else { continue };
            let (Some(before), Some(after)) = (old.ty(), new.ty()) else { continue };
            let shape = |t: &str| t == "array" || t == "object";
            if before == after || (new.kind == FieldKind::Root && shape(before) && shape(after)) {
                continue;
            }
            let message = format!(
                "the type of output `{}` changed from `{before}` to `{after}`; flows that use it as a `{before}` will break",
                op.path_of(new)
            );
            cx.report(change.new_at(new.value_span("type")), Some(change.at(Side::Old, old.value_span("type"))), message)
                .help("keep the old type, and return the value in its new type under a new property name");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_a_changed_property_type() {
        let old = doc(
            "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"count\": {\"type\": \"integer\"}}}}}}",
        );
        let new = doc(
            "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\n\"count\": {\"type\": \"string\"}}}}}}",
        );
        assert_eq!(
            changes(&OutputTypeChanged, &old, &new),
            ["new 4:19 /paths/~1items/post/responses/200/schema/properties/count/type the type of output `operation/Get/responses/200/schema/count` changed from `integer` to `string`; flows that use it as a `integer` will break [related old 4:19 /paths/~1items/post/responses/200/schema/properties/count/type]"]
        );
    }

    #[test]
    fn silent_for_the_same_type_through_all_of_and_for_a_root_shape_change() {
        let old = doc_with(
            "{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"allOf\": [{\"$ref\": \"#/definitions/A\"}]}}}}",
            "{\"A\": {\"properties\": {\"n\": {\"type\": \"integer\"}}}}",
        );
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}}}}");
        assert_no_change(&OutputTypeChanged, &old, &new);
        let array = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"type\": \"array\", \"items\": {}}}}}");
        assert_no_change(&OutputTypeChanged, &new, &array);
    }
}
