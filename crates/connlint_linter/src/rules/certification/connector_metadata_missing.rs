use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a swagger without `x-ms-connector-metadata`, and an `x-ms-connector-metadata`
    /// array that lacks one of the entries certification asks for: `Website`,
    /// `Privacy policy` and `Categories` (names compared exactly, as the service does).
    ///
    /// ## Why is this bad?
    /// The certification review publishes the website, the privacy policy link and the
    /// categories on the connector's documentation page; a submission without them is sent
    /// back.
    ///
    /// ## Severity
    /// An error although it fires on 12% of the certified and independent-publisher
    /// connectors: Microsoft's validator reports it as an error (`RequiredPropertyMissing`) when
    /// certification rules are on, and the connectors without it were certified before the
    /// check existed; a new submission without it is sent back.
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
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|name| !metadata.value.iter().any(|e| e.property_name.is_some_and(|n| n.value == *name)))
            .collect();
        if missing.is_empty() {
            return;
        }
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        let diagnostic = cx.report_swagger(member.key.span, format!("`x-ms-connector-metadata` has no {list} entry"));
        let near: Vec<&str> = missing
            .iter()
            .filter_map(|name| {
                metadata.value.iter().filter_map(|e| e.property_name).find(|n| n.value.eq_ignore_ascii_case(name)).map(|n| n.value)
            })
            .collect();
        match near.first() {
            Some(found) => diagnostic.help(format!("`{found}` has the wrong case; entry names are compared exactly")),
            None => diagnostic.help("add an entry `{\"propertyName\": \"...\", \"propertyValue\": \"...\"}` for each"),
        };
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
        let text = "{\n  \"x-ms-connector-metadata\": [\n    {\"propertyName\": \"website\", \"propertyValue\": \"https://c.com\"},\n    {\"propertyName\": \"Categories\", \"propertyValue\": \"AI\"}\n  ]\n}";
        let found = run(&ConnectorMetadataMissing, swagger(text));
        assert_eq!(
            messages(&ConnectorMetadataMissing, swagger(text)),
            ["2:3 `x-ms-connector-metadata` has no `Website`, `Privacy policy` entry"]
        );
        assert_eq!(found[0].help.as_deref(), Some("`website` has the wrong case; entry names are compared exactly"));
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
