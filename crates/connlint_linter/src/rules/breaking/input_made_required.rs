use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter or request body property that was optional and is now required
    /// (internal inputs with a default are exempt).
    ///
    /// ## Why is this bad?
    /// Flows that left the optional input empty now send requests without a required value,
    /// and fail. Microsoft's breaking-change check reports this ("the input field has been
    /// changed from optional to required").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports an input that became required as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3516.
    ///
    /// ## Example
    /// Old: `{"name": "top", "in": "query", "type": "integer"}`; new: `{"name": "top", "in": "query", "type": "integer", "required": true}`.
    ///
    /// Use instead: keep it optional and apply a default on the server.
    pub InputMadeRequired {
        id: "input-made-required",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "An optional input became required",
        visits: [Change],
    }
}

impl ChangeRule for InputMadeRequired {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let Some(required) = new.required else { continue };
            if old.is_required() || (new.is_internal() && new.get("default").is_some()) {
                continue;
            }
            let message =
                format!("input `{}` was optional and is now required; existing flows that left it empty will fail", op.path_of(new));
            cx.report(change.new_at(required), Some(change.field_at(Side::Old, old)), message)
                .help("keep the input optional, or give it a default value");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_required_true_and_on_a_required_array_entry() {
        let old = "{\"operationId\": \"Add\", \"parameters\": [\n {\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\"},\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"properties\": {\"a\": {}}}}\n]}";
        let new = "{\"operationId\": \"Add\", \"parameters\": [\n {\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\", \"required\": true},\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"required\": [\"a\"], \"properties\": {\"a\": {}}}}\n]}";
        assert_eq!(
            changes(&InputMadeRequired, &doc(old), &doc(new)),
            [
                "new 4:64 /paths/~1items/post/parameters/0/required input `operation/Add/parameter/top` was optional and is now required; existing flows that left it empty will fail [related old 4:11 /paths/~1items/post/parameters/0/name]",
                "new 5:57 /paths/~1items/post/parameters/1/schema/required/0 input `operation/Add/parameter/body/schema/a` was optional and is now required; existing flows that left it empty will fail [related old 5:59 /paths/~1items/post/parameters/1/schema/properties/a]"
            ]
        );
    }

    #[test]
    fn silent_when_already_required_or_when_made_optional() {
        let required = doc("{\"operationId\": \"Add\", \"parameters\": [{\"name\": \"top\", \"in\": \"query\", \"required\": true}]}");
        let optional = doc("{\"operationId\": \"Add\", \"parameters\": [{\"required\": false, \"name\": \"top\", \"in\": \"query\"}]}");
        assert_no_change(&InputMadeRequired, &required, &required);
        assert_no_change(&InputMadeRequired, &required, &optional);
    }
}
