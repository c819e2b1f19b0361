//! The documents of a description that spans several files, and `$ref` resolution across them.
//!
//! Before converting, every `$ref` of the input is scanned; relative file references are read
//! (JSON or YAML, by extension) when they stay inside the allowed folder, breadth first, within
//! [`super::MAX_REFERENCED_FILES`] files and [`super::MAX_REFERENCED_BYTES`] bytes. A URL is
//! never fetched. A reference that cannot be followed is a note at its first `$ref`, naming the
//! other places that use the same file.

use super::build::Notes;
use super::{InputPlace, NoteKind, MAX_REFERENCED_BYTES, MAX_REFERENCED_FILES};
use crate::json::owned::{Node, Value};
use crate::json::unescape_pointer_token;
use crate::source::Span;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Index of a document: 0 is the input, others were reached through `$ref`s.
pub(super) type DocId = usize;

pub(super) struct Document<'i> {
    root: Root<'i>,
    /// The file, when on disk (lexically normalised).
    path: Option<PathBuf>,
    /// For other files: the span (in the input) of the first `$ref` that reached it. Every node
    /// converted from it carries this span, since spans can only point into the input.
    pub(super) anchor: Option<Span>,
}

enum Root<'i> {
    Input(&'i Node),
    Other(Node),
}

impl Document<'_> {
    pub(super) fn root(&self) -> &Node {
        match &self.root {
            Root::Input(node) => node,
            Root::Other(node) => node,
        }
    }
}

pub(super) struct Documents<'i> {
    pub(super) docs: Vec<Document<'i>>,
    by_path: HashMap<PathBuf, DocId>,
    /// References that could not be followed, by the target file as written (so each is
    /// reported once).
    refused: HashMap<(DocId, String), ()>,
}

/// A resolved reference: the document and the node, and the pointer inside that document.
pub(super) struct Target<'d> {
    pub(super) doc: DocId,
    pub(super) node: &'d Node,
    pub(super) pointer: String,
}

impl<'i> Documents<'i> {
    /// The input and every file its references reach (see the module docs).
    pub(super) fn load(root: &'i Node, place: InputPlace<'_>, notes: &mut Notes) -> Self {
        let input_path = place.path.map(normalise);
        let mut documents = Documents {
            docs: vec![Document { root: Root::Input(root), path: input_path.clone(), anchor: None }],
            by_path: HashMap::new(),
            refused: HashMap::new(),
        };
        if let Some(path) = &input_path {
            documents.by_path.insert(path.clone(), 0);
        }
        let boundary = place.ref_root.map(normalise).or_else(|| input_path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf)));
        let mut bytes_read = 0u64;
        // Per target file: the `$ref` sites that name it (in the input's spans), for one note each.
        let mut failures: Vec<(String, String, Vec<Span>)> = Vec::new();
        let mut next = 0;
        while next < documents.docs.len() {
            let mut refs = Vec::new();
            collect_refs(documents.docs[next].root(), &mut refs);
            let anchor_of = |doc: &Document<'_>, span: Span| doc.anchor.unwrap_or(span);
            for (reference, span) in refs {
                let Some((file, _)) = split_ref(&reference) else { continue };
                let site = anchor_of(&documents.docs[next], span);
                let problem = if file.contains("://") || file.starts_with("//") {
                    Some("it is a URL, and connlint never fetches anything".to_string())
                } else {
                    match (&documents.docs[next].path, &boundary) {
                        (Some(from), Some(boundary)) => {
                            let target = normalise(&from.parent().unwrap_or(Path::new("")).join(file));
                            if documents.by_path.contains_key(&target) {
                                None
                            } else if !target.starts_with(boundary) || !real_path_inside(&target, boundary) {
                                Some(format!("it is outside the folder `{}`, and connlint reads no file outside it", boundary.display()))
                            } else if documents.docs.len() > MAX_REFERENCED_FILES {
                                Some(format!("the description already reads {MAX_REFERENCED_FILES} files, the most connlint reads"))
                            } else {
                                match read_other(&target, place.max_file_size, &mut bytes_read) {
                                    Ok(root) => {
                                        let id = documents.docs.len();
                                        documents.by_path.insert(target.clone(), id);
                                        documents.docs.push(Document { root: Root::Other(root), path: Some(target), anchor: Some(site) });
                                        None
                                    }
                                    Err(problem) => Some(problem),
                                }
                            }
                        }
                        _ => Some("the input is not a file on disk, so other files cannot be read".to_string()),
                    }
                };
                if let Some(problem) = problem {
                    documents.refused.insert((next, file.to_string()), ());
                    match failures.iter_mut().find(|(f, _, _)| f == file) {
                        Some((_, _, sites)) => sites.push(site),
                        None => failures.push((file.to_string(), problem, vec![site])),
                    }
                }
            }
            next += 1;
        }
        for (file, problem, sites) in failures {
            let count = sites.len();
            let note = notes.add(
                NoteKind::ExternalRef,
                sites[0],
                format!(
                    "`$ref` to `{file}` not followed: {problem}{}",
                    if count > 1 { format!(" ({count} references to it)") } else { String::new() }
                ),
            );
            note.help("what it points to is replaced by an empty schema (anything is accepted); copy the definitions into the input, or pass --ref-root with a folder that holds both files");
            for site in sites.into_iter().skip(1).take(9) {
                note.related(site, "another reference to the same file");
            }
        }
        documents
    }

    pub(super) fn doc(&self, id: DocId) -> &Document<'i> {
        &self.docs[id]
    }

    /// The node `reference` (`#/a/b`, `file.yaml#/a/b` or `file.yaml`) points to, from document
    /// `from`; `None` when it cannot be followed (already reported for other files) or points
    /// nowhere.
    pub(super) fn resolve(&self, from: DocId, reference: &str) -> Option<Target<'_>> {
        let (file, pointer) = split_ref(reference).unwrap_or(("", reference.strip_prefix('#').unwrap_or(reference)));
        let doc = if file.is_empty() {
            from
        } else {
            let base = self.docs[from].path.as_ref()?;
            let target = normalise(&base.parent().unwrap_or(Path::new("")).join(file));
            *self.by_path.get(&target)?
        };
        let pointer = pointer.to_string();
        let node = pointer_get(self.docs[doc].root(), &pointer)?;
        Some(Target { doc, node, pointer })
    }

    /// Whether `reference` names a file that was refused (and reported).
    pub(super) fn is_refused(&self, from: DocId, reference: &str) -> bool {
        split_ref(reference).is_some_and(|(file, _)| self.refused.contains_key(&(from, file.to_string())))
    }
}

