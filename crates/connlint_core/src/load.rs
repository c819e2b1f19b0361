//! Reading connector folders from disk: finding a connector's files ([`ConnectorPaths`]),
//! reading each within the size limit ([`LoadOptions`]), following settings.json, and saying in
//! words why a file could not be read.

use crate::model::settings::Settings;
use crate::source::SourceFile;
use crate::unit::{Connector, FileId, FileRole, LoadProblem, LoadProblemKind};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Paths of a connector's files, found in a folder or given explicitly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectorPaths {
    /// The connector folder, when there is one.
    pub dir: Option<PathBuf>,
    pub swagger: Option<PathBuf>,
    pub api_properties: Option<PathBuf>,
    pub settings: Option<PathBuf>,
    pub script: Option<PathBuf>,
    pub icon: Option<PathBuf>,
}

/// Limits applied while reading files.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Files larger than this are reported and not read.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_file_size: 64 * 1024 * 1024 }
    }
}

/// Texts that stand in for files while a connector is read: an editor's unsaved buffers. A
/// path found here is not read from disk; paths are compared exactly as given, so callers use
/// the same (absolute) form as the paths being loaded.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    texts: HashMap<PathBuf, Arc<str>>,
}

impl Overlay {
    /// Makes `text` the content of `path` (replacing an earlier text).
    pub fn set(&mut self, path: PathBuf, text: impl Into<Arc<str>>) {
        self.texts.insert(path, text.into());
    }

    /// Goes back to the file on disk for `path`.
    pub fn remove(&mut self, path: &Path) {
        self.texts.remove(path);
    }

    pub fn text(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.texts.keys().map(PathBuf::as_path)
    }
}

impl ConnectorPaths {
    /// Finds a connector's files in `dir`, recording non-standard names as problems.
    ///
    /// Standard names win; then a case-insensitive match; then, for the swagger, any single
    /// `*.swagger.json`, else a `*.swagger.yaml` or `*.swagger.yml` (Swagger 2.0 in YAML, read
    /// as such), and for the script any `*.csx` (or `script.cs`).
    pub fn find_in(dir: &Path, problems: &mut Vec<LoadProblem>) -> std::io::Result<Self> {
        let mut names: Vec<String> = Vec::new();
        // Folders named like a connector file (`apiDefinition.swagger.json/`): used only when
        // there is no such file, so that reading them reports the mistake.
        let mut folders: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let Ok(entry) = entry else { continue };
            match entry.file_name().into_string() {
                Ok(name) if entry.file_type().is_ok_and(|t| t.is_dir()) => folders.push(name),
                Ok(name) => names.push(name),
                Err(raw) => {
                    // Power Platform and paconn need UTF-8 names; say so rather than skip silently.
                    if looks_like_connector_file(&raw.to_string_lossy()) {
                        problems.push(LoadProblem {
                            kind: LoadProblemKind::Unreadable {
                                error: "its name is not valid UTF-8, so connlint skipped it; rename it".into(),
                            },
                            path: dir.join(raw),
                            at: None,
                        });
                    }
                }
            }
        }
        names.sort();
        folders.sort();
        let mut paths = ConnectorPaths { dir: Some(dir.to_path_buf()), ..Default::default() };
        // `fallbacks` are tried in order: the first that matches a name picks it.
        let mut pick = |role: FileRole, fallbacks: &[&dyn Fn(&str) -> bool]| -> Option<PathBuf> {
            let standard = role.standard_name();
            if names.iter().any(|n| n == standard) {
                return Some(dir.join(standard));
            }
            let found = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(standard))
                .or_else(|| fallbacks.iter().find_map(|fallback| names.iter().find(|n| fallback(&n.to_ascii_lowercase()))))?;
            let path = dir.join(found);
            problems.push(LoadProblem { kind: LoadProblemKind::NonstandardName { role }, path: path.clone(), at: None });
            Some(path)
        };
        paths.swagger = pick(FileRole::Swagger, &[&|n| n.ends_with(".swagger.json"), &is_yaml_swagger_name]);
        paths.api_properties = pick(FileRole::ApiProperties, &[&|n| n.ends_with("apiproperties.json")]);
        paths.settings = pick(FileRole::Settings, &[]);
        paths.script = pick(FileRole::Script, &[&|n| n.ends_with(".csx") || n == "script.cs"]);
        paths.icon = pick(FileRole::Icon, &[]);
        for (role, slot) in [(FileRole::Swagger, &mut paths.swagger), (FileRole::ApiProperties, &mut paths.api_properties)] {
            if slot.is_none() {
                *slot = folders.iter().find(|n| n.eq_ignore_ascii_case(role.standard_name())).map(|n| dir.join(n));
            }
        }
        let swagger_candidates: Vec<PathBuf> =
            names.iter().filter(|n| n.to_ascii_lowercase().ends_with(".swagger.json")).map(|n| dir.join(n)).collect();
        if swagger_candidates.len() > 1 {
            if let Some(chosen) = &paths.swagger {
                problems.push(LoadProblem {
                    kind: LoadProblemKind::AmbiguousSwagger { candidates: swagger_candidates },
                    path: chosen.clone(),
                    at: None,
                });
            }
        }
        Ok(paths)
    }

    /// Whether a folder with these files is a connector (it has something to lint).
    pub fn is_connector(&self) -> bool {
        self.swagger.is_some() || self.settings.is_some() || self.api_properties.is_some()
    }
}

