use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::policy::OPERATION_NAME;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports an entry of a policy's `x-ms-apimTemplate-operationName` that is not the
    /// `operationId` of any operation in the swagger, and suggests the closest one.
    ///
    /// ## Why is this bad?
    /// The policy applies only to the operations listed; a misspelt or renamed operationId
    /// means the operation silently runs without the header, route or transformation the
    /// policy was meant to add.
    ///
    /// ## Severity
    /// Reproduce: list a misspelt operationId in `x-ms-apimTemplate-operationName` of a `setheader`
    /// policy and call the real operation: its request goes out without the header, because the
    /// policy applies only to the operations listed
    /// (https://learn.microsoft.com/connectors/custom-connectors/policy-templates).
    ///
    /// ## Example
    /// With a swagger whose only operation is `ListInvoices`:
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplate-operationName": ["ListInvoice"] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "templateId": "setheader", "parameters": { "x-ms-apimTemplate-operationName": ["ListInvoices"] } }
    /// ```
    pub PolicyOperationUnknown {
        id: "policy-operation-unknown",
        category: CrossFile,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A policy names an operationId the swagger does not have",
        visits: [Connector],
    }
}

impl Rule for PolicyOperationUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let (Some(swagger), Some(props)) = (cx.swagger(), cx.api_properties()) else { return };
        let ids: Vec<&str> = swagger.operations.iter().filter_map(|op| op.operation_id.map(|id| id.value)).collect();
        for policy in &props.policies {
            let Some(names) = policy.parameters.and_then(|p| p.get(OPERATION_NAME)).and_then(|n| n.as_array()) else { continue };
            let template = policy.template_id.map_or("policy", |t| t.value);
            for name in names {
                let Some(value) = name.as_str() else { continue };
                if ids.contains(&value) {
                    continue;
                }
                let message = match closest(value, ids.iter().copied()) {
                    Some(known) => format!(
                        "`{template}` policy applies to `{value}`, which is not an operationId in the swagger; did you mean `{known}`?"
                    ),
                    None => format!("`{template}` policy applies to `{value}`, which is not an operationId in the swagger"),
                };
                cx.report(props.file, name.span, message).help("list operationIds exactly as the swagger spells them");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const SWAGGER: &str =
        r#"{"swagger": "2.0", "paths": {"/invoices": {"get": {"operationId": "ListInvoices"}, "post": {"operationId": "CreateInvoice"}}}}"#;

    #[test]
    fn reports_unknown_operation_ids() {
        let props = r#"{"properties": {"policyTemplateInstances": [{"templateId": "setheader", "parameters": {
  "x-ms-apimTemplate-operationName": ["ListInvoices", "ListInvoice", "SendReminder"]}}]}}"#;
        assert_eq!(
            messages(&PolicyOperationUnknown, swagger(SWAGGER).with_api_properties(props)),
            [
                "2:55 `setheader` policy applies to `ListInvoice`, which is not an operationId in the swagger; did you mean `ListInvoices`?",
                "2:70 `setheader` policy applies to `SendReminder`, which is not an operationId in the swagger",
            ]
        );
    }

    #[test]
    fn silent_when_every_name_exists_or_none_is_given() {
        let props = r#"{"properties": {"policyTemplateInstances": [
            {"templateId": "setheader", "parameters": {"x-ms-apimTemplate-operationName": ["ListInvoices", "CreateInvoice"]}},
            {"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplate-operationName": []}},
            {"templateId": "dynamichosturl", "parameters": {}}]}}"#;
        assert_silent(&PolicyOperationUnknown, swagger(SWAGGER).with_api_properties(props));
        assert_silent(&PolicyOperationUnknown, api_properties(props));
    }
}
