use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::schema::{validate, Schema};

declare_rule! {
    /// ## What it does
    /// Validates apiProperties.json against Microsoft's JSON Schema for it
    /// (`paconn-apiProperties.schema.json`), in a corrected copy shipped with connlint: the
    /// upstream file is not valid JSON and rejects documented features (`scriptOperations`,
    /// `connectionParameterSets`, `GlobalPerConnector`, boolean constraints, three policy
    /// templates). Each violation is reported at the offending value or key.
    ///
    /// This rule is off unless asked for: run `connlint check --schema`, or set its level in
    /// `connlint.toml`. The other apiProperties rules cover the same ground with clearer
    /// messages; this one is a cross-check against Microsoft's own definition.
    ///
    /// ## Why is this bad?
    /// Editors and Microsoft's tooling validate against this schema; a file that does not match
    /// it uses keys or values Power Platform may not accept.
    ///
    /// ## Severity
    /// A warning: Microsoft's published apiProperties schema is stricter than the platform (it
    /// lacks `scriptOperations` and `connectionParameterSets`, which merged and documented
    /// connectors use), so a mismatch is not proof that the file is refused. The specific rules of
    /// the `api-properties` category carry the errors that have evidence.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01", "stackowner": "Contoso" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01", "stackOwner": "Contoso" } }
    /// ```
    pub SchemaApiProperties {
        id: "schema-api-properties",
        category: JsonSchema,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "apiProperties.json does not match Microsoft's JSON Schema (corrected)",
        visits: [Connector],
    }
}

impl Rule for SchemaApiProperties {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for v in validate(Schema::ApiProperties, props.root) {
            let node = props.root.pointer(&v.pointer).unwrap_or(props.root);
            let span = v.key.as_deref().and_then(|k| node.member(k)).map_or(node.span, |m| m.key.span);
            let at = if v.pointer.is_empty() { "the root".to_string() } else { format!("`{}`", v.pointer) };
            cx.report(props.file, span, format!("{at}: {}", v.message))
                .help("compare with the apiProperties.json schema; see `connlint rule schema-api-properties`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_violations_at_their_position() {
        let text = r##"{"properties": {
  "iconBrandColor": "#da3b01",
  "stackowner": "Contoso",
  "connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad", "redirectMode": "global",
    "customParameters": {"resourceUri": {"value": "https://graph.microsoft.com"}}}}},
  "capabilities": "actions"
}}"##;
        let found = messages(&SchemaApiProperties, api_properties(text));
        assert_eq!(found[0], "3:3 `/properties`: the schema allows no key `stackowner` here");
        assert!(found.contains(&"6:19 `/properties/capabilities`: \"actions\" should be of type array".to_string()), "{found:#?}");
        assert!(found.iter().any(|f| f.starts_with("4:37 `/properties/connectionParameters/token`")), "{found:#?}");
    }

    #[test]
    fn silent_on_documented_features_the_upstream_schema_rejects() {
        let text = r##"{"properties": {"iconBrandColor": "#da3b01", "scriptOperations": [],
            "connectionParameters": {"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2", "redirectMode": "GlobalPerConnector"}},
              "key": {"type": "securestring", "uiDefinition": {"constraints": {"required": true, "hidden": "false"}}}},
            "policyTemplateInstances": [{"templateId": "setconnectionstatustounauthenticated", "parameters": {"x-ms-apimTemplateParameter.statusCode": 401}}]}}"##;
        assert_silent(&SchemaApiProperties, api_properties(text));
        assert_silent(&SchemaApiProperties, swagger("{}"));
    }
}
