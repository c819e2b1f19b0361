use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::policy::{template, PARAMETER_PREFIX};

declare_rule! {
    /// ## What it does
    /// Reports a policy template instance that lacks one of the parameters its template
    /// requires, for example a `setheader` without `x-ms-apimTemplateParameter.value` or a
    /// `dynamichosturl` without `x-ms-apimTemplateParameter.urlTemplate`.
    ///
    /// ## Why is this bad?
    /// The policy cannot be applied without it: creating or updating the connector fails, or
    /// the policy silently does nothing.
    ///
    /// ## Severity
    /// Each template's parameters are documented
    /// (https://learn.microsoft.com/connectors/custom-connectors/policy-templates) and required by
    /// the apiProperties schema, which Microsoft's validator enforces with `level=Error` findings
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3097).
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "X-Api-Version" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "X-Api-Version",
    ///   "x-ms-apimTemplateParameter.value": "2" } }
    /// ```
    pub PolicyTemplateParameterMissing {
        id: "policy-template-parameter-missing",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A policy template instance lacks a parameter its template requires",
        visits: [Connector],
    }
}

impl Rule for PolicyTemplateParameterMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for policy in &props.policies {
            let Some(id) = policy.template_id else { continue };
            let Some(known) = template(id.value) else { continue };
            // A `parameters` of the wrong JSON type is reported by json-type-incorrect.
            if policy.parameters.is_none() && policy.node.get("parameters").is_some() {
                continue;
            }
            let missing: Vec<String> = known
                .required
                .iter()
                .map(|p| format!("{PARAMETER_PREFIX}{p}"))
                .filter(|key| policy.parameters.is_none_or(|params| params.get(key).is_none()))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let at = policy.node.member("parameters").map_or(id.span, |m| m.key.span);
            let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            cx.report(props.file, at, format!("policy `{}` lacks required parameter(s) {list}", known.id))
                .help(format!("add {list} to the policy's `parameters`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_missing_required_parameters() {
        let text = r#"{"properties": {"policyTemplateInstances": [
  {"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "X-Version"}},
  {"templateId": "DynamicHostUrl"},
  {"templateId": "stringreplace", "parameters": {"x-ms-apimTemplateParameter.propertyParentPath": "@body()",
    "x-ms-apimTemplateParameter.sourceString": "a"}}
]}}"#;
        assert_eq!(
            messages(&PolicyTemplateParameterMissing, api_properties(text)),
            [
                "2:31 policy `setheader` lacks required parameter(s) `x-ms-apimTemplateParameter.value`",
                "3:18 policy `dynamichosturl` lacks required parameter(s) `x-ms-apimTemplateParameter.urlTemplate`",
                "4:35 policy `stringreplace` lacks required parameter(s) `x-ms-apimTemplateParameter.replacementString`, `x-ms-apimTemplateParameter.newPropertyPath`",
            ]
        );
    }

    #[test]
    fn silent_when_complete_or_unknown() {
        let text = r#"{"properties": {"policyTemplateInstances": [
  {"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "a", "x-ms-apimTemplateParameter.value": "b"}},
  {"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplateParameter.newPath": "/v2", "x-ms-apimTemplate-operationName": ["A"]}},
  {"templateId": "rewrite", "parameters": {}},
  {"templateId": "setheader", "parameters": []}
]}}"#;
        assert_silent(&PolicyTemplateParameterMissing, api_properties(text));
    }
}