/// `file.yaml#/a/b` → (`file.yaml`, `/a/b`); `None` for a reference inside the same document.
pub(super) fn split_ref(reference: &str) -> Option<(&str, &str)> {
    if reference.starts_with('#') {
        return None;
    }
    match reference.split_once('#') {
        Some((file, pointer)) => Some((file, pointer)),
        None => Some((reference, "")),
    }
}

/// The node at a JSON pointer (URL-decoded as references are written: `%7B` → `{`).
pub(super) fn pointer_get<'n>(root: &'n Node, pointer: &str) -> Option<&'n Node> {
    let pointer = percent_decode(pointer);
    if pointer.is_empty() {
        return Some(root);
    }
    let mut node = root;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = unescape_pointer_token(token);
        node = match &node.value {
            Value::Object(_) => node.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every `$ref` string value under `node` with its span.
fn collect_refs(node: &Node, out: &mut Vec<(String, Span)>) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                for member in members.iter().rev() {
                    if &*member.key.text == "$ref" {
                        if let Some(s) = member.value.as_str() {
                            out.push((s.to_string(), member.value.span));
                        }
                    } else {
                        stack.push(&member.value);
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether `target`, with its symbolic links followed, is still inside `boundary` (a link inside
/// the folder must not lead out of it).
fn real_path_inside(target: &Path, boundary: &Path) -> bool {
    match (target.canonicalize(), boundary.canonicalize()) {
        (Ok(target), Ok(boundary)) => target.starts_with(boundary),
        // A file that does not exist is reported when it is read.
        _ => true,
    }
}

fn read_other(path: &Path, max_file_size: u64, bytes_read: &mut u64) -> Result<Node, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("it cannot be read ({})", e.kind().to_string().to_lowercase()))?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    let limit = if max_file_size == 0 { super::DEFAULT_MAX_FILE_SIZE } else { max_file_size };
    if meta.len() > limit {
        return Err(format!("it is {} bytes, over the limit of {limit}", meta.len()));
    }
    if *bytes_read + meta.len() > MAX_REFERENCED_BYTES {
        return Err(format!("the referenced files would exceed {MAX_REFERENCED_BYTES} bytes in all"));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("it cannot be read ({})", e.kind().to_string().to_lowercase()))?;
    *bytes_read += bytes.len() as u64;
    let source = crate::source::SourceFile::from_bytes(path, bytes);
    let yaml = crate::yaml::is_yaml_path(path);
    let parsed = if yaml { crate::yaml::parse(source.text()) } else { crate::json::parse(source.text()) };
    if let Some(error) = parsed.errors.first() {
        let at = source.position(error.span.start);
        let syntax = if yaml { "YAML" } else { "JSON" };
        return Err(format!("it is not valid {syntax} at line {}, column {}: {}", at.line, at.column, error.message()));
    }
    parsed.root.map(crate::json::Node::into_owned).ok_or_else(|| "it is empty".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_decoded_without_panicking_on_any_text() {
        assert_eq!(percent_decode("/paths/~1a%7Bid%7D"), "/paths/~1a{id}");
        assert_eq!(percent_decode("/é%é%"), "/é%é%");
        assert_eq!(split_ref("other.yaml#/A"), Some(("other.yaml", "/A")));
        assert_eq!(split_ref("#/A"), None);
    }
}
