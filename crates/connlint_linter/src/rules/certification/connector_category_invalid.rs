use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports the `Categories` entry of `x-ms-connector-metadata` when one of its
    /// semicolon-separated values is not one of the 19 certification categories (compared
    /// exactly, so `website` is reported and `Website` suggested), or when it lists more than
    /// two categories.
    ///
    /// The categories are: AI, Business Management, Business Intelligence, Collaboration,
    /// Commerce, Communication, Content and Files, Finance, Data, Human Resources, Internet of
    /// Things, IT Operations, Lifestyle and Entertainment, Marketing, Productivity, Sales and
    /// CRM, Security, Social Media, Website.
    ///
    /// ## Why is this bad?
    /// The categories place the connector in the gallery. The certification review accepts
    /// only the published list and at most two of them.
    ///
    /// ## Severity
    /// Under certification the validator checks the `Categories` entry: `InvalidConnectorCategory`
    /// and `TooManyConnectorCategories`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-connector-metadata": [ { "propertyName": "Categories", "propertyValue": "Productivity;Tools;Data" } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-connector-metadata": [ { "propertyName": "Categories", "propertyValue": "Productivity;Data" } ] }
    /// ```
    pub ConnectorCategoryInvalid {
        id: "connector-category-invalid",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["InvalidConnectorCategory", "TooManyConnectorCategories"],
        summary: "A connector category is not from the allowed list, or there are more than two",
        visits: [Connector],
    }
}

/// The categories certification accepts.
pub const CATEGORIES: [&str; 19] = [
    "AI",
    "Business Management",
    "Business Intelligence",
    "Collaboration",
    "Commerce",
    "Communication",
    "Content and Files",
    "Finance",
    "Data",
    "Human Resources",
    "Internet of Things",
    "IT Operations",
    "Lifestyle and Entertainment",
    "Marketing",
    "Productivity",
    "Sales and CRM",
    "Security",
    "Social Media",
    "Website",
];

/// The most categories a connector may have.
const MAX_CATEGORIES: usize = 2;

impl Rule for ConnectorCategoryInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let Some(metadata) = &swagger.connector_metadata else { return };
        for entry in &metadata.value {
            if entry.property_name.is_none_or(|n| !n.value.eq_ignore_ascii_case("Categories")) {
                continue;
            }
            let Some(value) = entry.property_value else { continue };
            let names: Vec<&str> = value.value.split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
            for name in &names {
                if CATEGORIES.contains(name) {
                    continue;
                }
                let diagnostic = cx.report_swagger(value.span, format!("`{name}` is not a connector category"));
                match CATEGORIES.iter().find(|c| c.eq_ignore_ascii_case(name)) {
                    Some(exact) => diagnostic.help(format!("write `{exact}`; categories are compared exactly")),
                    None => diagnostic.help(format!("use one of: {}", CATEGORIES.join(", "))),
                };
            }
            if names.len() > MAX_CATEGORIES {
                cx.report_swagger(value.span, format!("{} categories are listed; at most {MAX_CATEGORIES} are allowed", names.len()))
                    .help("keep the one or two categories that describe the service best, separated by `;`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn check(value: &str) -> Vec<String> {
        let text = format!("{{\"x-ms-connector-metadata\": [\n  {{\"propertyName\": \"Categories\", \"propertyValue\": \"{value}\"}}\n]}}");
        messages(&ConnectorCategoryInvalid, swagger(&text))
    }

    #[test]
    fn fires_on_unknown_or_miscased_categories() {
        assert_eq!(check("website;Tools"), ["2:51 `Tools` is not a connector category", "2:51 `website` is not a connector category"]);
        let text = "{\"x-ms-connector-metadata\": [{\"propertyName\": \"Categories\", \"propertyValue\": \"social media\"}]}";
        let found = run(&ConnectorCategoryInvalid, swagger(text));
        assert_eq!(found[0].help.as_deref(), Some("write `Social Media`; categories are compared exactly"));
    }

    #[test]
    fn fires_on_more_than_two() {
        assert_eq!(check("AI; Data ;Finance"), ["2:51 3 categories are listed; at most 2 are allowed"]);
    }

    #[test]
    fn silent_on_valid_categories() {
        assert!(check("Productivity;Sales and CRM").is_empty());
        assert!(check("IT Operations; ").is_empty());
        let other = r#"{"x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "Tools;A;B"}]}"#;
        assert_silent(&ConnectorCategoryInvalid, swagger(other));
    }
}
