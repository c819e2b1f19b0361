use crate::change::{renamed_parameters, Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter or request body property of the old version that the new version no
    /// longer has (renames are reported by `input-renamed` instead).
    ///
    /// ## Why is this bad?
    /// Existing flows keep sending the value they were saved with. The API may reject the
    /// unknown field, or silently ignore a value the maker relies on.
    ///
    /// ## Severity
    /// Microsoft's versioning guidance counts removing parameters as a breaking change that needs a
    /// new operation revision
    /// (https://learn.microsoft.com/connectors/custom-connectors/operational-versioning); existing
    /// flows keep sending the old value.
    ///
    /// ## Example
    /// Old: `"parameters": [{"name": "top", "in": "query", "type": "integer"}]`; new: `"parameters": []`.
    ///
    /// Use instead: keep the parameter (mark it `"x-ms-visibility": "internal"` with a default
    /// if makers should no longer set it).
    pub InputRemoved {
        id: "input-removed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A parameter or request body property was removed",
        visits: [Change],
    }
}

impl ChangeRule for InputRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            let renamed: Vec<usize> = renamed_parameters(op).into_iter().map(|(old, _)| old).collect();
            for (i, pair) in op.inputs.iter().enumerate() {
                let (Some(old), None) = (&pair.old, &pair.new) else { continue };
                if !pair.parent_on_both || renamed.contains(&i) {
                    continue;
                }
                let message =
                    format!("input `{}` was removed; existing flows still send it and the API may reject or ignore it", op.path_of(old));
                cx.report(change.field_at(Side::Old, old), Some(change.parent_on(op, old, Side::New)), message)
                    .help("keep the input; hide it with `\"x-ms-visibility\": \"internal\"` and a default if makers should stop using it");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const OLD: &str = r##"{"operationId": "Add", "parameters": [
 {"name": "q", "in": "query", "type": "string"},
 {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}
]}"##;
    const ITEM: &str = "{\"Item\": {\"type\": \"object\", \"properties\": {\n\"name\": {\"type\": \"string\"},\n\"tags\": {\"type\": \"array\", \"items\": {\"properties\": {\"key\": {}}}}}}}";

    #[test]
    fn fires_on_a_removed_parameter_in_the_old_file() {
        let new = r##"{"operationId": "Add", "parameters": [
 {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}
]}"##;
        assert_eq!(
            changes(&InputRemoved, &doc_with(OLD, ITEM), &doc_with(new, ITEM)),
            ["old 4:11 /paths/~1items/post/parameters/0/name input `operation/Add/parameter/q` was removed; existing flows still send it and the API may reject or ignore it [related new 2:1 /paths/~1items/post]"]
        );
    }

    #[test]
    fn fires_once_on_a_removed_body_property_and_not_on_its_children() {
        let item = "{\"Item\": {\"type\": \"object\", \"properties\": {\n\"name\": {\"type\": \"string\"}}}}";
        assert_eq!(
            changes(&InputRemoved, &doc_with(OLD, ITEM), &doc_with(OLD, item)),
            ["old 10:1 /definitions/Item/properties/tags input `operation/Add/parameter/body/schema/tags` was removed; existing flows still send it and the API may reject or ignore it [related new 5:11 /paths/~1items/post/parameters/1/name]"]
        );
    }

    #[test]
    fn silent_for_reordered_parameters_a_new_optional_one_or_an_inlined_ref() {
        let new = r##"{"operationId": "Add", "parameters": [
 {"in": "body", "name": "body", "schema": {"type": "object", "properties": {"tags": {"items": {"properties": {"key": {}}}, "type": "array"}, "name": {"type": "string"}}}},
 {"name": "top", "in": "query", "type": "integer"},
 {"type": "string", "in": "query", "name": "q"}
]}"##;
        assert_no_change(&InputRemoved, &doc_with(OLD, ITEM), &doc_with(new, "{}"));
    }

    #[test]
    fn silent_for_a_renamed_parameter() {
        let new = r##"{"operationId": "Add", "parameters": [
 {"name": "q", "in": "header", "type": "string"},
 {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}
]}"##;
        assert_no_change(&InputRemoved, &doc_with(OLD, ITEM), &doc_with(new, ITEM));
    }
}
