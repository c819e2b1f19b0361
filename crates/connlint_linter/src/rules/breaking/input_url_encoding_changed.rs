use crate::change::{Change, FieldKind, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter whose `x-ms-url-encoding` changed (a missing one means `single`).
    ///
    /// ## Why is this bad?
    /// Double encoding changes the bytes that reach the API for the same value: existing flows
    /// that pass paths or identifiers with `/` or `%` now address something else.
    ///
    /// ## Example
    /// Old: `{"name": "path", "in": "path", "required": true, "type": "string"}`; new: the same with `"x-ms-url-encoding": "double"`.
    ///
    /// Use instead: keep the old encoding, or add a new operation revision with the new one.
    pub InputUrlEncodingChanged {
        id: "input-url-encoding-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A parameter's x-ms-url-encoding changed",
        visits: [Change],
    }
}

impl ChangeRule for InputUrlEncodingChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for (op, pair) in change.inputs() {
            let Some((old, new)) = pair.both() else { continue };
            if new.kind != FieldKind::Parameter {
                continue;
            }
            let (before, after) =
                (old.own_str("x-ms-url-encoding").unwrap_or("single"), new.own_str("x-ms-url-encoding").unwrap_or("single"));
            if before == after {
                continue;
            }
            let message = format!(
                "the x-ms-url-encoding of parameter `{}` changed from `{before}` to `{after}`; the values of existing flows will reach the API encoded differently",
                op.path_of(new)
            );
            cx.report(
                change.new_at(new.value_span("x-ms-url-encoding")),
                Some(change.at(Side::Old, old.value_span("x-ms-url-encoding"))),
                message,
            )
            .help("keep the old encoding");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_when_single_becomes_double() {
        let old = doc(
            "{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"single\"}\n]}",
        );
        let new = doc(
            "{\"operationId\": \"Get\", \"parameters\": [\n {\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"double\"}\n]}",
        );
        assert_eq!(
            changes(&InputUrlEncodingChanged, &old, &new),
            ["new 4:51 /paths/~1items/post/parameters/0/x-ms-url-encoding the x-ms-url-encoding of parameter `operation/Get/parameter/p` changed from `single` to `double`; the values of existing flows will reach the API encoded differently [related old 4:51 /paths/~1items/post/parameters/0/x-ms-url-encoding]"]
        );
    }

    #[test]
    fn silent_when_single_is_dropped_as_it_is_the_default() {
        let old =
            doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"single\"}]}");
        let new = doc("{\"operationId\": \"Get\", \"parameters\": [{\"name\": \"p\", \"in\": \"path\"}]}");
        assert_no_change(&InputUrlEncodingChanged, &old, &new);
    }
}
