//! Text assembled from parts of other files, and the map that leads each byte back.
//!
//! A connector can live where no file holds its swagger as it is: a Dataverse `connectors`
//! record stores the swagger as a JSON *string* (every quote escaped), and a solution spreads
//! what apiProperties.json would hold over several files and XML elements. connlint decodes or
//! joins those parts into one text that rules read like any file, and keeps an [`Origin`]: for
//! each part, the file it came from and where its bytes are there, so that a finding at a byte
//! of the assembled text is reported at the real file's line and column.

use super::{SourceFile, Span};
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

    /// Text a decoder made from a part of a file, with `breaks`: `(offset in text, offset in
    /// the file)` where the byte-for-byte correspondence restarts, sorted, the first at 0.
    pub(crate) fn from_breaks(text: String, breaks: Vec<(u32, u32)>) -> Self {
        Self { text, breaks }
    }

    /// The offset in the file of offset `offset` of the decoded text.
    pub fn real_offset(&self, offset: u32) -> u32 {
        map_through(&self.breaks, offset)
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
