use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::{FileRole, LoadProblemKind, Span};

declare_rule! {
    /// ## What it does
    /// Reports a path in paconn's `settings.json` (`apiDefinition`, `apiProperties`, `icon`,
    /// `script`) that names a file that does not exist. Paths are relative to the folder of
    /// settings.json.
    ///
    /// ## Why is this bad?
    /// paconn fails when it cannot open a file that settings.json names. connlint falls back to
    /// the standard file name when there is one, so what it lints may not be what paconn
    /// would upload.
    ///
    /// ## Severity
    /// Reproduce: name a file in settings.json (`"icon": "logo.png"`) that does not exist and run
    /// `paconn create --settings settings.json`; paconn stops when it opens the file, and nothing
    /// is created.
    ///
    /// ## Example
    /// ```json
    /// { "apiDefinition": "apiDefinitions.swagger.json", "apiProperties": "apiProperties.json" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "apiDefinition": "apiDefinition.swagger.json", "apiProperties": "apiProperties.json" }
    /// ```
    pub SettingsFileMissing {
        id: "settings-file-missing",
        category: Settings,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "settings.json names a file that does not exist",
        visits: [Connector],
    }
}

fn settings_key(role: FileRole) -> &'static str {
    match role {
        FileRole::Swagger => "apiDefinition",
        FileRole::ApiProperties => "apiProperties",
        FileRole::Settings => "settings",
        FileRole::Script => "script",
        FileRole::Icon => "icon",
        FileRole::SolutionXml | FileRole::Records => "",
    }
}

impl Rule for SettingsFileMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for problem in &connector.problems {
            let LoadProblemKind::SettingsTargetMissing { role } = problem.kind else { continue };
            let (file, span) = problem
                .at
                .or_else(|| connector.file_with_role(FileRole::Settings).map(|(id, _)| (id, Span::empty(0))))
                .unwrap_or((cx.swagger_file(), Span::empty(0)));
            // Name the file as settings.json writes it; the path connlint tried is resolved.
            let written = cx.settings().and_then(|s| match role {
                FileRole::Swagger => s.api_definition,
                FileRole::ApiProperties => s.api_properties,
                FileRole::Icon => s.icon,
                FileRole::Script => s.script,
                FileRole::Settings | FileRole::SolutionXml | FileRole::Records => None,
            });
            let name = written.map_or_else(|| problem.path.display().to_string(), |w| w.value.to_string());
            cx.report(file, span, format!("`{}` in settings.json names `{name}`, which does not exist", settings_key(role))).help(format!(
                "fix the path (relative to the folder of settings.json), or remove `{}` to use the default `{}`",
                settings_key(role),
                role.standard_name()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::{Connector, FileId, LoadProblem};
    use std::path::PathBuf;

    #[test]
    fn points_at_the_value_in_settings_json() {
        let text = "{\n  \"apiDefinition\": \"api.swagger.json\",\n  \"icon\": \"logo.png\"\n}";
        let mut c = swagger("{}").with_settings(text).build();
        let at = text.find("\"logo.png\"").unwrap() as u32;
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::SettingsTargetMissing { role: FileRole::Icon },
            path: PathBuf::from("logo.png"),
            at: Some((FileId(1), Span::new(at, at + 10))),
        });
        let found: Vec<_> = run_on(&SettingsFileMissing, &c)
            .iter()
            .map(|f| format!("{}:{}:{} {}", f.path.display(), f.line, f.column, f.message))
            .collect();
        assert_eq!(found, ["settings.json:3:11 `icon` in settings.json names `logo.png`, which does not exist"]);
    }

    #[test]
    fn finds_missing_targets_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("settings.json"),
            "{\n  \"apiDefinition\": \"api.json\",\n  \"apiProperties\": \"apiProperties.json\"\n}",
        )
        .unwrap();
        std::fs::write(dir.path().join("apiProperties.json"), "{}").unwrap();
        let c = Connector::load_dir(dir.path(), Default::default());
        let found = run_on(&SettingsFileMissing, &c);
        assert_eq!(found.iter().map(|f| (f.line, f.column)).collect::<Vec<_>>(), [(2, 20)]);
        assert_eq!(found[0].message, "`apiDefinition` in settings.json names `api.json`, which does not exist");
    }

    #[test]
    fn silent_when_every_named_file_exists() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.json"), r#"{"apiDefinition": "api.swagger.json", "script": "code.csx"}"#).unwrap();
        std::fs::write(dir.path().join("api.swagger.json"), "{}").unwrap();
        std::fs::write(dir.path().join("code.csx"), "").unwrap();
        let c = Connector::load_dir(dir.path(), Default::default());
        assert!(run_on(&SettingsFileMissing, &c).is_empty());
    }
}
