use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::{FileRole, LoadProblemKind};

declare_rule! {
    /// ## What it does
    /// Reports an apiProperties.json with `scriptOperations` (even an empty list, which means
    /// every operation) in a connector folder that has no custom code file (`script.csx`).
    /// A script without `scriptOperations` is fine. A connector linted without its folder is
    /// not checked.
    ///
    /// ## Why is this bad?
    /// The listed operations are meant to run through custom code; without the script, paconn
    /// uploads a connector whose operations skip the transformations they depend on, and
    /// Microsoft's validation rejects it.
    ///
    /// ## Severity
    /// `scriptOperations` routes operations through custom code
    /// (https://learn.microsoft.com/connectors/custom-connectors/write-code); without the code file
    /// paconn uploads no script, so those operations run without the transformation they were
    /// written for.
    ///
    /// ## Example
    /// A folder with `apiDefinition.swagger.json` and this apiProperties.json, but no script:
    /// ```json
    /// { "properties": { "scriptOperations": ["ListInvoices"] } }
    /// ```
    /// Use instead: add `script.csx` to the folder, or remove `scriptOperations`:
    /// ```json
    /// { "properties": {} }
    /// ```
    pub ScriptMissing {
        id: "script-missing",
        category: CrossFile,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "scriptOperations is set but the connector has no script.csx",
        visits: [Connector],
    }
}

impl Rule for ScriptMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        if connector.dir.is_none() || cx.model.script().is_some() {
            return;
        }
        let Some(props) = cx.api_properties() else { return };
        let Some(operations) = &props.script_operations else { return };
        // Already reported: a script that could not be read (io-error) or that settings.json
        // names but that does not exist (settings-file-missing).
        let explained = connector.problems.iter().any(|p| match &p.kind {
            LoadProblemKind::Unreadable { .. } | LoadProblemKind::TooLarge { .. } => {
                p.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csx") || e.eq_ignore_ascii_case("cs"))
            }
            LoadProblemKind::SettingsTargetMissing { role } => *role == FileRole::Script,
            _ => false,
        });
        if explained {
            return;
        }
        let at = props.properties.and_then(|p| p.member("scriptOperations")).map_or(operations.span, |m| m.key.span);
        let which =
            if operations.value.is_empty() { "every operation".to_string() } else { format!("{} operation(s)", operations.value.len()) };
        cx.report(props.file, at, format!("scriptOperations sends {which} through custom code, but the connector has no `script.csx`"))
            .help("add the custom code as `script.csx` next to apiProperties.json, or remove `scriptOperations`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::{Connector, LoadProblem};
    use std::path::PathBuf;

    fn in_folder(c: TestConnector) -> Connector {
        let mut c = c.build();
        c.dir = Some(PathBuf::from("contoso"));
        c
    }

    fn lines(c: &Connector) -> Vec<String> {
        run_on(&ScriptMissing, c).iter().map(|f| format!("{}:{} {}", f.line, f.column, f.message)).collect()
    }

    #[test]
    fn reports_at_the_script_operations_key() {
        let props = "{\"properties\": {\n  \"iconBrandColor\": \"#da3b01\",\n  \"scriptOperations\": [\"ListInvoices\"]\n}}";
        assert_eq!(
            lines(&in_folder(swagger("{}").with_api_properties(props))),
            ["3:3 scriptOperations sends 1 operation(s) through custom code, but the connector has no `script.csx`"]
        );
    }

    #[test]
    fn an_empty_list_means_every_operation() {
        let props = "{\"properties\": {\n    \"scriptOperations\": []}}";
        assert_eq!(
            lines(&in_folder(swagger("{}").with_api_properties(props))),
            ["2:5 scriptOperations sends every operation through custom code, but the connector has no `script.csx`"]
        );
    }

    #[test]
    fn silent_with_a_script_or_without_script_operations() {
        let props = r#"{"properties": {"scriptOperations": []}}"#;
        assert!(lines(&in_folder(swagger("{}").with_api_properties(props).with_script("public class Script : ScriptBase {}"))).is_empty());
        // A script without scriptOperations is valid.
        assert!(lines(&in_folder(swagger("{}").with_api_properties(r#"{"properties": {}}"#).with_script(""))).is_empty());
        assert!(lines(&in_folder(swagger("{}").with_api_properties(r#"{"properties": {}}"#))).is_empty());
    }

    #[test]
    fn silent_without_a_folder_or_when_already_explained() {
        let props = r#"{"properties": {"scriptOperations": []}}"#;
        assert_silent(&ScriptMissing, swagger("{}").with_api_properties(props));
        let mut c = in_folder(swagger("{}").with_api_properties(props));
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::TooLarge { size: 9, limit: 1 },
            path: PathBuf::from("contoso/script.csx"),
            at: None,
        });
        assert!(lines(&c).is_empty());
    }
}
