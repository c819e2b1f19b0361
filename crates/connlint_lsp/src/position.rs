//! Positions as the protocol counts them: 0-based lines and UTF-16 code units within a line
//! (the default `positionEncoding`), converted from and to connlint's byte offsets.

use lsp_types::{Position, Range};

/// A text with the byte offset where each line starts. `\n`, `\r\n` and a lone `\r` end a line,
/// as in the protocol and in connlint's own line numbers.
#[derive(Debug, Clone)]
pub struct LineMap<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> LineMap<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    line_starts.push(i + 2);
                    i += 1;
                }
                b'\r' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineMap { text, line_starts }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The protocol position of byte `offset` (clamped to the text, and moved back to the start
    /// of the character it falls in).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let prefix = &self.text[self.line_starts[line]..offset];
        // Most lines are ASCII, where a byte is a code unit.
        let character = if prefix.is_ascii() { prefix.len() } else { prefix.encode_utf16().count() };
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range { start: self.position(start), end: self.position(end) }
    }

    /// The byte offset of a protocol position. A line past the end is the end of the text; a
    /// character past the end of its line is the line's end (as the protocol asks); a position
    /// inside a surrogate pair is the start of that character.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else { return self.text.len() };
        let end = self.line_starts.get(position.line as usize + 1).map_or(self.text.len(), |&next| next);
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0u32;
        for (i, ch) in line.char_indices() {
            if units >= position.character {
                return start + i;
            }
            units += ch.len_utf16() as u32;
            if units > position.character {
                return start + i;
            }
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice_and_accents_once() {
        // "é" is 2 bytes and 1 code unit; "😀" is 4 bytes and 2 code units.
        let text = "{\r\n  \"é😀\": \"x\"\n}\r";
        let map = LineMap::new(text);
        let x = text.find("\"x\"").unwrap();
        assert_eq!(map.position(x), Position { line: 1, character: 9 });
        assert_eq!(map.offset(Position { line: 1, character: 9 }), x);
        // Inside the surrogate pair: the start of the emoji.
        let emoji = text.find('😀').unwrap();
        assert_eq!(map.offset(Position { line: 1, character: 5 }), emoji);
        assert_eq!(map.position(emoji + 2), Position { line: 1, character: 4 });
        // Past the end of a line, and past the last line.
        assert_eq!(map.offset(Position { line: 0, character: 99 }), 1);
        assert_eq!(map.offset(Position { line: 9, character: 0 }), text.len());
        assert_eq!(map.position(text.len()), Position { line: 3, character: 0 });
    }
}
