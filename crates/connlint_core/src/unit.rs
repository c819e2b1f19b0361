//! Units and their files: what a file is to its connector ([`FileRole`]), the parsed files of a
//! unit ([`Connector`], [`ConnectorFile`]), what went wrong reading them ([`LoadProblem`]), and
//! the file list of a solution ([`SolutionEntries`]).
//!
//! This is the layer under the model and the loaders: [`crate::model`] builds typed views of a
//! unit's parsed files, [`crate::load`] fills units from connector folders, and
//! [`crate::solution`] from solutions and records files. It imports none of them.

use crate::convert::{self, ConversionReport, InputPlace};
use crate::json::{self, ParsedJson};
use crate::source::{SourceFile, Span};
use crate::xml::{self, ParsedXml};
use crate::yaml;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// paconn's defaults for the file names when settings.json does not give them.
pub const DEFAULT_API_DEFINITION: &str = "apiDefinition.swagger.json";
pub const DEFAULT_API_PROPERTIES: &str = "apiProperties.json";
pub const DEFAULT_ICON: &str = "icon.png";
pub const DEFAULT_SCRIPT: &str = "script.csx";

/// Which file of a connector a model item or diagnostic belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

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

/// How a file of a JSON role is written, chosen by its name: `.yaml` and `.yml` files are
/// YAML, everything else JSON. Both are read into the same spanned tree ([`ParsedJson`]), so
/// rules work on either; only what is about the text itself (syntax messages, `--fix`, which
/// rewrites quoted JSON strings) looks at this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Syntax {
    #[default]
    Json,
    Yaml,
}

impl Syntax {
    /// The syntax of a file with this name: YAML for a `.yaml` or `.yml` extension (any case).
    pub fn of_path(path: &Path) -> Self {
        if yaml::is_yaml_path(path) {
            Syntax::Yaml
        } else {
            Syntax::Json
        }
    }

    /// Reads `text` with this syntax's reader.
    pub fn parse(self, text: &str) -> ParsedJson<'_> {
        match self {
            Syntax::Json => json::parse(text),
            Syntax::Yaml => yaml::parse(text),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Syntax::Json => "JSON",
            Syntax::Yaml => "YAML",
        }
    }
}

/// One file of a connector. JSON (or YAML) and XML files are parsed; the icon keeps its bytes.
#[derive(Debug)]
pub struct ConnectorFile {
    pub role: FileRole,
    /// How the file is written (by its name); [`Syntax::Json`] for files that are not read as JSON.
    pub syntax: Syntax,
    /// Shared: a file that holds several connectors (a records export) is read once, and the
    /// assembled files of each connector point into it (see [`SourceFile::origin`]).
    pub source: Arc<SourceFile>,
    /// The parsed tree (see [`ConnectorFile::json`]).
    pub parsed: Option<JsonFile>,
    pub xml: Option<ParsedXml>,
    /// The raw bytes, kept only for binary files (the icon).
    pub bytes: Option<Vec<u8>>,
    /// For a swagger that is really an OpenAPI 3 description or a Postman collection: what its
    /// conversion reported. `parsed` then holds the converted Swagger 2.0 tree, whose spans point
    /// into this file's text (see [`crate::convert`]).
    pub conversion: Option<Box<ConversionReport>>,
}

self_cell::self_cell!(
    /// A JSON (or YAML) file's parsed tree, kept beside the text whose strings it borrows.
    pub struct JsonFile {
        owner: Arc<SourceFile>,
        #[covariant]
        dependent: ParsedJson,
    }
    impl {Debug}
);

impl JsonFile {
    pub fn get(&self) -> &ParsedJson<'_> {
        self.borrow_dependent()
    }
}

impl ConnectorFile {
    /// The parsed tree of a JSON (or YAML) file; for a converted file, the conversion's output.
    pub fn json(&self) -> Option<&ParsedJson<'_>> {
        self.parsed.as_ref().map(JsonFile::get)
    }

    /// Whether the tree in `parsed` is not the file's own text but a conversion of it (spans then
    /// point at the input nodes each output node came from, so text edits cannot follow them).
    pub fn is_converted(&self) -> bool {
        self.conversion.is_some()
    }
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

impl Connector {
    /// Adds a file from memory (decoded and, for JSON and XML roles, parsed).
    pub fn add_bytes(&mut self, role: FileRole, path: impl Into<PathBuf>, bytes: Vec<u8>) -> FileId {
        if role == FileRole::Icon {
            let id = FileId(self.files.len() as u32);
            let source = Arc::new(SourceFile::from_text(path, String::new()));
            self.files.push(ConnectorFile {
                role,
                source,
                syntax: Syntax::Json,
                parsed: None,
                xml: None,
                bytes: Some(bytes),
                conversion: None,
            });
            return id;
        }
        self.add_source(role, Arc::new(SourceFile::from_bytes(path, bytes)))
    }

