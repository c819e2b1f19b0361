//! Connectors where teams keep them besides connector folders: Power Platform solutions (an
//! exported .zip, or a folder unpacked by `pac solution unpack`) and files of Dataverse
//! `connectors` records.
//!
//! Each container becomes several units (see [`UnitKind`]): one for the container's own
//! files (the solution's XML, or the records file), checked by solution and record rules, and
//! one [`Connector`] per connector inside, checked by every connector rule. A solution keeps what
//! apiProperties.json would hold in several files and XML elements, and a record keeps every
//! document as a JSON string; connlint assembles them into the files rules expect, with an
//! [`Origin`](crate::source::origin::Origin) so findings point into the real files.
//!
//! A .zip is read in memory, never extracted: only the XML files and the files that connectors
//! reference are read, each within [`LoadOptions::max_file_size`] (checked against both the
//! declared and the real size, so a lying header cannot inflate past it), and all of them
//! within [`MAX_ARCHIVE_READ_FACTOR`] times that limit.

use crate::json::{Member, Node};
use crate::load::{read_file, LoadOptions};
use crate::model::record::{records_in, API_PROPERTIES_FIELDS};
use crate::model::solution::XmlFileKind;
use crate::source::origin::{Assembler, Decoded};
use crate::source::{SourceFile, Span};
use crate::unit::{Connector, FileRole, LoadProblem, LoadProblemKind, SolutionEntries, SolutionLayout, UnitKind};
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
        self.assembler.push_decoded(file, json_string(value, span), None);
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
    let Some(root) = file.json().and_then(|j| j.root.as_ref()) else { return vec![records] };
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

// Decoders for the parts of records and solutions: each gives the decoded text and the map of
// its offsets back into the file (see `crate::source::origin`).

/// `value`, the text at `span` of a file (an XML element's text, say), as a JSON string
/// literal. The quotes map onto the value's first character and its end, so that a finding
/// on the whole string is reported on the value.
fn json_string(value: &str, span: Span) -> Decoded {
    let mut text = String::with_capacity(value.len() + 2);
    text.push('"');
    let plain = value.len() as u32 == span.len();
    for c in value.chars() {
        match c {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            c if c.is_control() => text.push_str(&format!("\\u{:04x}", c as u32)),
            c => text.push(c),
        }
    }
    let escaped = text.len() - 1 != value.len();
    text.push('"');
    let end = text.len() as u32;
    let breaks = if plain && !escaped {
        vec![(0, span.start), (1, span.start), (end - 1, span.end), (end, span.end)]
    } else {
        // Escapes or entities make the lengths differ: the whole value maps to its span.
        vec![(0, span.start), (end, span.end)]
    };
    Decoded::from_breaks(text, breaks)
}

/// Decodes the JSON string literal at `span` of `file_text` (`span` includes the quotes). A bad
/// escape is kept as written, so that the decoded text still says what the file says.
pub fn decode_json_string(file_text: &str, span: Span) -> Decoded {
    let raw = file_text.get(span.range()).unwrap_or_default();
    let inner_start = span.start + u32::from(raw.starts_with('"'));
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let inner = inner.strip_suffix('"').filter(|_| raw.len() >= 2).unwrap_or(inner);
    let mut text = String::with_capacity(inner.len());
    let mut breaks = vec![(0, inner_start)];
    let bytes = inner.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'\\', &bytes[i..]) {
        let escape = i + found;
        text.push_str(&inner[copied..escape]);
        let (decoded, len) = decode_escape(&inner[escape..]);
        match decoded {
            Some(c) => text.push(c),
            None => text.push_str(&inner[escape..escape + len]),
        }
        i = escape + len;
        copied = i;
        breaks.push((text.len() as u32, inner_start + i as u32));
    }
    text.push_str(&inner[copied..]);
    Decoded::from_breaks(text, breaks)
}

/// One escape sequence at the start of `s` (which starts with `\`): the character and how many
/// bytes it takes, or `None` when it is not a valid escape.
fn decode_escape(s: &str) -> (Option<char>, usize) {
    let bytes = s.as_bytes();
    let simple = match bytes.get(1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return decode_unicode_escape(s),
        Some(_) => return (None, 1 + s[1..].chars().next().map_or(0, char::len_utf8)),
        None => return (None, 1),
    };
    (Some(simple), 2)
}

