//! Connectors where teams keep them besides connector folders: Power Platform solutions (an
//! exported .zip, or a folder unpacked by `pac solution unpack`) and files of Dataverse
//! `connectors` records.
//!
//! Each container becomes several units (see [`UnitKind`]): one for the container's own
//! files (the solution's XML, or the records file), checked by solution and record rules, and
//! one [`Connector`] per connector inside, checked by every connector rule. A solution keeps what
//! apiProperties.json would hold in several files and XML elements, and a record keeps every
//! document as a JSON string; connlint assembles them into the files rules expect, with an
//! [`Origin`](crate::origin::Origin) so findings point into the real files.
//!
//! A .zip is read in memory, never extracted: only the XML files and the files that connectors
//! reference are read, each within [`LoadOptions::max_file_size`] (checked against both the
//! declared and the real size, so a lying header cannot inflate past it), and all of them
//! within [`MAX_ARCHIVE_READ_FACTOR`] times that limit.

use crate::connector::{
    read_file, Connector, FileRole, LoadOptions, LoadProblem, LoadProblemKind, SolutionEntries, SolutionLayout, UnitKind,
};
use crate::json::{Member, Node};
use crate::model::record::{records_in, API_PROPERTIES_FIELDS};
use crate::model::solution::XmlFileKind;
use crate::origin::{decode_json_string, decode_xml_text, Assembler, Decoded};
use crate::source::{SourceFile, Span};
use crate::xml::Element;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// All the files read from one archive together stay under this many times the per-file limit.
pub const MAX_ARCHIVE_READ_FACTOR: u64 = 4;

/// Largest number of files listed in a solution (archive entries or folder files).
pub const MAX_SOLUTION_ENTRIES: usize = 100_000;

/// A container of connectors, recognised by its content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Container {
    /// A folder holding an unpacked solution (`Other/Solution.xml`) or an exported one's
    /// contents (`solution.xml` and `customizations.xml`).
    SolutionFolder(PathBuf),
    /// A solution .zip.
    SolutionZip(PathBuf),
    /// A JSON file of Dataverse `connectors` records.
    Records(PathBuf),
}

impl Container {
    pub fn path(&self) -> &Path {
        match self {
            Container::SolutionFolder(p) | Container::SolutionZip(p) | Container::Records(p) => p,
        }
    }

    /// Reads the container: its own unit first, then one unit per connector inside.
    pub fn load(&self, options: LoadOptions) -> Vec<Connector> {
        match self {
            Container::SolutionFolder(dir) => match Store::folder(dir) {
                Ok(store) => load_solution(store, options),
                Err(problem) => vec![failed_unit(UnitKind::Solution, dir, problem)],
            },
            Container::SolutionZip(path) => match Store::zip(path) {
                Ok(store) => load_solution(store, options),
                Err(problem) => vec![failed_unit(UnitKind::Solution, path, problem)],
            },
            Container::Records(path) => load_records(path, options),
        }
    }
}

/// Whether `dir` is the root of a solution.
pub fn is_solution_folder(dir: &Path) -> bool {
    dir.join("Other").join("Solution.xml").is_file() || (dir.join("solution.xml").is_file() && dir.join("customizations.xml").is_file())
}

/// Whether the file at `path` is a solution .zip: a zip archive with `customizations.xml` at its
/// root (an export), or `Other/Solution.xml` (an unpacked solution, zipped). `Err` says why a
/// file that should be one cannot be read.
pub fn is_solution_zip(path: &Path) -> Result<bool, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(describe_zip_error)?;
    let found = archive
        .file_names()
        .filter_map(Result::ok)
        .any(|name| name.eq_ignore_ascii_case("customizations.xml") || name.eq_ignore_ascii_case("Other/Solution.xml"));
    Ok(found)
}

/// Whether the JSON file at `path` looks like `connectors` records (its first 64 KiB name a
/// record field); the full check happens when it is read.
pub fn looks_like_records_file(path: &Path) -> bool {
    let mut prefix = Vec::with_capacity(65_536);
    let read = std::fs::File::open(path).and_then(|f| f.take(65_536).read_to_end(&mut prefix));
    read.is_ok() && memchr::memmem::find(&prefix, b"\"openapidefinition\"").is_some()
}

fn failed_unit(kind: UnitKind, path: &Path, kind_of_problem: LoadProblemKind) -> Connector {
    Connector {
        kind,
        label: Some(path.display().to_string()),
        problems: vec![LoadProblem { kind: kind_of_problem, path: path.to_path_buf(), at: None }],
        ..Default::default()
    }
}

