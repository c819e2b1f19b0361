use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::api_properties::PolicyTemplateInstance;

declare_rule! {
    /// ## What it does
    /// Reports a policy template instance in apiProperties.json that was removed or whose
    /// parameters changed (`dynamichosturl` is left to `host-changed`).
    ///
    /// ## Why is this bad?
    /// Policies rewrite requests and responses at run time (headers, routes, query
    /// parameters). Changing them changes what existing flows send and receive without any
    /// change in the swagger that makers could see.
    ///
    /// ## Example
    /// Old: `{"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "X-Api-Version", "x-ms-apimTemplateParameter.value": "1"}}`; new: the same with value `"2"`.
    ///
    /// Use instead: keep the policy, and scope a new behaviour to new operations.
    pub PolicyChanged {
        id: "policy-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A policy template instance was removed or changed",
        visits: [Change],
    }
}

fn title<'a>(p: &PolicyTemplateInstance<'a>) -> Option<&'a str> {
    p.title.map(|t| t.value)
}

fn template<'a>(p: &PolicyTemplateInstance<'a>) -> &'a str {
    p.template_id.map_or("", |t| t.value)
}

impl ChangeRule for PolicyChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old), Some(new)) = (change.old_api_properties(), change.new_api_properties()) else { return };
        let unmatched = |from: &[PolicyTemplateInstance<'_>], to: &[PolicyTemplateInstance<'_>]| -> Vec<usize> {
            (0..from.len())
                .filter(|&i| template(&from[i]) != "dynamichosturl" && !to.iter().any(|p| p.node.same_value(from[i].node)))
                .collect()
        };
        let gone = unmatched(&old.policies, &new.policies);
        let mut fresh = unmatched(&new.policies, &old.policies);
        for i in gone {
            let previous = &old.policies[i];
            let counterpart = fresh
                .iter()
                .position(|&j| template(&new.policies[j]) == template(previous) && title(&new.policies[j]) == title(previous))
                .or_else(|| fresh.iter().position(|&j| template(&new.policies[j]) == template(previous)));
            let name = title(previous).map_or(String::new(), |t| format!(" \"{t}\""));
            let old_at = change.old_props_at(previous.template_id.map_or(previous.node.span, |t| t.span));
            match counterpart {
                Some(k) => {
                    let current = &new.policies[fresh.remove(k)];
                    let message = format!(
                        "policy `{}`{name} changed; existing flows will send or receive something else at run time",
                        template(previous)
                    );
                    let at = change.new_props_at(current.parameters.map_or(current.node.span, |p| p.span));
                    cx.report(at, Some(old_at), message).help("keep the policy as it was, and scope new behaviour to new operations");
                }
                None => {
                    let message = format!(
                        "policy `{}`{name} was removed; existing flows lose the request or response rewriting it did",
                        template(previous)
                    );
                    let new_at = change.new_props_at(new.policy_template_instances.map_or(new.root.span, |n| n.span));
                    cx.report(old_at, Some(new_at), message).help("keep the policy, or make sure the backend no longer needs it");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const SWAGGER: &str = "{\"paths\": {}}";
    const OLD: &str = "{\"properties\": {\"policyTemplateInstances\": [\n{\"templateId\": \"setheader\", \"title\": \"Version\", \"parameters\": {\"x-ms-apimTemplateParameter.value\": \"1\"}},\n{\"templateId\": \"setqueryparameter\", \"parameters\": {}}]}}";

    #[test]
    fn fires_on_changed_and_removed_policies() {
        let new = "{\"properties\": {\"policyTemplateInstances\": [\n{\"templateId\": \"setheader\", \"title\": \"Version\", \"parameters\": {\"x-ms-apimTemplateParameter.value\": \"2\"}}]}}";
        assert_eq!(
            changes_with(&PolicyChanged, (SWAGGER, Some(OLD)), (SWAGGER, Some(new))),
            [
                "new props 2:63 /properties/policyTemplateInstances/0/parameters policy `setheader` \"Version\" changed; existing flows will send or receive something else at run time [related old 2:16 /properties/policyTemplateInstances/0/templateId]",
                "old props 3:16 /properties/policyTemplateInstances/1/templateId policy `setqueryparameter` was removed; existing flows lose the request or response rewriting it did [related new 1:44 /properties/policyTemplateInstances]",
            ]
        );
    }

    #[test]
    fn silent_when_policies_are_reordered_or_added() {
        let new = "{\"properties\": {\"policyTemplateInstances\": [{\"parameters\": {}, \"templateId\": \"setqueryparameter\"}, {\"templateId\": \"setheader\", \"parameters\": {\"x-ms-apimTemplateParameter.value\": \"1\"}, \"title\": \"Version\"}, {\"templateId\": \"routerequesttoendpoint\"}]}}";
        assert!(changes_with(&PolicyChanged, (SWAGGER, Some(OLD)), (SWAGGER, Some(new))).is_empty());
    }
}
