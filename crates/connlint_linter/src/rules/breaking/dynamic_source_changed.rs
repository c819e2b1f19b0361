use crate::change::{Change, Field};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Reports an input whose `x-ms-dynamic-values`, `x-ms-dynamic-list`,
    /// `x-ms-dynamic-schema`, `x-ms-dynamic-properties` or `x-ms-dynamic-tree` now calls
    /// another operation.
    ///
    /// ## Why is this bad?
    /// The values or schema that makers chose from came from the old operation. If the new one
    /// returns other identifiers or another shape, the values saved in existing flows may no
    /// longer match. This is worth a look rather than always wrong.
    ///
    /// ## Example
    /// Old: `"x-ms-dynamic-values": {"operationId": "ListFolders"}`; new: `"x-ms-dynamic-values": {"operationId": "ListFoldersV2"}`.
    ///
    /// Use instead: make sure the new operation returns the same identifiers.
    pub DynamicSourceChanged {
        id: "dynamic-source-changed",
        category: Breaking,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "A dynamic input now gets its values or schema from another operation",
        visits: [Change],
    }
}

const EXTENSIONS: [&str; 4] = ["x-ms-dynamic-values", "x-ms-dynamic-list", "x-ms-dynamic-schema", "x-ms-dynamic-properties"];

/// `(extension, call path, operationId node)` of every dynamic call of a field.
fn calls<'a>(field: &Field<'a>) -> Vec<(&'static str, String, &'a Node<'a>)> {
    let mut out = Vec::new();
    for ext in EXTENSIONS {
        if let Some(id) = field.get(ext).and_then(|e| e.get("operationId")) {
            out.push((ext, ext.to_string(), id));
        }
    }
    if let Some(tree) = field.get("x-ms-dynamic-tree") {
        for call in ["open", "browse"] {
            if let Some(id) = tree.get(call).and_then(|c| c.get("operationId")) {
                out.push(("x-ms-dynamic-tree", format!("x-ms-dynamic-tree {call}"), id));
            }
        }
    }
    out
}

impl ChangeRule for DynamicSourceChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let before = calls(old);
            for (_, call, id) in calls(new) {
                let Some((_, _, old_id)) = before.iter().find(|(_, c, _)| *c == call) else { continue };
                let (Some(a), Some(b)) = (old_id.as_str(), id.as_str()) else { continue };
                if a == b {
                    continue;
                }
                let message = format!(
                    "the {call} of input `{}` now calls `{b}` instead of `{a}`; values saved in existing flows must still be valid",
                    op.path_of(new)
                );
                cx.report(change.new_at(id.span), Some(change.old_at(old_id.span)), message)
                    .help("make sure the new operation returns the same identifiers as the old one");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_operation_id() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"f\", \"in\": \"query\", \"x-ms-dynamic-values\": {\"operationId\": \"ListFolders\"}}\n]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"f\", \"in\": \"query\", \"x-ms-dynamic-values\": {\"operationId\": \"ListFoldersV2\"}}\n]}");
        assert_eq!(
            changes(&DynamicSourceChanged, &old, &new),
            ["new 4:70 /paths/~1items/post/parameters/0/x-ms-dynamic-values/operationId the x-ms-dynamic-values of input `operation/Get/parameter/f` now calls `ListFoldersV2` instead of `ListFolders`; values saved in existing flows must still be valid [related old 4:70 /paths/~1items/post/parameters/0/x-ms-dynamic-values/operationId]"]
        );
    }

    #[test]
    fn silent_when_only_the_value_path_changes_or_an_extension_is_added() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"f\", \"in\": \"query\", \"x-ms-dynamic-values\": {\"operationId\": \"L\", \"value-path\": \"id\"}}]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"f\", \"in\": \"query\", \"x-ms-dynamic-values\": {\"value-path\": \"Id\", \"operationId\": \"L\"}, \"x-ms-dynamic-tree\": {\"open\": {\"operationId\": \"T\"}}}]}");
        assert_no_change(&DynamicSourceChanged, &old, &new);
    }
}
