use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports an apiProperties.json without `publisher`, with an empty one, or with a placeholder
    /// left from Microsoft's connector templates (such as `Name of company or organization.`).
    /// `publisher` names the company that publishes the connector (for an independent publisher, your full name).
    ///
    /// ## Why is this bad?
    /// Certification requires both `publisher` and `stackOwner`; they are shown to users of
    /// the connector.
    ///
    /// ## Severity
    /// A warning: the certification steps ask for `publisher`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-submission) and
    /// reviewers ask for it, but no Microsoft validator is known to refuse a file without it.
    /// Reviewers asking for the companion `stackOwner`:
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/918.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01", "publisher": "Contoso", "stackOwner": "Contoso" } }
    /// ```
    pub PublisherMissing {
        id: "publisher-missing",
        category: ApiProperties,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "apiProperties.json has no publisher, or a placeholder",
        visits: [Connector],
    }
}

impl Rule for PublisherMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(properties) = props.properties else { return };
        match props.publisher {
            Some(value) if crate::side_files::is_placeholder(value.value) => {
                cx.report(props.file, value.span, format!("`publisher` is `{}`, a placeholder", value.value))
                    .help("write the company that publishes the connector (for an independent publisher, your full name)");
            }
            Some(_) => {}
            None if properties.get("publisher").is_some() => {}
            None => {
                let at = props.root.member("properties").map_or(Span::empty(0), |m| m.key.span);
                cx.report(props.file, at, "`properties` has no `publisher`")
                    .help("add `publisher`: the company that publishes the connector (for an independent publisher, your full name)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_missing_empty_and_placeholder_values() {
        assert_eq!(
            messages(&PublisherMissing, api_properties("{\n  \"properties\": {\"iconBrandColor\": \"#da3b01\"}}")),
            ["2:3 `properties` has no `publisher`"]
        );
        assert_eq!(
            messages(&PublisherMissing, api_properties("{\"properties\": {\n  \"publisher\": \"  \"}}")),
            ["2:16 `publisher` is `  `, a placeholder"]
        );
        assert_eq!(
            messages(&PublisherMissing, api_properties("{\"properties\": {\n  \"publisher\": \"Name of company or organization.\"}}")),
            ["2:16 `publisher` is `Name of company or organization.`, a placeholder"]
        );
    }

    #[test]
    fn silent_on_a_real_name_or_a_wrong_type() {
        assert_silent(&PublisherMissing, api_properties(r#"{"properties": {"publisher": "Contoso, Ltd."}}"#));
        assert_silent(&PublisherMissing, api_properties(r#"{"properties": {"publisher": 3}}"#));
        assert_silent(&PublisherMissing, api_properties("{}"));
    }
}
