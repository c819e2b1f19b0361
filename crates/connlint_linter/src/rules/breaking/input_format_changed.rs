use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter or request body property that gained a `format` or whose `format`
    /// changed (removing a format only widens what is accepted).
    ///
    /// ## Why is this bad?
    /// The format tells the designer and the API how to read the value (`date-time`, `int64`,
    /// `email`...). Values saved in existing flows under the old format may no longer be valid.
    ///
    /// ## Example
    /// Old: `{"name": "since", "in": "query", "type": "string"}`; new: `{"name": "since", "in": "query", "type": "string", "format": "date-time"}`.
    ///
    /// Use instead: keep the format, or accept both spellings on the server.
    pub InputFormatChanged {
        id: "input-format-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The format of a parameter or request body property changed",
        visits: [Change],
    }
}

impl ChangeRule for InputFormatChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            let Some(after) = new.format() else { continue };
            if old.format() == Some(after) || old.ty() != new.ty() {
                continue;
            }
            let before = old.format().map_or("no format".to_string(), |f| format!("`{f}`"));
            let message = format!(
                "the format of input `{}` changed from {before} to `{after}`; values saved in existing flows may no longer be accepted",
                op.path_of(new)
            );
            cx.report(change.new_at(new.value_span("format")), Some(change.at(Side::Old, old.value_span("format"))), message)
                .help("keep the old format, or make the API accept values in both formats");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_an_added_or_changed_format() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"since\", \"in\": \"query\", \"type\": \"string\"}\n]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"since\", \"in\": \"query\", \"type\": \"string\", \"format\": \"date-time\"}\n]}");
        assert_eq!(
            changes(&InputFormatChanged, &old, &new),
            ["new 4:63 /paths/~1items/post/parameters/0/format the format of input `operation/Get/parameter/since` changed from no format to `date-time`; values saved in existing flows may no longer be accepted [related old 4:11 /paths/~1items/post/parameters/0/name]"]
        );
        let date = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"since\", \"in\": \"query\", \"type\": \"string\", \"format\": \"date\"}\n]}");
        assert_eq!(changes(&InputFormatChanged, &date, &new).len(), 1);
    }

    #[test]
    fn silent_when_the_format_is_removed_or_kept() {
        let with = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"since\", \"in\": \"query\", \"type\": \"string\", \"format\": \"date-time\"}]}");
        let without = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"since\", \"in\": \"query\", \"type\": \"string\"}]}");
        assert_no_change(&InputFormatChanged, &with, &without);
        assert_no_change(&InputFormatChanged, &with, &with);
    }
}
