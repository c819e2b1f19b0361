use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::unit::DEFAULT_API_DEFINITION;
use connlint_core::{FileId, FileRole, LoadProblemKind, Span, Syntax};
use std::path::Path;

declare_rule! {
    /// ## What it does
    /// Reports a connector file found under a name other than the one paconn and Microsoft's
    /// repository expect (`apiDefinition.swagger.json`, `apiProperties.json`, `settings.json`,
    /// `script.csx`, `icon.png`), for example `apidefinition.swagger.json` or
    /// `Contoso.swagger.json`. Also reports a folder holding several `*.swagger.json` files,
    /// and names the one connlint linted.
    ///
    /// ## Why is this bad?
    /// paconn looks for the standard names unless settings.json says otherwise, names are
    /// case-sensitive on Linux (and in Microsoft's build pipeline), and the repository's tooling
    /// picks up only the standard names. With several swagger files it is unclear which one is
    /// the connector.
    ///
    /// A swagger written in YAML (`apiDefinition.swagger.yaml`, read and linted as YAML) is
    /// reported too, whatever its name: Power Platform and paconn import only JSON, so it has
    /// to be converted to `apiDefinition.swagger.json` before it can be deployed.
    ///
    /// ## Example
    /// A connector folder with these files:
    /// ```json
    /// ["ApiDefinition.swagger.json", "apiproperties.json"]
    /// ```
    /// Use instead:
    /// ```json
    /// ["apiDefinition.swagger.json", "apiProperties.json"]
    /// ```
    pub NonstandardFileName {
        id: "nonstandard-file-name",
        category: Files,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A connector file does not have its standard name, or several files could be the swagger",
        visits: [Connector],
    }
}