impl Connector {
    /// Reads and parses the connector in `dir`.
    pub fn load_dir(dir: &Path, options: LoadOptions) -> Self {
        let mut problems = Vec::new();
        match ConnectorPaths::find_in(dir, &mut problems) {
            Ok(paths) => {
                let mut connector = Self::load(&paths, options);
                problems.append(&mut connector.problems);
                connector.problems = problems;
                connector
            }
            Err(error) => Connector {
                dir: Some(dir.to_path_buf()),
                problems: vec![LoadProblem {
                    kind: LoadProblemKind::Unreadable { error: error.to_string() },
                    path: dir.to_path_buf(),
                    at: None,
                }],
                ..Default::default()
            },
        }
    }

    /// Reads and parses the files named in `paths`. When there is a settings.json, the files it
    /// names (relative to its folder) replace those not given explicitly.
    pub fn load(paths: &ConnectorPaths, options: LoadOptions) -> Self {
        Self::load_overlaid(paths, options, &Overlay::default())
    }

    /// [`Connector::load`], taking each file's text from `overlay` when it is there.
    pub fn load_overlaid(paths: &ConnectorPaths, options: LoadOptions, overlay: &Overlay) -> Self {
        let mut connector = Connector { dir: paths.dir.clone(), ..Default::default() };
        let mut paths = paths.clone();
        if let Some(settings_path) = paths.settings.clone() {
            if let Some(id) = connector.read_overlaid(FileRole::Settings, &settings_path, options, overlay) {
                connector.follow_settings(id, &settings_path, &mut paths, overlay);
            }
        }
        for (role, path) in [
            (FileRole::Swagger, &paths.swagger),
            (FileRole::ApiProperties, &paths.api_properties),
            (FileRole::Script, &paths.script),
            (FileRole::Icon, &paths.icon),
        ] {
            if let Some(path) = path {
                connector.read_overlaid(role, path, options, overlay);
            }
        }
        connector
    }

    /// Replaces the paths that settings.json names, and records those that do not exist.
    fn follow_settings(&mut self, settings_id: FileId, settings_path: &Path, paths: &mut ConnectorPaths, overlay: &Overlay) {
        let base = settings_path.parent().unwrap_or(Path::new("")).to_path_buf();
        let Some(root) = self.file(settings_id).json().and_then(|j| j.root.as_ref()) else { return };
        let settings = Settings::build(settings_id, root);
        let targets = [
            (FileRole::Swagger, settings.api_definition),
            (FileRole::ApiProperties, settings.api_properties),
            (FileRole::Icon, settings.icon),
            (FileRole::Script, settings.script),
        ];
        let mut problems = Vec::new();
        for (role, value) in targets {
            let Some(value) = value else { continue };
            let path = base.join(value.value);
            let slot = match role {
                FileRole::Swagger => &mut paths.swagger,
                FileRole::ApiProperties => &mut paths.api_properties,
                FileRole::Icon => &mut paths.icon,
                FileRole::Script => &mut paths.script,
                FileRole::Settings | FileRole::SolutionXml | FileRole::Records => continue,
            };
            if path.is_file() || overlay.text(&path).is_some() {
                *slot = Some(path);
            } else {
                problems.push(LoadProblem {
                    kind: LoadProblemKind::SettingsTargetMissing { role },
                    path,
                    at: Some((settings_id, value.span)),
                });
            }
        }
        self.problems.extend(problems);
    }

    /// Reads the file at `path`, or takes its text from `overlay` (the icon is binary: always read).
    fn read_overlaid(&mut self, role: FileRole, path: &Path, options: LoadOptions, overlay: &Overlay) -> Option<FileId> {
        match overlay.text(path) {
            Some(text) if role != FileRole::Icon => Some(self.add_source(role, Arc::new(SourceFile::from_text(path, text.as_ref())))),
            _ => self.read(role, path, options),
        }
    }

