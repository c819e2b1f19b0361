use crate::change::{show, Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports values that an input's `enum` no longer lists.
    ///
    /// ## Why is this bad?
    /// Makers picked one of the listed values when they built their flows. Existing flows keep
    /// sending the removed value, which now fails validation. Microsoft's breaking-change check
    /// reports this ("an enum value has been removed from the input field").
    ///
    /// ## Severity
    /// Microsoft's Breaking Change Detector, which its pipeline runs on every changed swagger,
    /// reports a removed input enum value as breaking; seen on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/2539.
    ///
    /// ## Example
    /// Old: `"enum": ["low", "normal", "high"]`; new: `"enum": ["normal", "high"]`.
    ///
    /// Use instead: keep accepting the old value (and map it on the server).
    pub InputEnumValueRemoved {
        id: "input-enum-value-removed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A value was removed from an input's enum",
        visits: [Change],
    }
}

impl ChangeRule for InputEnumValueRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let (Some(before), Some(after)) = (old.enum_values(), new.enum_values()) else { continue };
            let removed: Vec<_> = before.iter().filter(|v| !after.iter().any(|a| v.same_value(a))).collect();
            let Some(first) = removed.first() else { continue };
            let list = removed.iter().map(|v| show(v)).collect::<Vec<_>>().join(", ");
            let message = format!("input `{}` no longer accepts {list}; existing flows that chose it will fail", op.path_of(new));
            cx.report(change.new_at(new.value_span("enum")), Some(change.at(Side::Old, first.span)), message)
                .help("keep the old values in the enum");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_enum_and_points_at_the_removed_value() {
        let old = doc("{\"operationId\": \"Set\", \"parameters\": [\n {\"name\": \"level\", \"in\": \"query\", \"type\": \"string\",\n  \"enum\": [\"low\", \"normal\", \"high\"]}\n]}");
        let new = doc("{\"operationId\": \"Set\", \"parameters\": [\n {\"name\": \"level\", \"in\": \"query\", \"type\": \"string\",\n  \"enum\": [\"normal\", \"high\"]}\n]}");
        assert_eq!(
            changes(&InputEnumValueRemoved, &old, &new),
            ["new 5:11 /paths/~1items/post/parameters/0/enum input `operation/Set/parameter/level` no longer accepts \"low\"; existing flows that chose it will fail [related old 5:12 /paths/~1items/post/parameters/0/enum/0]"]
        );
    }

    #[test]
    fn silent_when_values_are_reordered_or_added_or_the_enum_dropped() {
        let old =
            doc("{\"operationId\": \"Set\", \"parameters\": [{\"name\": \"level\", \"in\": \"query\", \"enum\": [\"low\", \"high\"]}]}");
        let reordered = doc("{\"operationId\": \"Set\", \"parameters\": [{\"name\": \"level\", \"in\": \"query\", \"enum\": [\"high\", \"medium\", \"low\"]}]}");
        let free = doc("{\"operationId\": \"Set\", \"parameters\": [{\"name\": \"level\", \"in\": \"query\"}]}");
        assert_no_change(&InputEnumValueRemoved, &old, &reordered);
        assert_no_change(&InputEnumValueRemoved, &old, &free);
    }
}
