//! Reading a large JSON text on two threads.
//!
//! A parser reads a text in order, but a connector's swagger of a megabyte is half a dozen
//! milliseconds of it, with the other threads idle when it is the only connector. So a second
//! thread guesses where a member of a nested object begins, halfway through the text, and reads
//! from there: the rest of that object, then the rest of each object around it, up to the end
//! of the root. Meanwhile the first thread reads from the start as usual. When it gets to where
//! the second began, it takes what the second read, if the guess holds there, and goes on after
//! it; otherwise it reads on alone and the second thread's work is dropped. Either way the tree,
//! the errors, the duplicate keys and the line starts are the ones a single thread would make.
//!
//! [`super::parse_indexed`] does this for texts of [`TWO_THREADS_FROM`] bytes or more, on
//! rayon's threads only. On Encodian's swagger (1.1 MB, linted alone) the second thread started
//! 0.9 ms after the file was opened, the two got to the split within a few hundredths of a
//! millisecond of one another, and reading and parsing the file took 3.3 instead of 5.0 ms
//! (medians of 41 runs of a build with timestamps).
//!
//! The guess relies on two things. In strict JSON a line break is never inside a string, so a
//! line that starts with indentation and `"name":` starts a key; and in indented text the width
//! of that indentation tells how many objects it is in. The first thread checks the guess where
//! it matters: it must get to that very byte at the top of an object's members, at that depth,
//! inside objects only. Then, being the same parser started in the same state, the second
//! thread read exactly what the first would have. The parts it read are used only when they had
//! no syntax error and no repeated key, and when none of their keys repeats one the first
//! thread read in the same object; anything else is read again by the first thread, which
//! reports it in order.

use super::{Member, Node, Parser};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Texts at least this long are read on two threads (about a millisecond of reading): below,
/// handing work to another thread costs more than it saves.
pub(super) const TWO_THREADS_FROM: usize = 256 * 1024;

/// How far past the middle of the text a place to split is looked for, as a share of the text.
const SEARCH_SHARE: usize = 8;

/// Where the second thread starts reading: the opening quote of a key of an object `depth`
/// objects deep (the root object is 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Split {
    pub at: usize,
    pub depth: usize,
}

/// A place to split `text` near its middle, judged from its indentation: the start of a key on
/// a line of its own, nested as shallowly as any within the searched stretch (fewer objects
/// around it are less likely to include an array, where the guess fails). `None` when the text
/// is not an object indented one member per line.
pub(super) fn split_point(text: &str) -> Option<Split> {
    let bytes = text.as_bytes();
    let open = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if bytes[open] != b'{' {
        return None;
    }
    // The indentation of the root's first member is one level's.
    let first_line = open + 1 + memchr::memchr(b'\n', &bytes[open + 1..])? + 1;
    let (unit, _) = key_at_line(bytes, first_line)?;
    let mut best: Option<Split> = None;
    let mut line = bytes.len() / 2;
    let end = (bytes.len() / 2 + bytes.len() / SEARCH_SHARE).min(bytes.len());
    while line < end {
        let Some(newline) = memchr::memchr(b'\n', &bytes[line..end]) else { break };
        line += newline + 1;
        let Some((width, at)) = key_at_line(bytes, line) else { continue };
        if width % unit != 0 {
            continue;
        }
        let depth = width / unit;
        if best.is_none_or(|b| depth < b.depth) {
            best = Some(Split { at, depth });
            if depth <= 2 {
                // Members of the root or of one of its objects (`paths`, `definitions`): as
                // shallow as a large swagger commonly offers.
                break;
            }
        }
    }
    best
}

/// When the line starting at `line` is indentation and then a key (`"name"` and a colon, the
/// name without escapes): the indentation's width and where the key starts.
fn key_at_line(bytes: &[u8], line: usize) -> Option<(usize, usize)> {
    let width = bytes.get(line..)?.iter().position(|&b| b != b' ' && b != b'\t')?;
    let quote = line + width;
    if width == 0 || bytes[quote] != b'"' {
        return None;
    }
    let close = quote + 1 + super::string_stop(&bytes[quote + 1..])?;
    if bytes[close] != b'"' {
        return None;
    }
    let colon = close + 1 + bytes[close + 1..].iter().position(|&b| b != b' ' && b != b'\t')?;
    (bytes[colon] == b':').then_some((width, quote))
}

