use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::is_independent_publisher;
use connlint_core::{FileRole, LoadProblemKind, Span};

declare_rule! {
    /// ## What it does
    /// Reports a connector folder with a swagger but no icon (`icon.png`). Connectors under
    /// `independent-publisher-connectors/` are not reported: they must not ship an icon.
    ///
    /// ## Why is this bad?
    /// Without an icon the connector shows a generic image; certified connectors must supply
    /// their own.
    ///
    /// ## Severity
    /// A warning: the certification documentation asks for an icon
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-submission) and
    /// reviewers check it, but the repository's pipeline does not validate icons, and most
    /// certified connectors keep theirs out of the repository (it travels with the certification
    /// package). Independent publishers must not add one.
    ///
    /// ## Example
    /// A connector folder with these files:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json"]
    /// ```
    /// Use instead:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]
    /// ```
    pub IconMissing {
        id: "icon-missing",
        category: Icon,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The connector folder has no icon.png",
        visits: [Connector],
    }
}

impl Rule for IconMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        if connector.dir.is_none() || is_independent_publisher(connector) || connector.file_with_role(FileRole::Icon).is_some() {
            return;
        }
        let Some((swagger, _)) = connector.file_with_role(FileRole::Swagger) else { return };
        // Already reported: an icon that could not be read, or that settings.json names but that does not exist.
        let explained = connector.problems.iter().any(|p| match &p.kind {
            LoadProblemKind::SettingsTargetMissing { role } => *role == FileRole::Icon,
            LoadProblemKind::Unreadable { .. } | LoadProblemKind::TooLarge { .. } => {
                p.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"))
            }
            _ => false,
        });
        if explained {
            return;
        }
        cx.report(swagger, Span::empty(0), "this connector has no icon (`icon.png`)")
            .help("add the connector's logo as `icon.png` (PNG, 230×230 pixels, brand-colour background) next to the swagger");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::RuleSet;
    use crate::rule::{Profile, Severity};
    use crate::side_files::png::encode;
    use crate::testing::*;
    use connlint_core::Connector;
    use std::path::PathBuf;

    fn in_folder(c: TestConnector, dir: &str) -> Connector {
        let mut c = c.build();
        c.dir = Some(PathBuf::from(dir));
        c
    }

    #[test]
    fn reports_a_folder_without_icon_as_a_warning_under_both_profiles() {
        let c = in_folder(swagger("{}").with_api_properties("{}"), "custom-connectors/Contoso");
        let found = crate::lint_connector(&c, &RuleSet::new(Profile::Base, &[]), false).findings;
        let found: Vec<_> =
            found.iter().filter(|f| f.rule == "icon-missing").map(|f| (f.line, f.column, f.severity, f.message.clone())).collect();
        assert_eq!(found, [(1, 1, Severity::Warning, "this connector has no icon (`icon.png`)".to_string())]);
        let c = in_folder(swagger("{}"), "certified-connectors/Contoso");
        let found = crate::lint_connector(&c, &RuleSet::new(Profile::Certification, &[]), false).findings;
        assert_eq!(found.iter().filter(|f| f.rule == "icon-missing").map(|f| f.severity).collect::<Vec<_>>(), [Severity::Warning]);
    }

    #[test]
    fn silent_with_an_icon_without_a_folder_or_for_independent_publishers() {
        let with_icon = swagger("{}").file(FileRole::Icon, "icon.png", &encode(2, 2, 6, 0, |_, _| [0; 4]));
        assert!(run_on(&IconMissing, &in_folder(with_icon, "c/Contoso")).is_empty());
        assert_silent(&IconMissing, swagger("{}"));
        assert!(run_on(&IconMissing, &in_folder(swagger("{}"), "repo/independent-publisher-connectors/Contoso")).is_empty());
        assert!(run_on(&IconMissing, &in_folder(TestConnector::default().with_api_properties("{}"), "c/Contoso")).is_empty());
    }
}
