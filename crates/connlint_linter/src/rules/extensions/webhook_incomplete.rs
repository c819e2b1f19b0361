use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Method, Operation};

declare_rule! {
    /// ## What it does
    /// Checks that the parts of a webhook trigger go together:
    ///
    /// * an operation whose body has a property marked `x-ms-notification-url: true` must sit in
    ///   a path item that has `x-ms-notification-content` (reported at the marker);
    /// * a trigger (`x-ms-trigger`) in a path item with `x-ms-notification-content`, other than
    ///   a `get` or `delete`, must have a body property marked `x-ms-notification-url: true`
    ///   (reported at the method). `$ref`s and `allOf` in the body schema are followed.
    ///
    /// ## Why is this bad?
    /// A webhook trigger works by sending Power Automate's callback URL to the service in the
    /// property marked `x-ms-notification-url`, and the flow designer describes what the
    /// service posts back from the path item's `x-ms-notification-content`. Without the marked
    /// property the service never learns where to call; without the notification content the
    /// trigger has no outputs to use in the flow. Microsoft's Swagger Validator rejects both.
    ///
    /// ## Severity
    /// A webhook trigger needs a callback-URL property and its path item needs
    /// `x-ms-notification-content`: `WebhookOperationsMissingNotificationUrlProperty` and
    /// `OperationMustHaveNotificationContentExtension`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "/hooks": {
    ///   "x-ms-notification-content": { "schema": { "$ref": "#/definitions/Event" } },
    ///   "post": { "operationId": "OnEvent", "x-ms-trigger": "single", "parameters": [
    ///     { "name": "body", "in": "body", "schema": { "type": "object", "properties": { "url": { "type": "string" } } } }
    ///   ] } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "url": { "type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal" } }, "required": ["url"] }
    /// ```
    pub WebhookIncomplete {
        id: "webhook-incomplete",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["WebhookOperationsMissingNotificationUrlProperty", "OperationMustHaveNotificationContentExtension"],
        summary: "A webhook trigger lacks its notification URL property or its notification content",
        visits: [Operation],
    }
}

impl Rule for WebhookIncomplete {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let has_content = swagger.paths[op.path_index].node.get("x-ms-notification-content").is_some();
        let urls = if cx.may_have_notification_urls() { cx.semantic().url_properties(op) } else { &[] };
        if !has_content {
            for url in urls.iter() {
                cx.report_swagger(
                    url.marker.key.span,
                    format!(
                        "`{}` of `{}` is the webhook's notification URL, but its path item has no `x-ms-notification-content`",
                        url.key.text,
                        op.display_name()
                    ),
                )
                .help(format!(
                    "add `x-ms-notification-content` with the schema of what the service posts back to the path item `{}`",
                    op.path_str()
                ));
            }
            return;
        }
        if op.is_trigger() && !matches!(op.method, Method::Get | Method::Delete) && urls.is_empty() {
            cx.report_swagger(op.span(), format!("the webhook trigger `{}` has no body property marked `x-ms-notification-url: true`", op.display_name()))
                .help("add a required, internal string property for the callback URL to the request body and mark it with `\"x-ms-notification-url\": true`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_a_trigger_without_url_and_a_url_without_content() {
        let text = r##"{"paths": {
  "/hooks": {"x-ms-notification-content": {"schema": {"type": "object"}},
    "post": {"operationId": "OnEvent", "x-ms-trigger": "single", "parameters": [
      {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"url": {"type": "string"}}}}]}},
  "/other": {"post": {"operationId": "Register", "x-ms-trigger": "single", "parameters": [
    {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Sub"}}]}}
},
"definitions": {"Sub": {"allOf": [{"type": "object", "properties": {"callback": {"type": "string",
  "x-ms-notification-url": true}}}]}}}"##;
        assert_eq!(
            messages(&WebhookIncomplete, swagger(text)),
            [
                "3:5 the webhook trigger `OnEvent` has no body property marked `x-ms-notification-url: true`",
                "9:3 `callback` of `Register` is the webhook's notification URL, but its path item has no `x-ms-notification-content`",
            ]
        );
    }

    #[test]
    fn silent_on_complete_webhooks_polling_triggers_and_deletes() {
        let text = r##"{"paths": {
  "/hooks": {"x-ms-notification-content": {"schema": {"type": "object"}},
    "post": {"operationId": "OnEvent", "x-ms-trigger": "single", "parameters": [
      {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Sub"}}]},
    "delete": {"operationId": "Remove", "x-ms-trigger": "single"},
    "get": {"operationId": "List"}},
  "/poll": {"get": {"operationId": "Poll", "x-ms-trigger": "batch"}},
  "/flag": {"post": {"operationId": "Off", "parameters": [
    {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"u": {"type": "string", "x-ms-notification-url": false}}}}]}}
},
"definitions": {"Sub": {"type": "object", "properties": {"callback": {"type": "string", "x-ms-notification-url": true}}}}}"##;
        assert_silent(&WebhookIncomplete, swagger(text));
    }
}
