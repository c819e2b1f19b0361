use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports a swagger whose `x-ms-capabilities` lost its `testConnection`, whose
    /// `testConnection` now calls another operation, or whose `file-picker` changed.
    ///
    /// ## Why is this bad?
    /// Power Platform checks connections with the test operation and builds the file browser
    /// of existing flows from the file picker. Existing connections may no longer be verified,
    /// and saved file selections may no longer open.
    ///
    /// ## Example
    /// Old: `"x-ms-capabilities": {"testConnection": {"operationId": "GetMe"}}`; new: no `x-ms-capabilities`.
    ///
    /// Use instead: keep the capability and the operation it calls.
    pub CapabilityRemoved {
        id: "capability-removed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The testConnection or file-picker capability was removed or changed",
        visits: [Change],
    }
}

impl ChangeRule for CapabilityRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old), Some(new)) = (change.old_swagger(), change.new_swagger()) else { return };
        let Some(before) = old.capabilities.as_ref() else { return };
        let after = new.capabilities.as_ref();
        let new_anchor = change.new_at(after.map_or(new.root.span, |c| c.node.span));
        let help = "keep the capability as it was";
        let member_span = |node: &connlint_core::json::Node, key: &str| node.member(key).map(|m| m.key.span);
        if let Some(test) = &before.test_connection {
            let old_at = change.old_at(member_span(before.node, "testConnection").unwrap_or(test.node.span));
            match after.and_then(|a| a.test_connection.as_ref()) {
                None => {
                    let message =
                        "the testConnection capability was removed; existing connections are no longer checked when they are used"
                            .to_string();
                    cx.report(old_at, Some(new_anchor), message).help(help);
                }
                Some(current) => {
                    let (a, b) = (test.operation_id.map(|o| o.value), current.operation_id.map(|o| o.value));
                    if a != b {
                        let message = format!(
                            "testConnection now calls `{}` instead of `{}`; existing connections may fail the new test",
                            b.unwrap_or("nothing"),
                            a.unwrap_or("nothing")
                        );
                        let at = change.new_at(current.operation_id.map_or(current.node.span, |o| o.span));
                        cx.report(at, Some(change.old_at(test.operation_id.map_or(test.node.span, |o| o.span))), message).help(help);
                    }
                }
            }
        }
        if let Some(picker) = before.file_picker {
            let old_at = change.old_at(member_span(before.node, "file-picker").unwrap_or(picker.span));
            match after.and_then(|a| a.file_picker) {
                None => {
                    let message =
                        "the file-picker capability was removed; file selections saved in existing flows can no longer be browsed"
                            .to_string();
                    cx.report(old_at, Some(new_anchor), message).help(help);
                }
                Some(current) if !picker.same_value(current) => {
                    let message =
                        "the file-picker capability changed; file selections saved in existing flows may no longer open".to_string();
                    cx.report(change.new_at(current.span), Some(old_at), message).help(help);
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const OLD: &str = "{\"paths\": {}, \"x-ms-capabilities\": {\n\"testConnection\": {\"operationId\": \"GetMe\"},\n\"file-picker\": {\"open\": {\"operationId\": \"Root\"}}}}";

    #[test]
    fn fires_on_removed_test_connection_and_changed_file_picker() {
        let new = "{\"paths\": {}, \"x-ms-capabilities\": {\n\"file-picker\": {\"open\": {\"operationId\": \"RootV2\"}}}}";
        assert_eq!(
            changes(&CapabilityRemoved, OLD, new),
            [
                "new 2:16 /x-ms-capabilities/file-picker the file-picker capability changed; file selections saved in existing flows may no longer open [related old 3:1 /x-ms-capabilities/file-picker]",
                "old 2:1 /x-ms-capabilities/testConnection the testConnection capability was removed; existing connections are no longer checked when they are used [related new 1:36 /x-ms-capabilities]",
            ]
        );
    }

    #[test]
    fn fires_when_test_connection_calls_another_operation() {
        let new = "{\"paths\": {}, \"x-ms-capabilities\": {\n\"testConnection\": {\"operationId\": \"Ping\"},\n\"file-picker\": {\"open\": {\"operationId\": \"Root\"}}}}";
        assert_eq!(changes(&CapabilityRemoved, OLD, new).len(), 1);
    }

    #[test]
    fn silent_when_capabilities_are_reordered() {
        let new = "{\"x-ms-capabilities\": {\"file-picker\": {\"open\": {\"operationId\": \"Root\"}}, \"testConnection\": {\"operationId\": \"GetMe\"}}, \"paths\": {}}";
        assert_no_change(&CapabilityRemoved, OLD, new);
    }
}
