use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `iconBrandColor` of `#007ee5` (the portal's default blue) or `#ffffff`
    /// (white), in any case.
    ///
    /// ## Why is this bad?
    /// The brand colour is the background of the connector's icon. Certification rejects the
    /// default blue, which marks uncertified custom connectors, and white, on which the icon
    /// disappears.
    ///
    /// ## Severity
    /// A warning: the certification documentation
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-submission) and the
    /// pull-request checklist ask certified connectors not to use `#007ee5` or `#ffffff`, and
    /// reviewers send such colours back
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/1558), but no validator refuses
    /// them.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#007ee5" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "iconBrandColor": "#6b2fa0" } }
    /// ```
    pub BrandColorDefault {
        id: "brand-color-default",
        category: Certification,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "iconBrandColor is the default blue or white",
        visits: [Connector],
    }
}

impl Rule for BrandColorDefault {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(color) = props.icon_brand_color else { return };
        let what = if color.value.eq_ignore_ascii_case("#007ee5") {
            "the portal's default colour"
        } else if color.value.eq_ignore_ascii_case("#ffffff") {
            "white"
        } else {
            return;
        };
        cx.report(props.file, color.span, format!("iconBrandColor `{}` is {what}, which certification does not accept", color.value))
            .help("use your brand's colour (independent publishers use `#da3b01`)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_default_blue_and_white() {
        let text = "{\"properties\": {\n  \"iconBrandColor\": \"#007EE5\"\n}}";
        assert_eq!(
            messages(&BrandColorDefault, api_properties(text)),
            ["2:21 iconBrandColor `#007EE5` is the portal's default colour, which certification does not accept"]
        );
        let text = "{\"properties\": {\"iconBrandColor\": \"#ffffff\"}}";
        assert_eq!(positions(&BrandColorDefault, api_properties(text)), ["apiProperties.json:1:35"]);
    }

    #[test]
    fn silent_on_other_colours() {
        for color in ["#007EE6", "#da3b01", "#fffffe", ""] {
            assert_silent(&BrandColorDefault, api_properties(&format!(r#"{{"properties": {{"iconBrandColor": "{color}"}}}}"#)));
        }
    }
}