    pub(crate) fn read(&mut self, role: FileRole, path: &Path, options: LoadOptions) -> Option<FileId> {
        match read_file(path, options) {
            Ok(bytes) => Some(self.add_bytes(role, path, bytes)),
            Err(kind) => {
                self.problems.push(LoadProblem { kind, path: path.to_path_buf(), at: None });
                None
            }
        }
    }
}

/// The bytes of the regular file at `path`, read within `options.max_file_size`.
pub fn read_file(path: &Path, options: LoadOptions) -> Result<Vec<u8>, LoadProblemKind> {
    let unreadable = |error: String| LoadProblemKind::Unreadable { error };
    let too_large = |size| LoadProblemKind::TooLarge { size, limit: options.max_file_size };
    let meta = std::fs::metadata(path).map_err(|error| unreadable(describe_read_error(path, &error)))?;
    if meta.is_dir() {
        return Err(unreadable("it is a folder, not a file".into()));
    }
    if !meta.is_file() {
        // A pipe or a device could block or never end.
        return Err(unreadable("it is not a regular file (a device, pipe or socket?)".into()));
    }
    if meta.len() > options.max_file_size {
        return Err(too_large(meta.len()));
    }
    // Read at most one byte over the limit: the file may have grown since `metadata`.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read = std::fs::File::open(path).and_then(|file| file.take(options.max_file_size.saturating_add(1)).read_to_end(&mut bytes));
    match read {
        Ok(n) if n as u64 > options.max_file_size => Err(too_large(n as u64)),
        Ok(_) => Ok(bytes),
        Err(error) => Err(unreadable(describe_read_error(path, &error))),
    }
}

/// Whether a file name has the shape of a connector file (see `ConnectorPaths::find_in`).
fn looks_like_connector_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".swagger.json", "apiproperties.json", "settings.json", ".csx", "icon.png"].iter().any(|end| lower.ends_with(end))
        || is_yaml_swagger_name(&lower)
}

/// Whether a file name (in lower case) is that of a Swagger 2.0 file in YAML:
/// `*.swagger.yaml` or `*.swagger.yml`. Other YAML files are not taken for connector files.
pub fn is_yaml_swagger_name(lower: &str) -> bool {
    lower.ends_with(".swagger.yaml") || lower.ends_with(".swagger.yml")
}

