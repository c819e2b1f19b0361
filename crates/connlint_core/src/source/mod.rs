//! Source text, byte spans and line/column positions.
//!
//! Every file is decoded once into UTF-8 text. All spans in connlint are byte offsets into that
//! decoded text; a [`LineIndex`] turns them into 1-based line and character columns. A text
//! assembled from parts of other files keeps an [`origin::Origin`] that leads each byte back.

pub mod origin;
mod path_order;

pub use path_order::PathOrder;

use origin::Origin;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A half-open byte range `start..end` into a [`SourceFile`]'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// An empty span at `offset`, for "something is missing here" diagnostics.
    pub const fn empty(offset: u32) -> Self {
        Self { start: offset, end: offset }
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Plain UTF-8.
    Utf8,
    /// UTF-8 preceded by a byte order mark, which was removed.
    Utf8Bom,
    /// Not valid UTF-8; every byte was read as one Latin-1 (ISO 8859-1) character.
    /// `first_invalid` is the byte offset of the first byte sequence that is not UTF-8.
    Latin1 { first_invalid: u32 },
    /// UTF-16 with a byte order mark, converted to UTF-8.
    Utf16,
}

/// One file as connlint reads it: its path, its decoded text and the encoding it came in.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: SharedText,
    encoding: Encoding,
    line_index: OnceLock<LineIndex>,
    /// Set when the text was assembled in memory from parts of other files (a JSON document
    /// stored as a string in a Dataverse record, say): where each part really is.
    origin: Option<Origin>,
}

/// A file's decoded text, shared by the file and the reports that keep it for code frames. An
/// `Arc<String>`: the `String` that decoding produced moves in without a copy.
pub type SharedText = Arc<String>;

/// Largest file connlint reads into memory; spans are `u32`, so the limit can never exceed 4 GiB.
pub const MAX_SOURCE_LEN: usize = u32::MAX as usize;

impl SourceFile {
    /// Decodes `bytes` (UTF-8 with or without BOM, UTF-16 with BOM, else Latin-1).
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Self {
        let (text, encoding) = decode(bytes);
        Self { path: path.into(), text: Arc::new(text), encoding, line_index: OnceLock::new(), origin: None }
    }

    /// Text assembled from parts of other files; `origin` maps its spans back to them.
    pub fn assembled(path: impl Into<PathBuf>, text: String, origin: Origin) -> Self {
        Self { path: path.into(), text: Arc::new(text), encoding: Encoding::Utf8, line_index: OnceLock::new(), origin: Some(origin) }
    }

    /// Where the text really comes from, when it was assembled (see [`SourceFile::assembled`]).
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }

    /// Wraps text that is already UTF-8 (a BOM at its start is removed and remembered).
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self::from_bytes(path, text.into().into_bytes())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, to keep beyond the file without a copy.
    pub fn shared_text(&self) -> &SharedText {
        &self.text
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Hands over the line index of this file's text found while reading it (see
    /// [`crate::json::parse_indexed`]); kept unless one was already built.
    pub fn offer_line_index(&self, index: LineIndex) {
        debug_assert_eq!(index.line_starts, LineIndex::new(&self.text).line_starts, "{}", self.path.display());
        let _ = self.line_index.set(index);
    }

    /// The line index, built on first use.
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: u32) -> Position {
        self.line_index().position(&self.text, offset)
    }
}

fn decode(mut bytes: Vec<u8>) -> (String, Encoding) {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let little = bytes[0] == 0xFF;
        let units = bytes[2..].chunks(2).map(|pair| {
            let pair = [pair[0], *pair.get(1).unwrap_or(&0)];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        let text = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
        return (text, Encoding::Utf16);
    }
    let had_bom = bytes.starts_with(BOM);
    if had_bom {
        bytes.drain(..BOM.len());
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, if had_bom { Encoding::Utf8Bom } else { Encoding::Utf8 }),
        Err(error) => {
            let first_invalid = error.utf8_error().valid_up_to() as u32;
            let text = error.into_bytes().iter().map(|&b| b as char).collect();
            (text, Encoding::Latin1 { first_invalid })
        }
    }
}

/// A 1-based line and column; the column counts characters (Unicode scalar values), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Byte offsets of the start of each line. `\n`, `\r\n` and a lone `\r` each end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// How many characters start before byte `k * CHECKPOINT`, for each `k`: a column is then
    /// counted in at most `CHECKPOINT` bytes, even on a line of megabytes (minified JSON), so
    /// positioning many findings on one long line stays linear. Built on the first column
    /// asked for on a line longer than `CHECKPOINT`: most files never need it.
    chars_before: OnceLock<Vec<u32>>,
}

