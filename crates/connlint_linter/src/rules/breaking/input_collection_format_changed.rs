use crate::change::{Change, FieldKind, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an array parameter whose `collectionFormat` changed (a missing one means `csv`).
    ///
    /// ## Why is this bad?
    /// The collection format decides how the list is written into the request (`a,b` or
    /// `x=a&x=b` ...). Existing flows keep their values, but the API now receives them in
    /// another shape and may misread them.
    ///
    /// ## Example
    /// Old: `{"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}}`; new: the same with `"collectionFormat": "multi"`.
    ///
    /// Use instead: keep the old format.
    pub InputCollectionFormatChanged {
        id: "input-collection-format-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An array parameter's collectionFormat changed",
        visits: [Change],
    }
}

impl ChangeRule for InputCollectionFormatChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            if new.kind != FieldKind::Parameter || new.get("schema").is_some() {
                continue;
            }
            let (before, after) = (old.own_str("collectionFormat").unwrap_or("csv"), new.own_str("collectionFormat").unwrap_or("csv"));
            if before == after {
                continue;
            }
            let message = format!(
                "the collectionFormat of parameter `{}` changed from `{before}` to `{after}`; the API will receive the lists of existing flows in another form",
                op.path_of(new)
            );
            cx.report(
                change.new_at(new.value_span("collectionFormat")),
                Some(change.at(Side::Old, old.value_span("collectionFormat"))),
                message,
            )
            .help("keep the old collectionFormat");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_when_the_default_csv_becomes_multi() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"ids\", \"in\": \"query\", \"type\": \"array\"}\n]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"ids\", \"in\": \"query\", \"type\": \"array\", \"collectionFormat\": \"multi\"}\n]}");
        assert_eq!(
            changes(&InputCollectionFormatChanged, &old, &new),
            ["new 4:70 /paths/~1items/post/parameters/0/collectionFormat the collectionFormat of parameter `operation/Get/parameter/ids` changed from `csv` to `multi`; the API will receive the lists of existing flows in another form [related old 4:11 /paths/~1items/post/parameters/0/name]"]
        );
    }

    #[test]
    fn silent_when_csv_is_spelled_out() {
        let old = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"ids\", \"in\": \"query\", \"type\": \"array\"}]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"ids\", \"in\": \"query\", \"type\": \"array\", \"collectionFormat\": \"csv\"}]}");
        assert_no_change(&InputCollectionFormatChanged, &old, &new);
    }
}
