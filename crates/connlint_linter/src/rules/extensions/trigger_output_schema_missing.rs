use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::webhooks::is_webhook;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a trigger (an operation with `x-ms-trigger`) that gives the designer no schema
    /// of its outputs: a webhook trigger (its path item has `x-ms-notification-content`, or its
    /// body a property marked `x-ms-notification-url`) whose `x-ms-notification-content` has no
    /// `schema`, or a polling trigger whose `200` and `201` responses have no `schema`.
    ///
    /// ## Why is this bad?
    /// The flow designer lists a trigger's outputs (the dynamic content later steps use) from
    /// this schema: the notification content for a webhook, the success response for a polling
    /// trigger. Without it users get only the raw body. Microsoft's Swagger Validator warns
    /// about it.
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "OnNewItems", "x-ms-trigger": "batch", "responses": { "200": { "description": "OK" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "get": { "operationId": "OnNewItems", "x-ms-trigger": "batch",
    ///   "responses": { "200": { "description": "OK", "schema": { "type": "array", "items": { "$ref": "#/definitions/Item" } } } } } }
    /// ```
    pub TriggerOutputSchemaMissing {
        id: "trigger-output-schema-missing",
        category: Extensions,
        severity: Warning,
        profile: Base,
        ms_names: ["SchemaDefinitionSetIncorrectly"],
        summary: "A trigger has no schema for its outputs",
        visits: [Operation],
    }
}

impl Rule for TriggerOutputSchemaMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if !op.is_trigger() {
            return;
        }
        if is_webhook(swagger, op) {
            let content = swagger.paths[op.path_index].node.get("x-ms-notification-content");
            if content.is_none_or(|c| c.get("schema").is_none()) {
                cx.report_swagger(
                    op.span(),
                    format!("the webhook trigger `{}` has no `x-ms-notification-content` schema", op.display_name()),
                )
                .help("describe what the service posts to the callback URL in `x-ms-notification-content.schema` on the path item");
            }
            return;
        }
        let has_schema = op.responses.iter().any(|r| matches!(r.code(), "200" | "201") && r.schema.is_some());
        if !has_schema {
            cx.report_swagger(op.span(), format!("the trigger `{}` has no schema on its `200` or `201` response", op.display_name()))
                .help("add a `schema` to the success response so the designer can list the trigger's outputs");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_triggers_without_output_schema() {
        let text = r##"{"paths": {
  "/hook": {"x-ms-notification-content": {"description": "event"},
    "post": {"operationId": "Hook", "x-ms-trigger": "single"}},
  "/poll": {"get": {"operationId": "Poll", "x-ms-trigger": "batch",
    "responses": {"202": {"description": "OK", "schema": {"type": "array"}}, "200": {"description": "OK"}}}}
}}"##;
        assert_eq!(
            messages(&TriggerOutputSchemaMissing, swagger(text)),
            [
                "3:5 the webhook trigger `Hook` has no `x-ms-notification-content` schema",
                "4:13 the trigger `Poll` has no schema on its `200` or `201` response",
            ]
        );
    }

    #[test]
    fn silent_when_outputs_are_described() {
        let text = r##"{"paths": {
  "/hook": {"x-ms-notification-content": {"schema": {"$ref": "#/definitions/E"}},
    "post": {"operationId": "Hook", "x-ms-trigger": "single", "responses": {"201": {"description": "created"}}}},
  "/poll": {"get": {"operationId": "Poll", "x-ms-trigger": "batch",
    "responses": {"201": {"description": "OK", "schema": {"$ref": "#/responses/x"}}}}},
  "/act": {"get": {"operationId": "Action", "responses": {"200": {"description": "OK"}}}}
}}"##;
        assert_silent(&TriggerOutputSchemaMissing, swagger(text));
    }
}
