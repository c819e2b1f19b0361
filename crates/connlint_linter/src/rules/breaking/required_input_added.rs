use crate::change::{renamed_parameters, Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a new required parameter, or a new required property in a request body that
    /// already existed. Internal inputs with a default are exempt: the platform sends the
    /// default.
    ///
    /// ## Why is this bad?
    /// Existing flows were saved without the new input, so their requests lack it and fail
    /// validation. Microsoft's breaking-change check reports this ("the required input field
    /// has been added").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a new required input as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3656 and
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/2641.
    ///
    /// ## Example
    /// Old: `"parameters": []`; new: `"parameters": [{"name": "region", "in": "query", "required": true, "type": "string"}]`.
    ///
    /// Use instead: make the new input optional, or give it a default.
    pub RequiredInputAdded {
        id: "required-input-added",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A required parameter or request body property was added",
        visits: [Change],
    }
}

impl ChangeRule for RequiredInputAdded {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            let renamed: Vec<usize> = renamed_parameters(op).into_iter().map(|(_, new)| new).collect();
            for (i, pair) in op.inputs.iter().enumerate() {
                let (None, Some(new)) = (&pair.old, &pair.new) else { continue };
                if !pair.parent_on_both || !new.is_required() || renamed.contains(&i) || (new.is_internal() && new.get("default").is_some())
                {
                    continue;
                }
                let message =
                    format!("new required input `{}`: existing flows do not send it, so their requests will fail", op.path_of(new));
                cx.report(change.field_at(Side::New, new), Some(change.parent_on(op, new, Side::Old)), message)
                    .help("make the new input optional, or give it a default value");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const OLD: &str = "{\"operationId\": \"Add\", \"parameters\": [\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}}\n]}";

    #[test]
    fn fires_on_a_new_required_parameter() {
        let new = "{\"operationId\": \"Add\", \"parameters\": [\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}},\n {\"name\": \"region\", \"in\": \"query\", \"required\": true, \"type\": \"string\"}\n]}";
        assert_eq!(
            changes(&RequiredInputAdded, &doc(OLD), &doc(new)),
            ["new 5:11 /paths/~1items/post/parameters/1/name new required input `operation/Add/parameter/region`: existing flows do not send it, so their requests will fail [related old 2:1 /paths/~1items/post]"]
        );
    }

    #[test]
    fn fires_on_a_new_required_body_property() {
        let new = "{\"operationId\": \"Add\", \"parameters\": [\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"type\": \"object\", \"required\": [\"id\"], \"properties\": {\"name\": {\"type\": \"string\"},\n \"id\": {\"type\": \"string\"}}}}\n]}";
        assert_eq!(
            changes(&RequiredInputAdded, &doc(OLD), &doc(new)),
            ["new 5:2 /paths/~1items/post/parameters/0/schema/properties/id new required input `operation/Add/parameter/body/schema/id`: existing flows do not send it, so their requests will fail [related old 4:11 /paths/~1items/post/parameters/0/name]"]
        );
    }

    #[test]
    fn silent_for_optional_inputs_internal_defaults_and_required_parts_of_new_objects() {
        let new = "{\"operationId\": \"Add\", \"parameters\": [\n {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}, \"extra\": {\"type\": \"object\", \"required\": [\"x\"], \"properties\": {\"x\": {}}}}}},\n {\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\"},\n {\"name\": \"api-version\", \"in\": \"query\", \"required\": true, \"type\": \"string\", \"default\": \"1\", \"x-ms-visibility\": \"internal\"}\n]}";
        assert_no_change(&RequiredInputAdded, &doc(OLD), &doc(new));
    }
}
