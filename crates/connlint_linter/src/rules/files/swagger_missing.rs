use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::{FileId, FileRole, LoadProblemKind, Span};

declare_rule! {
    /// ## What it does
    /// Reports a connector that has no API definition (`apiDefinition.swagger.json`), for
    /// example a folder with only `apiProperties.json` or `settings.json`.
    ///
    /// ## Why is this bad?
    /// The swagger is the connector: its operations become the actions and triggers. paconn
    /// cannot create or update a connector without it, and none of the swagger rules can run.
    ///
    /// ## Severity
    /// An error because nothing can be created without it. Reproduce: run `paconn create` in a
    /// folder that has apiProperties.json but no swagger; paconn has no API definition to send and
    /// stops. The portal's import also starts from an OpenAPI file
    /// (https://learn.microsoft.com/connectors/custom-connectors/define-openapi-definition).
    ///
    /// ## Example
    /// A connector folder with these files:
    /// ```json
    /// ["apiProperties.json", "icon.png"]
    /// ```
    /// Use instead:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json", "icon.png"]
    /// ```
    pub SwaggerMissing {
        id: "swagger-missing",
        category: Files,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The connector has no API definition",
        visits: [Connector],
    }
}

impl Rule for SwaggerMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        // In a solution or a record, `solution-file-missing` and `record-field-missing` say it.
        if connector.file_with_role(FileRole::Swagger).is_some() || connector.in_container() {
            return;
        }
        // Already reported: a swagger that could not be read (io-error) or that settings.json
        // names but that does not exist (settings-file-missing).
        let explained = connector.problems.iter().any(|p| match &p.kind {
            LoadProblemKind::Unreadable { .. } | LoadProblemKind::TooLarge { .. } => {
                p.path.file_name().is_some_and(|n| n.to_string_lossy().to_ascii_lowercase().ends_with(".swagger.json"))
            }
            LoadProblemKind::SettingsTargetMissing { role } => *role == FileRole::Swagger,
            _ => false,
        });
        if explained {
            return;
        }
        cx.report(FileId(0), Span::empty(0), format!("this connector has no API definition (`{}`)", FileRole::Swagger.standard_name()))
            .help("add the connector's OpenAPI 2.0 definition as `apiDefinition.swagger.json` in the connector folder");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::LoadProblem;
    use std::path::PathBuf;

    #[test]
    fn reports_on_the_first_file() {
        let c = api_properties("{\n  \"properties\": {}\n}").with_settings("{}");
        assert_eq!(positions(&SwaggerMissing, c), ["apiProperties.json:1:1"]);
        let c = TestConnector::default().with_settings("{\"apiProperties\": \"apiProperties.json\"}");
        assert_eq!(messages(&SwaggerMissing, c), ["1:1 this connector has no API definition (`apiDefinition.swagger.json`)"]);
    }

    #[test]
    fn silent_when_there_is_a_swagger() {
        assert_silent(&SwaggerMissing, swagger("{}"));
        assert_silent(&SwaggerMissing, api_properties("{}").file(FileRole::Swagger, "Contoso.swagger.json", b"{}"));
    }

    #[test]
    fn silent_when_a_load_problem_already_explains_it() {
        let mut c = api_properties("{}").build();
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::Unreadable { error: "denied".into() },
            path: PathBuf::from("x/apiDefinition.swagger.json"),
            at: None,
        });
        assert!(run_on(&SwaggerMissing, &c).is_empty());
        let mut c = api_properties("{}").with_settings("{\"apiDefinition\": \"api.json\"}").build();
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::SettingsTargetMissing { role: FileRole::Swagger },
            path: PathBuf::from("api.json"),
            at: Some((FileId(1), Span::new(18, 28))),
        });
        assert!(run_on(&SwaggerMissing, &c).is_empty());
    }

    #[test]
    fn an_unrelated_load_problem_does_not_hide_it() {
        let mut c = api_properties("{}").build();
        c.problems.push(LoadProblem { kind: LoadProblemKind::TooLarge { size: 9, limit: 1 }, path: PathBuf::from("icon.png"), at: None });
        assert_eq!(run_on(&SwaggerMissing, &c).len(), 1);
    }
}
