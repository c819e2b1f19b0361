//! A connector: its files read from disk (or given in memory), parsed, and its typed model.

use crate::json::{self, ParsedJson};
use crate::model::api_properties::ApiProperties;
use crate::model::record::Record;
use crate::model::settings::{Settings, DEFAULT_API_DEFINITION, DEFAULT_API_PROPERTIES, DEFAULT_ICON, DEFAULT_SCRIPT};
use crate::model::solution::SolutionModel;
use crate::model::swagger::Swagger;
use crate::model::{FileId, ShapeError};
use crate::source::{SourceFile, Span};
use crate::xml::{self, ParsedXml};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a file is to its connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileRole {
    Swagger,
    ApiProperties,
    Settings,
    Script,
    Icon,
    /// An XML file of a Power Platform solution (`solution.xml`, `customizations.xml`,
    /// `Connectors/<name>.xml`, a custom API's files).
    SolutionXml,
    /// A JSON file of Dataverse `connectors` records (one record, or an OData `{"value": [...]}`).
    Records,
}

impl FileRole {
    /// The file name paconn and Microsoft's repository expect.
    pub fn standard_name(self) -> &'static str {
        match self {
            FileRole::Swagger => DEFAULT_API_DEFINITION,
            FileRole::ApiProperties => DEFAULT_API_PROPERTIES,
            FileRole::Settings => "settings.json",
            FileRole::Script => DEFAULT_SCRIPT,
            FileRole::Icon => DEFAULT_ICON,
            FileRole::SolutionXml => "customizations.xml",
            FileRole::Records => "connectors.json",
        }
    }

    pub fn is_json(self) -> bool {
        matches!(self, FileRole::Swagger | FileRole::ApiProperties | FileRole::Settings | FileRole::Records)
    }
}

/// One file of a connector. JSON and XML files are parsed; the icon keeps its bytes.
#[derive(Debug)]
pub struct ConnectorFile {
    pub role: FileRole,
    /// Shared: a file that holds several connectors (a records export) is read once, and the
    /// assembled files of each connector point into it (see [`SourceFile::origin`]).
    pub source: Arc<SourceFile>,
    pub json: Option<ParsedJson>,
    pub xml: Option<ParsedXml>,
    /// The raw bytes, kept only for binary files (the icon).
    pub bytes: Option<Vec<u8>>,
}

/// Something that went wrong while finding or reading a connector's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub kind: LoadProblemKind,
    pub path: PathBuf,
    /// A position in one of the connector's files that this problem is about (for example the
    /// settings.json value naming a missing file).
    pub at: Option<(FileId, Span)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblemKind {
    /// The file was found under a name other than the standard one.
    NonstandardName { role: FileRole },
    /// The file could not be read.
    Unreadable { error: String },
    /// The file is larger than the configured limit and was not read.
    TooLarge { size: u64, limit: u64 },
    /// settings.json names a file that does not exist.
    SettingsTargetMissing { role: FileRole },
    /// Several files could be the swagger; the one used is in `path`.
    AmbiguousSwagger { candidates: Vec<PathBuf> },
    /// A solution .zip that cannot be read as a zip archive (`path` is the archive).
    BrokenArchive { error: String },
}

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

/// A connector with all its files read and parsed: the unit that rules check.
///
/// Besides connectors, two other units are checked by their own rules (see [`UnitKind`]): a
/// Power Platform solution's own files, and a file of Dataverse `connectors` records. Each
/// connector inside them is also a `Connector` of kind [`UnitKind::Connector`].
#[derive(Debug, Default)]
pub struct Connector {
    pub dir: Option<PathBuf>,
    pub files: Vec<ConnectorFile>,
    pub problems: Vec<LoadProblem>,
    pub kind: UnitKind,
    /// The name shown for a unit that is not a folder (`solution.zip!/Connector/x`).
    pub label: Option<String>,
    /// For a solution unit: every file the solution holds, as paths relative to its root
    /// with `/` separators, so rules can check references and spot stray files.
    pub solution_entries: Option<SolutionEntries>,
}

/// What a unit is, which decides the rules that run on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// A custom connector (a folder, or one found in a solution or a record).
    #[default]
    Connector,
    /// A Power Platform solution's XML: its manifest, its connectors' XML and its custom APIs.
    Solution,
    /// A file of Dataverse `connectors` records.
    Records,
}

/// The files of a solution, and how it is laid out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SolutionEntries {
    pub layout: SolutionLayout,
    /// The solution's folder, or `<archive>.zip!` for a zip: file paths are this, `/`, and
    /// their relative path.
    pub root: String,
    /// Relative paths with `/` separators, sorted.
    pub paths: Vec<String>,
}

