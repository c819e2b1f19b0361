use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an input whose validation became stricter: a lower or new `maxLength`,
    /// `maximum` or `maxItems`; a higher or new `minLength`, `minimum` or `minItems`; a new or
    /// different `pattern`.
    ///
    /// ## Why is this bad?
    /// Values that existing flows send and that used to pass may now be rejected.
    ///
    /// ## Example
    /// Old: `{"name": "title", "in": "query", "type": "string", "maxLength": 200}`; new: the same with `"maxLength": 100`.
    ///
    /// Use instead: keep the old limits, or truncate or adjust values on the server.
    pub InputConstraintTightened {
        id: "input-constraint-tightened",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An input's length, range, item count or pattern became stricter",
        visits: [Change],
    }
}

/// Keywords that limit from above (a lower value is stricter) and from below.
const UPPER: [&str; 3] = ["maxLength", "maximum", "maxItems"];
const LOWER: [&str; 3] = ["minLength", "minimum", "minItems"];

impl ChangeRule for InputConstraintTightened {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let number = |f: &crate::change::Field<'_>, k: &str| f.get(k).and_then(|n| n.as_number()).map(|n| n.value);
            for keyword in UPPER.into_iter().chain(LOWER).chain(["pattern"]) {
                let stricter = match keyword {
                    "pattern" => new.str(keyword).is_some_and(|p| old.str(keyword) != Some(p)),
                    _ => match (number(old, keyword), number(new, keyword)) {
                        (_, None) => false,
                        (None, Some(_)) => true,
                        (Some(before), Some(after)) => {
                            if UPPER.contains(&keyword) {
                                after < before
                            } else {
                                after > before
                            }
                        }
                    },
                };
                if !stricter {
                    continue;
                }
                let Some(value) = new.get(keyword) else { continue };
                let before = old.get(keyword).map_or("none".to_string(), crate::change::show);
                let message = format!(
                    "`{keyword}` of input `{}` became stricter ({before} before, {} now); values existing flows send may be rejected",
                    op.path_of(new),
                    crate::change::show(value)
                );
                cx.report(change.new_at(value.span), Some(change.at(Side::Old, old.value_span(keyword))), message)
                    .help("keep the old limit, or make the server accept and adjust the values it used to accept");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_lower_maximums_higher_minimums_and_new_patterns() {
        let old = doc(
            "{\"operationId\": \"Set\", \"parameters\": [\n {\"name\": \"t\", \"in\": \"query\", \"maxLength\": 200, \"minimum\": 1}\n]}",
        );
        let new = doc("{\"operationId\": \"Set\", \"parameters\": [\n {\"name\": \"t\", \"in\": \"query\", \"maxLength\": 100, \"minimum\": 5,\n \"pattern\": \"^a\"}\n]}");
        assert_eq!(
            changes(&InputConstraintTightened, &old, &new),
            [
                "new 4:44 /paths/~1items/post/parameters/0/maxLength `maxLength` of input `operation/Set/parameter/t` became stricter (200 before, 100 now); values existing flows send may be rejected [related old 4:44 /paths/~1items/post/parameters/0/maxLength]",
                "new 4:60 /paths/~1items/post/parameters/0/minimum `minimum` of input `operation/Set/parameter/t` became stricter (1 before, 5 now); values existing flows send may be rejected [related old 4:60 /paths/~1items/post/parameters/0/minimum]",
                "new 5:13 /paths/~1items/post/parameters/0/pattern `pattern` of input `operation/Set/parameter/t` became stricter (none before, \"^a\" now); values existing flows send may be rejected [related old 4:11 /paths/~1items/post/parameters/0/name]"
            ]
        );
    }

    #[test]
    fn silent_when_limits_are_relaxed_or_removed() {
        let old = doc("{\"operationId\": \"Set\", \"parameters\": [{\"name\": \"t\", \"in\": \"query\", \"maxLength\": 100, \"minItems\": 2, \"pattern\": \"^a\"}]}");
        let new =
            doc("{\"operationId\": \"Set\", \"parameters\": [{\"name\": \"t\", \"in\": \"query\", \"maxLength\": 300, \"minItems\": 0}]}");
        assert_no_change(&InputConstraintTightened, &old, &new);
    }
}
