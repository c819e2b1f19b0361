use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a `policyTemplateInstances` entry whose `templateId` is missing or is not one of
    /// the policy templates Power Platform offers: `setheader`, `setqueryparameter`,
    /// `dynamichosturl`, `routerequesttoendpoint`, `setproperty`, `setvaluefromurl`,
    /// `pollingtrigger`, `updatenextlink`, `convertarraytoobject`, `convertobjecttoarray`,
    /// `stringtoarray`, `stringreplace`, `encodepropertyvalue`,
    /// `setconnectionstatustounauthenticated`, `moveproperties` and `dynamicsubdomain`.
    /// The camel-case spellings that apiProperties.json's schema accepts (`SetHeader`,
    /// `dynamicHostUrl`, `StringReplace`, ...) are accepted too; other spellings are reported
    /// with the id they most likely mean.
    ///
    /// ## Why is this bad?
    /// The connector cannot be created with an unknown policy template, and a policy that is
    /// not applied silently changes what requests the connector sends.
    ///
    /// ## Severity
    /// The templates are a closed list
    /// (https://learn.microsoft.com/connectors/custom-connectors/policy-templates); Microsoft's
    /// apiProperties validator checks `templateId` against its schema's enum and fails the build on
    /// other values (https://github.com/microsoft/PowerPlatformConnectors/pull/3097).
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "policyTemplateInstances": [{ "templateId": "sethttpheader", "parameters": {} }] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "policyTemplateInstances": [{ "templateId": "setheader", "parameters": {} }] } }
    /// ```
    pub UnknownPolicyTemplate {
        id: "unknown-policy-template",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A policy template instance has a missing or unknown templateId",
        visits: [Connector],
    }
}

/// The policy templates, in their canonical lowercase form.
const TEMPLATE_IDS: [&str; 16] = [
    "setheader",
    "setqueryparameter",
    "dynamichosturl",
    "routerequesttoendpoint",
    "setproperty",
    "setvaluefromurl",
    "pollingtrigger",
    "updatenextlink",
    "convertarraytoobject",
    "convertobjecttoarray",
    "stringtoarray",
    "stringreplace",
    "encodepropertyvalue",
    "setconnectionstatustounauthenticated",
    "moveproperties",
    "dynamicsubdomain",
];

/// Other spellings that apiProperties.json's schema accepts (and real connectors use).
const ACCEPTED_SPELLINGS: [&str; 15] = [
    "ConvertArrayToObject",
    "ConvertObjectToArray",
    "DynamicHostUrl",
    "dynamicHostUrl",
    "EncodePropertyValue",
    "PollingTrigger",
    "RouteRequestToEndpoint",
    "SetHeader",
    "setHeader",
    "SetProperty",
    "SetQueryParameter",
    "setQueryParameter",
    "SetValueFromUrl",
    "StringReplace",
    "StringToArray",
];

impl Rule for UnknownPolicyTemplate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for policy in &props.policies {
            match policy.template_id {
                Some(id) if TEMPLATE_IDS.contains(&id.value) || ACCEPTED_SPELLINGS.contains(&id.value) => {}
                Some(id) => {
                    let message = match closest(id.value, TEMPLATE_IDS) {
                        Some(known) => format!("unknown policy template `{}`; did you mean `{known}`?", id.value),
                        None => format!("unknown policy template `{}`", id.value),
                    };
                    cx.report(props.file, id.span, message)
                        .help("use one of the policy templates listed in the connector documentation, in lowercase");
                }
                // A `templateId` of the wrong JSON type is reported by json-type-incorrect.
                None if policy.node.get("templateId").is_some() => {}
                None => {
                    let title = policy.title.map_or_else(String::new, |t| format!(" `{}`", t.value));
                    cx.report(props.file, policy.node.span, format!("policy template instance{title} has no `templateId`"))
                        .help("add the `templateId` of the policy, such as `setheader` or `dynamichosturl`");
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
    fn reports_unknown_ids_with_a_suggestion() {
        let text = r#"{"properties": {"policyTemplateInstances": [
  {"templateId": "setheaders", "title": "a"},
  {"templateId": "SETHEADER"},
  {"templateId": "rewriteurl"},
  {"title": "Host", "parameters": {}}
]}}"#;
        assert_eq!(
            messages(&UnknownPolicyTemplate, api_properties(text)),
            [
                "2:18 unknown policy template `setheaders`; did you mean `setheader`?",
                "3:18 unknown policy template `SETHEADER`; did you mean `setheader`?",
                "4:18 unknown policy template `rewriteurl`",
                "5:3 policy template instance `Host` has no `templateId`",
            ]
        );
    }

    #[test]
    fn silent_on_every_known_id_and_the_accepted_spellings() {
        let instances: Vec<String> = TEMPLATE_IDS
            .iter()
            .chain(ACCEPTED_SPELLINGS.iter())
            .map(|id| format!(r#"{{"templateId": "{id}", "parameters": {{}}}}"#))
            .collect();
        let text = format!(r#"{{"properties": {{"policyTemplateInstances": [{}, {{"templateId": 5}}]}}}}"#, instances.join(", "));
        assert_silent(&UnknownPolicyTemplate, api_properties(&text));
    }
}
