use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Checks the `token:TenantId` connection parameter against the one shape Power Platform
    /// accepts: `type` `string`, `metadata` `{"sourceType": "AzureActiveDirectoryTenant"}`, and
    /// a `uiDefinition` with `displayName` `Tenant`, `description` `The tenant ID of for the
    /// Azure Active Directory application` (sic) and `constraints`
    /// `{"hidden": "true", "required": "false"}`. A differing value is reported; of the parts,
    /// only `type`, `metadata` and `uiDefinition` must be present (Microsoft's schema and many
    /// certified connectors leave out the display texts).
    ///
    /// ## Why is this bad?
    /// The apiProperties validator reports any difference, even in the description's wording,
    /// as a critical error, so the connector cannot be submitted.
    ///
    /// ## Severity
    /// Microsoft's apiProperties validator reports any other shape of `token:TenantId`, even a
    /// reworded description, as `level=Critical`, which fails the pull request
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3097).
    ///
    /// ## Example
    /// ```json
    /// { "token:TenantId": { "type": "string", "uiDefinition": { "displayName": "Tenant ID" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "token:TenantId": { "type": "string", "metadata": { "sourceType": "AzureActiveDirectoryTenant" },
    ///   "uiDefinition": { "constraints": { "hidden": "true", "required": "false" },
    ///     "description": "The tenant ID of for the Azure Active Directory application", "displayName": "Tenant" } } }
    /// ```
    pub TenantIdParameterShape {
        id: "tenant-id-parameter-shape",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The token:TenantId connection parameter differs from its required shape",
        visits: [Connector],
    }
}

const DESCRIPTION: &str = "The tenant ID of for the Azure Active Directory application";

/// (JSON pointer under the parameter, expected string value)
const EXPECTED: [(&str, &str); 6] = [
    ("/type", "string"),
    ("/metadata/sourceType", "AzureActiveDirectoryTenant"),
    ("/uiDefinition/displayName", "Tenant"),
    ("/uiDefinition/description", DESCRIPTION),
    ("/uiDefinition/constraints/hidden", "true"),
    ("/uiDefinition/constraints/required", "false"),
];

fn show(node: &Node) -> String {
    match node.as_str() {
        Some(s) => format!("`{s}`"),
        None => node.json_type().name().to_string(),
    }
}

impl Rule for TenantIdParameterShape {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for param in props.all_connection_parameters().filter(|p| p.name() == "token:TenantId") {
            let mut missing = Vec::new();
            for (pointer, expected) in EXPECTED {
                match param.node.pointer(pointer) {
                    Some(node) if node.as_str() == Some(expected) => {}
                    Some(node) => {
                        cx.report(
                            props.file,
                            node.span,
                            format!("`token:TenantId` needs `{}` = `{expected}`, not {}", &pointer[1..], show(node)),
                        )
                        .help(format!("set it to exactly `{expected}`; the validator compares the text"));
                    }
                    // Only the type and the metadata are required; the uiDefinition texts
                    // and constraints are compared when present.
                    None if matches!(pointer, "/type" | "/metadata/sourceType") => missing.push(&pointer[1..]),
                    None => {}
                }
            }
            if param.node.get("uiDefinition").is_none() {
                missing.push("uiDefinition");
            }
            if !missing.is_empty() {
                let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
                cx.report(props.file, param.key.span, format!("`token:TenantId` lacks {list}"))
                    .help("give token:TenantId exactly the documented shape (see this rule's documentation)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_each_difference() {
        let text = r#"{"properties": {"connectionParameters": {
  "token:TenantId": {"type": "string", "metadata": {"sourceType": "AzureActiveDirectoryTenant"},
    "uiDefinition": {"displayName": "Tenant ID", "description": "Tenant ID of your Azure Active Directory application.",
      "constraints": {"hidden": true}}}
}}}"#;
        assert_eq!(
            messages(&TenantIdParameterShape, api_properties(text)),
            [
                "3:37 `token:TenantId` needs `uiDefinition/displayName` = `Tenant`, not `Tenant ID`",
                "3:65 `token:TenantId` needs `uiDefinition/description` = `The tenant ID of for the Azure Active Directory application`, not `Tenant ID of your Azure Active Directory application.`",
                "4:33 `token:TenantId` needs `uiDefinition/constraints/hidden` = `true`, not a boolean",
            ]
        );
    }

    #[test]
    fn reports_missing_required_parts() {
        let text = "{\"properties\": {\"connectionParameters\": {\n  \"token:TenantId\": {\"type\": \"string\"}}}}";
        assert_eq!(
            messages(&TenantIdParameterShape, api_properties(text)),
            ["2:3 `token:TenantId` lacks `metadata/sourceType`, `uiDefinition`"]
        );
    }

    #[test]
    fn silent_on_the_exact_shape_and_other_parameters() {
        let text = r#"{"properties": {"connectionParameters": {
  "token:TenantId": {"type": "string", "metadata": {"sourceType": "AzureActiveDirectoryTenant"},
    "uiDefinition": {"constraints": {"hidden": "true", "required": "false"},
      "description": "The tenant ID of for the Azure Active Directory application", "displayName": "Tenant"}},
  "token:tenantId": {"type": "string"}, "token": {"type": "oauthSetting"}}}}"#;
        assert_silent(&TenantIdParameterShape, api_properties(text));
        // Display texts may be left out.
        let text = r#"{"properties": {"connectionParameters": {"token:TenantId": {"type": "string", "metadata": {"sourceType": "AzureActiveDirectoryTenant"},
            "uiDefinition": {"constraints": {"required": "false", "hidden": "true"}}}}}}"#;
        assert_silent(&TenantIdParameterShape, api_properties(text));
    }
}