fn decode_unicode_escape(s: &str) -> (Option<char>, usize) {
    let hex = |from: usize| {
        s.get(from..from + 4).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit())).and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(unit) = hex(2) else { return (None, 2) };
    if (0xD800..0xDC00).contains(&unit) {
        if let Some(low) = s.get(6..8).filter(|p| *p == "\\u").and_then(|_| hex(8)).filter(|low| (0xDC00..0xE000).contains(low)) {
            let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
            return (c, 12);
        }
    }
    (Some(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)), 6)
}

/// Unescapes the XML character data at `span` of `file_text`: the five named entities and
/// character references. A `CDATA` section is copied without its markers.
pub fn decode_xml_text(file_text: &str, span: Span) -> Decoded {
    let raw = file_text.get(span.range()).unwrap_or_default();
    let mut text = String::with_capacity(raw.len());
    let mut breaks = vec![(0, span.start)];
    let mut copied = 0;
    let mut i = 0;
    let bytes = raw.as_bytes();
    while let Some(found) = memchr::memchr2(b'&', b'<', &bytes[i..]) {
        let at = i + found;
        text.push_str(&raw[copied..at]);
        let (decoded, len) = if bytes[at] == b'<' {
            match raw[at..].strip_prefix("<![CDATA[").and_then(|rest| rest.find("]]>")) {
                Some(end) => {
                    // The section's content maps byte for byte; only its markers are dropped.
                    breaks.push((text.len() as u32, span.start + at as u32 + 9));
                    text.push_str(&raw[at + 9..at + 9 + end]);
                    (None, 9 + end + 3)
                }
                None => (Some('<'), 1),
            }
        } else {
            decode_entity(&raw[at..])
        };
        if let Some(c) = decoded {
            text.push(c);
        }
        i = at + len;
        copied = i;
        breaks.push((text.len() as u32, span.start + i as u32));
    }
    text.push_str(&raw[copied..]);
    Decoded::from_breaks(text, breaks)
}

