use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter or request body property whose `type` changed. Widening an
    /// `integer` to a `number` is allowed.
    ///
    /// ## Why is this bad?
    /// Existing flows keep sending the value with the old type, which the API now rejects or
    /// misreads. Microsoft's breaking-change check reports this ("the type has been changed for
    /// the input field").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a changed input type as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3546.
    ///
    /// ## Example
    /// Old: `{"name": "id", "in": "query", "type": "string"}`; new: `{"name": "id", "in": "query", "type": "integer"}`.
    ///
    /// Use instead: keep the type, or add a new parameter with the new type.
    pub InputTypeChanged {
        id: "input-type-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The type of a parameter or request body property changed",
        visits: [Change],
    }
}

impl ChangeRule for InputTypeChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let (Some(before), Some(after)) = (old.ty(), new.ty()) else { continue };
            if before == after || (before == "integer" && after == "number") {
                continue;
            }
            let message = format!(
                "the type of input `{}` changed from `{before}` to `{after}`; existing flows keep sending a `{before}`",
                op.path_of(new)
            );
            cx.report(change.new_at(new.value_span("type")), Some(change.at(Side::Old, old.value_span("type"))), message)
                .help("keep the old type, or add a new input with the new type and deprecate the old one");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_a_parameter_and_on_an_inferred_object_type() {
        let old = "{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"id\", \"in\": \"query\", \"type\": \"string\"},\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"properties\": {\"a\": {\"properties\": {}}}}}\n]}";
        let new = "{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"id\", \"in\": \"query\", \"type\": \"integer\"},\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"properties\": {\"a\": {\"type\": \"string\"}}}}\n]}";
        assert_eq!(
            changes(&InputTypeChanged, &doc(old), &doc(new)),
            [
                "new 4:40 /paths/~1items/post/parameters/0/type the type of input `operation/Get/parameter/id` changed from `string` to `integer`; existing flows keep sending a `string` [related old 4:40 /paths/~1items/post/parameters/0/type]",
                "new 5:73 /paths/~1items/post/parameters/1/schema/properties/a/type the type of input `operation/Get/parameter/body/schema/a` changed from `object` to `string`; existing flows keep sending a `object` [related old 5:59 /paths/~1items/post/parameters/1/schema/properties/a]"
            ]
        );
    }

    #[test]
    fn silent_when_widened_to_number_or_unchanged_through_a_ref() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"integer\"}, {\"name\": \"b\", \"in\": \"body\", \"schema\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\"}}}}]}");
        let new = doc_with(
            "{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"n\", \"in\": \"query\", \"type\": \"number\"}, {\"name\": \"b\", \"in\": \"body\", \"schema\": {\"$ref\": \"#/definitions/B\"}}]}",
            "{\"B\": {\"properties\": {\"x\": {\"type\": \"string\"}}, \"type\": \"object\"}}",
        );
        assert_no_change(&InputTypeChanged, &old, &new);
    }
}