/// The members the second thread read of one object around the split: from `start` (a key) to
/// `end` (the object's closing `}`, not consumed), as the first thread would have read them.
#[derive(Debug)]
pub(super) struct Segment<'t> {
    pub depth: usize,
    pub start: usize,
    pub end: usize,
    pub members: Vec<Member<'t>>,
    /// The lines that start within the segment, as indices into [`ReadAhead::line_starts`].
    pub lines: Range<usize>,
    pub keys_with_escapes: bool,
}

/// What the second thread read: segments from the split outwards, in text order.
#[derive(Debug, Default)]
pub(super) struct ReadAhead<'t> {
    pub segments: Vec<Segment<'t>>,
    pub line_starts: Vec<u32>,
}

/// Reads `text` from `split`: the members of the object the split is in, then those after it
/// in each enclosing object. It stops at the first part with a syntax error or a repeated key,
/// or where an enclosing object turns out not to be one.
pub(super) fn read_from(text: &str, split: Split) -> ReadAhead<'_> {
    let mut parser = Parser::new(text);
    parser.line_starts = Vec::with_capacity((text.len() - split.at) / 32);
    parser.pos = split.at;
    let mut depth = split.depth;
    let mut segments = Vec::new();
    'objects: loop {
        parser.depth = depth;
        parser.open.clear();
        parser.open.resize(depth, b'}');
        parser.keys_with_escapes = false;
        let (start, errors, duplicates, lines) = (parser.pos, parser.errors.len(), parser.duplicates.len(), parser.line_starts.len());
        let mut members = Vec::new();
        let closed = parser.members_until_close(&mut members);
        if !closed || parser.errors.len() != errors || parser.duplicates.len() != duplicates {
            break;
        }
        let lines = lines..parser.line_starts.len();
        segments.push(Segment { depth, start, end: parser.pos, members, lines, keys_with_escapes: parser.keys_with_escapes });
        // Past the closing brace to the next key of an enclosing object, if there is one.
        loop {
            parser.pos += 1;
            depth -= 1;
            if depth == 0 {
                break 'objects;
            }
            parser.skip_whitespace();
            match parser.peek() {
                Some(b'}') => {}
                Some(b',') => {
                    parser.pos += 1;
                    parser.skip_whitespace();
                    if parser.peek() == Some(b'"') {
                        continue 'objects;
                    }
                    break 'objects;
                }
                _ => break 'objects,
            }
        }
    }
    ReadAhead { segments, line_starts: parser.line_starts }
}

/// Where the second thread's reading stands, shared by both threads.
enum Stage<'t> {
    /// Not started: no thread was free yet.
    Waiting,
    Reading,
    Read(ReadAhead<'t>),
    /// Not wanted any more, or taken: a second thread that starts now does nothing.
    Dropped,
}

/// Hands what the second thread reads to the first.
pub(super) struct Handoff<'t> {
    stage: Mutex<Stage<'t>>,
    read: Condvar,
}

impl<'t> Handoff<'t> {
    pub(super) fn new() -> Self {
        Self { stage: Mutex::new(Stage::Waiting), read: Condvar::new() }
    }