fn describe_zip_error(error: zip::result::ZipError) -> String {
    match error {
        zip::result::ZipError::InvalidArchive(why) => format!("not a valid zip archive ({why})"),
        zip::result::ZipError::UnsupportedArchive(why) => format!("a zip archive connlint cannot read ({why})"),
        zip::result::ZipError::Io(e) => format!("cannot read the archive: {e}"),
        other => other.to_string(),
    }
}

/// Where a solution's files are: a folder or a zip archive.
struct Store {
    entries: SolutionEntries,
    source: StoreSource,
    /// Bytes read from an archive so far (see [`MAX_ARCHIVE_READ_FACTOR`]).
    read_so_far: u64,
}

enum StoreSource {
    Folder(PathBuf),
    Zip(Box<zip::ZipArchive<std::io::BufReader<std::fs::File>>>),
}

impl Store {
    fn folder(dir: &Path) -> Result<Self, LoadProblemKind> {
        let mut paths = Vec::new();
        let mut pending = vec![(dir.to_path_buf(), String::new(), 0)];
        while let Some((folder, prefix, depth)) = pending.pop() {
            let listing = std::fs::read_dir(&folder).map_err(|e| LoadProblemKind::Unreadable { error: e.to_string() })?;
            for entry in listing.flatten() {
                let Ok(kind) = entry.file_type() else { continue };
                let name = entry.file_name().to_string_lossy().into_owned();
                let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
                if kind.is_dir() && depth < 16 {
                    pending.push((entry.path(), relative, depth + 1));
                } else if kind.is_file() && paths.len() < MAX_SOLUTION_ENTRIES {
                    paths.push(relative);
                }
            }
        }
        paths.sort();
        let layout = layout_of(&paths);
        let root = dir.display().to_string();
        Ok(Store { entries: SolutionEntries { layout, root, paths }, source: StoreSource::Folder(dir.to_path_buf()), read_so_far: 0 })
    }

    fn zip(path: &Path) -> Result<Self, LoadProblemKind> {
        let unreadable = |error: String| LoadProblemKind::Unreadable { error };
        let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
        let archive = zip::ZipArchive::new(std::io::BufReader::new(file))
            .map_err(|e| LoadProblemKind::BrokenArchive { error: describe_zip_error(e) })?;
        let mut paths: Vec<String> = archive
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| !n.ends_with('/'))
            .take(MAX_SOLUTION_ENTRIES)
            .map(|n| n.replace('\\', "/"))
            .collect();
        paths.sort();
        let layout = layout_of(&paths);
        let root = format!("{}!", path.display());
        Ok(Store { entries: SolutionEntries { layout, root, paths }, source: StoreSource::Zip(Box::new(archive)), read_so_far: 0 })
    }

    /// Reads the file at `relative` (one of `entries.paths`).
    fn read(&mut self, relative: &str, options: LoadOptions) -> Result<Vec<u8>, LoadProblemKind> {
        let limit = options.max_file_size;
        let too_large = |size| LoadProblemKind::TooLarge { size, limit };
        match &mut self.source {
            StoreSource::Folder(dir) => read_file(&dir.join(relative), options),
            StoreSource::Zip(archive) => {
                let budget = limit.saturating_mul(MAX_ARCHIVE_READ_FACTOR).saturating_sub(self.read_so_far);
                let mut entry = archive.by_name(relative).map_err(|e| LoadProblemKind::Unreadable { error: describe_zip_error(e) })?;
                // The declared size is checked first, then the real one: a header can lie.
                let declared = entry.size();
                if declared > limit {
                    return Err(too_large(declared));
                }
                if declared > budget {
                    return Err(LoadProblemKind::Unreadable {
                        error: format!(
                            "the archive's files together exceed {} bytes, {MAX_ARCHIVE_READ_FACTOR} times the file size limit",
                            limit.saturating_mul(MAX_ARCHIVE_READ_FACTOR)
                        ),
                    });
                }
                let mut bytes = Vec::with_capacity(declared as usize);
                let read = entry.by_ref().take(limit.min(budget) + 1).read_to_end(&mut bytes);
                self.read_so_far += bytes.len() as u64;
                read.map_err(|e| LoadProblemKind::Unreadable { error: format!("cannot decompress it: {e}") })?;
                if bytes.len() as u64 > limit.min(budget) {
                    return Err(too_large(bytes.len() as u64));
                }
                Ok(bytes)
            }
        }
    }
}

fn layout_of(paths: &[String]) -> SolutionLayout {
    if paths.iter().any(|p| p.eq_ignore_ascii_case("Other/Solution.xml")) {
        SolutionLayout::Unpacked
    } else {
        SolutionLayout::Exported
    }
}

