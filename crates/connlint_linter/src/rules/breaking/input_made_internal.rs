use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an input that makers could set and that is now `internal` without a `default`.
    ///
    /// ## Why is this bad?
    /// Makers can no longer see or edit the value their flows send, and new flows cannot set it
    /// at all, so the API receives nothing for it.
    ///
    /// ## Example
    /// Old: `{"name": "folder", "in": "query", "type": "string"}`; new: `{"name": "folder", "in": "query", "type": "string", "x-ms-visibility": "internal"}`.
    ///
    /// Use instead: give the internal input a `default`, or keep it visible as `advanced`.
    pub InputMadeInternal {
        id: "input-made-internal",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A visible input became internal without a default",
        visits: [Change],
    }
}

impl ChangeRule for InputMadeInternal {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            if old.is_internal() || !new.is_internal() || new.get("default").is_some() {
                continue;
            }
            let message = format!(
                "input `{}` is now internal and has no default; makers can no longer set the value their flows need",
                op.path_of(new)
            );
            cx.report(
                change.new_at(new.value_span("x-ms-visibility")),
                Some(change.at(Side::Old, old.value_span("x-ms-visibility"))),
                message,
            )
            .help("give the input a `default`, or keep it visible with `\"x-ms-visibility\": \"advanced\"`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_visibility() {
        let old = doc(
            "{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"f\", \"in\": \"query\", \"x-ms-visibility\": \"advanced\"}\n]}",
        );
        let new = doc(
            "{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"f\", \"in\": \"query\", \"x-ms-visibility\": \"internal\"}\n]}",
        );
        assert_eq!(
            changes(&InputMadeInternal, &old, &new),
            ["new 4:50 /paths/~1items/post/parameters/0/x-ms-visibility input `operation/Get/parameter/f` is now internal and has no default; makers can no longer set the value their flows need [related old 4:50 /paths/~1items/post/parameters/0/x-ms-visibility]"]
        );
    }

    #[test]
    fn silent_with_a_default_or_when_it_was_internal() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"f\", \"in\": \"query\"}, {\"name\": \"g\", \"in\": \"query\", \"x-ms-visibility\": \"internal\"}]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"f\", \"in\": \"query\", \"default\": \"x\", \"x-ms-visibility\": \"internal\"}, {\"name\": \"g\", \"in\": \"query\", \"x-ms-visibility\": \"internal\"}]}");
        assert_no_change(&InputMadeInternal, &old, &new);
    }
}