    fn stage(&self) -> MutexGuard<'_, Stage<'t>> {
        self.stage.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The second thread's part: reads from `split` unless the first no longer wants it.
    pub(super) fn read(&self, text: &'t str, split: Split) {
        {
            let mut stage = self.stage();
            if !matches!(*stage, Stage::Waiting) {
                return;
            }
            *stage = Stage::Reading;
        }
        // Should reading panic, the first thread must not wait for it forever.
        struct Unblock<'a, 't>(&'a Handoff<'t>);
        impl Drop for Unblock<'_, '_> {
            fn drop(&mut self) {
                let mut stage = self.0.stage();
                if matches!(*stage, Stage::Reading) {
                    *stage = Stage::Dropped;
                }
                self.0.read.notify_all();
            }
        }
        let unblock = Unblock(self);
        let ahead = read_from(text, split);
        *self.stage() = Stage::Read(ahead);
        drop(unblock);
    }

    /// Drops the second thread's part if it has not started (it then never will); one that has
    /// started finishes, unused.
    fn cancel(&self) {
        let mut stage = self.stage();
        if matches!(*stage, Stage::Waiting) {
            *stage = Stage::Dropped;
        }
    }

    /// What the second thread read: waited for if it is reading, `None` if it has not started
    /// (it then never will).
    pub(super) fn take(&self) -> Option<ReadAhead<'t>> {
        let mut stage = self.stage();
        while matches!(*stage, Stage::Reading) {
            stage = self.read.wait(stage).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        match std::mem::replace(&mut *stage, Stage::Dropped) {
            Stage::Read(ahead) => Some(ahead),
            _ => None,
        }
    }
}

/// The first thread's side: the second thread's reading, taken when the first gets to it.
#[derive(Default)]
pub(super) enum Ahead<'t> {
    #[default]
    None,
    Pending(Arc<Handoff<'t>>),
    Taken(ReadAhead<'t>, usize),
}

impl<'t> Parser<'t> {
    /// At the top of an object's members at `pos`, at or past [`Parser::splice_at`]: appends the
    /// segment the second thread read from here to `members` and moves to its end, when it is
    /// what this thread would read. Returns whether it did (the object is then closed at `pos`).
    /// Otherwise the second thread's reading is dropped and this thread reads on alone.
    pub(super) fn splice(&mut self, members: &mut Vec<Member<'t>>) -> bool {
        if self.pos == self.splice_at {
            if let Ahead::Pending(handoff) = &self.ahead {
                self.ahead = handoff.take().map_or(Ahead::None, |read| Ahead::Taken(read, 0));
            }
            if let Ahead::Taken(read, next) = &mut self.ahead {
                let fits = |segment: &Segment<'_>| {
                    segment.depth == self.depth && self.open.iter().all(|&close| close == b'}') && !repeats_a_key(members, &segment.members)
                };
                if let Some(segment) = read.segments.get_mut(*next).filter(|segment| fits(segment)) {
                    members.append(&mut segment.members);
                    self.line_starts.extend_from_slice(&read.line_starts[segment.lines.clone()]);
                    self.keys_with_escapes |= segment.keys_with_escapes;
                    self.pos = segment.end;
                    self.segments_taken += 1;
                    *next += 1;
                    self.splice_at = read.segments.get(*next).map_or(usize::MAX, |s| s.start);
                    return true;
                }
            }
        }
        self.drop_read_ahead();
        false
    }

    /// Stops expecting the second thread's reading (which, if not started, never starts).
    pub(super) fn drop_read_ahead(&mut self) {
        if let Ahead::Pending(handoff) = std::mem::take(&mut self.ahead) {
            handoff.cancel();
        }
        self.ahead = Ahead::None;
        self.splice_at = usize::MAX;
    }
}

/// Whether a key of `later` is also a key of `earlier` (the first thread would report it).
fn repeats_a_key(earlier: &[Member<'_>], later: &[Member<'_>]) -> bool {
    let keys: HashSet<&str> = earlier.iter().map(|m| m.key.text.as_str()).collect();
    later.iter().any(|m| keys.contains(m.key.text.as_str()))
}

/// Parses `text` with a second thread reading from `split` (see the module docs): the root, and
/// the parser with what it found.
pub(super) fn parse_with_split(text: &str, split: Split) -> (Option<Node<'_>>, Parser<'_>) {
    let handoff = Arc::new(Handoff::new());
    rayon::in_place_scope(|scope| {
        let theirs = Arc::clone(&handoff);
        scope.spawn(move |_| theirs.read(text, split));
        parse_expecting(text, split, Ahead::Pending(handoff))
    })
}

/// The first thread's parse of `text`, expecting `ahead` (the second thread's reading from
/// `split`) when it gets there: the root, and the parser with what it found.
fn parse_expecting<'t>(text: &'t str, split: Split, ahead: Ahead<'t>) -> (Option<Node<'t>>, Parser<'t>) {
    let mut parser = Parser::new(text);
    parser.ahead = ahead;
    parser.splice_at = split.at;
    let root = parser.document();
    parser.drop_read_ahead();
    (root, parser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{DuplicateKey, SyntaxError};

    /// Everything a parse finds, to compare a parse on two threads with one on a single thread.
    #[derive(Debug, PartialEq)]
    struct Outcome<'t> {
        root: Option<Node<'t>>,
        errors: Vec<SyntaxError>,
        duplicates: Vec<DuplicateKey>,
        keys_with_escapes: bool,
        line_starts: Vec<u32>,
    }

