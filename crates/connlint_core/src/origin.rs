//! Text assembled from parts of other files, and the map that leads each byte back.
//!
//! A connector can live where no file holds its swagger as it is: a Dataverse `connectors`
//! record stores the swagger as a JSON *string* (every quote escaped), and a solution spreads
//! what apiProperties.json would hold over several files and XML elements. connlint decodes or
//! joins those parts into one text that rules read like any file, and keeps an [`Origin`]: for
//! each part, the file it came from and where its bytes are there, so that a finding at a byte
//! of the assembled text is reported at the real file's line and column.

use crate::source::{SourceFile, Span};
use std::path::PathBuf;
use std::sync::Arc;

/// Where the parts of an assembled text come from.
#[derive(Debug, Default)]
pub struct Origin {
    /// Sorted by `start`, not overlapping.
    pieces: Vec<Piece>,
    /// Where findings in the joining text (the parts that no file holds) are reported.
    fallback: Option<(Arc<SourceFile>, Span)>,
}

/// One part of the assembled text, taken from `file`.
#[derive(Debug)]
struct Piece {
    start: u32,
    end: u32,
    file: Arc<SourceFile>,
    /// `(offset in the assembled text, offset in file)` where the byte-for-byte correspondence
    /// restarts (after each escape sequence), sorted; the first is at `start`. Between two
    /// breaks, bytes map one to one.
    breaks: Vec<(u32, u32)>,
    /// For a part that is a JSON document, the JSON pointer of its place in the assembled
    /// document: pointers of findings inside it are made relative to the part by removing it.
    /// `None` for a part that is not JSON of its own (text of an XML element).
    pointer_prefix: Option<Box<str>>,
}

/// Where a span of an assembled text really is.
#[derive(Debug, Clone, Copy)]
pub struct Location<'o> {
    pub file: &'o Arc<SourceFile>,
    pub span: Span,
    /// See [`Origin::relative_pointer`].
    piece: Option<&'o Piece>,
}

impl Location<'_> {
    /// The JSON pointer of the finding within the part it is in, from its pointer in the
    /// assembled document; `None` when the part is not a JSON document of its own.
    pub fn relative_pointer(&self, pointer: &str) -> Option<String> {
        let prefix = self.piece?.pointer_prefix.as_deref()?;
        pointer.strip_prefix(prefix).map(str::to_string)
    }
}

impl Piece {
    fn map(&self, offset: u32) -> u32 {
        map_through(&self.breaks, offset)
    }
}

/// `offset` carried through `breaks` (sorted `(from, to)` pairs, the first at or before
/// `offset`): the last break at or before it, plus the distance from that break.
fn map_through(breaks: &[(u32, u32)], offset: u32) -> u32 {
    let i = breaks.partition_point(|&(local, _)| local <= offset).saturating_sub(1);
    let (local, real) = breaks[i];
    real + (offset - local)
}

impl Origin {
    /// The real file and span of `span` of the assembled text. A span that starts in the
    /// joining text goes to the fallback; one that runs over the end of its part is cut there.
    pub fn locate(&self, span: Span) -> Option<Location<'_>> {
        let index = self.pieces.partition_point(|p| p.start <= span.start);
        let piece =
            index.checked_sub(1).map(|i| &self.pieces[i]).filter(|p| span.start < p.end || (span.start == p.end && span.is_empty()));
        match piece {
            Some(piece) => {
                let start = piece.map(span.start);
                let end = piece.map(span.end.min(piece.end)).max(start);
                Some(Location { file: &piece.file, span: Span::new(start, end), piece: Some(piece) })
            }
            None => self.fallback.as_ref().map(|(file, span)| Location { file, span: *span, piece: None }),
        }
    }

    /// Every file that parts come from (the fallback included), each once.
    pub fn files(&self) -> Vec<&Arc<SourceFile>> {
        let mut files: Vec<&Arc<SourceFile>> = Vec::new();
        for file in self.pieces.iter().map(|p| &p.file).chain(self.fallback.as_ref().map(|(f, _)| f)) {
            if !files.iter().any(|f| Arc::ptr_eq(f, file)) {
                files.push(file);
            }
        }
        files
    }
}

/// Text decoded from a part of a file, with the map back into that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `(offset in text, offset in the file)`, as in [`Piece::breaks`] but from 0.
    breaks: Vec<(u32, u32)>,
}

impl Decoded {
    /// A part copied byte for byte from `span` of a file.
    pub fn verbatim(file_text: &str, span: Span) -> Self {
        Self { text: file_text.get(span.range()).unwrap_or_default().to_string(), breaks: vec![(0, span.start)] }
    }

    /// `value`, the text at `span` of a file (an XML element's text, say), as a JSON string
    /// literal. The quotes map onto the value's first character and its end, so that a finding
    /// on the whole string is reported on the value.
    pub fn json_string(value: &str, span: Span) -> Self {
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
        Self { text, breaks }
    }

    /// The offset in the file of offset `offset` of the decoded text.
    pub fn real_offset(&self, offset: u32) -> u32 {
        map_through(&self.breaks, offset)
    }
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
    Decoded { text, breaks }
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
    Decoded { text, breaks }
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

/// Builds an assembled text part by part, with its [`Origin`].
#[derive(Debug, Default)]
pub struct Assembler {
    text: String,
    origin: Origin,
}

impl Assembler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Joining text that no file holds (findings in it go to the fallback).
    pub fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// A part decoded from `file`. When the part is a JSON document placed at `pointer` of the
    /// assembled document, pass that pointer (see [`Location::relative_pointer`]).
    pub fn push_decoded(&mut self, file: &Arc<SourceFile>, decoded: Decoded, pointer: Option<&str>) {
        let start = self.text.len() as u32;
        self.text.push_str(&decoded.text);
        let breaks = decoded.breaks.into_iter().map(|(local, real)| (start + local, real)).collect();
        let pointer_prefix = pointer.map(Into::into);
        self.origin.pieces.push(Piece { start, end: self.text.len() as u32, file: file.clone(), breaks, pointer_prefix });
    }

    /// Where findings in the joining text are reported.
    pub fn fallback(&mut self, file: &Arc<SourceFile>, span: Span) {
        self.origin.fallback = Some((file.clone(), span));
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The assembled file, named `path` (a name for messages; findings carry the real paths).
    pub fn finish(self, path: impl Into<PathBuf>) -> SourceFile {
        SourceFile::assembled(path, self.text, self.origin)
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
        let decoded = Decoded::json_string("blue", Span::new(3, 7));
        assert_eq!(decoded.text, "\"blue\"");
        assert_eq!(decoded.real_offset(0), 3);
        assert_eq!(decoded.real_offset(2), 4);
        assert_eq!(decoded.real_offset(6), 7);
        assert_eq!(&xml[decoded.real_offset(0) as usize..decoded.real_offset(6) as usize], "blue");
        // A value that needs escapes maps as a whole.
        let decoded = Decoded::json_string("a\"b", Span::new(3, 12));
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
