use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::calls::CallKind;
use crate::semantic::webhooks::is_webhook;

declare_rule! {
    /// ## What it does
    /// Checks the operation extension `x-ms-notification`, which lets a polling trigger point
    /// at the webhook operation that delivers the same events. It reports the extension on an
    /// operation that is not a trigger (no `x-ms-trigger`), on an operation that is itself a
    /// webhook (its path item has `x-ms-notification-content` or its body a property marked
    /// `x-ms-notification-url`), and an `operationId` in it that names an operation that is not
    /// a webhook trigger. Unknown operationIds are left to `operation-reference-unknown`.
    ///
    /// ## Why is this bad?
    /// Only a polling trigger can be paired with a webhook this way; anywhere else the
    /// extension is ignored, and pointing it at an ordinary operation makes the platform try to
    /// register a webhook with an operation that cannot take a callback URL. Microsoft's Swagger
    /// Validator rejects each case.
    ///
    /// ## Severity
    /// `x-ms-notification` is checked by the validator:
    /// `NotificationExtensionSupportedForTriggerOnly`,
    /// `NotificationExtensionNotSupportedInWebhookOperation` and
    /// `NotificationOperationMustBeWebhook`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "ListItems", "x-ms-notification": { "operationId": "OnNewItem" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "get": { "operationId": "OnNewItemPolling", "x-ms-trigger": "batch", "x-ms-notification": { "operationId": "OnNewItem" } } }
    /// ```
    pub NotificationExtensionInvalid {
        id: "notification-extension-invalid",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: [
            "NotificationExtensionSupportedForTriggerOnly",
            "NotificationExtensionNotSupportedInWebhookOperation",
            "NotificationOperationMustBeWebhook",
        ],
        summary: "x-ms-notification is on a non-trigger or a webhook, or points at an operation that is not a webhook",
        visits: [Connector],
    }
}

impl Rule for NotificationExtensionInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for call in cx.semantic().calls().iter().filter(|c| c.kind == CallKind::Notification) {
            let Some(source) = call.source.map(|i| &swagger.operations[i]) else { continue };
            let Some(key) = source.node.member("x-ms-notification").map(|m| &m.key) else { continue };
            if !source.is_trigger() {
                cx.report_swagger(key.span, format!("`x-ms-notification` is on `{}`, which is not a trigger", source.display_name()))
                    .help("use it only on a polling trigger (an operation with `x-ms-trigger`), or remove it");
            } else if is_webhook(swagger, source) {
                cx.report_swagger(
                    key.span,
                    format!("`x-ms-notification` is on `{}`, which is itself a webhook trigger", source.display_name()),
                )
                .help("remove it; it belongs on the polling trigger that the webhook can replace");
            }
            let (Some(target), Some(id)) = (call.target(swagger), call.operation_id) else { continue };
            if !is_webhook(swagger, target) {
                cx.report_swagger(
                    id.span,
                    format!("`x-ms-notification` points at `{}`, which is not a webhook trigger", target.display_name()),
                )
                .help("name the operation that registers the webhook (a trigger whose path item has `x-ms-notification-content`)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const HOOK: &str = r##""/hook": {"x-ms-notification-content": {"schema": {"type": "object"}},
    "post": {"operationId": "Hook", "x-ms-trigger": "single"}}"##;

    #[test]
    fn fires_on_each_misuse() {
        let text = format!(
            r##"{{"paths": {{{HOOK},
  "/a": {{"get": {{"operationId": "A", "x-ms-notification": {{"operationId": "Hook"}}}},
    "put": {{"operationId": "B", "x-ms-trigger": "batch", "x-ms-notification": {{"operationId": "A"}}}}}},
  "/hook2": {{"x-ms-notification-content": {{"schema": {{}}}}, "post": {{"operationId": "C", "x-ms-trigger": "single",
    "x-ms-notification": {{"operationId": "Hook"}}}}}}
}}}}"##
        );
        assert_eq!(
            messages(&NotificationExtensionInvalid, swagger(&text)),
            [
                "3:38 `x-ms-notification` is on `A`, which is not a trigger",
                "4:95 `x-ms-notification` points at `A`, which is not a webhook trigger",
                "6:5 `x-ms-notification` is on `C`, which is itself a webhook trigger",
            ]
        );
    }

    #[test]
    fn silent_on_a_polling_trigger_pointing_at_a_webhook() {
        let text = format!(
            r##"{{"paths": {{{HOOK},
  "/a": {{"get": {{"operationId": "A", "x-ms-trigger": "batch", "x-ms-notification": {{"operationId": "Hook"}}}},
    "put": {{"operationId": "B", "x-ms-trigger": "batch", "x-ms-notification": {{"operationId": "Unknown"}}}}}}
}}}}"##
        );
        assert_silent(&NotificationExtensionInvalid, swagger(&text));
    }
}
