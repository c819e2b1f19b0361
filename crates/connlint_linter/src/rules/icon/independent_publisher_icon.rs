use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::is_independent_publisher;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// For certification: reports an icon in a connector under
    /// `independent-publisher-connectors/`.
    ///
    /// ## Why is this bad?
    /// Independent-publisher connectors all use Microsoft's generic independent-publisher icon
    /// on the `#da3b01` brand colour; the submission template asks publishers not to add
    /// their own.
    ///
    /// ## Severity
    /// A warning: the independent-publisher submission template asks not to add an icon (Microsoft
    /// supplies the generic one), and reviewers enforce it, but no validator refuses a pull request
    /// that has one. Template:
    /// https://github.com/microsoft/PowerPlatformConnectors/tree/dev/templates/Independent%20Publisher.
    ///
    /// ## Example
    /// An independent-publisher connector folder with:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]
    /// ```
    /// Use instead:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json"]
    /// ```
    pub IndependentPublisherIcon {
        id: "independent-publisher-icon",
        category: Icon,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "An independent-publisher connector ships its own icon",
        visits: [Connector],
    }
}

impl Rule for IndependentPublisherIcon {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        if !is_independent_publisher(cx.connector()) {
            return;
        }
        let Some((file, _)) = cx.model.icon() else { return };
        cx.report(file, Span::empty(0), "independent-publisher connectors must not include an icon")
            .help("remove the icon; the generic independent-publisher icon is used");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::{Connector, FileRole};
    use std::path::PathBuf;

    fn in_folder(dir: &str) -> Connector {
        let mut c = swagger("{}").file(FileRole::Icon, "icon.png", b"\x89PNG").build();
        c.dir = Some(PathBuf::from(dir));
        c
    }

    #[test]
    fn reports_an_icon_of_an_independent_publisher() {
        let found = run_on(&IndependentPublisherIcon, &in_folder("repo/independent-publisher-connectors/Contoso"));
        assert_eq!(found.iter().map(|f| format!("{}:{}:{}", f.path.display(), f.line, f.column)).collect::<Vec<_>>(), ["icon.png:1:1"]);
    }

    #[test]
    fn silent_elsewhere_or_without_an_icon() {
        assert!(run_on(&IndependentPublisherIcon, &in_folder("repo/certified-connectors/Contoso")).is_empty());
        let mut c = swagger("{}").build();
        c.dir = Some(PathBuf::from("repo/independent-publisher-connectors/Contoso"));
        assert!(run_on(&IndependentPublisherIcon, &c).is_empty());
    }
}
