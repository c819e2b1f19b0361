use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::policy::{template, OPERATION_NAME, PARAMETER_PREFIX, POLICY_SECTION};
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a key in a policy template instance's `parameters` that its template does not
    /// take, and suggests the parameter it most likely means. Every template takes
    /// `x-ms-apimTemplate-operationName` and `x-ms-apimTemplate-policySection` besides its own
    /// `x-ms-apimTemplateParameter.*` parameters.
    ///
    /// ## Why is this bad?
    /// The key is ignored (or the connector is rejected), so a misspelt parameter silently
    /// leaves the policy with its default behaviour.
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "X-Key",
    ///   "x-ms-apimTemplateParameter.value": "1", "x-ms-apimTemplateParameter.existAction": "override" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "X-Key",
    ///   "x-ms-apimTemplateParameter.value": "1", "x-ms-apimTemplateParameter.existsAction": "override" } }
    /// ```
    pub PolicyTemplateParameterUnknown {
        id: "policy-template-parameter-unknown",
        category: ApiProperties,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A policy template instance has a parameter its template does not take",
        visits: [Connector],
    }
}

impl Rule for PolicyTemplateParameterUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for policy in &props.policies {
            let (Some(id), Some(params)) = (policy.template_id, policy.parameters) else { continue };
            let Some(known) = template(id.value) else { continue };
            let allowed: Vec<String> = known
                .required
                .iter()
                .chain(known.optional)
                .map(|p| format!("{PARAMETER_PREFIX}{p}"))
                .chain([OPERATION_NAME.to_string(), POLICY_SECTION.to_string()])
                .collect();
            for member in params.as_object().unwrap_or_default() {
                let key = &*member.key.text;
                if allowed.iter().any(|a| a == key) {
                    continue;
                }
                let message = match closest(key, allowed.iter().map(String::as_str)) {
                    Some(near) => format!("policy `{}` takes no parameter `{key}`; did you mean `{near}`?", known.id),
                    None => format!("policy `{}` takes no parameter `{key}`", known.id),
                };
                let list = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
                cx.report(props.file, member.key.span, message).help(format!("this template takes {list}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_unknown_parameters_with_a_suggestion() {
        let text = r#"{"properties": {"policyTemplateInstances": [{"templateId": "setheader", "parameters": {
  "x-ms-apimTemplateParameter.name": "X-Key",
  "x-ms-apimTemplateParameter.value": "1",
  "x-ms-apimTemplateParameter.existAction": "override",
  "x-ms-apimTemplate-operationNames": ["A"],
  "x-ms-apimTemplateParameter.urlTemplate": "https://a"
}}]}}"#;
        assert_eq!(
            messages(&PolicyTemplateParameterUnknown, api_properties(text)),
            [
                "4:3 policy `setheader` takes no parameter `x-ms-apimTemplateParameter.existAction`; did you mean `x-ms-apimTemplateParameter.existsAction`?",
                "5:3 policy `setheader` takes no parameter `x-ms-apimTemplate-operationNames`; did you mean `x-ms-apimTemplate-operationName`?",
                "6:3 policy `setheader` takes no parameter `x-ms-apimTemplateParameter.urlTemplate`",
            ]
        );
    }

    #[test]
    fn silent_on_every_documented_parameter() {
        let text = r#"{"properties": {"policyTemplateInstances": [
  {"templateId": "convertobjecttoarray", "parameters": {"x-ms-apimTemplateParameter.propertyParentPath": "a",
    "x-ms-apimTemplateParameter.propertySubPath": "b", "x-ms-apimTemplateParameter.newPropertyPath": "c",
    "x-ms-apimTemplateParameter.keyName": "k", "x-ms-apimTemplateParameter.valueName": "v",
    "x-ms-apimTemplate-policySection": "Response", "x-ms-apimTemplate-operationName": ["A"]}},
  {"templateId": "SetHeader", "parameters": {"x-ms-apimTemplateParameter.name": "a", "x-ms-apimTemplateParameter.value": "b",
    "x-ms-apimTemplateParameter.existsAction": "skip"}},
  {"templateId": "custom", "parameters": {"anything": 1}}
]}}"#;
        assert_silent(&PolicyTemplateParameterUnknown, api_properties(text));
    }
}