/// Why a file could not be read, in words: broken and looping symbolic links name their target.
fn describe_read_error(path: &Path, error: &std::io::Error) -> String {
    // ELOOP: "too many levels of symbolic links".
    const ELOOP: i32 = if cfg!(any(target_os = "linux", target_os = "android")) { 40 } else { 62 };
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        return match error.kind() {
            std::io::ErrorKind::NotFound => format!("it is a symbolic link to `{target}`, which does not exist"),
            _ if error.raw_os_error() == Some(ELOOP) => {
                format!("it is a symbolic link to `{target}` that cannot be followed (a loop of links)")
            }
            _ => format!("it is a symbolic link to `{target}` that cannot be followed: {error}"),
        };
    }
    match error.kind() {
        std::io::ErrorKind::NotFound => "it no longer exists (moved or deleted while connlint ran?)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_json_names_the_files_and_missing_ones_are_recorded() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("settings.json"), r#"{"apiDefinition": "api/def.json", "icon": "logo.png"}"#).unwrap();
        std::fs::create_dir(dir.join("api")).unwrap();
        std::fs::write(dir.join("api/def.json"), r#"{"swagger": "2.0"}"#).unwrap();
        std::fs::write(dir.join("apiProperties.json"), "{}").unwrap();
        let connector = Connector::load_dir(dir, LoadOptions::default());
        let (_, swagger) = connector.file_with_role(FileRole::Swagger).unwrap();
        assert_eq!(swagger.source.path(), dir.join("api/def.json"));
        assert!(connector.file_with_role(FileRole::ApiProperties).is_some());
        assert_eq!(connector.problems.len(), 1);
        let problem = &connector.problems[0];
        assert_eq!(problem.kind, LoadProblemKind::SettingsTargetMissing { role: FileRole::Icon });
        let (settings_id, span) = problem.at.unwrap();
        assert_eq!(connector.file(settings_id).source.slice(span), "\"logo.png\"");
    }

    #[test]
    fn overlay_texts_replace_files_on_disk_and_settings_may_name_them() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("settings.json"), r#"{"apiDefinition": "unsaved.swagger.json"}"#).unwrap();
        std::fs::write(dir.join("apiProperties.json"), "{}").unwrap();
        let mut overlay = Overlay::default();
        overlay.set(dir.join("unsaved.swagger.json"), r#"{"swagger": "2.0"}"#);
        overlay.set(dir.join("apiProperties.json"), r#"{"properties": {}}"#);
        let mut problems = Vec::new();
        let paths = ConnectorPaths::find_in(dir, &mut problems).unwrap();
        let connector = Connector::load_overlaid(&paths, LoadOptions::default(), &overlay);
        assert!(connector.problems.is_empty(), "{:?}", connector.problems);
        let (_, swagger) = connector.file_with_role(FileRole::Swagger).unwrap();
        assert_eq!(swagger.source.text(), r#"{"swagger": "2.0"}"#);
        let (_, properties) = connector.file_with_role(FileRole::ApiProperties).unwrap();
        assert_eq!(properties.source.text(), r#"{"properties": {}}"#);
        // Without the overlay, the disk wins and the swagger named by settings.json is missing.
        let connector = Connector::load(&paths, LoadOptions::default());
        assert_eq!(connector.file_with_role(FileRole::ApiProperties).unwrap().1.source.text(), "{}");
        assert_eq!(connector.problems[0].kind, LoadProblemKind::SettingsTargetMissing { role: FileRole::Swagger });
    }

    #[test]
    fn nonstandard_names_are_found_and_recorded() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("apidefinition.swagger.json"), "{}").unwrap();
        std::fs::write(dir.join("Script.cs"), "").unwrap();
        let connector = Connector::load_dir(dir, LoadOptions::default());
        let roles: Vec<_> = connector.problems.iter().map(|p| p.kind.clone()).collect();
        assert_eq!(
            roles,
            [LoadProblemKind::NonstandardName { role: FileRole::Swagger }, LoadProblemKind::NonstandardName { role: FileRole::Script }]
        );
        assert_eq!(connector.files.len(), 2);
    }

    #[test]
    fn a_swagger_yaml_is_found_and_read_as_yaml_but_json_is_preferred() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("apiDefinition.swagger.yaml"), "swagger: '2.0'\ninfo: {title: A}\n").unwrap();
        std::fs::write(dir.join("notes.yaml"), "a: 1\n").unwrap();
        let connector = Connector::load_dir(dir, LoadOptions::default());
        assert_eq!(connector.files.len(), 1);
        let file = &connector.files[0];
        assert_eq!((file.role, file.syntax), (FileRole::Swagger, crate::unit::Syntax::Yaml));
        let root = file.json().and_then(|j| j.root.as_ref()).unwrap();
        assert_eq!(root.pointer("/info/title").and_then(|n| n.as_str()), Some("A"));
        assert_eq!(connector.problems[0].kind, LoadProblemKind::NonstandardName { role: FileRole::Swagger });
        std::fs::write(dir.join("Other.swagger.json"), "{}").unwrap();
        let connector = Connector::load_dir(dir, LoadOptions::default());
        assert_eq!(connector.files[0].source.path(), dir.join("Other.swagger.json"));
        assert_eq!(connector.files[0].syntax, crate::unit::Syntax::Json);
    }

    #[test]
    fn oversized_files_and_folders_named_like_files_are_problems() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("apiDefinition.swagger.json"), "{\"swagger\": \"2.0\"}").unwrap();
        std::fs::create_dir(dir.join("apiProperties.json")).unwrap();
        let connector = Connector::load_dir(dir, LoadOptions { max_file_size: 4 });
        let kinds: Vec<_> = connector.problems.iter().map(|p| (p.kind.clone(), p.path.strip_prefix(dir).unwrap().to_path_buf())).collect();
        assert_eq!(
            kinds,
            [
                (LoadProblemKind::TooLarge { size: 18, limit: 4 }, PathBuf::from("apiDefinition.swagger.json")),
                (LoadProblemKind::Unreadable { error: "it is a folder, not a file".into() }, PathBuf::from("apiProperties.json")),
            ]
        );
        assert!(connector.files.is_empty());
        // At the limit exactly, the file is read.
        let connector = Connector::load_dir(dir, LoadOptions { max_file_size: 18 });
        assert_eq!(connector.files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_broken_links_are_described() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::os::unix::fs::symlink("nowhere.json", dir.join("apiDefinition.swagger.json")).unwrap();
        let connector = Connector::load_dir(dir, LoadOptions::default());
        assert_eq!(
            connector.problems[0].kind,
            LoadProblemKind::Unreadable { error: "it is a symbolic link to `nowhere.json`, which does not exist".into() }
        );
        // A device is refused rather than read until memory runs out.
        let paths = ConnectorPaths { swagger: Some(PathBuf::from("/dev/zero")), ..Default::default() };
        let connector = Connector::load(&paths, LoadOptions::default());
        assert_eq!(
            connector.problems[0].kind,
            LoadProblemKind::Unreadable { error: "it is not a regular file (a device, pipe or socket?)".into() }
        );
    }
}
