use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::swagger::{Method, Operation, Parameter, Swagger};

declare_rule! {
    /// ## What it does
    /// For a webhook trigger (an operation with `x-ms-trigger` whose path item has
    /// `x-ms-notification-content`, or with a parameter or body property marked
    /// `"x-ms-notification-url": true`), finds the operations that delete its subscription:
    /// the `delete` operations whose path starts with the trigger's path (`POST /hooks` and
    /// `DELETE /hooks/{id}`). A non-body parameter of such a delete operation that has the
    /// same `name` as one of the trigger's must have the same `type` and the same
    /// `x-ms-visibility` (absent counts as none).
    ///
    /// ## Why is this bad?
    /// When a flow is turned off, the platform calls the delete operation with the values the
    /// flow gave the trigger, matched by name. A parameter that is a string in one and an
    /// integer in the other, or shown in one and hidden in the other, is sent wrongly or not
    /// at all, and the subscription is never removed. Microsoft's Swagger Validator rejects
    /// the mismatch.
    ///
    /// ## Severity
    /// A webhook's create and delete operations must agree on parameters with the same name; the
    /// validator's `ParamtersWithSameNameMustHaveSameTypeAndVisibility` (Microsoft's spelling) on
    /// https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules.
    ///
    /// ## Example
    /// ```json
    /// { "/hooks": { "post": { "x-ms-trigger": "single", "parameters": [ { "name": "site", "in": "query", "type": "string" } ] } },
    ///   "/hooks/{id}": { "delete": { "parameters": [ { "name": "site", "in": "query", "type": "integer" } ] } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "/hooks": { "post": { "x-ms-trigger": "single", "parameters": [ { "name": "site", "in": "query", "type": "string" } ] } },
    ///   "/hooks/{id}": { "delete": { "parameters": [ { "name": "site", "in": "query", "type": "string" } ] } } }
    /// ```
    pub WebhookParameterMismatch {
        id: "webhook-parameter-mismatch",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["ParamtersWithSameNameMustHaveSameTypeAndVisibility"],
        summary: "A webhook trigger and its delete operation disagree on a parameter's type or visibility",
        visits: [Connector],
    }
}

fn marks_notification_url(node: &Node) -> bool {
    node.get("x-ms-notification-url").and_then(Node::as_bool) == Some(true)
}

fn is_webhook(swagger: &Swagger<'_>, op: &Operation<'_>) -> bool {
    if !op.is_trigger() {
        return false;
    }
    if swagger.paths[op.path_index].notification_content.is_some() {
        return true;
    }
    op.effective_parameters(swagger).any(|p| {
        p.node.is_some_and(marks_notification_url)
            || p.schema
                .and_then(|s| match s.get("$ref").and_then(Node::as_str) {
                    Some(target) => swagger.resolve_ref(target).ok(),
                    None => Some(s),
                })
                .and_then(|s| s.get("properties"))
                .and_then(Node::as_object)
                .is_some_and(|props| props.iter().any(|m| marks_notification_url(&m.value)))
    })
}

fn visibility<'a>(p: &Parameter<'a>) -> &'a str {
    p.visibility.and_then(Node::as_str).unwrap_or("none")
}

fn ty<'a>(p: &Parameter<'a>) -> &'a str {
    p.ty.map_or("(none)", |t| t.value)
}

impl Rule for WebhookParameterMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for trigger in swagger.operations.iter().filter(|op| is_webhook(swagger, op)) {
            let base = trigger.path_str().trim_end_matches('/');
            let deletes = swagger.operations.iter().filter(|op| op.method == Method::Delete && op.path_str().starts_with(base));
            for delete in deletes {
                for p in delete.effective_parameters(swagger).filter(|p| !p.is_in("body")) {
                    let Some(name) = p.name else { continue };
                    let same =
                        trigger.effective_parameters(swagger).find(|t| !t.is_in("body") && t.name.is_some_and(|n| n.value == name.value));
                    let Some(same) = same else { continue };
                    let (what, mine, theirs) = if ty(p) != ty(same) {
                        ("type", ty(p), ty(same))
                    } else if visibility(p) != visibility(same) {
                        ("visibility", visibility(p), visibility(same))
                    } else {
                        continue;
                    };
                    cx.report_swagger(
                        p.use_span(),
                        format!(
                            "parameter `{}` of `{}` has {what} `{mine}`, but the webhook trigger `{}` gives it {what} `{theirs}`",
                            name.value,
                            delete.display_name(),
                            trigger.display_name()
                        ),
                    )
                    .help(format!("use the same {what} in the trigger and in the operation that deletes its subscription"));
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
    fn fires_on_the_delete_parameter() {
        let text = r##"{"paths": {
  "/hooks": {"post": {"operationId": "OnNew", "x-ms-trigger": "single", "parameters": [
    {"name": "site", "in": "query", "type": "string"},
    {"name": "mode", "in": "header", "type": "string", "x-ms-visibility": "internal"},
    {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Hook"}}
  ]}},
  "/hooks/{id}": {"delete": {"operationId": "DeleteHook", "parameters": [
    {"name": "site", "in": "query", "type": "integer"},
    {"name": "mode", "in": "header", "type": "string"},
    {"name": "id", "in": "path", "required": true, "type": "string"}
  ]}}
},
"definitions": {"Hook": {"type": "object", "properties": {"url": {"type": "string", "x-ms-notification-url": true}}}}}"##;
        assert_eq!(
            messages(&WebhookParameterMismatch, swagger(text)),
            [
                "8:14 parameter `site` of `DeleteHook` has type `integer`, but the webhook trigger `OnNew` gives it type `string`",
                "9:14 parameter `mode` of `DeleteHook` has visibility `none`, but the webhook trigger `OnNew` gives it visibility `internal`",
            ]
        );
    }

    #[test]
    fn silent_on_agreeing_parameters_polling_triggers_and_other_paths() {
        let text = r##"{"paths": {
  "/hooks": {"x-ms-notification-content": {"schema": {"type": "object"}},
    "post": {"x-ms-trigger": "single", "parameters": [{"name": "site", "in": "query", "type": "string"}]}},
  "/hooks/{id}": {"delete": {"parameters": [{"name": "site", "in": "query", "type": "string"}]}},
  "/poll": {"get": {"x-ms-trigger": "batch", "parameters": [{"name": "site", "in": "query", "type": "string"}]}},
  "/poll/{id}": {"delete": {"parameters": [{"name": "site", "in": "query", "type": "integer"}]}},
  "/other": {"delete": {"parameters": [{"name": "site", "in": "query", "type": "integer"}]}}
}}"##;
        assert_silent(&WebhookParameterMismatch, swagger(text));
    }
}