/// The solution unit and one unit per `<Connector>`.
fn load_solution(mut store: Store, options: LoadOptions) -> Vec<Connector> {
    let label = store.entries.root.trim_end_matches('!').to_string();
    let mut solution = Connector { kind: UnitKind::Solution, label: Some(label), ..Default::default() };
    let xml_paths: Vec<String> = store.entries.paths.iter().filter(|p| XmlFileKind::of(p).is_some()).cloned().collect();
    let mut connector_xml = Vec::new();
    for relative in xml_paths {
        let path = store.entries.full_path(&relative);
        match store.read(&relative, options) {
            Ok(bytes) => {
                let id = solution.add_bytes(FileRole::SolutionXml, &path, bytes);
                if matches!(XmlFileKind::of(&relative), Some(XmlFileKind::Customizations | XmlFileKind::ConnectorXml)) {
                    connector_xml.push((id, relative));
                }
            }
            Err(kind) => solution.problems.push(LoadProblem { kind, path, at: None }),
        }
    }
    let mut units = Vec::new();
    for (id, relative) in connector_xml {
        let file = solution.file(id);
        let Some(root) = file.xml.as_ref().and_then(|x| x.root.as_ref()) else { continue };
        let elements: Vec<&Element> = if root.name.eq_ignore_ascii_case("Connector") {
            vec![root]
        } else {
            root.children_named("Connectors").flat_map(|list| list.children_named("Connector")).collect()
        };
        for element in elements {
            units.push(solution_connector(&mut store, &file.source, &relative, element, options));
        }
    }
    solution.solution_entries = Some(store.entries);
    units.insert(0, solution);
    units
}

/// One connector of a solution: its swagger, script and icon files as they are, and an
/// apiProperties.json assembled from its other files and XML elements.
fn solution_connector(store: &mut Store, xml: &Arc<SourceFile>, xml_path: &str, element: &Element, options: LoadOptions) -> Connector {
    let name = element.child("name").map(Element::text).filter(|n| !n.is_empty()).unwrap_or("(unnamed)");
    let label = match XmlFileKind::of(xml_path) {
        Some(XmlFileKind::ConnectorXml) => store.entries.full_path(xml_path).display().to_string(),
        _ => format!("{} ({name})", store.entries.full_path(xml_path).display()),
    };
    let mut unit = Connector { label: Some(label), ..Default::default() };
    // Reads the file an element references; a missing file is the `solution-file-missing`
    // rule's to report, from the solution unit.
    let read = |store: &mut Store, unit: &mut Connector, field: &str| -> Option<(PathBuf, Vec<u8>)> {
        let reference = element.child(field).map(Element::text).filter(|r| !r.is_empty())?;
        let relative = store.entries.resolve(xml_path, reference)?.to_string();
        let path = store.entries.full_path(&relative);
        match store.read(&relative, options) {
            Ok(bytes) => Some((path, bytes)),
            Err(kind) => {
                unit.problems.push(LoadProblem { kind, path, at: None });
                None
            }
        }
    };
    for (field, role) in
        [("openapidefinition", FileRole::Swagger), ("customcodeblobcontent", FileRole::Script), ("iconblob", FileRole::Icon)]
    {
        if let Some((path, bytes)) = read(store, &mut unit, field) {
            unit.add_bytes(role, path, bytes);
        }
    }
    let mut properties = PropertiesAssembler::new();
    // Solutions keep these in files, except the script operations (an XML element, below).
    for (field, key) in API_PROPERTIES_FIELDS.into_iter().filter(|(field, _)| *field != "scriptoperations") {
        if let Some((path, bytes)) = read(store, &mut unit, field) {
            let file = Arc::new(SourceFile::from_bytes(path, bytes));
            let span = trimmed(file.text());
            properties.member(key, &file, Decoded::verbatim(file.text(), span), true);
        }
    }
    if let Some(color) = element.child("iconbrandcolor").filter(|e| !e.text().is_empty()) {
        properties.string_member("iconBrandColor", xml, color.text(), color.text_span());
    }
    if let Some(operations) = element.child("scriptoperations").and_then(|e| e.text.as_ref()) {
        let decoded = decode_xml_text(xml.text(), operations.span);
        if !decoded.text.trim().is_empty() {
            properties.member("scriptOperations", xml, decoded, false);
        }
    }
    let fallback = element.child("name").map_or(element.name_span, |n| n.name_span);
    let path = format!("{} (assembled apiProperties.json)", store.entries.full_path(xml_path).display());
    unit.add_source(FileRole::ApiProperties, Arc::new(properties.finish(xml, fallback, path)));
    unit
}

