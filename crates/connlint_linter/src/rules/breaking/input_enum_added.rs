use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an input that accepted any value and now has an `enum`.
    ///
    /// ## Why is this bad?
    /// Existing flows may send values outside the new list, which now fail validation.
    /// Microsoft's breaking-change check reports this ("the list of enum values has been added
    /// to the input field").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a new enum on an input as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/619.
    ///
    /// ## Example
    /// Old: `{"name": "sort", "in": "query", "type": "string"}`; new: `{"name": "sort", "in": "query", "type": "string", "enum": ["asc", "desc"]}`.
    ///
    /// Use instead: suggest values with `x-ms-dynamic-values` or in the description and keep
    /// accepting free text.
    pub InputEnumAdded {
        id: "input-enum-added",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A list of allowed values was added to a free input",
        visits: [Change],
    }
}

impl ChangeRule for InputEnumAdded {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            if old.enum_values().is_some() || new.enum_values().is_none() {
                continue;
            }
            let message =
                format!("input `{}` now only accepts the values of its new enum; existing flows may send other values", op.path_of(new));
            cx.report(change.new_at(new.value_span("enum")), Some(change.field_at(Side::Old, old)), message)
                .help("keep the input free and suggest values instead (for example with `x-ms-dynamic-values`)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_enum() {
        let old = doc("{\"operationId\": \"List\", \"parameters\": [\n {\"name\": \"sort\", \"in\": \"query\", \"type\": \"string\"}\n]}");
        let new = doc("{\"operationId\": \"List\", \"parameters\": [\n {\"name\": \"sort\", \"in\": \"query\", \"type\": \"string\", \"enum\": [\"asc\", \"desc\"]}\n]}");
        assert_eq!(
            changes(&InputEnumAdded, &old, &new),
            ["new 4:60 /paths/~1items/post/parameters/0/enum input `operation/List/parameter/sort` now only accepts the values of its new enum; existing flows may send other values [related old 4:11 /paths/~1items/post/parameters/0/name]"]
        );
    }

    #[test]
    fn silent_when_the_enum_existed_or_a_new_input_has_one() {
        let old = doc("{\"operationId\": \"List\", \"parameters\": [{\"name\": \"sort\", \"in\": \"query\", \"enum\": [\"asc\"]}]}");
        let new = doc("{\"operationId\": \"List\", \"parameters\": [{\"name\": \"sort\", \"in\": \"query\", \"enum\": [\"asc\", \"desc\"]}, {\"name\": \"dir\", \"in\": \"query\", \"enum\": [\"a\"]}]}");
        assert_no_change(&InputEnumAdded, &old, &new);
    }
}
