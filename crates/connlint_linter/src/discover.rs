//! Finding connectors under the paths given on the command line.
//!
//! A folder is a connector when it holds a swagger (`apiDefinition.swagger.json` in any case,
//! another `*.swagger.json`, or a Swagger 2.0 file in YAML named `*.swagger.yaml` or
//! `*.swagger.yml`), an `apiProperties.json`, or a paconn `settings.json`. Other YAML files are
//! not connector files, but one named explicitly (`openapi.yaml`) is linted as the swagger, as a
//! JSON file of any name is. Folders are
//! walked with `.gitignore` respected (also outside git repositories) and hidden folders skipped;
//! a path named explicitly is always linted. A file path stands for its folder's connector, with
//! that file in its role, so pre-commit can pass changed files.
//!
//! Power Platform solutions and Dataverse records are recognised by content: a folder with
//! `Other/Solution.xml` (unpacked) or `solution.xml` beside `customizations.xml` (an exported
//! solution's contents), a `.zip` with `customizations.xml` at its root, and a JSON file whose
//! start names `openapidefinition`. Connector files inside a solution folder belong to it.

use connlint_core::solution::{is_solution_folder, is_solution_zip, looks_like_records_file};
use connlint_core::{ConnectorPaths, Container, FileRole, LoadProblem};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// A connector to lint: its files, plus problems met while finding them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub paths: ConnectorPaths,
    pub problems: Vec<LoadProblem>,
    /// Set for a solution or a records file: `paths` is then empty, and the container is read
    /// into several units (see [`Container::load`]).
    pub container: Option<Container>,
}

impl Target {
    /// The folder whose configuration applies (`connlint.toml` is looked up from it).
    pub fn config_dir(&self) -> std::path::PathBuf {
        match &self.container {
            Some(Container::SolutionFolder(dir)) => dir.clone(),
            Some(container) => container.path().parent().unwrap_or(Path::new("")).to_path_buf(),
            None => self.paths.dir.clone().unwrap_or_default(),
        }
    }

    /// A path that every finding of this target sorts at or after, comparing paths as findings
    /// are sorted (component by component): its folder or container, or the first of its files
    /// if one is elsewhere. A file inside a solution or records file is named after it
    /// (`sol.zip!/...`, `records.json#/...`), so it sorts after it. With a settings.json, which
    /// may name files anywhere, the empty path, which sorts first.
    pub fn first_reported_path(&self) -> PathBuf {
        if let Some(container) = &self.container {
            return container.path().to_path_buf();
        }
        let paths = &self.paths;
        if paths.settings.is_some() {
            return PathBuf::new();
        }
        let files = [&paths.dir, &paths.swagger, &paths.api_properties, &paths.script, &paths.icon].into_iter().flatten();
        files.chain(self.problems.iter().map(|p| &p.path)).min().cloned().unwrap_or_default()
    }
}

/// A path from the command line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct InputError {
    pub path: PathBuf,
    pub message: String,
}

/// The role a file name plays in a connector folder, if any.
pub fn role_of_file_name(name: &str) -> Option<FileRole> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".swagger.json") || connlint_core::load::is_yaml_swagger_name(&lower) {
        Some(FileRole::Swagger)
    } else if lower.ends_with("apiproperties.json") {
        Some(FileRole::ApiProperties)
    } else if lower == "settings.json" {
        Some(FileRole::Settings)
    } else if lower.ends_with(".csx") {
        Some(FileRole::Script)
    } else if lower == "icon.png" {
        Some(FileRole::Icon)
    } else {
        None
    }
}

/// Whether a file makes its folder a connector. A `settings.json` counts only when it looks
/// like paconn's (other tools use that name too).
fn marks_connector(path: &Path, role: FileRole) -> bool {
    match role {
        FileRole::Swagger | FileRole::ApiProperties => true,
        FileRole::Settings => std::fs::read(path).is_ok_and(|bytes| {
            let text = String::from_utf8_lossy(&bytes);
            ["\"apiDefinition\"", "\"apiProperties\"", "\"connectorId\""].iter().any(|k| text.contains(k))
        }),
        FileRole::Script | FileRole::Icon | FileRole::SolutionXml | FileRole::Records => false,
    }
}