impl SolutionEntries {
    /// The path of one of the solution's files relative to its root.
    pub fn relative<'p>(&self, path: &'p Path) -> Option<&'p str> {
        let path = path.to_str()?;
        let rest = path.strip_prefix(self.root.as_str())?;
        Some(rest.trim_start_matches(['/', '\\']))
    }

    /// The path as users see it of a file given relative to the root.
    pub fn full_path(&self, relative: &str) -> PathBuf {
        if self.root.ends_with('!') {
            PathBuf::from(format!("{}/{relative}", self.root))
        } else {
            Path::new(&self.root).join(relative)
        }
    }

    /// The file a `<Connector>` element's reference (`/Connector/x_openapidefinition.json`)
    /// names, given the relative path of the XML file that holds it. Exported solutions keep
    /// the files where the reference says; unpacked ones keep them beside the XML, under the
    /// same name. Both are tried, the solution's own layout first; case is ignored.
    pub fn resolve(&self, xml_path: &str, reference: &str) -> Option<&str> {
        let reference = reference.trim().replace('\\', "/");
        let name = Some(reference_file_name(&reference)).filter(|n| !n.is_empty())?;
        let exported = reference.trim_start_matches('/').to_string();
        let beside = match xml_path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{name}"),
            None => name.to_string(),
        };
        let order = match self.layout {
            SolutionLayout::Exported => [exported, beside],
            SolutionLayout::Unpacked => [beside, exported],
        };
        order.iter().find_map(|candidate| self.find(candidate))
    }

    /// The entry with this relative path, ignoring case.
    pub fn find(&self, relative: &str) -> Option<&str> {
        match self.paths.binary_search_by(|p| p.as_str().cmp(relative)) {
            Ok(i) => Some(&self.paths[i]),
            Err(_) => self.paths.iter().find(|p| p.eq_ignore_ascii_case(relative)).map(String::as_str),
        }
    }
}

/// The last segment of a reference or path (`/Connector/x_openapidefinition.json` →
/// `x_openapidefinition.json`).
pub fn reference_file_name(reference: &str) -> &str {
    reference.rsplit(['/', '\\']).next().unwrap_or(reference)
}

/// The two ways solutions are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SolutionLayout {
    /// An exported solution (a .zip, or its contents): `customizations.xml` at the root and
    /// connector files under `Connector/`.
    #[default]
    Exported,
    /// Unpacked by `pac solution unpack`: `Other/Solution.xml`, and `Connectors/<name>.xml`
    /// beside the connector files.
    Unpacked,
}

