use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::policy::connection_parameter_references;
use crate::suggest::closest;
use connlint_core::json::{Node, Value};
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports `@connectionParameters('name')` in a policy's parameters (for example the URL
    /// template of `dynamichosturl`) when no connection parameter, in `connectionParameters`
    /// or in any parameter set, has that name.
    ///
    /// ## Why is this bad?
    /// The expression evaluates to nothing at run time, so requests go to a broken host or
    /// carry an empty header.
    ///
    /// ## Severity
    /// The platform evaluates `@connectionParameters('name')` when a request runs, and a name the
    /// connection does not have fails the call; a run-time failure of this kind is quoted in
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3706.
    ///
    /// ## Example
    /// With a connection parameter named `region`:
    /// ```json
    /// { "templateId": "dynamichosturl", "parameters": {
    ///   "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('regoin').contoso.com" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "templateId": "dynamichosturl", "parameters": {
    ///   "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('region').contoso.com" } }
    /// ```
    pub PolicyConnectionParameterUnknown {
        id: "policy-connection-parameter-unknown",
        category: CrossFile,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A policy refers to a connection parameter that is not defined",
        visits: [Connector],
    }
}

fn strings<'n>(node: &'n Node<'n>, out: &mut Vec<&'n Node<'n>>) {
    match &node.value {
        Value::String(_) => out.push(node),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(members) => members.iter().for_each(|m| strings(&m.value, out)),
        _ => {}
    }
}

impl Rule for PolicyConnectionParameterUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let names: Vec<&str> = props.all_connection_parameters().map(|p| p.name()).collect();
        let text = cx.connector().file(props.file).source.text();
        for policy in &props.policies {
            let Some(params) = policy.parameters else { continue };
            let mut values = Vec::new();
            strings(params, &mut values);
            for value in values {
                let Some(s) = value.as_str() else { continue };
                for (_, name) in connection_parameter_references(s) {
                    if names.contains(&name) {
                        continue;
                    }
                    // Point at the name inside the JSON string when it is written without escapes.
                    let raw = text.get(value.span.start as usize..value.span.end as usize).unwrap_or("");
                    let span = raw
                        .find(&format!("'{name}'"))
                        .or_else(|| raw.find(&format!("\\\"{name}\\\"")).map(|p| p + 1))
                        .map_or(value.span, |p| Span::new(value.span.start + p as u32 + 1, value.span.start + (p + 1 + name.len()) as u32));
                    let message = match closest(name, names.iter().copied()) {
                        Some(known) => {
                            format!("policy refers to connection parameter `{name}`, which is not defined; did you mean `{known}`?")
                        }
                        None => format!("policy refers to connection parameter `{name}`, which is not defined"),
                    };
                    cx.report(props.file, span, message)
                        .help("define the parameter under `connectionParameters`, or fix the name in the policy");
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
    fn reports_undefined_parameters_at_their_name() {
        let props = r#"{"properties": {"connectionParameters": {"region": {"type": "string"}},
"policyTemplateInstances": [{"templateId": "dynamichosturl", "parameters": {
  "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('regoin').x.com/@connectionParameters('tenant')"}},
  {"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.value": "@connectionParameters('region')"}}]}}"#;
        assert_eq!(
            messages(&PolicyConnectionParameterUnknown, api_properties(props)),
            [
                "3:77 policy refers to connection parameter `regoin`, which is not defined; did you mean `region`?",
                "3:115 policy refers to connection parameter `tenant`, which is not defined",
            ]
        );
    }

    #[test]
    fn silent_when_defined_in_any_set() {
        let props = r#"{"properties": {"connectionParameterSets": {"values": [{"name": "a", "parameters": {"host": {"type": "string"}}}]},
"policyTemplateInstances": [{"templateId": "dynamichosturl", "parameters": {
  "x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('host')/@headers('x')"}}]}}"#;
        assert_silent(&PolicyConnectionParameterUnknown, api_properties(props));
    }
}