/// Whether this user may have a global gitignore. The walker looks for one by searching git's
/// config files for `core.excludesFile` with a regex it compiles first, about 0.3 ms: a few
/// percent of linting a single connector. When no config file mentions `excludesfile` (any
/// case) and the default file (`$XDG_CONFIG_HOME/git/ignore`, else `~/.config/git/ignore`) is
/// absent, there is none, and the walker is told not to look. Otherwise it looks as before.
fn user_may_have_global_gitignore() -> bool {
    static MAY_HAVE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    #[allow(deprecated)] // As the walker finds the home folder.
    let home = std::env::home_dir;
    *MAY_HAVE.get_or_init(|| global_gitignore_may_exist(|name| std::env::var_os(name), home()))
}

/// [`user_may_have_global_gitignore`] for the environment `var` and the home folder `home`. The
/// files read are those the `ignore` crate reads, in any order: any of them naming the setting
/// is enough to let the walker decide.
fn global_gitignore_may_exist(var: impl Fn(&str) -> Option<std::ffi::OsString>, home: Option<PathBuf>) -> bool {
    let set = |name: &str| var(name).map(PathBuf::from).filter(|p| !p.as_os_str().is_empty());
    let config_home = set("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")));
    let configs = [
        set("GIT_CONFIG_GLOBAL"),
        home.as_ref().map(|h| h.join(".gitconfig")),
        config_home.as_ref().map(|c| c.join("git/config")),
        Some(set("GIT_CONFIG_SYSTEM").unwrap_or_else(|| PathBuf::from("/etc/gitconfig"))),
    ];
    let setting = b"excludesfile";
    let names_excludes_file =
        |path: &PathBuf| std::fs::read(path).is_ok_and(|bytes| bytes.windows(setting.len()).any(|w| w.eq_ignore_ascii_case(setting)));
    configs.iter().flatten().any(names_excludes_file) || config_home.is_some_and(|c| c.join("git/ignore").is_file())
}

/// Finds the connectors under `inputs`, sorted by folder. Files given explicitly override what
/// is found in their folder.
pub fn discover(inputs: &[PathBuf]) -> (Vec<Target>, Vec<InputError>) {
    discover_with(inputs, None)
}

/// As [`discover`], and hands `found` each connector folder met while walking a folder, as soon
/// as its files are known, so that linting can start while the walk goes on.
///
/// The list returned is the authority. A folder handed over early may be missing from it (it
/// lies inside a solution folder found later) or differ from its entry there (a file named
/// later on the command line takes a role in it); solutions and records files are not handed
/// over.
pub fn discover_each(inputs: &[PathBuf], found: &mut dyn FnMut(&Target)) -> (Vec<Target>, Vec<InputError>) {
    discover_with(inputs, Some(found))
}

