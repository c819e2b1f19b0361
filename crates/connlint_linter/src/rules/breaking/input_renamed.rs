use crate::change::{renamed_parameters, Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter whose `name` or `in` changed: an old parameter is gone and a new one
    /// has the same name in another location, or the same location and the same
    /// `x-ms-summary`.
    ///
    /// ## Why is this bad?
    /// Flows store parameter values by name and location. After a rename, existing flows send
    /// the value under the old name, and the new parameter stays empty.
    ///
    /// ## Severity
    /// A rename is a removal plus an addition; Microsoft's versioning guidance counts both removing
    /// and adding parameters as changes that need a new revision
    /// (https://learn.microsoft.com/connectors/custom-connectors/operational-versioning).
    ///
    /// ## Example
    /// Old: `{"name": "q", "in": "query", "x-ms-summary": "Search text"}`; new: `{"name": "search", "in": "query", "x-ms-summary": "Search text"}`.
    ///
    /// Use instead: keep the old name and location; change only the `x-ms-summary` that makers see.
    pub InputRenamed {
        id: "input-renamed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A parameter was renamed or moved to another location",
        visits: [Change],
    }
}

impl ChangeRule for InputRenamed {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            for (old_index, new_index) in renamed_parameters(op) {
                let (Some(old), Some(new)) = (&op.inputs[old_index].old, &op.inputs[new_index].new) else { continue };
                let describe =
                    |f: &crate::change::Field<'_>| format!("`{}` in {}", f.str("name").unwrap_or(""), f.str("in").unwrap_or("?"));
                let message = format!(
                    "parameter {} of operation `{}` became {}; existing flows still send the old one and leave the new one empty",
                    describe(old),
                    op.key,
                    describe(new)
                );
                cx.report(change.field_at(Side::New, new), Some(change.field_at(Side::Old, old)), message)
                    .help("keep the parameter's `name` and `in`; change its `x-ms-summary` to rename it for makers");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const OLD: &str = "{\"operationId\": \"Find\", \"parameters\": [\n {\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search text\"}\n]}";

    #[test]
    fn fires_on_a_new_name_with_the_same_summary() {
        let new = "{\"operationId\": \"Find\", \"parameters\": [\n {\"name\": \"search\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search text\"}\n]}";
        assert_eq!(
            changes(&InputRenamed, &doc(OLD), &doc(new)),
            ["new 4:11 /paths/~1items/post/parameters/0/name parameter `q` in query of operation `Find` became `search` in query; existing flows still send the old one and leave the new one empty [related old 4:11 /paths/~1items/post/parameters/0/name]"]
        );
    }

    #[test]
    fn fires_on_a_new_location() {
        let new = "{\"operationId\": \"Find\", \"parameters\": [\n {\"name\": \"q\", \"in\": \"header\", \"type\": \"string\"}\n]}";
        assert_eq!(changes(&InputRenamed, &doc(OLD), &doc(new)).len(), 1);
    }

    #[test]
    fn silent_when_only_the_summary_changes_or_an_unrelated_parameter_replaces_it() {
        let new = "{\"operationId\": \"Find\", \"parameters\": [\n {\"name\": \"q\", \"in\": \"query\", \"type\": \"string\", \"x-ms-summary\": \"Search for\"}\n]}";
        assert_no_change(&InputRenamed, &doc(OLD), &doc(new));
        let other = "{\"operationId\": \"Find\", \"parameters\": [\n {\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\", \"x-ms-summary\": \"Count\"}\n]}";
        assert_no_change(&InputRenamed, &doc(OLD), &doc(other));
    }
}
