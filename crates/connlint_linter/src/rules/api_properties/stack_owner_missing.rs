use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports an apiProperties.json without `stackOwner`, with an empty one, or with a placeholder
    /// left from Microsoft's connector templates (such as `Name of company or organization.`).
    /// `stackOwner` names the company that owns the service behind the connector.
    ///
    /// ## Why is this bad?
    /// Certification requires both `publisher` and `stackOwner`; they are shown to users of
    /// the connector.
    ///
    /// ## Severity
    /// A warning: the certification steps ask for `stackOwner`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-submission) and
    /// reviewers ask for it (https://github.com/microsoft/PowerPlatformConnectors/pull/918,
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/1558), but no Microsoft validator
    /// is known to refuse a file without it.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01", "publisher": "Contoso", "stackOwner": "Contoso" } }
    /// ```
    pub StackOwnerMissing {
        id: "stack-owner-missing",
        category: ApiProperties,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "apiProperties.json has no stackOwner, or a placeholder",
        visits: [Connector],
    }
}

impl Rule for StackOwnerMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(properties) = props.properties else { return };
        match props.stack_owner {
            Some(value) if crate::side_files::is_placeholder(value.value) => {
                cx.report(props.file, value.span, format!("`stackOwner` is `{}`, a placeholder", value.value))
                    .help("write the company that owns the service behind the connector");
            }
            Some(_) => {}
            None if properties.get("stackOwner").is_some() => {}
            None => {
                let at = props.root.member("properties").map_or(Span::empty(0), |m| m.key.span);
                cx.report(props.file, at, "`properties` has no `stackOwner`")
                    .help("add `stackOwner`: the company that owns the service behind the connector");
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
            messages(&StackOwnerMissing, api_properties("{\n  \"properties\": {\"iconBrandColor\": \"#da3b01\"}}")),
            ["2:3 `properties` has no `stackOwner`"]
        );
        assert_eq!(
            messages(&StackOwnerMissing, api_properties("{\"properties\": {\n  \"stackOwner\": \"  \"}}")),
            ["2:17 `stackOwner` is `  `, a placeholder"]
        );
        assert_eq!(
            messages(&StackOwnerMissing, api_properties("{\"properties\": {\n  \"stackOwner\": \"Name of company or organization.\"}}")),
            ["2:17 `stackOwner` is `Name of company or organization.`, a placeholder"]
        );
    }

    #[test]
    fn silent_on_a_real_name_or_a_wrong_type() {
        assert_silent(&StackOwnerMissing, api_properties(r#"{"properties": {"stackOwner": "Contoso, Ltd."}}"#));
        assert_silent(&StackOwnerMissing, api_properties(r#"{"properties": {"stackOwner": 3}}"#));
        assert_silent(&StackOwnerMissing, api_properties("{}"));
    }
}