fn discover_with(inputs: &[PathBuf], mut found: Option<&mut dyn FnMut(&Target)>) -> (Vec<Target>, Vec<InputError>) {
    let mut folders: BTreeMap<PathBuf, Vec<(FileRole, PathBuf)>> = BTreeMap::new();
    // The files of folders already handed to `found`, found once.
    let mut early: HashMap<PathBuf, std::io::Result<(ConnectorPaths, Vec<LoadProblem>)>> = HashMap::new();
    let mut containers: std::collections::BTreeSet<Container> = Default::default();
    let mut errors = Vec::new();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(meta) => meta,
            Err(e) => {
                errors.push(InputError { path: input.clone(), message: describe_io_error(&e) });
                continue;
            }
        };
        if meta.is_file() {
            let dir = input.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
            let name = input.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            // Named explicitly, a .zip is taken as a solution: reading it says what is wrong.
            if lower.ends_with(".zip") {
                match is_solution_zip(input) {
                    Ok(false) => errors.push(InputError {
                        path: input.clone(),
                        message: "a zip archive without customizations.xml or Other/Solution.xml, so not a Power Platform solution".into(),
                    }),
                    Ok(true) | Err(_) => {
                        containers.insert(Container::SolutionZip(input.clone()));
                    }
                }
                continue;
            }
            if role_of_file_name(name).is_none() && lower.ends_with(".json") && looks_like_records_file(input) {
                containers.insert(Container::Records(input.clone()));
                continue;
            }
            // A JSON or YAML file with another name (`openapi.yaml`) is taken as the swagger (a
            // single-file lint); nonstandard-file-name then reports its name.
            let role = role_of_file_name(name)
                .or_else(|| [".json", ".yaml", ".yml"].iter().any(|ext| lower.ends_with(ext)).then_some(FileRole::Swagger));
            match role {
                Some(role) => folders.entry(dir).or_default().push((role, input.clone())),
                None => errors.push(InputError {
                    path: input.clone(),
                    message: "not a connector file (expected a swagger, apiProperties.json, settings.json, a script or icon.png)".into(),
                }),
            }
            continue;
        }
        let before = folders.len() + containers.len();
        let walker =
            ignore::WalkBuilder::new(input).require_git(false).follow_links(false).git_global(user_may_have_global_gitignore()).build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    errors.push(InputError { path: input.clone(), message: e.to_string() });
                    continue;
                }
            };
            let Some(kind) = entry.file_type() else { continue };
            // Names that are not UTF-8 still mark a connector, so that its loading reports them.
            let name = entry.file_name().to_string_lossy();
            if kind.is_dir() && is_solution_folder(entry.path()) {
                containers.insert(Container::SolutionFolder(entry.path().to_path_buf()));
                continue;
            }
            let lower = name.to_ascii_lowercase();
            if kind.is_file() && lower.ends_with(".zip") && is_solution_zip(entry.path()) == Ok(true) {
                containers.insert(Container::SolutionZip(entry.path().to_path_buf()));
                continue;
            }
            let Some(role) = role_of_file_name(&name) else {
                if kind.is_file() && lower.ends_with(".json") && looks_like_records_file(entry.path()) {
                    containers.insert(Container::Records(entry.path().to_path_buf()));
                }
                continue;
            };
            // Links and folders named like a connector file mark a connector too: reading them
            // then says what is wrong (a broken link, a folder where a file should be).
            let marks = if kind.is_file() || kind.is_symlink() {
                marks_connector(entry.path(), role)
            } else {
                kind.is_dir()
                    && matches!(role, FileRole::Swagger | FileRole::ApiProperties)
                    && name.eq_ignore_ascii_case(role.standard_name())
            };
            if marks {
                if let Some(dir) = entry.path().parent() {
                    match (folders.entry(dir.to_path_buf()), found.as_mut()) {
                        (Entry::Vacant(vacant), Some(found)) => {
                            let dir = vacant.key().clone();
                            vacant.insert(Vec::new());
                            let mut problems = Vec::new();
                            let files = ConnectorPaths::find_in(&dir, &mut problems).map(|paths| {
                                let target = Target { paths, problems, container: None };
                                let in_solution =
                                    containers.iter().any(|c| matches!(c, Container::SolutionFolder(root) if dir.starts_with(root)));
                                if !in_solution {
                                    found(&target);
                                }
                                (target.paths, target.problems)
                            });
                            early.insert(dir, files);
                        }
                        (entry, _) => {
                            entry.or_default();
                        }
                    }
                }
            }
        }
        if folders.len() + containers.len() == before && !folders.contains_key(input) {
            errors.push(InputError {
                path: input.clone(),
                message: "no connector found (no *.swagger.json, *.swagger.yaml, apiProperties.json or paconn settings.json)".into(),
            });
        }
    }
    // Files of a solution folder are the solution's, not connectors of their own.
    let solution_dirs: Vec<PathBuf> =
        containers.iter().filter_map(|c| if let Container::SolutionFolder(d) = c { Some(d.clone()) } else { None }).collect();
    folders.retain(|dir, _| !solution_dirs.iter().any(|root| dir.starts_with(root)));
    let mut targets = Vec::new();
    for (dir, explicit) in folders {
        let mut problems = Vec::new();
        let files = match early.remove(&dir) {
            Some(files) => files.map(|(paths, found)| {
                problems = found;
                paths
            }),
            None => ConnectorPaths::find_in(&dir, &mut problems),
        };
        let mut paths = match files {
            Ok(paths) => paths,
            Err(e) => {
                errors.push(InputError { path: dir.clone(), message: describe_io_error(&e) });
                continue;
            }
        };
        for (role, path) in explicit {
            problems.retain(|p| !(p.kind == connlint_core::LoadProblemKind::NonstandardName { role }));
            let slot = match role {
                FileRole::Swagger => &mut paths.swagger,
                FileRole::ApiProperties => &mut paths.api_properties,
                FileRole::Settings => &mut paths.settings,
                FileRole::Script => &mut paths.script,
                FileRole::Icon => &mut paths.icon,
                FileRole::SolutionXml | FileRole::Records => continue,
            };
            if role.standard_name() != path.file_name().and_then(|n| n.to_str()).unwrap_or_default() {
                problems.push(LoadProblem { kind: connlint_core::LoadProblemKind::NonstandardName { role }, path: path.clone(), at: None });
            }
            *slot = Some(path);
        }
        targets.push(Target { paths, problems, container: None });
    }
    // Containers found inside another solution folder are that solution's.
    let nested = |c: &Container| solution_dirs.iter().any(|root| c.path() != root && c.path().starts_with(root));
    for container in containers.into_iter().filter(|c| !nested(c)) {
        targets.push(Target { paths: ConnectorPaths::default(), problems: Vec::new(), container: Some(container) });
    }
    (targets, errors)
}