impl ConnectorPaths {
    /// Finds a connector's files in `dir`, recording non-standard names as problems.
    ///
    /// Standard names win; then a case-insensitive match; then, for the swagger, any single
    /// `*.swagger.json`, and for the script any `*.csx` (or `script.cs`).
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
        let mut pick = |role: FileRole, fallback: &dyn Fn(&str) -> bool| -> Option<PathBuf> {
            let standard = role.standard_name();
            if names.iter().any(|n| n == standard) {
                return Some(dir.join(standard));
            }
            let found = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(standard))
                .or_else(|| names.iter().find(|n| fallback(&n.to_ascii_lowercase())))?;
            let path = dir.join(found);
            problems.push(LoadProblem { kind: LoadProblemKind::NonstandardName { role }, path: path.clone(), at: None });
            Some(path)
        };
        paths.swagger = pick(FileRole::Swagger, &|n| n.ends_with(".swagger.json"));
        paths.api_properties = pick(FileRole::ApiProperties, &|n| n.ends_with("apiproperties.json"));
        paths.settings = pick(FileRole::Settings, &|_| false);
        paths.script = pick(FileRole::Script, &|n| n.ends_with(".csx") || n == "script.cs");
        paths.icon = pick(FileRole::Icon, &|_| false);
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
        let mut connector = Connector { dir: paths.dir.clone(), ..Default::default() };
        let mut paths = paths.clone();
        if let Some(settings_path) = paths.settings.clone() {
            if let Some(id) = connector.read(FileRole::Settings, &settings_path, options) {
                connector.follow_settings(id, &settings_path, &mut paths);
            }
        }
        for (role, path) in [
            (FileRole::Swagger, &paths.swagger),
            (FileRole::ApiProperties, &paths.api_properties),
            (FileRole::Script, &paths.script),
            (FileRole::Icon, &paths.icon),
        ] {
            if let Some(path) = path {
                connector.read(role, path, options);
            }
        }
        connector
    }

    /// Replaces the paths that settings.json names, and records those that do not exist.
    fn follow_settings(&mut self, settings_id: FileId, settings_path: &Path, paths: &mut ConnectorPaths) {
        let base = settings_path.parent().unwrap_or(Path::new("")).to_path_buf();
        let Some(root) = self.file(settings_id).json.as_ref().and_then(|j| j.root.as_ref()) else { return };
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
            if path.is_file() {
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

    pub(crate) fn read(&mut self, role: FileRole, path: &Path, options: LoadOptions) -> Option<FileId> {
        match read_file(path, options) {
            Ok(bytes) => Some(self.add_bytes(role, path, bytes)),
            Err(kind) => {
                self.problems.push(LoadProblem { kind, path: path.to_path_buf(), at: None });
                None
            }
        }
    }

    /// Adds a file from memory (decoded and, for JSON and XML roles, parsed).
    pub fn add_bytes(&mut self, role: FileRole, path: impl Into<PathBuf>, bytes: Vec<u8>) -> FileId {
        if role == FileRole::Icon {
            let id = FileId(self.files.len() as u32);
            let source = Arc::new(SourceFile::from_text(path, String::new()));
            self.files.push(ConnectorFile { role, source, json: None, xml: None, bytes: Some(bytes) });
            return id;
        }
        self.add_source(role, Arc::new(SourceFile::from_bytes(path, bytes)))
    }

    /// Adds a file already decoded (for JSON and XML roles, parsed here); it may be shared with
    /// other units, or assembled from parts of other files.
    pub fn add_source(&mut self, role: FileRole, source: Arc<SourceFile>) -> FileId {
        let id = FileId(self.files.len() as u32);
        let json = role.is_json().then(|| json::parse(source.text()));
        let xml = (role == FileRole::SolutionXml).then(|| xml::parse(source.text()));
        self.files.push(ConnectorFile { role, source, json, xml, bytes: None });
        id
    }

    /// A connector made of in-memory files, for tests and embedding.
    pub fn from_memory(files: impl IntoIterator<Item = (FileRole, PathBuf, Vec<u8>)>) -> Self {
        let mut connector = Connector::default();
        for (role, path, bytes) in files {
            connector.add_bytes(role, path, bytes);
        }
        connector
    }

    pub fn file(&self, id: FileId) -> &ConnectorFile {
        &self.files[id.0 as usize]
    }

    /// The first file with this role.
    pub fn file_with_role(&self, role: FileRole) -> Option<(FileId, &ConnectorFile)> {
        self.files.iter().enumerate().find(|(_, f)| f.role == role).map(|(i, f)| (FileId(i as u32), f))
    }

    /// Whether the unit was read from a solution or a records file rather than a folder: the
    /// container's own rules report what is missing there, in its terms.
    pub fn in_container(&self) -> bool {
        self.label.is_some()
    }

    /// A name for messages: the label, else the folder, else the first file.
    pub fn display_name(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        match (&self.dir, self.files.first()) {
            (Some(dir), _) => dir.display().to_string(),
            (None, Some(f)) => f.source.path().display().to_string(),
            (None, None) => "<empty connector>".into(),
        }
    }

    /// Builds the typed model of every parsed file.
    pub fn model(&self) -> ConnectorModel<'_> {
        let root_of = |role| self.file_with_role(role).and_then(|(id, f)| Some((id, f.json.as_ref()?.root.as_ref()?)));
        ConnectorModel {
            connector: self,
            swagger: root_of(FileRole::Swagger).map(|(id, root)| Swagger::build(id, root)),
            api_properties: root_of(FileRole::ApiProperties).map(|(id, root)| ApiProperties::build(id, root)),
            settings: root_of(FileRole::Settings).map(|(id, root)| Settings::build(id, root)),
            solution: (self.kind == UnitKind::Solution).then(|| SolutionModel::build(self)),
            records: match self.kind {
                UnitKind::Records => Record::build_all(self),
                _ => Vec::new(),
            },
        }
    }
}

/// The bytes of the regular file at `path`, read within `options.max_file_size`.
pub(crate) fn read_file(path: &Path, options: LoadOptions) -> Result<Vec<u8>, LoadProblemKind> {
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

/// The typed view of a whole connector.
#[derive(Debug)]
pub struct ConnectorModel<'a> {
    pub connector: &'a Connector,
    pub swagger: Option<Swagger<'a>>,
    pub api_properties: Option<ApiProperties<'a>>,
    pub settings: Option<Settings<'a>>,
    /// For a solution unit: its manifest, connectors' XML and custom APIs.
    pub solution: Option<SolutionModel<'a>>,
    /// For a records unit: each `connectors` record.
    pub records: Vec<Record<'a>>,
}

impl<'a> ConnectorModel<'a> {
    /// Wrong-typed values found in every file while building the model.
    pub fn shape_errors(&self) -> impl Iterator<Item = &ShapeError> {
        let swagger = self.swagger.iter().flat_map(|s| s.shape_errors.errors.iter());
        let props = self.api_properties.iter().flat_map(|s| s.shape_errors.errors.iter());
        let settings = self.settings.iter().flat_map(|s| s.shape_errors.errors.iter());
        swagger.chain(props).chain(settings)
    }

    pub fn script(&self) -> Option<(FileId, &'a SourceFile)> {
        self.connector.file_with_role(FileRole::Script).map(|(id, f)| (id, &*f.source))
    }

    pub fn icon(&self) -> Option<(FileId, &'a [u8])> {
        self.connector.file_with_role(FileRole::Icon).and_then(|(id, f)| Some((id, f.bytes.as_deref()?)))
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
