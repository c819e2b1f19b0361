use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::{ChangeRule, Severity};

declare_rule! {
    /// ## What it does
    /// Reports an operation whose HTTP method or path template changed while its operationId
    /// stayed the same. When a `routerequesttoendpoint` policy in the new apiProperties.json
    /// routes the operation, the finding is only a warning.
    ///
    /// ## Why is this bad?
    /// Existing flows keep calling the operation by its operationId, but the request now goes to
    /// another URL or with another method. Unless the backend accepts both, the flows break.
    /// Microsoft's certification guidance lists changing an operation's path as a breaking change.
    ///
    /// ## Severity
    /// Microsoft's guidance for updating certified connectors lists changing an operation's path as
    /// a breaking change
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-updates); existing
    /// flows would call the new address.
    ///
    /// ## Example
    /// Old: `"/items": {"get": {"operationId": "ListItems"}}`; new: `"/v2/items": {"get": {"operationId": "ListItems"}}`.
    ///
    /// Use instead: keep the old path, add the new one as a new operation, or route the old
    /// operation with a `routerequesttoendpoint` policy.
    pub OperationMethodOrPathChanged {
        id: "operation-method-or-path-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "An operation's HTTP method or path changed",
        visits: [Change],
    }
}

impl ChangeRule for OperationMethodOrPathChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            let (old, new) = (op.old, op.new);
            if old.method == new.method && old.path.text == new.path.text {
                continue;
            }
            let routed = change.new_api_properties().is_some_and(|props| {
                props.policies.iter().any(|p| {
                    p.template_id.is_some_and(|t| t.value == "routerequesttoendpoint")
                        && p.parameters
                            .and_then(|params| params.get("x-ms-apimTemplate-operationName"))
                            .and_then(|names| names.as_array())
                            .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(op.key.as_str())))
                })
            });
            let message = format!(
                "operation `{}` moved from {} {} to {} {}; existing flows will send their requests to the new address",
                op.key,
                old.method.as_str().to_uppercase(),
                old.path.text,
                new.method.as_str().to_uppercase(),
                new.path.text
            );
            let diagnostic = cx.report(change.new_at(new.span()), Some(change.old_at(old.span())), message);
            if routed {
                diagnostic.severity = diagnostic.severity.min(Severity::Warning);
                diagnostic.help(
                    "a `routerequesttoendpoint` policy routes this operation; make sure the backend still serves what old flows send",
                );
            } else {
                diagnostic.help("keep the old method and path, or add the new route as a new operation and deprecate the old one");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const OLD: &str = "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"operationId\": \"ListItems\"}\n  }\n}}";

    #[test]
    fn fires_on_a_new_path_with_the_old_position() {
        let new = "{\"paths\": {\n  \"/v2/items\": {\n    \"get\": {\"operationId\": \"ListItems\"}\n  }\n}}";
        assert_eq!(
            changes(&OperationMethodOrPathChanged, OLD, new),
            ["new 3:5 /paths/~1v2~1items/get operation `ListItems` moved from GET /items to GET /v2/items; existing flows will send their requests to the new address [related old 3:5 /paths/~1items/get]"]
        );
    }

    #[test]
    fn a_new_method_fires_and_a_route_policy_makes_it_a_warning() {
        let new = "{\"paths\": {\n  \"/items\": {\n    \"post\": {\"operationId\": \"ListItems\"}\n  }\n}}";
        assert_eq!(changes(&OperationMethodOrPathChanged, OLD, new).len(), 1);
        let props = r#"{"properties": {"policyTemplateInstances": [{"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplate-operationName": ["ListItems"], "x-ms-apimTemplateParameter.newPath": "/items"}}]}}"#;
        let old = crate::diff::testing::side("old", OLD, None);
        let new = crate::diff::testing::side("new", new, Some(props));
        let findings = crate::diff::diff_connectors(&old, &new, &crate::RuleSet::only(&OperationMethodOrPathChanged));
        assert_eq!(findings.iter().map(|f| (f.line, f.column, f.severity)).collect::<Vec<_>>(), [(3, 5, Severity::Warning)]);
    }

    #[test]
    fn silent_when_only_the_key_order_or_summary_changes() {
        let new = "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"summary\": \"List\", \"operationId\": \"ListItems\"}\n  }\n}}";
        assert_no_change(&OperationMethodOrPathChanged, OLD, new);
    }
}