    fn outcome<'t>((root, parser): (Option<Node<'t>>, Parser<'t>)) -> Outcome<'t> {
        Outcome {
            root,
            errors: parser.errors,
            duplicates: parser.duplicates,
            keys_with_escapes: parser.keys_with_escapes,
            line_starts: parser.line_starts,
        }
    }

    fn alone(text: &str) -> Outcome<'_> {
        let mut parser = Parser::new(text);
        outcome((parser.document(), parser))
    }

    /// Parses `text` split at `split`, the second part read before the first gets to it (on two
    /// threads that depends on timing); returns the outcome and how many segments were taken.
    fn split(text: &str, split: Split) -> (Outcome<'_>, usize) {
        let (root, parser) = parse_expecting(text, split, Ahead::Taken(read_from(text, split), 0));
        let taken = parser.segments_taken;
        (outcome((root, parser)), taken)
    }

    /// Every line of `text` that starts with an indented key, as a split at the depth its
    /// indentation (in units of `unit`) says, and one level off either way.
    fn every_split(text: &str, unit: usize) -> Vec<Split> {
        let bytes = text.as_bytes();
        let mut splits = Vec::new();
        for line in std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1)) {
            if let Some((width, at)) = key_at_line(bytes, line) {
                let depth = width / unit;
                splits.extend([depth.saturating_sub(1), depth, depth + 1].into_iter().filter(|&d| d > 0).map(|depth| Split { at, depth }));
            }
        }
        splits
    }

    /// Splits `text` everywhere it can be split; each parse must equal the single thread's.
    /// Returns how many splits had at least one segment taken.
    fn same_everywhere(text: &str, unit: usize) -> usize {
        let expected = alone(text);
        let mut used = 0;
        for at in every_split(text, unit) {
            let (got, taken) = split(text, at);
            assert_eq!(got, expected, "split at {at:?} of\n{text}");
            used += usize::from(taken > 0);
        }
        used
    }

    const NESTED: &str = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"parameters\": [\n          {\n            \"name\": \"x\",\n            \"in\": \"query\"\n          }\n        ],\n        \"responses\": {\n          \"200\": {\n            \"description\": \"ok\"\n          }\n        }\n      }\n    },\n    \"/b\": {\n      \"post\": {}\n    }\n  },\n  \"definitions\": {\n    \"A\": {\n      \"type\": \"object\"\n    },\n    \"B\": {\n      \"type\": \"string\"\n    }\n  },\n  \"x-ms-connector-metadata\": []\n}\n";

    #[test]
    fn the_split_is_a_shallow_key_past_the_middle() {
        let found = split_point(NESTED).expect("a split");
        assert_eq!(&NESTED[found.at..found.at + 5], "\"/b\":");
        assert_eq!(found.depth, 2);
        // Minified text, a root that is not an object, a first member on the brace's line.
        assert_eq!(split_point(&NESTED.replace('\n', "")), None);
        assert_eq!(split_point("[\n  {\n    \"a\": 1\n  }\n]"), None);
        assert_eq!(split_point("{ \"a\": {\n    \"b\": 1\n  }\n}"), None);
    }

    #[test]
    fn a_split_anywhere_gives_what_one_thread_reads() {
        let used = same_everywhere(NESTED, 2);
        // Keys inside the parameter's object are in an array: those splits must not be used.
        assert!(used >= 10, "only {used} splits were used");
        let (_, taken) = split(NESTED, split_point(NESTED).unwrap());
        // The rest of `paths`, then the rest of the root (`definitions` and the metadata).
        assert_eq!(taken, 2);
    }

    #[test]
    fn a_split_inside_an_array_is_read_again_by_the_first_thread() {
        let at = NESTED.find("\"in\"").unwrap();
        for depth in [5, 6, 7] {
            let (got, taken) = split(NESTED, Split { at, depth });
            assert_eq!(got, alone(NESTED));
            assert_eq!(taken, 0, "depth {depth}");
        }
    }

    #[test]
    fn a_wrong_depth_is_not_taken() {
        let at = NESTED.find("\"/b\"").unwrap();
        assert_eq!(split(NESTED, Split { at, depth: 2 }).1, 2);
        for depth in [1, 3, 4] {
            assert_eq!(split(NESTED, Split { at, depth }), (alone(NESTED), 0), "depth {depth}");
        }
    }

    #[test]
    fn keys_repeated_across_the_split_are_reported_as_one_thread_reports_them() {
        // `/a` again after the split, in the same object; and a key repeated after the split.
        let repeated = NESTED.replace("\"/b\"", "\"/a\"");
        assert_eq!(alone(&repeated).duplicates.len(), 1);
        same_everywhere(&repeated, 2);
        let within = NESTED.replace("\"B\"", "\"A\"");
        assert_eq!(alone(&within).duplicates.len(), 1);
        same_everywhere(&within, 2);
    }

    #[test]
    fn syntax_errors_after_the_split_are_reported_as_one_thread_reports_them() {
        let broken = [
            NESTED.replace("\"post\": {}", "\"post\": {},"),
            NESTED.replace("\"string\"", "\"string\" // a comment"),
            NESTED.replace("\"type\": \"string\"", "\"type\": 'string'"),
            NESTED.replace("    \"B\"", "    B"),
            NESTED.replace("  \"x-ms-connector-metadata\"", "  }\n  \"x-ms-connector-metadata\""),
            NESTED.replace("  \"x-ms-connector-metadata\": []\n}\n", "  \"x-ms-connector-metadata\": []\n"),
            NESTED.replace("\"type\": \"string\"\n    }", "\"type\": \"string\"\n    ]"),
        ];
        for text in &broken {
            assert!(!alone(text).errors.is_empty(), "{text}");
            same_everywhere(text, 2);
        }
    }

    #[test]
    fn escaped_keys_line_breaks_and_tabs_after_the_split_are_kept() {
        let escaped = NESTED.replace("\"B\"", "\"\\u0042\"");
        assert!(alone(&escaped).keys_with_escapes);
        same_everywhere(&escaped, 2);
        // An escaped key before the split, none after it.
        let before = NESTED.replace("\"swagger\"", "\"sw\\u0061gger\"");
        same_everywhere(&before, 2);
        same_everywhere(&NESTED.replace('\n', "\r\n"), 2);
        same_everywhere(&NESTED.replace("  ", "\t"), 1);
    }

    #[test]
    fn nesting_too_deep_after_the_split_is_reported_as_one_thread_reports_it() {
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let text = NESTED.replace("\"post\": {}", &format!("\"post\": {deep}"));
        same_everywhere(&text, 2);
    }

    /// Over the corpus's larger swaggers, reading on two threads from the chosen split gives
    /// what one thread reads, and the second thread's work is used.
    #[test]
    fn corpus_swaggers_read_on_two_threads_as_on_one() {
        let texts: Vec<String> = crate::test_corpus::swaggers(1).into_iter().filter(|text| text.len() >= 64 * 1024).collect();
        if texts.is_empty() {
            eprintln!("skipping: the corpus is absent");
            return;
        }
        let (mut split_texts, mut used) = (0, 0);
        for text in texts.iter().step_by(3) {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let Some(at) = split_point(text) else { continue };
            split_texts += 1;
            let expected = alone(text);
            let (got, taken) = split(text, at);
            assert_eq!(got, expected, "split at {at:?}");
            used += usize::from(taken > 0);
            // On two threads, whichever gets there first.
            assert_eq!(outcome(parse_with_split(text, at)), expected, "split at {at:?} on two threads");
        }
        assert!(split_texts >= 20, "only {split_texts} of {} swaggers could be split", texts.len().div_ceil(3));
        assert!(used * 10 >= split_texts * 9, "the second thread's reading was used in {used} of {split_texts}");
    }
}
