use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::policy::{template, OPERATION_NAME, PARAMETER_PREFIX, POLICY_SECTION};

declare_rule! {
    /// ## What it does
    /// Reports a policy template parameter whose value is not one the template accepts:
    /// `x-ms-apimTemplate-policySection` (`Request` or `Response`, and `Failure` for
    /// `setheader`), `existsAction` (`override`, `skip`, `append`), `httpMethod` and
    /// `retainKey` (`"true"` or `"false"`), and an `x-ms-apimTemplate-operationName` that is
    /// not an array of strings. Values are case-sensitive.
    ///
    /// ## Why is this bad?
    /// The policy engine does not recognise the value, so the connector is rejected or the
    /// policy runs in the wrong place.
    ///
    /// ## Severity
    /// The accepted values are enums in the apiProperties schema; Microsoft's validator reports
    /// other values as `level=Error`
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3097). The templates themselves:
    /// https://learn.microsoft.com/connectors/custom-connectors/policy-templates.
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "X-Key",
    ///   "x-ms-apimTemplateParameter.value": "1", "x-ms-apimTemplate-policySection": "request" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplateParameter.name": "X-Key",
    ///   "x-ms-apimTemplateParameter.value": "1", "x-ms-apimTemplate-policySection": "Request" } }
    /// ```
    pub PolicyTemplateParameterValue {
        id: "policy-template-parameter-value",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A policy template parameter has a value the template does not accept",
        visits: [Connector],
    }
}

fn list(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

impl Rule for PolicyTemplateParameterValue {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for policy in &props.policies {
            let (Some(id), Some(params)) = (policy.template_id, policy.parameters) else { continue };
            let Some(known) = template(id.value) else { continue };
            for member in params.as_object().unwrap_or_default() {
                let key = &*member.key.text;
                let value = &member.value;
                if key == OPERATION_NAME {
                    let ok = value.as_array().is_some_and(|items| items.iter().all(|i| i.as_str().is_some()));
                    if !ok {
                        cx.report(props.file, value.span, format!("`{OPERATION_NAME}` of policy `{}` must be an array of operationIds", known.id))
                            .help("write the operationIds as an array of strings, such as `[\"ListItems\"]`, or remove the key to apply the policy to every operation");
                    }
                    continue;
                }
                let allowed: &[&str] = if key == POLICY_SECTION {
                    known.sections
                } else if let Some((_, values)) =
                    key.strip_prefix(PARAMETER_PREFIX).and_then(|p| known.enums.iter().find(|(name, _)| *name == p))
                {
                    values
                } else {
                    continue;
                };
                match value.as_str() {
                    Some(s) if allowed.contains(&s) => {}
                    Some(s) => {
                        let hint = allowed
                            .iter()
                            .find(|a| a.eq_ignore_ascii_case(s))
                            .map(|a| format!("; did you mean `{a}`?"))
                            .unwrap_or_default();
                        cx.report(
                            props.file,
                            value.span,
                            format!("`{key}` of policy `{}` is `{s}`, which is not one of {}{hint}", known.id, list(allowed)),
                        )
                        .help(format!("use one of {} (case matters)", list(allowed)));
                    }
                    None => {
                        cx.report(
                            props.file,
                            value.span,
                            format!("`{key}` of policy `{}` must be a string, one of {}", known.id, list(allowed)),
                        )
                        .help(format!("use one of {} as a string", list(allowed)));
                    }
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
    fn reports_values_outside_the_lists() {
        let text = r#"{"properties": {"policyTemplateInstances": [{"templateId": "setheader", "parameters": {
  "x-ms-apimTemplate-policySection": "request",
  "x-ms-apimTemplateParameter.existsAction": "replace",
  "x-ms-apimTemplate-operationName": "ListItems"
}}, {"templateId": "convertarraytoobject", "parameters": {
  "x-ms-apimTemplateParameter.retainKey": true,
  "x-ms-apimTemplate-policySection": "Failure"
}}]}}"#;
        assert_eq!(
            messages(&PolicyTemplateParameterValue, api_properties(text)),
            [
                "2:38 `x-ms-apimTemplate-policySection` of policy `setheader` is `request`, which is not one of `Request`, `Response`, `Failure`; did you mean `Request`?",
                "3:46 `x-ms-apimTemplateParameter.existsAction` of policy `setheader` is `replace`, which is not one of `override`, `skip`, `append`",
                "4:38 `x-ms-apimTemplate-operationName` of policy `setheader` must be an array of operationIds",
                "6:43 `x-ms-apimTemplateParameter.retainKey` of policy `convertarraytoobject` must be a string, one of `true`, `false`",
                "7:38 `x-ms-apimTemplate-policySection` of policy `convertarraytoobject` is `Failure`, which is not one of `Request`, `Response`",
            ]
        );
    }

    #[test]
    fn silent_on_allowed_values() {
        let text = r#"{"properties": {"policyTemplateInstances": [
  {"templateId": "setheader", "parameters": {"x-ms-apimTemplate-policySection": "Failure", "x-ms-apimTemplateParameter.existsAction": "append",
    "x-ms-apimTemplate-operationName": ["A", "B"]}},
  {"templateId": "routerequesttoendpoint", "parameters": {"x-ms-apimTemplateParameter.httpMethod": "@Request.OriginalHTTPMethod"}},
  {"templateId": "setvaluefromurl", "parameters": {"x-ms-apimTemplateParameter.httpMethod": "POST", "x-ms-apimTemplate-operationName": []}},
  {"templateId": "unknown", "parameters": {"x-ms-apimTemplate-policySection": "Anywhere"}}
]}}"#;
        assert_silent(&PolicyTemplateParameterValue, api_properties(text));
    }
}
