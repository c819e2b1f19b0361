use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::calls::parameter_objects;
use connlint_core::json::Member;
use connlint_core::model::swagger::SchemaRole;

declare_rule! {
    /// ## What it does
    /// Reports `x-ms-notification-url` where it cannot mark the callback URL: on a parameter
    /// object (rather than on a property of a body parameter's schema), or in a response
    /// schema or an `x-ms-notification-content` schema. Schemas under `definitions` are not
    /// checked, since they may serve as a request body.
    ///
    /// ## Why is this bad?
    /// Power Automate writes the flow's callback URL into the request body property marked
    /// `x-ms-notification-url` when it registers a webhook. Anywhere else the marker is never
    /// filled, so the service gets no callback URL, and Microsoft's Swagger Validator rejects
    /// it.
    ///
    /// ## Severity
    /// `x-ms-notification-url` outside the request body schema is refused as
    /// `NotificationUrlNotAllowedInThisPosition`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "callback", "in": "query", "type": "string", "x-ms-notification-url": true }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "body", "in": "body", "schema": { "type": "object", "required": ["callback"],
    ///   "properties": { "callback": { "type": "string", "x-ms-notification-url": true, "x-ms-visibility": "internal" } } } }
    /// ```
    pub NotificationUrlPosition {
        id: "notification-url-position",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["NotificationUrlNotAllowedInThisPosition"],
        summary: "x-ms-notification-url is outside the request body schema",
        visits: [Connector],
    }
}

impl Rule for NotificationUrlPosition {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if !cx.may_have_notification_urls() {
            return;
        }
        let mut found: Vec<(&Member, &str)> = Vec::new();
        for (node, _) in parameter_objects(swagger) {
            found.extend(node.member("x-ms-notification-url").map(|m| (m, "a parameter object")));
        }
        swagger.visit_schemas(|v| {
            if v.role == SchemaRole::Output {
                found.extend(v.node.member("x-ms-notification-url").map(|m| (m, "a response or notification schema")));
            }
        });
        found.sort_by_key(|(m, _)| m.key.span.start);
        found.dedup_by_key(|(m, _)| m.key.span.start);
        for (m, place) in found {
            cx.report_swagger(m.key.span, format!("`x-ms-notification-url` is not allowed on {place}"))
                .help("put it on a string property of the webhook operation's request body schema");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_parameters_and_output_schemas() {
        let text = r##"{"paths": {"/hooks": {
  "x-ms-notification-content": {"schema": {"type": "object", "properties": {"u": {"type": "string", "x-ms-notification-url": true}}}},
  "post": {"operationId": "A", "x-ms-trigger": "single", "parameters": [
    {"name": "cb", "in": "query", "type": "string", "x-ms-notification-url": true}],
    "responses": {"201": {"description": "ok", "schema": {"type": "object", "x-ms-notification-url": true}}}}}},
"parameters": {"g": {"name": "g", "in": "header", "type": "string", "x-ms-notification-url": true}}}"##;
        assert_eq!(
            messages(&NotificationUrlPosition, swagger(text)),
            [
                "2:101 `x-ms-notification-url` is not allowed on a response or notification schema",
                "4:53 `x-ms-notification-url` is not allowed on a parameter object",
                "5:77 `x-ms-notification-url` is not allowed on a response or notification schema",
                "6:69 `x-ms-notification-url` is not allowed on a parameter object",
            ]
        );
    }

    #[test]
    fn silent_in_request_bodies_and_definitions() {
        let text = r##"{"paths": {"/hooks": {
  "post": {"operationId": "A", "x-ms-trigger": "single", "parameters": [
    {"name": "body", "in": "body", "schema": {"type": "object", "properties": {
      "u": {"type": "string", "x-ms-notification-url": true}, "d": {"$ref": "#/definitions/D"}}}}],
    "responses": {"201": {"description": "ok", "schema": {"$ref": "#/definitions/D"}}}}}},
"definitions": {"D": {"type": "object", "properties": {"v": {"type": "string", "x-ms-notification-url": true}}}}}"##;
        assert_silent(&NotificationUrlPosition, swagger(text));
    }
}