/// `{"properties": {...}}` built member by member from parts of other files.
struct PropertiesAssembler {
    assembler: Assembler,
    members: usize,
}

impl PropertiesAssembler {
    fn new() -> Self {
        let mut assembler = Assembler::new();
        assembler.push_text("{\"properties\": {");
        Self { assembler, members: 0 }
    }

    fn key(&mut self, key: &str) {
        if self.members > 0 {
            self.assembler.push_text(", ");
        }
        self.members += 1;
        self.assembler.push_text(&format!("\"{key}\": "));
    }

    /// A member whose value is a JSON document decoded from a part of `file`. A literal `null`
    /// (how solutions say "no policies") leaves the member out. `json_part` says whether the
    /// part is a JSON document of its own (a file or a JSON string), for pointers.
    fn member(&mut self, key: &str, file: &Arc<SourceFile>, value: Decoded, json_part: bool) {
        if value.text.trim().is_empty() || value.text.trim() == "null" {
            return;
        }
        self.key(key);
        let pointer = format!("/properties/{key}");
        self.assembler.push_decoded(file, value, json_part.then_some(pointer.as_str()));
    }

    /// A member whose value is the text at `span` of `file` (an XML element's), as a JSON
    /// string that maps onto that text.
    fn string_member(&mut self, key: &str, file: &Arc<SourceFile>, value: &str, span: Span) {
        self.key(key);
        self.assembler.push_decoded(file, Decoded::json_string(value, span), None);
    }

    fn finish(mut self, file: &Arc<SourceFile>, fallback: Span, path: String) -> SourceFile {
        self.assembler.push_text("}}");
        self.assembler.fallback(file, fallback);
        self.assembler.finish(path)
    }
}

/// The span of `text` without leading and trailing white space.
fn trimmed(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    Span::new(start as u32, end as u32)
}

/// The records unit and one unit per record.
fn load_records(path: &Path, options: LoadOptions) -> Vec<Connector> {
    let mut records = Connector { kind: UnitKind::Records, label: Some(path.display().to_string()), ..Default::default() };
    let Some(id) = records.read(FileRole::Records, path, options) else { return vec![records] };
    let file = records.file(id);
    let Some(root) = file.json.as_ref().and_then(|j| j.root.as_ref()) else { return vec![records] };
    let mut units = Vec::new();
    for (index, record) in records_in(root) {
        units.push(record_connector(&file.source, path, index, record));
    }
    units.insert(0, records);
    units
}

/// One record's connector: its documents decoded from their strings.
fn record_connector(file: &Arc<SourceFile>, path: &Path, index: Option<usize>, record: &Node) -> Connector {
    let pointer = index.map_or(String::new(), |i| format!("/value/{i}"));
    let title = ["displayname", "name"].iter().find_map(|k| record.get(k).and_then(Node::as_str)).unwrap_or("record");
    let label = format!("{}#{pointer} ({title})", path.display());
    let mut unit = Connector { label: Some(label), ..Default::default() };
    let string_member =
        |key: &str| -> Option<&Member> { record.member(key).filter(|m| m.value.as_str().is_some_and(|s| !s.trim().is_empty())) };
    let record_start = Span::empty(record.span.start);
    // A whole document decoded from one string member, named after its place in the record.
    let decoded_file = |member: &Member, json: bool| {
        let mut assembler = Assembler::new();
        assembler.push_decoded(file, decode_json_string(file.text(), member.value.span), json.then_some(""));
        assembler.fallback(file, member.key.span);
        Arc::new(assembler.finish(format!("{}#{pointer}/{}", path.display(), member.key.text)))
    };
    if let Some(member) = string_member("openapidefinition") {
        unit.add_source(FileRole::Swagger, decoded_file(member, true));
    }
    let mut properties = PropertiesAssembler::new();
    for (field, key) in API_PROPERTIES_FIELDS {
        if let Some(member) = string_member(field) {
            properties.member(key, file, decode_json_string(file.text(), member.value.span), true);
        }
    }
    if let Some(member) = string_member("iconbrandcolor") {
        // Already a JSON string literal in the record: copied as it is.
        properties.member("iconBrandColor", file, Decoded::verbatim(file.text(), member.value.span), false);
    }
    let fallback = record.member("name").map_or(record_start, |m| m.key.span);
    let properties_path = format!("{}#{pointer} (assembled apiProperties.json)", path.display());
    unit.add_source(FileRole::ApiProperties, Arc::new(properties.finish(file, fallback, properties_path)));
    if let Some(member) = string_member("customcodeblobcontent") {
        unit.add_source(FileRole::Script, decoded_file(member, false));
    }
    unit
}