const CHECKPOINT: usize = 4096;

/// Characters that start in `bytes` (bytes that are not UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        if memchr::memchr(b'\r', bytes).is_none() {
            // Most files end lines with `\n` alone: one byte to look for is faster than two.
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                let is_crlf_first_half = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
                if !is_crlf_first_half {
                    line_starts.push(i as u32 + 1);
                }
            }
        }
        Self::from_line_starts(line_starts)
    }

    /// An index of lines found otherwise (by the JSON reader, see
    /// [`crate::json::parse_indexed`]): `line_starts` begins with 0 and ascends, as
    /// [`LineIndex::new`] would find them.
    pub fn from_line_starts(line_starts: Vec<u32>) -> Self {
        debug_assert!(line_starts.first() == Some(&0) && line_starts.is_sorted());
        Self { line_starts, chars_before: OnceLock::new() }
    }

    fn chars_before(&self, text: &str) -> &[u32] {
        self.chars_before.get_or_init(|| {
            let bytes = text.as_bytes();
            let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            let mut count = 0;
            for block in bytes.chunks(CHECKPOINT) {
                chars_before.push(count as u32);
                count += char_starts(block);
            }
            chars_before.push(count as u32);
            chars_before
        })
    }

    /// How many characters start before byte `offset` (a character boundary) of `text`.
    fn chars_up_to(&self, text: &str, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        match self.chars_before(text).get(block) {
            Some(&before) => before as usize + char_starts(&text.as_bytes()[block * CHECKPOINT..offset]),
            None => text[..offset].chars().count(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line that holds `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    /// 1-based position of `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = (offset as usize).min(text.len());
        let line = self.line_of(offset as u32);
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = if end - start <= CHECKPOINT {
            text[start..end].chars().count()
        } else {
            self.chars_up_to(text, end) - self.chars_up_to(text, start)
        } as u32
            + 1;
        Position { line: line as u32 + 1, column }
    }

    /// Byte offset of a 1-based line and character column, if it exists.
    pub fn offset(&self, text: &str, position: Position) -> Option<u32> {
        let line = (position.line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(line)? as usize;
        let end = self.line_starts.get(line + 1).map_or(text.len(), |&e| e as usize);
        let column = (position.column as usize).checked_sub(1)?;
        let mut chars = text[start..end].char_indices();
        match chars.nth(column) {
            Some((i, _)) => Some((start + i) as u32),
            None if column == text[start..end].chars().count() => Some(end as u32),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_with_multibyte_characters_match_a_plain_count() {
        // Several checkpoints long, with 2-, 3- and 4-byte characters straddling them.
        let line: String = (0..20_000).map(|i| ['a', 'é', '€', '😀'][i % 4]).collect();
        let text = format!("{{\n{line}\n\"é\": {line}}}");
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(997).chain([(text.len(), ' ')]) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let expected = text[line_start..offset].chars().count() as u32 + 1;
            assert_eq!(index.position(&text, offset as u32).column, expected, "offset {offset}");
        }
        // An offset inside a character counts as that character.
        let inside = text.find('€').unwrap() + 1;
        assert_eq!(index.position(&text, inside as u32), index.position(&text, inside as u32 - 1));
    }

    #[test]
    fn positions_count_characters_and_handle_all_line_breaks() {
        let text = "a\r\nbé\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // 'é' is two bytes; the character after it is column 3.
        assert_eq!(index.position(text, 6), Position { line: 2, column: 3 });
        assert_eq!(index.position(text, 7), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 9), Position { line: 4, column: 1 });
        assert_eq!(index.offset(text, Position { line: 2, column: 3 }), Some(6));
        // Past the end clamps to the last position.
        assert_eq!(index.position(text, 99), Position { line: 4, column: 2 });
    }

    #[test]
    fn bom_is_removed_and_remembered() {
        let file = SourceFile::from_bytes("a.json", b"\xEF\xBB\xBF{}".to_vec());
        assert_eq!(file.text(), "{}");
        assert_eq!(file.encoding(), Encoding::Utf8Bom);
    }

    #[test]
    fn latin1_is_decoded_byte_per_character() {
        let file = SourceFile::from_bytes("a.json", b"{\"a\": \"caf\xE9\"}".to_vec());
        assert_eq!(file.text(), "{\"a\": \"caf\u{e9}\"}");
        assert_eq!(file.encoding(), Encoding::Latin1 { first_invalid: 10 });
    }

    #[test]
    fn utf16_with_bom_is_converted() {
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("{}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let file = SourceFile::from_bytes("a.json", bytes);
        assert_eq!(file.text(), "{}");
        assert_eq!(file.encoding(), Encoding::Utf16);
    }
}
