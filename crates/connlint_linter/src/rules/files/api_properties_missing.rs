use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::{FileRole, LoadProblemKind, Span};

declare_rule! {
    /// ## What it does
    /// Reports a connector folder that has an API definition but no `apiProperties.json`.
    /// A swagger linted on its own, without a folder, is not reported.
    ///
    /// ## Why is this bad?
    /// `paconn create` and `paconn update` need apiProperties.json, and Microsoft's repository
    /// requires it: it holds the connection parameters (authentication), the brand colour, the
    /// policies and the list of operations run through custom code.
    ///
    /// ## Example
    /// A connector folder with these files:
    /// ```json
    /// ["apiDefinition.swagger.json", "icon.png"]
    /// ```
    /// Use instead:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]
    /// ```
    pub ApiPropertiesMissing {
        id: "api-properties-missing",
        category: Files,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The connector folder has a swagger but no apiProperties.json",
        visits: [Connector],
    }
}

impl Rule for ApiPropertiesMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        let Some(dir) = &connector.dir else { return };
        let Some((swagger, _)) = connector.file_with_role(FileRole::Swagger) else { return };
        if connector.file_with_role(FileRole::ApiProperties).is_some() {
            return;
        }
        // Already reported: a file that could not be read (io-error) or that settings.json
        // names but that does not exist (settings-file-missing).
        let explained = connector.problems.iter().any(|p| match &p.kind {
            LoadProblemKind::Unreadable { .. } | LoadProblemKind::TooLarge { .. } => {
                p.path.file_name().is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().ends_with("apiproperties.json"))
            }
            LoadProblemKind::SettingsTargetMissing { role } => *role == FileRole::ApiProperties,
            _ => false,
        });
        if explained {
            return;
        }
        let expected = dir.join(FileRole::ApiProperties.standard_name());
        cx.report(swagger, Span::empty(0), format!("this connector has no `{}`", expected.display()))
            .help("add apiProperties.json next to the swagger (`paconn download` or the connector template gives a starting point)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::{Connector, LoadProblem};
    use std::path::{Path, PathBuf};

    fn in_folder(c: TestConnector) -> Connector {
        let mut c = c.build();
        c.dir = Some(PathBuf::from("contoso"));
        c
    }

    #[test]
    fn reports_on_the_swagger_and_names_the_expected_path() {
        let c = in_folder(swagger("{\n  \"swagger\": \"2.0\"\n}").with_script(""));
        let found = run_on(&ApiPropertiesMissing, &c);
        let expected = format!("this connector has no `{}`", Path::new("contoso").join("apiProperties.json").display());
        assert_eq!(found.iter().map(|f| (f.line, f.column, f.message.clone())).collect::<Vec<_>>(), [(1, 1, expected)]);
        assert_eq!(found[0].path, PathBuf::from("apiDefinition.swagger.json"));
    }

    #[test]
    fn silent_for_a_swagger_linted_without_a_folder() {
        assert_silent(&ApiPropertiesMissing, swagger("{}"));
    }

    #[test]
    fn silent_when_the_folder_has_api_properties_or_no_swagger() {
        assert!(run_on(&ApiPropertiesMissing, &in_folder(swagger("{}").with_api_properties("{}"))).is_empty());
        assert!(run_on(&ApiPropertiesMissing, &in_folder(TestConnector::default().with_settings("{}"))).is_empty());
    }

    #[test]
    fn silent_when_it_could_not_be_read() {
        let mut c = in_folder(swagger("{}"));
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::Unreadable { error: "denied".into() },
            path: PathBuf::from("contoso/apiProperties.json"),
            at: None,
        });
        assert!(run_on(&ApiPropertiesMissing, &c).is_empty());
    }
}
