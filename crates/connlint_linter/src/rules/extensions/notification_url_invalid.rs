use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Reports a request body property marked `x-ms-notification-url: true` that is not a
    /// string (`type: string`), that is not internal (neither it nor an ancestor, the body
    /// parameter included, has `x-ms-visibility: internal`), or that is not required at every
    /// level from the body's root down to it (each property on the way must be in its parent's
    /// `required`). `$ref`s and `allOf` are followed; a property shared by several operations
    /// is reported once.
    ///
    /// ## Why is this bad?
    /// Power Automate fills this property with the flow's callback URL when it registers the
    /// webhook. The URL is a string; the user must not see or change it (so it is internal);
    /// and an optional property may be left out of the request, so the service would never get
    /// the URL. Microsoft's Swagger Validator rejects each of these.
    ///
    /// ## Severity
    /// The callback-URL property must be an internal, required string: `NotificationUrlNotString`,
    /// `NotificationUrlNotInternal` and `NotificationUrlNotRequired` are errors on
    /// https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules.
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "properties": { "callbackUrl": { "type": "string", "x-ms-notification-url": true } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "required": ["callbackUrl"],
    ///   "properties": { "callbackUrl": { "type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal" } } }
    /// ```
    pub NotificationUrlInvalid {
        id: "notification-url-invalid",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["NotificationUrlNotString", "NotificationUrlNotInternal", "NotificationUrlNotRequired"],
        summary: "The notification URL property is not a required, internal string",
        visits: [Connector],
    }
}

impl Rule for NotificationUrlInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if !cx.may_have_notification_urls() {
            return;
        }
        let mut seen = Vec::new();
        for op in &swagger.operations {
            for url in cx.semantic().url_properties(op) {
                if seen.contains(&url.marker.key.span.start) {
                    continue;
                }
                seen.push(url.marker.key.span.start);
                let name = &url.key.text;
                let ty = url.schema.get("type");
                if ty.and_then(Node::as_str) != Some("string") {
                    let found = ty.and_then(Node::as_str).map_or_else(|| "no type".to_string(), |t| format!("type `{t}`"));
                    cx.report_swagger(url.key.span, format!("the notification URL property `{name}` has {found}; it must be a string"))
                        .help("set `\"type\": \"string\"` on it");
                }
                if !url.internal {
                    cx.report_swagger(
                        url.key.span,
                        format!("the notification URL property `{name}` is visible to users; it must be internal"),
                    )
                    .help("add `\"x-ms-visibility\": \"internal\"` to it (Power Automate fills it in)");
                }
                if let Some(level) = url.unrequired {
                    let message = if level.span == url.key.span {
                        format!("the notification URL property `{name}` is not required")
                    } else {
                        format!("the notification URL property `{name}` is inside `{}`, which is not required", level.text)
                    };
                    cx.report_swagger(url.key.span, message)
                        .help("list it, and every property that contains it, in the `required` array of its parent schema");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_type_visibility_and_required() {
        let text = r##"{"paths": {
  "/a": {"post": {"operationId": "A", "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Sub"}}]}},
  "/b": {"post": {"operationId": "B", "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Sub"}}]}}
},
"definitions": {"Sub": {"type": "object", "required": ["other"], "properties": {
  "hook": {"type": "object", "required": ["url"], "properties": {
    "url": {"type": "string", "x-ms-visibility": "internal", "x-ms-notification-url": true}}},
  "other": {"type": "integer", "x-ms-notification-url": true}
}}}}"##;
        assert_eq!(
            messages(&NotificationUrlInvalid, swagger(text)),
            [
                "7:5 the notification URL property `url` is inside `hook`, which is not required",
                "8:3 the notification URL property `other` has type `integer`; it must be a string",
                "8:3 the notification URL property `other` is visible to users; it must be internal",
            ]
        );
    }

    #[test]
    fn finds_the_extension_when_its_key_is_written_with_escapes() {
        // No plain `x-ms-notification-url` in the text: only a key's escapes spell it.
        let text = r##"{"paths": {"/a": {"post": {"operationId": "A", "description": "caf\u00e9",
  "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "required": ["other"], "properties": {
  "other": {"type": "integer", "x-ms-notification-\u0075rl": true}}}}]}}}}"##;
        assert_eq!(
            messages(&NotificationUrlInvalid, swagger(text)),
            [
                "3:3 the notification URL property `other` has type `integer`; it must be a string",
                "3:3 the notification URL property `other` is visible to users; it must be internal",
            ]
        );
    }

    #[test]
    fn silent_on_a_required_internal_string() {
        let text = r##"{"paths": {
  "/a": {"post": {"operationId": "A", "parameters": [{"name": "body", "in": "body", "x-ms-visibility": "internal",
    "schema": {"type": "object", "required": ["hook"], "properties": {
      "hook": {"allOf": [{"required": ["url"]}, {"properties": {"url": {"type": "string", "x-ms-notification-url": true}}}]},
      "flag": {"type": "boolean", "x-ms-notification-url": false}}}}]}}
}}"##;
        assert_silent(&NotificationUrlInvalid, swagger(text));
    }
}
