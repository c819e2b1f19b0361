use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::is_independent_publisher;

declare_rule! {
    /// ## What it does
    /// For certification: reports an `iconBrandColor` of `#007ee5` (the portal's default) or
    /// `#ffffff`, and, for a connector under `independent-publisher-connectors/`, any colour
    /// other than `#da3b01`. Colours are compared ignoring case.
    ///
    /// ## Why is this bad?
    /// Certified connectors must have their own brand colour, and independent-publisher
    /// connectors all share `#da3b01` with the generic independent-publisher icon; reviewers
    /// send back submissions that do not follow this.
    ///
    /// ## Severity
    /// A warning: the colour rules come from the certification documentation
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-submission) and the
    /// pull-request checklist, and reviewers enforce them
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/1305); no validator refuses the
    /// file.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#007ee5" } }
    /// ```
    /// Use instead (independent publisher):
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01" } }
    /// ```
    pub IconBrandColorCertification {
        id: "icon-brand-color-certification",
        category: ApiProperties,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "iconBrandColor is a colour certification forbids, or not #da3b01 for an independent publisher",
        visits: [Connector],
    }
}

impl Rule for IconBrandColorCertification {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(color) = props.icon_brand_color else { return };
        let value = color.value.trim().to_ascii_lowercase();
        if value.is_empty() {
            return; // icon-brand-color-format reports it
        }
        if is_independent_publisher(cx.connector()) {
            if value != "#da3b01" {
                cx.report(
                    props.file,
                    color.span,
                    format!("independent-publisher connectors use the brand colour `#da3b01`, not `{}`", color.value),
                )
                .help("set `iconBrandColor` to `#da3b01`");
            }
        } else if value == "#007ee5" || value == "#ffffff" {
            let why = if value == "#ffffff" { "white" } else { "the portal's default colour" };
            cx.report(props.file, color.span, format!("iconBrandColor `{}` is {why}, which certification does not accept", color.value))
                .help("use your brand's colour, matching the background of the icon");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::Connector;
    use std::path::PathBuf;

    fn lines(dir: &str, color: &str) -> Vec<String> {
        let mut c: Connector = api_properties(&format!("{{\"properties\": {{\n  \"iconBrandColor\": \"{color}\"}}}}")).build();
        c.dir = Some(PathBuf::from(dir));
        run_on(&IconBrandColorCertification, &c).iter().map(|f| format!("{}:{} {}", f.line, f.column, f.message)).collect()
    }

    #[test]
    fn reports_forbidden_colors() {
        assert_eq!(
            lines("certified-connectors/Contoso", "#007EE5"),
            ["2:21 iconBrandColor `#007EE5` is the portal's default colour, which certification does not accept"]
        );
        assert_eq!(
            lines("x/certified-connectors/Contoso", "#ffffff"),
            ["2:21 iconBrandColor `#ffffff` is white, which certification does not accept"]
        );
        assert_eq!(
            lines("repo/independent-publisher-connectors/Contoso", "#007ee6"),
            ["2:21 independent-publisher connectors use the brand colour `#da3b01`, not `#007ee6`"]
        );
    }

    #[test]
    fn silent_on_allowed_colors() {
        assert!(lines("certified-connectors/Contoso", "#007EE6").is_empty());
        assert!(lines("repo/independent-publisher-connectors/Contoso", "#DA3B01").is_empty());
        assert!(lines("certified-connectors/Contoso", "").is_empty());
        assert_silent(&IconBrandColorCertification, api_properties(r##"{"properties": {"iconBrandColor": "#123456"}}"##));
    }
}