fn role_name(role: FileRole) -> &'static str {
    match role {
        FileRole::Swagger => "API definition",
        FileRole::ApiProperties => "API properties file",
        FileRole::Settings => "paconn settings file",
        FileRole::Script => "custom code script",
        FileRole::Icon => "icon",
        FileRole::SolutionXml => "solution XML file",
        FileRole::Records => "connectors records file",
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reports a swagger written in YAML, which Power Platform cannot import.
fn report_yaml(cx: &mut Context<'_, '_>, file: FileId, name: &str) {
    cx.report(
        file,
        Span::empty(0),
        format!("the API definition `{name}` is YAML; paconn and Power Platform import only JSON (`{DEFAULT_API_DEFINITION}`)"),
    )
    .help(format!("convert it to JSON and save it as `{DEFAULT_API_DEFINITION}` (connlint lints the YAML as it is)"));
}

impl Rule for NonstandardFileName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        // A YAML swagger gets one finding, which says to convert it, whether or not its name
        // was also a load problem (settings.json may name it).
        for (i, file) in connector.files.iter().enumerate() {
            if file.role == FileRole::Swagger && file.syntax == Syntax::Yaml {
                report_yaml(cx, FileId(i as u32), &file_name(file.source.path()));
            }
        }
        for problem in &connector.problems {
            // The finding goes on the file itself; one that was not read falls back to the swagger.
            let file = connector
                .files
                .iter()
                .position(|f| f.source.path() == problem.path)
                .map_or_else(|| cx.swagger_file(), |i| FileId(i as u32));
            let name = file_name(&problem.path);
            match &problem.kind {
                LoadProblemKind::NonstandardName { role: FileRole::Swagger } if Syntax::of_path(&problem.path) == Syntax::Yaml => {}
                LoadProblemKind::NonstandardName { role } => {
                    let standard = role.standard_name();
                    cx.report(
                        file,
                        Span::empty(0),
                        format!("the {} is named `{name}`; paconn and Microsoft's repository expect `{standard}`", role_name(*role)),
                    )
                    .help(format!("rename the file to `{standard}`, or name it in settings.json if paconn should keep reading it"));
                }
                LoadProblemKind::AmbiguousSwagger { candidates } => {
                    let list = candidates.iter().map(|c| format!("`{}`", file_name(c))).collect::<Vec<_>>().join(", ");
                    cx.report(file, Span::empty(0), format!("several files could be the API definition ({list}); connlint used `{name}`"))
                        .help("keep one swagger per connector folder, named `apiDefinition.swagger.json`");
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::{Connector, LoadProblem};
    use std::path::PathBuf;

    fn problem(kind: LoadProblemKind, path: &str) -> LoadProblem {
        LoadProblem { kind, path: PathBuf::from(path), at: None }
    }

    fn lines(connector: &Connector) -> Vec<String> {
        run_on(&NonstandardFileName, connector)
            .iter()
            .map(|f| format!("{}:{}:{} {}", f.path.display(), f.line, f.column, f.message))
            .collect()
    }

    #[test]
    fn reports_a_wrongly_cased_file_on_that_file() {
        let mut c = swagger("{}").file(FileRole::ApiProperties, "apiproperties.json", b"{\n}").build();
        c.problems.push(problem(LoadProblemKind::NonstandardName { role: FileRole::ApiProperties }, "apiproperties.json"));
        assert_eq!(
            lines(&c),
            ["apiproperties.json:1:1 the API properties file is named `apiproperties.json`; paconn and Microsoft's repository expect `apiProperties.json`"]
        );
    }

    #[test]
    fn a_file_that_was_not_read_is_reported_on_the_swagger() {
        let mut c = swagger("{}").build();
        c.problems.push(problem(LoadProblemKind::NonstandardName { role: FileRole::Script }, "dir/code.csx"));
        assert_eq!(
            lines(&c),
            ["apiDefinition.swagger.json:1:1 the custom code script is named `code.csx`; paconn and Microsoft's repository expect `script.csx`"]
        );
    }

    #[test]
    fn lists_the_candidates_of_an_ambiguous_swagger() {
        let mut c = TestConnector::default().file(FileRole::ApiProperties, "apiProperties.json", b"{}").build();
        c.add_bytes(FileRole::Swagger, "dir/a.swagger.json", b"{}".to_vec());
        c.problems.push(problem(LoadProblemKind::NonstandardName { role: FileRole::Swagger }, "dir/a.swagger.json"));
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::AmbiguousSwagger {
                candidates: vec![PathBuf::from("dir/a.swagger.json"), PathBuf::from("dir/b.swagger.json")],
            },
            path: PathBuf::from("dir/a.swagger.json"),
            at: None,
        });
        assert_eq!(
            lines(&c),
            [
                "dir/a.swagger.json:1:1 several files could be the API definition (`a.swagger.json`, `b.swagger.json`); connlint used `a.swagger.json`",
                "dir/a.swagger.json:1:1 the API definition is named `a.swagger.json`; paconn and Microsoft's repository expect `apiDefinition.swagger.json`",
            ]
        );
    }

    #[test]
    fn a_yaml_swagger_is_reported_once_with_help_to_convert_it() {
        let mut c = TestConnector::default().file(FileRole::Swagger, "apiDefinition.swagger.yaml", b"swagger: '2.0'\n").build();
        c.problems.push(problem(LoadProblemKind::NonstandardName { role: FileRole::Swagger }, "apiDefinition.swagger.yaml"));
        let found = run_on(&NonstandardFileName, &c);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the API definition `apiDefinition.swagger.yaml` is YAML; paconn and Power Platform import only JSON (`apiDefinition.swagger.json`)"
        );
        assert!(found[0].help.as_deref().unwrap().starts_with("convert it to JSON"));
        // Named by settings.json, so without a load problem: reported all the same.
        let c = TestConnector::default().file(FileRole::Swagger, "api/def.yml", b"swagger: '2.0'\n").build();
        assert_eq!(lines(&c).len(), 1);
    }

    #[test]
    fn silent_on_standard_names_and_other_problems() {
        let mut c = swagger("{}").with_api_properties("{}").with_script("").build();
        c.problems.push(problem(LoadProblemKind::Unreadable { error: "denied".into() }, "icon.png"));
        c.problems.push(LoadProblem {
            kind: LoadProblemKind::SettingsTargetMissing { role: FileRole::Script },
            path: PathBuf::from("code.csx"),
            at: Some((FileId(0), Span::empty(0))),
        });
        assert!(lines(&c).is_empty(), "{:?}", lines(&c));
    }

    #[test]
    fn finds_real_nonstandard_names_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("apidefinition.swagger.json"), "{}").unwrap();
        std::fs::write(dir.path().join("apiProperties.json"), "{}").unwrap();
        let c = Connector::load_dir(dir.path(), Default::default());
        let found = run_on(&NonstandardFileName, &c);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, dir.path().join("apidefinition.swagger.json"));
        assert!(found[0].message.contains("expect `apiDefinition.swagger.json`"), "{}", found[0].message);
    }
}
