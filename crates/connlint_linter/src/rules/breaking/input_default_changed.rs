use crate::change::{show, Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an input whose `default` changed or was removed.
    ///
    /// ## Why is this bad?
    /// Flows that never set the input relied on the old default; for an internal input the
    /// default *is* the behaviour, since makers cannot change it. Changing it silently changes
    /// what existing flows do.
    ///
    /// ## Example
    /// Old: `{"name": "api-version", "in": "query", "default": "2023-01-01", "x-ms-visibility": "internal"}`; new: the same with `"default": "2024-05-01"`.
    ///
    /// Use instead: keep the default, or add a new operation revision that uses the new one.
    pub InputDefaultChanged {
        id: "input-default-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An input's default value changed or was removed",
        visits: [Change],
    }
}

impl ChangeRule for InputDefaultChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let Some(before) = old.get("default") else { continue };
            let after = new.get("default");
            if after.is_some_and(|a| before.same_value(a)) {
                continue;
            }
            let now = after.map_or("no default".to_string(), |a| format!("{} now", show(a)));
            let internal = if new.is_internal() { " (it is internal, so makers cannot set it)" } else { "" };
            let message = format!(
                "the default of input `{}` changed ({} before, {now}); existing flows that relied on it will behave differently{internal}",
                op.path_of(new),
                show(before)
            );
            cx.report(change.new_at(new.value_span("default")), Some(change.at(Side::Old, before.span)), message)
                .help("keep the old default, or put the new behaviour in a new operation revision");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_a_changed_internal_default_and_on_a_removed_one() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"v\", \"in\": \"query\", \"default\": \"2023\", \"x-ms-visibility\": \"internal\"},\n {\"name\": \"top\", \"in\": \"query\", \"default\": 10}\n]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"v\", \"in\": \"query\", \"default\": \"2024\", \"x-ms-visibility\": \"internal\"},\n {\"name\": \"top\", \"in\": \"query\"}\n]}");
        assert_eq!(
            changes(&InputDefaultChanged, &old, &new),
            [
                "new 4:42 /paths/~1items/post/parameters/0/default the default of input `operation/Get/parameter/v` changed (\"2023\" before, \"2024\" now); existing flows that relied on it will behave differently (it is internal, so makers cannot set it) [related old 4:42 /paths/~1items/post/parameters/0/default]",
                "new 5:11 /paths/~1items/post/parameters/1/name the default of input `operation/Get/parameter/top` changed (10 before, no default); existing flows that relied on it will behave differently [related old 5:44 /paths/~1items/post/parameters/1/default]"
            ]
        );
    }

    #[test]
    fn silent_for_equal_defaults_and_new_defaults() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"o\", \"in\": \"body\", \"schema\": {\"default\": {\"a\": 1, \"b\": [true]}}}, {\"name\": \"n\", \"in\": \"query\"}]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"o\", \"in\": \"body\", \"schema\": {\"default\": {\"b\": [true], \"a\": 1.0}}}, {\"name\": \"n\", \"in\": \"query\", \"default\": 3}]}");
        assert_no_change(&InputDefaultChanged, &old, &new);
    }
}
