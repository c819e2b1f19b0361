use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports an `iconBrandColor` that is not `#` followed by six hexadecimal digits (either
    /// case), including the empty string the connector template ships with, and a `properties`
    /// object without `iconBrandColor`.
    ///
    /// ## Why is this bad?
    /// The colour is the background of the connector's icon in Power Automate and Power Apps.
    /// apiProperties.json's schema requires it, and three-digit, eight-digit or named colours
    /// are not accepted.
    ///
    /// ## Severity
    /// `iconBrandColor` is required by the apiProperties schema that Microsoft's validator enforces
    /// with `level=Error` findings
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3097); an empty string or a
    /// colour that is not `#RRGGBB` does not pass.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#DA3" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "iconBrandColor": "#DA3B01" } }
    /// ```
    pub IconBrandColorFormat {
        id: "icon-brand-color-format",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "iconBrandColor is missing or not a #RRGGBB colour",
        visits: [Connector],
    }
}

fn is_hex_color(value: &str) -> bool {
    value.strip_prefix('#').is_some_and(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl Rule for IconBrandColorFormat {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(properties) = props.properties else { return };
        match props.icon_brand_color {
            Some(color) if is_hex_color(color.value) => {}
            Some(color) if color.value.trim().is_empty() => {
                cx.report(props.file, color.span, "iconBrandColor is empty; it must be a colour such as `#da3b01`")
                    .help("set the brand colour as `#` and six hex digits (independent publishers use `#da3b01`)");
            }
            Some(color) => {
                cx.report(props.file, color.span, format!("iconBrandColor `{}` is not a colour of the form `#RRGGBB`", color.value))
                    .help("write `#` and six hex digits, such as `#da3b01`");
            }
            // A value of the wrong JSON type is reported by json-type-incorrect.
            None if properties.get("iconBrandColor").is_some() => {}
            // Solutions and records often leave the colour empty, and import accepts that (the
            // portal shows its default colour).
            None if cx.connector().in_container() => {}
            None => {
                let at = props.root.member("properties").map_or(Span::empty(0), |m| m.key.span);
                cx.report(props.file, at, "`properties` has no iconBrandColor")
                    .help("add `\"iconBrandColor\": \"#RRGGBB\"`, the background colour of the connector's icon");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_malformed_colors() {
        for (color, column) in [("#DA3", 21), ("da3b01", 21), ("#da3b01ff", 21), ("#GG3B01", 21), ("red", 21)] {
            let text = format!("{{\"properties\": {{\n  \"iconBrandColor\": \"{color}\"\n}}}}");
            assert_eq!(
                messages(&IconBrandColorFormat, api_properties(&text)),
                [format!("2:{column} iconBrandColor `{color}` is not a colour of the form `#RRGGBB`")],
                "{color}"
            );
        }
    }

    #[test]
    fn reports_the_empty_template_default() {
        let text = "{\n  \"properties\": {\"publisher\": \"Contoso\", \"iconBrandColor\": \"\"}\n}";
        assert_eq!(
            messages(&IconBrandColorFormat, api_properties(text)),
            ["2:60 iconBrandColor is empty; it must be a colour such as `#da3b01`"]
        );
    }

    #[test]
    fn reports_a_missing_color_at_the_properties_key() {
        let text = "{\n  \"properties\": {\n    \"publisher\": \"Contoso\"\n  }\n}";
        assert_eq!(messages(&IconBrandColorFormat, api_properties(text)), ["2:3 `properties` has no iconBrandColor"]);
    }

    #[test]
    fn silent_on_six_digit_colors_in_either_case() {
        assert_silent(&IconBrandColorFormat, api_properties(r##"{"properties": {"iconBrandColor": "#da3b01"}}"##));
        assert_silent(&IconBrandColorFormat, api_properties(r##"{"properties": {"iconBrandColor": "#007EE6"}}"##));
        assert_silent(&IconBrandColorFormat, api_properties(r##"{"properties": {"iconBrandColor": "#aBcDeF"}}"##));
    }

    #[test]
    fn silent_without_properties_or_with_a_wrong_json_type() {
        assert_silent(&IconBrandColorFormat, api_properties("{}"));
        assert_silent(&IconBrandColorFormat, swagger("{}"));
        assert_silent(&IconBrandColorFormat, api_properties(r#"{"properties": {"iconBrandColor": 3}}"#));
    }
}