    /// Adds a file already decoded (for JSON and XML roles, parsed here); it may be shared with
    /// other units, or assembled from parts of other files. A file of a JSON role named
    /// `*.yaml` or `*.yml` is read as YAML (see [`Syntax`]).
    pub fn add_source(&mut self, role: FileRole, source: Arc<SourceFile>) -> FileId {
        self.add_parsed(role, source, None)
    }

    /// Adds the input of a conversion (`connlint convert`) as the connector's swagger: like
    /// [`Connector::add_source`], with `ref_root` as the folder that referenced files must be in
    /// (the input's own folder when `None`).
    pub fn add_input(&mut self, source: Arc<SourceFile>, ref_root: Option<&Path>) -> FileId {
        self.add_parsed(FileRole::Swagger, source, ref_root)
    }

    fn add_parsed(&mut self, role: FileRole, source: Arc<SourceFile>, ref_root: Option<&Path>) -> FileId {
        let id = FileId(self.files.len() as u32);
        let syntax = if role.is_json() { Syntax::of_path(source.path()) } else { Syntax::Json };
        let mut conversion = None;
        let parsed = role.is_json().then(|| {
            JsonFile::new(source.clone(), |file| {
                let mut parsed = match syntax {
                    Syntax::Json => {
                        let (parsed, lines) = json::parse_indexed(file.text());
                        if let Some(lines) = lines {
                            file.offer_line_index(lines);
                        }
                        parsed
                    }
                    Syntax::Yaml => syntax.parse(file.text()),
                };
                if role == FileRole::Swagger {
                    conversion = convert_in_place(&mut parsed, file, ref_root);
                }
                parsed
            })
        });
        let xml = (role == FileRole::SolutionXml).then(|| xml::parse(source.text()));
        self.files.push(ConnectorFile { role, source, syntax, parsed, xml, bytes: None, conversion });
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

    /// The parsed tree of the file with role `role`, which the model of that file is built from
    /// (for a converted file, the conversion's output).
    pub fn root_of(&self, role: FileRole) -> Option<(FileId, &crate::json::Node<'_>)> {
        self.file_with_role(role).and_then(|(id, f)| Some((id, f.json()?.root.as_ref()?)))
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
}

/// Converts a swagger that is an OpenAPI 3 description or a Postman collection: its tree is
/// replaced by the Swagger 2.0 one (syntax errors and duplicate keys stay, as they are about the
/// text). Relative `$ref`s to other files are followed when the file is on disk.
fn convert_in_place(parsed: &mut ParsedJson<'_>, source: &SourceFile, ref_root: Option<&Path>) -> Option<Box<ConversionReport>> {
    let format = convert::detect(parsed.root.as_ref()?).filter(|f| f.needs_conversion())?;
    // The converters work on trees that own their strings (they also read other files).
    let root = parsed.root.take()?.into_owned();
    let on_disk = source.origin().is_none() && source.path().is_file();
    let place = InputPlace { path: on_disk.then(|| source.path()), ref_root, max_file_size: 0 };
    let conversion = convert::convert(root, format, place);
    parsed.root = Some(conversion.swagger);
    Some(Box::new(conversion.report))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_key(file: &ConnectorFile) -> &str {
        &file.json().unwrap().root.as_ref().unwrap().as_object().unwrap()[0].key.text
    }

    #[test]
    fn a_read_tree_borrows_its_text_and_a_converted_one_is_kept_beside_it() {
        let swagger = br#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#.to_vec();
        let openapi = br#"{"openapi": "3.0.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#.to_vec();
        let read = Connector::from_memory([(FileRole::Swagger, PathBuf::from("a.json"), swagger)]);
        let text = read.files[0].source.text().as_bytes().as_ptr_range();
        assert!(text.contains(&first_key(&read.files[0]).as_ptr()), "the key is a slice of the file's text");
        let converted = Connector::from_memory([(FileRole::Swagger, PathBuf::from("b.json"), openapi)]);
        let file = &converted.files[0];
        assert!(file.is_converted());
        assert_eq!(file.json().unwrap().root.as_ref().unwrap().get("swagger").and_then(crate::json::Node::as_str), Some("2.0"));
        assert!(!file.source.text().as_bytes().as_ptr_range().contains(&first_key(file).as_ptr()), "the output owns its strings");
    }
}