pub(crate) fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_global_gitignore_is_looked_for_when_a_git_config_names_one_or_the_default_file_exists() {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        // Nothing anywhere (the system config is named by a variable, so that this machine's
        // /etc/gitconfig does not count).
        let system = tmp.path().join("etc-gitconfig");
        let only_system = |name: &str| (name == "GIT_CONFIG_SYSTEM").then(|| system.clone().into_os_string());
        assert!(!global_gitignore_may_exist(only_system, Some(home.clone())));
        assert!(!global_gitignore_may_exist(only_system, None));
        // A config without the setting changes nothing.
        write(&home.join(".gitconfig"), "[user]\n\tname = someone\n");
        assert!(!global_gitignore_may_exist(only_system, Some(home.clone())));
        // The setting in any of the files, in any case.
        write(&home.join(".gitconfig"), "[core]\n\texcludesFile = ~/ignores\n");
        assert!(global_gitignore_may_exist(only_system, Some(home.clone())));
        std::fs::remove_file(home.join(".gitconfig")).unwrap();
        write(&home.join(".config/git/config"), "[core]\nEXCLUDESFILE=x\n");
        assert!(global_gitignore_may_exist(only_system, Some(home.clone())));
        std::fs::remove_file(home.join(".config/git/config")).unwrap();
        write(&system, "[core]\n\texcludesfile = /srv/ignore\n");
        assert!(global_gitignore_may_exist(only_system, Some(home.clone())));
        std::fs::remove_file(&system).unwrap();
        let global = tmp.path().join("global-config");
        write(&global, "[core] excludesfile = g");
        let global_and_system = |name: &str| match name {
            "GIT_CONFIG_GLOBAL" => Some(global.clone().into_os_string()),
            _ => only_system(name),
        };
        assert!(global_gitignore_may_exist(global_and_system, Some(home.clone())));
        // The default file, under XDG_CONFIG_HOME when it is set, else under ~/.config.
        write(&home.join(".config/git/ignore"), "*.bak\n");
        assert!(global_gitignore_may_exist(only_system, Some(home.clone())));
        let xdg = tmp.path().join("xdg");
        let xdg_and_system = |name: &str| match name {
            "XDG_CONFIG_HOME" => Some(xdg.clone().into_os_string()),
            _ => only_system(name),
        };
        assert!(!global_gitignore_may_exist(xdg_and_system, Some(home.clone())));
        write(&xdg.join("git/ignore"), "*.bak\n");
        assert!(global_gitignore_may_exist(xdg_and_system, Some(home.clone())));
    }

    #[test]
    fn finds_connector_folders_and_respects_gitignore() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(&root.join("a/apiDefinition.swagger.json"), "{}");
        write(&root.join("b/apidefinition.swagger.json"), "{}");
        write(&root.join("c/Other.swagger.json"), "{}");
        write(&root.join("d/settings.json"), "{\"apiDefinition\": \"x.json\"}");
        write(&root.join("e/settings.json"), "{\"editor.tabSize\": 2}");
        write(&root.join("ignored/apiDefinition.swagger.json"), "{}");
        write(&root.join(".gitignore"), "ignored/\n");
        let (targets, errors) = discover(&[root.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let dirs: Vec<_> = targets.iter().map(|t| t.paths.dir.clone().unwrap().strip_prefix(root).unwrap().to_path_buf()).collect();
        assert_eq!(dirs, [PathBuf::from("a"), "b".into(), "c".into(), "d".into()]);
        // Non-standard names are found and recorded.
        assert_eq!(targets[1].problems.len(), 1);
        assert_eq!(targets[2].paths.swagger.as_deref(), Some(root.join("c/Other.swagger.json").as_path()));
    }

    #[test]
    fn a_target_reports_at_or_after_its_folder_or_container_and_anywhere_with_settings() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(&root.join("a/apiDefinition.swagger.json"), "{}");
        write(&root.join("s/settings.json"), "{\"apiDefinition\": \"../x.json\"}");
        let (targets, _) = discover(&[root.to_path_buf()]);
        let bounds: Vec<PathBuf> = targets.iter().map(Target::first_reported_path).collect();
        assert_eq!(bounds, [root.join("a"), PathBuf::new()]);
        // Files found explicitly in two folders: the first of them.
        let paths = ConnectorPaths {
            dir: Some(root.join("b")),
            swagger: Some(root.join("b/api.json")),
            api_properties: Some(root.join("a/apiProperties.json")),
            ..Default::default()
        };
        let explicit = Target { paths, problems: Vec::new(), container: None };
        assert_eq!(explicit.first_reported_path(), root.join("a/apiProperties.json"));
        let records =
            Target { paths: ConnectorPaths::default(), problems: Vec::new(), container: Some(Container::Records(root.join("r.json"))) };
        assert_eq!(records.first_reported_path(), root.join("r.json"));
        assert!(records.first_reported_path() < root.join("r.json#/value/0/swagger"), "a record's files sort after the file");
    }

    #[test]
    fn explicit_files_group_by_folder_and_missing_paths_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(&root.join("a/apiDefinition.swagger.json"), "{}");
        write(&root.join("a/apiProperties.json"), "{}");
        let (targets, errors) =
            discover(&[root.join("a/apiDefinition.swagger.json"), root.join("a/apiProperties.json"), root.join("nope")]);
        assert_eq!(targets.len(), 1);
        assert!(targets[0].paths.api_properties.is_some());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("no such file"));
        let (targets, errors) = discover(&[root.join("empty-dir-that-is-missing")]);
        assert!(targets.is_empty() && errors.len() == 1);
    }
    #[test]
    fn walked_connector_folders_are_handed_over_as_found_and_the_list_is_the_authority() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(&root.join("a/apiDefinition.swagger.json"), "{}");
        write(&root.join("b/apidefinition.swagger.json"), "{}");
        write(&root.join("b/apiProperties.json"), "{}");
        write(&root.join("sol/Other/Solution.xml"), "<ImportExportXml/>");
        write(&root.join("sol/Connectors/c/apiDefinition.swagger.json"), "{}");
        write(&root.join("b/other.json"), "{}");
        let mut found = Vec::new();
        let inputs = [root.to_path_buf(), root.join("b/other.json")];
        let (targets, errors) = discover_each(&inputs, &mut |target: &Target| found.push(target.clone()));
        assert_eq!((targets.clone(), errors.clone()), discover(&inputs), "the same list as without handing over");
        found.sort_by(|x, y| x.paths.dir.cmp(&y.paths.dir));
        let dirs: Vec<_> = found.iter().map(|t| t.paths.dir.clone().unwrap()).collect();
        // Not the folder inside the solution, seen after the solution itself.
        assert_eq!(dirs, [root.join("a"), root.join("b")]);
        // Each as discover lists it, with the problem of its non-standard name...
        assert_eq!(found[0], targets[0]);
        assert_eq!(found[1].problems.len(), 1);
        // ...except where a file named later takes a role: the list has it, not what was handed over.
        assert_eq!(targets[1].paths.swagger.as_deref(), Some(root.join("b/other.json").as_path()));
        assert_ne!(found[1], targets[1]);
        assert!(matches!(&targets[2].container, Some(Container::SolutionFolder(dir)) if dir == &root.join("sol")), "{targets:?}");
    }
}
