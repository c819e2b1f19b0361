use crate::change::{Change, Field, FieldKind};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a response body (or webhook notification content) whose root changed between
    /// an array and an object, or that gained or lost `x-ms-dynamic-schema` /
    /// `x-ms-dynamic-properties`.
    ///
    /// ## Why is this bad?
    /// The designer builds "apply to each" loops for array responses and lists dynamic content
    /// from the static or dynamic schema. Existing flows were built on the old shape, and
    /// every step that uses the response breaks.
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports type changes of outputs as breaking
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3910); switching the response
    /// between array and object is the largest such change.
    ///
    /// ## Example
    /// Old: `"schema": {"type": "array", "items": {"$ref": "#/definitions/Item"}}`; new: `"schema": {"type": "object", "properties": {"value": {"type": "array"}}}`.
    ///
    /// Use instead: add a new operation revision for the new shape.
    pub OutputShapeChanged {
        id: "output-shape-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A response body changed between array and object, or between static and dynamic schema",
        visits: [Change],
    }
}

fn shape(t: Option<&str>) -> Option<&str> {
    t.filter(|t| *t == "array" || *t == "object")
}

fn dynamic(field: &Field<'_>) -> bool {
    field.get("x-ms-dynamic-schema").is_some() || field.get("x-ms-dynamic-properties").is_some()
}

impl ChangeRule for OutputShapeChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.outputs() {
            let Some((old, new)) = pair.both() else { continue };
            if new.kind != FieldKind::Root {
                continue;
            }
            let what = match (shape(old.ty()), shape(new.ty())) {
                (Some(before), Some(after)) if before != after => format!("changed from an {before} to an {after}"),
                _ if dynamic(old) != dynamic(new) => {
                    if dynamic(new) {
                        "became dynamic (x-ms-dynamic-schema)".to_string()
                    } else {
                        "is no longer dynamic (x-ms-dynamic-schema)".to_string()
                    }
                }
                _ => continue,
            };
            let message = format!("the response body `{}` {what}; every step of existing flows that uses it will break", op.path_of(new));
            cx.report(change.new_at(new.anchor), Some(change.old_at(old.anchor)), message)
                .help("keep the old shape, and offer the new one in a new operation revision");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_array_to_object_at_the_schema_keys() {
        let old = doc("{\"operationId\": \"List\", \"responses\": {\"200\": {\"description\": \"OK\",\n \"schema\": {\"type\": \"array\", \"items\": {}}}}}");
        let new = doc("{\"operationId\": \"List\", \"responses\": {\"200\": {\"description\": \"OK\",\n \"schema\": {\"type\": \"object\", \"properties\": {\"value\": {\"type\": \"array\"}}}}}}");
        assert_eq!(
            changes(&OutputShapeChanged, &old, &new),
            ["new 4:2 /paths/~1items/post/responses/200/schema the response body `operation/List/responses/200/schema` changed from an array to an object; every step of existing flows that uses it will break [related old 4:2 /paths/~1items/post/responses/200/schema]"]
        );
    }

    #[test]
    fn fires_when_the_schema_becomes_dynamic() {
        let old = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"type\": \"object\"}}}}");
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"type\": \"object\", \"x-ms-dynamic-schema\": {\"operationId\": \"S\"}}}}}");
        assert_eq!(changes(&OutputShapeChanged, &old, &new).len(), 1);
    }

    #[test]
    fn silent_when_the_root_keeps_its_shape_with_an_inferred_type() {
        let old =
            doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"type\": \"object\", \"properties\": {\"a\": {}}}}}}");
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"schema\": {\"properties\": {\"a\": {}, \"b\": {}}}}}}");
        assert_no_change(&OutputShapeChanged, &old, &new);
    }
}
