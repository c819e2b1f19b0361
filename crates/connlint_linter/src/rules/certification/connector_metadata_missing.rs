use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Rule, Severity};
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a swagger without `x-ms-connector-metadata`, and an `x-ms-connector-metadata`
    /// array that lacks one of the entries certification asks for: `Website`,
    /// `Privacy policy` and `Categories`. Names are compared without regard to case, as
    /// Microsoft's validator does: `Privacy Policy` counts. An entry spelled in another case
    /// than the documented one gets an info finding, since other tools may compare exactly.
    ///
    /// ## Why is this bad?
    /// The certification review publishes the website, the privacy policy link and the
    /// categories on the connector's documentation page; a submission without them is sent
    /// back.
    ///
    /// ## Severity
    /// Under certification the validator reports a missing `x-ms-connector-metadata` as an error
    /// (`RequiredPropertyMissing`, seen in the output of Microsoft's PR pipeline on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/1095) and missing entries as
    /// `ConnectorMetadataPropertiesMissing`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    /// Entry names are compared without regard to case, as Microsoft does.
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-connector-metadata": [ { "propertyName": "Website", "propertyValue": "https://contoso.com" } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-connector-metadata": [
    ///     { "propertyName": "Website", "propertyValue": "https://contoso.com" },
    ///     { "propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy" },
    ///     { "propertyName": "Categories", "propertyValue": "Productivity;Collaboration" } ] }
    /// ```
    pub ConnectorMetadataMissing {
        id: "connector-metadata-missing",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["ConnectorMetadataPropertiesMissing", "RequiredPropertyMissing"],
        summary: "x-ms-connector-metadata is missing or lacks Website, Privacy policy or Categories",
        visits: [Connector],
    }
}

const REQUIRED: [&str; 3] = ["Website", "Privacy policy", "Categories"];

impl Rule for ConnectorMetadataMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if swagger.root.as_object().is_none() {
            return;
        }
        let Some(member) = swagger.root.member("x-ms-connector-metadata") else {
            cx.report_swagger(Span::empty(swagger.root.span.start), "the document has no `x-ms-connector-metadata`")
                .help("add `x-ms-connector-metadata` with the `Website`, `Privacy policy` and `Categories` entries");
            return;
        };
        // A value of the wrong type is reported by json-type-incorrect.
        let Some(metadata) = &swagger.connector_metadata else { return };
        if member.value.as_array().is_none() {
            return;
        }
        let named = |name: &str| metadata.value.iter().filter_map(|e| e.property_name).find(|n| n.value.eq_ignore_ascii_case(name));
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|name| named(name).is_none()).collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
            cx.report_swagger(member.key.span, format!("`x-ms-connector-metadata` has no {list} entry"))
                .help("add an entry `{\"propertyName\": \"...\", \"propertyValue\": \"...\"}` for each");
        }
        for name in REQUIRED {
            let Some(found) = named(name).filter(|n| n.value != name) else { continue };
            let d = cx.report_swagger(
                found.span,
                format!(
                    "`{}` is accepted (Microsoft compares entry names without regard to case), but the documented name is `{name}`",
                    found.value
                ),
            );
            d.help(format!("write `{name}`"));
            d.severity = d.severity.min(Severity::Info);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_when_the_extension_is_absent() {
        assert_eq!(
            messages(&ConnectorMetadataMissing, swagger("{\n  \"swagger\": \"2.0\"\n}")),
            ["1:1 the document has no `x-ms-connector-metadata`"]
        );
    }

    #[test]
    fn fires_on_the_key_when_entries_are_missing() {
        let text = "{\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"Website\", \"propertyValue\": \"https://c.com\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"AI\"}\n  ]\n}";
        let found = run(&ConnectorMetadataMissing, swagger(text));
        assert_eq!(messages(&ConnectorMetadataMissing, swagger(text)), ["2:3 `x-ms-connector-metadata` has no `Privacy policy` entry"]);
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn names_are_compared_without_regard_to_case_with_an_info_for_the_spelling() {
        let text = "{\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"website\", \"propertyValue\": \"https://c.com\"},\n    {\"propertyName\": \"Privacy Policy\", \"propertyValue\": \"https://c.com/p\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"AI\"}\n  ]\n}";
        let found = run(&ConnectorMetadataMissing, swagger(text));
        assert_eq!(
            messages(&ConnectorMetadataMissing, swagger(text)),
            [
                "3:22 `website` is accepted (Microsoft compares entry names without regard to case), but the documented name is `Website`",
                "4:22 `Privacy Policy` is accepted (Microsoft compares entry names without regard to case), but the documented name is `Privacy policy`"
            ]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Info));
        assert_eq!(found[1].help.as_deref(), Some("write `Privacy policy`"));
    }

    #[test]
    fn silent_when_complete_or_wrongly_typed() {
        let text = r#"{"x-ms-connector-metadata": [
            {"propertyName": "Website", "propertyValue": "https://c.com"},
            {"propertyName": "Privacy policy", "propertyValue": "https://c.com/p"},
            {"propertyName": "Categories", "propertyValue": "AI"}]}"#;
        assert_silent(&ConnectorMetadataMissing, swagger(text));
        assert_silent(&ConnectorMetadataMissing, swagger(r#"{"x-ms-connector-metadata": {}}"#));
        assert_silent(&ConnectorMetadataMissing, swagger("[]"));
    }
}
