use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::swagger::{Operation, Swagger};

declare_rule! {
    /// ## What it does
    /// Reports an operation that changed between action and trigger, between a `single` and a
    /// `batch` trigger, or between a webhook and a polling trigger.
    ///
    /// ## Why is this bad?
    /// A flow uses an operation either as its trigger or as an action, and the designer saved
    /// how the trigger fires. After such a change the saved flows no longer match what the
    /// connector offers, and they stop firing or fail to save.
    ///
    /// ## Severity
    /// Microsoft's versioning guidance treats changing what an operation means or how it behaves as
    /// breaking and asks for a new revision instead
    /// (https://learn.microsoft.com/connectors/custom-connectors/operational-versioning); saved
    /// flows no longer match the operation.
    ///
    /// ## Example
    /// Old: `{"operationId": "OnNewItem", "x-ms-trigger": "single"}`; new: `{"operationId": "OnNewItem", "x-ms-trigger": "batch"}`.
    ///
    /// Use instead: add a new trigger with its own operationId and deprecate the old one.
    pub OperationTriggerKindChanged {
        id: "operation-trigger-kind-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "An operation changed between action and trigger, or changed its trigger kind",
        visits: [Change],
    }
}

/// `action`, or the trigger's `x-ms-trigger` value and whether it is a webhook.
fn kind(swagger: &Swagger<'_>, op: &Operation<'_>) -> String {
    let Some(trigger) = op.trigger else { return "an action".into() };
    let value = trigger.as_str().unwrap_or("?");
    let webhook = swagger.paths[op.path_index].notification_content.is_some()
        || crate::change::input_fields(swagger, op).iter().any(|f| f.get("x-ms-notification-url").and_then(|v| v.as_bool()) == Some(true));
    format!("a {} {value} trigger", if webhook { "webhook" } else { "polling" })
}

impl ChangeRule for OperationTriggerKindChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old_swagger), Some(new_swagger)) = (change.old_swagger(), change.new_swagger()) else { return };
        for op in &change.operations {
            let (before, after) = (kind(old_swagger, op.old), kind(new_swagger, op.new));
            if before == after {
                continue;
            }
            let at = |side: Side, o: &Operation<'_>| change.at(side, o.trigger.map_or(o.span(), |t| t.span));
            let message = format!("operation `{}` was {before} and is now {after}; flows built on the old kind will stop working", op.key);
            cx.report(at(Side::New, op.new), Some(at(Side::Old, op.old)), message)
                .help("keep the operation as it was and add the new kind as a new operation with its own operationId");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_single_to_batch_at_both_trigger_values() {
        let old = doc("{\"operationId\": \"OnNew\",\n \"x-ms-trigger\": \"single\"}");
        let new = doc("{\"operationId\": \"OnNew\",\n \"x-ms-trigger\": \"batch\"}");
        assert_eq!(
            changes(&OperationTriggerKindChanged, &old, &new),
            ["new 4:18 /paths/~1items/post/x-ms-trigger operation `OnNew` was a polling single trigger and is now a polling batch trigger; flows built on the old kind will stop working [related old 4:18 /paths/~1items/post/x-ms-trigger]"]
        );
    }

    #[test]
    fn fires_on_action_to_trigger_and_on_polling_to_webhook() {
        let action = doc("{\"operationId\": \"OnNew\"}");
        let polling = doc("{\"operationId\": \"OnNew\", \"x-ms-trigger\": \"single\"}");
        let webhook = doc("{\"operationId\": \"OnNew\", \"x-ms-trigger\": \"single\", \"parameters\": [{\"name\": \"cb\", \"in\": \"body\", \"schema\": {\"properties\": {\"url\": {\"type\": \"string\", \"x-ms-notification-url\": true}}}}]}");
        let found = changes(&OperationTriggerKindChanged, &action, &polling);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with(
                "new 3:42 /paths/~1items/post/x-ms-trigger operation `OnNew` was an action and is now a polling single trigger"
            ),
            "{found:?}"
        );
        let found = changes(&OperationTriggerKindChanged, &polling, &webhook);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn silent_when_the_trigger_stays_the_same() {
        let old = doc("{\"operationId\": \"OnNew\", \"x-ms-trigger\": \"single\"}");
        let new = doc("{\"x-ms-trigger\": \"single\", \"summary\": \"When an item is added\", \"operationId\": \"OnNew\"}");
        assert_no_change(&OperationTriggerKindChanged, &old, &new);
    }
}