fn decode_entity(s: &str) -> (Option<char>, usize) {
    let Some(end) = s[..s.len().min(12)].find(';') else { return (Some('&'), 1) };
    let name = &s[1..end];
    let c = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
            };
            code.and_then(char::from_u32)
        }
    };
    match c {
        Some(c) => (Some(c), end + 1),
        None => (Some('&'), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arc(text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile::from_text("record.json", text))
    }

    #[test]
    fn json_string_offsets_map_back_through_escapes() {
        // The record holds {"a": "é\n"} as a string, with escaped quotes and a \u escape.
        let record = r#"{"doc": "{\"a\": \"\u00e9\\n\"}"}"#;
        let start = record.find("\"{").unwrap() as u32;
        let span = Span::new(start, record.len() as u32 - 1);
        let decoded = decode_json_string(record, span);
        assert_eq!(decoded.text, "{\"a\": \"é\\n\"}");
        // `a` in the decoded text is at 2; in the record it is after `{\"`.
        let a = decoded.text.find('a').unwrap() as u32;
        assert_eq!(&record[decoded.real_offset(a) as usize..][..1], "a");
        // `é` comes from the `\u00e9` escape; its offset is the escape's backslash.
        let e = decoded.text.find('é').unwrap() as u32;
        assert_eq!(&record[decoded.real_offset(e) as usize..][..6], "\\u00e9");
        // The end of the decoded text is the closing quote of the string.
        assert_eq!(decoded.real_offset(decoded.text.len() as u32), span.end - 1);
    }

    #[test]
    fn surrogate_pairs_bad_escapes_and_unterminated_strings_decode_without_panic() {
        let text = r#""\ud83d\ude00 \x \u12 \"#;
        let decoded = decode_json_string(text, Span::new(0, text.len() as u32));
        assert_eq!(decoded.text, "😀 \\x \\u12 \\");
        let unterminated = "\"abc";
        assert_eq!(decode_json_string(unterminated, Span::new(0, 4)).text, "abc");
        assert_eq!(decode_json_string("\"", Span::new(0, 1)).text, "");
    }

    #[test]
    fn a_value_quoted_as_a_json_string_maps_onto_the_value() {
        let xml = "<c>blue</c>";
        let decoded = json_string("blue", Span::new(3, 7));
        assert_eq!(decoded.text, "\"blue\"");
        assert_eq!(decoded.real_offset(0), 3);
        assert_eq!(decoded.real_offset(2), 4);
        assert_eq!(decoded.real_offset(6), 7);
        assert_eq!(&xml[decoded.real_offset(0) as usize..decoded.real_offset(6) as usize], "blue");
        // A value that needs escapes maps as a whole.
        let decoded = json_string("a\"b", Span::new(3, 12));
        assert_eq!(decoded.text, r#""a\"b""#);
        assert_eq!((decoded.real_offset(0), decoded.real_offset(decoded.text.len() as u32)), (3, 12));
    }

    #[test]
    fn xml_entities_and_cdata_map_back() {
        let xml = r#"<s>[&quot;Op&amp;1&quot;,<![CDATA["x<y"]]>,&#x41;]</s>"#;
        let span = Span::new(3, xml.find("</s>").unwrap() as u32);
        let decoded = decode_xml_text(xml, span);
        assert_eq!(decoded.text, r#"["Op&1","x<y",A]"#);
        let op = decoded.text.find("Op").unwrap() as u32;
        assert_eq!(&xml[decoded.real_offset(op) as usize..][..2], "Op");
        let y = decoded.text.find('y').unwrap() as u32;
        assert_eq!(&xml[decoded.real_offset(y) as usize..][..1], "y");
        let a = decoded.text.find('A').unwrap() as u32;
        assert_eq!(&xml[decoded.real_offset(a) as usize..][..6], "&#x41;");
        // An unknown entity and a lone ampersand are kept as written.
        let odd = "a &nbsp; & b";
        assert_eq!(decode_xml_text(odd, Span::new(0, odd.len() as u32)).text, odd);
    }

    #[test]
    fn assembled_text_locates_parts_and_falls_back_for_joining_text() {
        let record = arc(r#"{"x": "[1,\"two\"]", "y": 7}"#);
        let xml = arc("<c><name>n</name></c>");
        let x = record.text().find("\"[").unwrap() as u32;
        let x_span = Span::new(x, record.text().find("]\"").unwrap() as u32 + 2);
        let mut assembler = Assembler::new();
        assembler.push_text("{\"list\": ");
        assembler.push_decoded(&record, decode_json_string(record.text(), x_span), Some("/list"));
        assembler.push_text(", \"y\": ");
        let y = record.text().find('7').unwrap() as u32;
        assembler.push_decoded(&record, Decoded::verbatim(record.text(), Span::new(y, y + 1)), None);
        assembler.push_text("}");
        assembler.fallback(&xml, Span::new(4, 8));
        let file = assembler.finish("virtual.json");
        assert_eq!(file.text(), r#"{"list": [1,"two"], "y": 7}"#);
        let origin = file.origin().unwrap();
        let two = file.text().find("\"two\"").unwrap() as u32;
        let location = origin.locate(Span::new(two, two + 5)).unwrap();
        assert!(Arc::ptr_eq(location.file, &record));
        // The decoded `"two"` is `\"two\"` in the record: 7 bytes.
        assert_eq!(record.slice(location.span), "\\\"two\\\"");
        assert_eq!(location.relative_pointer("/list/1").as_deref(), Some("/1"));
        let seven = file.text().find('7').unwrap() as u32;
        let location = origin.locate(Span::new(seven, seven + 1)).unwrap();
        assert_eq!(location.span, Span::new(y, y + 1));
        assert_eq!(location.relative_pointer("/y"), None);
        // The root object's `{` is joining text: the fallback.
        let location = origin.locate(Span::new(0, file.text().len() as u32)).unwrap();
        assert!(Arc::ptr_eq(location.file, &xml));
        assert_eq!(xml.slice(location.span), "name");
        assert_eq!(location.relative_pointer(""), None);
        assert_eq!(origin.files().len(), 2);
    }
}
