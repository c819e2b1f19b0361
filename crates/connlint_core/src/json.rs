//! A JSON reader that keeps a byte span for every key and value.
//!
//! Why our own: connectors need positions for every node, duplicate keys kept in order, and a
//! tolerant mode that still builds a tree from the broken files that real connector repositories
//! contain (trailing or missing commas, comments, stray brackets, control characters, a
//! truncated end). Each problem is recorded as a [`SyntaxError`] with its span; in tolerant mode
//! parsing goes on and the tree holds everything that could be recovered.
//!
//! Nesting is bounded by [`MAX_DEPTH`], so hostile input cannot overflow the stack.

use crate::source::{LineIndex, Span};
use std::collections::HashMap;

mod ahead;
mod text;
pub use text::JsonStr;

/// Deepest nesting of arrays and objects that is parsed; deeper input is an error.
pub const MAX_DEPTH: usize = 256;

/// One JSON value with the span of its text. `'s` is the text the tree was read from: its
/// strings are slices of it where they can be (see [`JsonStr`]; [`owned`] trees borrow nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'s> {
    pub span: Span,
    pub value: Value<'s>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'s> {
    Null,
    Bool(bool),
    Number(Number),
    String(JsonStr<'s>),
    Array(Vec<Node<'s>>),
    /// Members in source order, duplicates included.
    Object(Vec<Member<'s>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member<'s> {
    pub key: Key<'s>,
    pub value: Node<'s>,
}

/// An object key: its unescaped text and the span of the quoted key in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Key<'s> {
    pub span: Span,
    pub text: JsonStr<'s>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Written without fraction or exponent.
    pub is_integer: bool,
}

/// Trees that own every string: what the YAML reader and the converters build (their strings
/// are decoded or made up, not slices of one JSON text). They read like any other tree.
pub mod owned {
    pub type Node = super::Node<'static>;
    pub type Value = super::Value<'static>;
    pub type Member = super::Member<'static>;
    pub type Key = super::Key<'static>;
    pub type JsonStr = super::JsonStr<'static>;
    pub type ParsedJson = super::ParsedJson<'static>;
}

impl Node<'_> {
    /// The same tree with every string owned, so that it outlives the text it was read from.
    pub fn into_owned(self) -> owned::Node {
        let value = match self.value {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n),
            Value::String(s) => Value::String(s.into_owned()),
            Value::Array(items) => Value::Array(items.into_iter().map(Node::into_owned).collect()),
            Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|m| Member { key: Key { span: m.key.span, text: m.key.text.into_owned() }, value: m.value.into_owned() })
                    .collect(),
            ),
        };
        Node { span: self.span, value }
    }
}

/// The JSON type of a value, for messages such as "expected a string, found an array".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

impl Default for Node<'_> {
    /// `null` at the start of the text.
    fn default() -> Self {
        Node { span: Span::default(), value: Value::Null }
    }
}

impl<'s> Node<'s> {
    pub fn json_type(&self) -> JsonType {
        match self.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    /// Whether this value is an instance of the JSON Schema (Swagger) type `ty`: an integer is a
    /// number without fraction. `None` when `ty` is not one of the six value types.
    pub fn is_instance_of(&self, ty: &str) -> Option<bool> {
        Some(match (ty, &self.value) {
            ("string", v) => matches!(v, Value::String(_)),
            ("boolean", v) => matches!(v, Value::Bool(_)),
            ("number", v) => matches!(v, Value::Number(_)),
            ("integer", Value::Number(n)) => n.value.fract() == 0.0,
            ("integer", _) => false,
            ("array", v) => matches!(v, Value::Array(_)),
            ("object", v) => matches!(v, Value::Object(_)),
            _ => return None,
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<Number> {
        match self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node<'s>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'s>]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Structural equality of JSON values, the one the linter uses everywhere: object members
    /// in any order (with duplicate keys, the last one counts, as in [`Node::get`]), numbers by
    /// value (`1` and `1.0` are the same), arrays item by item.
    pub fn same_value(&self, other: &Node<'_>) -> bool {
        match (&self.value, &other.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Number(x), Value::Number(y)) => x.value == y.value,
            (Value::String(x), Value::String(y)) => x == y,
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.same_value(b)),
            (Value::Object(x), Value::Object(y)) => {
                let unique = |m: &[Member]| m.iter().map(|m| &*m.key.text).collect::<crate::hash::HashSet<_>>().len();
                unique(x) == unique(y)
                    && x.iter().all(|m| other.get(&m.key.text).is_some_and(|v| self.get(&m.key.text).unwrap_or(v).same_value(v)))
            }
            _ => false,
        }
    }

    /// The member named `key`; with duplicate keys the last one wins, as in most JSON readers
    /// (including the .NET one Microsoft's services use).
    pub fn member(&self, key: &str) -> Option<&Member<'s>> {
        self.as_object()?.iter().rev().find(|m| m.key.text.is(key))
    }

    /// The value of member `key` (see [`Node::member`]).
    pub fn get(&self, key: &str) -> Option<&Node<'s>> {
        self.member(key).map(|m| &m.value)
    }

    /// The values of the members named `keys` (each as [`Node::get`] finds it: the last of
    /// duplicates), found in one pass over the members instead of one per key.
    pub fn get_each<const N: usize>(&self, keys: [&str; N]) -> [Option<&Node<'s>>; N] {
        let mut found = [None; N];
        for m in self.as_object().unwrap_or_default() {
            if let Some(i) = keys.iter().position(|k| m.key.text.is(k)) {
                found[i] = Some(&m.value);
            }
        }
        found
    }

    /// Follows an RFC 6901 JSON pointer (`""` is this node, `/a/0/b~1c` ...).
    pub fn pointer(&self, pointer: &str) -> Option<&Node<'s>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = self;
        for token in rest.split('/') {
            let token = unescape_pointer_token(token);
            node = match &node.value {
                Value::Object(_) => node.get(&token)?,
                Value::Array(items) => {
                    if token.len() > 1 && token.starts_with('0') {
                        return None;
                    }
                    items.get(token.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// The RFC 6901 pointer of the innermost node (or key) whose span contains `target`.
    ///
    /// Children are in source order, so each level is a binary search: the cost is the depth
    /// times the logarithm of the width, not a walk of the whole tree.
    pub fn pointer_to(&self, target: Span) -> Option<String> {
        if !self.span.contains(target) {
            return None;
        }
        // Room for most pointers (`/paths/~1items~1{id}/get/parameters/0/x-ms-summary`), so
        // that appending tokens does not grow the string again and again.
        let mut pointer = String::with_capacity(64);
        let mut node = self;
        loop {
            let next = match &node.value {
                Value::Object(members) => {
                    let i = members.partition_point(|m| m.value.span.end < target.end);
                    match members.get(i) {
                        Some(m) if m.key.span.start <= target.start && m.value.span.contains(target) => {
                            push_pointer_token(&mut pointer, &m.key.text);
                            Some(&m.value)
                        }
                        Some(m) if m.key.span.contains(target) => {
                            push_pointer_token(&mut pointer, &m.key.text);
                            None
                        }
                        _ => None,
                    }
                }
                Value::Array(items) => {
                    let i = items.partition_point(|n| n.span.end < target.end);
                    match items.get(i) {
                        Some(n) if n.span.contains(target) => {
                            pointer.push('/');
                            pointer.push_str(&i.to_string());
                            Some(n)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            match next {
                Some(child) => node = child,
                None => return Some(pointer),
            }
        }
    }
}

/// Appends `text` to `out` as a JSON string, escaped as serde_json escapes it: `"` and `\`
/// with a backslash, `\b`, `\f`, `\n`, `\r` and `\t` in their short forms, other control
/// characters as `\u00XX`, everything else as it is. The bytes to escape are the ones the reader
/// stops at in a string, so they are found eight at a time the same way.
pub fn push_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut rest = text;
    while let Some(i) = string_stop(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let byte = rest.as_bytes()[i];
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
        // Every byte that stops the search is ASCII: `i + 1` is a character boundary.
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Appends `/token` to a JSON pointer, escaping `~` and `/`.
pub fn push_pointer_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    // The text between the bytes to escape is copied in runs, not a character at a time: most
    // tokens have none, and path templates (`/items/{id}`) have a few.
    let mut run_start = 0;
    for (i, byte) in token.bytes().enumerate() {
        let escaped = match byte {
            b'~' => "~0",
            b'/' => "~1",
            _ => continue,
        };
        // Both are ASCII: `i` and `i + 1` are character boundaries.
        pointer.push_str(&token[run_start..i]);
        pointer.push_str(escaped);
        run_start = i + 1;
    }
    pointer.push_str(&token[run_start..]);
}

/// Decodes `~1` and `~0` in one pointer token.
pub fn unescape_pointer_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// What went wrong at a [`SyntaxError`]'s span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    EmptyDocument,
    UnexpectedEnd {
        expected: &'static str,
    },
    UnexpectedCharacter {
        found: char,
        expected: &'static str,
    },
    TrailingComma,
    MissingComma,
    MissingColon,
    MissingValue,
    UnquotedKey,
    SingleQuotedString,
    Comment,
    NonJsonWhitespace(char),
    ControlCharacterInString,
    InvalidEscape,
    UnterminatedString,
    InvalidNumber,
    InvalidLiteral(Box<str>),
    MismatchedBracket {
        expected: char,
        found: char,
    },
    TrailingContent,
    TooDeep,
    /// YAML only: saphyr's message for text that is not YAML; reading stops there.
    YamlSyntax(Box<str>),
    /// YAML only: aliases would copy more than `limit` nodes.
    AliasExpansionTooLarge {
        limit: usize,
    },
    /// YAML only: a mapping key that is a mapping or a sequence.
    NonScalarKey,
    /// YAML only: a second document in the stream.
    MultipleDocuments,
}

/// A place where the text is not strict RFC 8259 JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub kind: SyntaxErrorKind,
}

impl SyntaxError {
    pub fn message(&self) -> String {
        use SyntaxErrorKind::*;
        match &self.kind {
            EmptyDocument => "the file is empty; expected a JSON document".into(),
            UnexpectedEnd { expected } => format!("the file ends early: expected {expected}"),
            UnexpectedCharacter { found, expected } => {
                format!("unexpected character `{}`: expected {expected}", found.escape_debug())
            }
            TrailingComma => "trailing comma: JSON allows no comma after the last element".into(),
            MissingComma => "missing comma between two elements".into(),
            MissingColon => "missing `:` between a key and its value".into(),
            MissingValue => "missing value".into(),
            UnquotedKey => "object keys must be double-quoted strings".into(),
            SingleQuotedString => "strings must use double quotes, not single quotes".into(),
            Comment => "comments are not allowed in JSON".into(),
            NonJsonWhitespace(c) => {
                format!("the character U+{:04X} is not JSON whitespace (only space, tab, line feed and carriage return are)", *c as u32)
            }
            ControlCharacterInString => "unescaped control character in a string (write it as an escape such as `\\t` or `\\n`)".into(),
            InvalidEscape => "invalid escape sequence in a string".into(),
            UnterminatedString => "string is never closed with a double quote".into(),
            InvalidNumber => "invalid number".into(),
            InvalidLiteral(word) => {
                format!("`{word}` is not a JSON value (expected true, false, null, a number, a string, an array or an object)")
            }
            MismatchedBracket { expected, found } => {
                format!("`{found}` does not match the open bracket: expected `{expected}`")
            }
            TrailingContent => "unexpected content after the end of the JSON document".into(),
            TooDeep => format!("nesting is deeper than {MAX_DEPTH} levels"),
            YamlSyntax(info) => format!("invalid YAML: {info}"),
            AliasExpansionTooLarge { limit } => format!(
                "anchors and aliases copy more than {limit} nodes (a \"billion laughs\" document?); aliases from there on are read as null"
            ),
            NonScalarKey => "a mapping key must be a scalar (JSON object keys are strings); its source text is used as the key".into(),
            MultipleDocuments => "a second YAML document in one file: only the first document is read".into(),
        }
    }
}

/// Two members of one object with the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: Box<str>,
    /// Span of the earlier key.
    pub first: Span,
    /// Span of this (later) key.
    pub duplicate: Span,
}

/// The result of reading one JSON text.
#[derive(Debug, Clone, Default)]
pub struct ParsedJson<'s> {
    /// The (possibly partial) tree; `None` only when nothing at all could be read.
    pub root: Option<Node<'s>>,
    /// Every place where the text is not strict JSON, in source order.
    pub errors: Vec<SyntaxError>,
    pub duplicate_keys: Vec<DuplicateKey>,
    /// Whether a key may be written with escapes (`"x-\u006ds-..."`): when not, a search of the
    /// text for a key's name finds every key of that name. Always true for YAML, whose reader
    /// does not tell.
    pub keys_with_escapes: bool,
}

impl ParsedJson<'_> {
    pub fn is_strict(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Parses `text`, recovering from errors (see the module docs).
pub fn parse(text: &str) -> ParsedJson<'_> {
    parse_indexed(text).0
}

/// [`parse`], and the offsets where the lines of `text` start (as [`LineIndex::new`] finds
/// them) when the text is strict JSON. There every line break is whitespace between tokens,
/// which the reader skips anyway, so the lines come without a second pass over the text. In
/// text with syntax errors a line break may stand where the reader did not look for one (in a
/// comment, an unterminated string, skipped content): then `None`.
pub fn parse_indexed(text: &str) -> (ParsedJson<'_>, Option<LineIndex>) {
    // A second thread is asked for only on one of rayon's threads (where `connlint check` lints
    // a single connector). There the part waits in this thread's own queue, and if no other
    // thread has taken it when the first gets to the split, it is dropped at no cost. From a
    // thread outside the pool (a run over many connectors, every core busy with connectors of
    // its own) the part would go to the pool's shared queue, and this thread would have to wait
    // at the end until a pool thread had picked it up, if only to drop it.
    let two_threads = text.len() >= ahead::TWO_THREADS_FROM && rayon::current_thread_index().is_some();
    let split = if two_threads { ahead::split_point(text) } else { None };
    let (root, parser) = match split {
        Some(split) => ahead::parse_with_split(text, split),
        None => {
            let mut parser = Parser::new(text);
            (parser.document(), parser)
        }
    };
    indexed(root, parser)
}

/// The result of `parser`, which read `root`.
fn indexed<'t>(root: Option<Node<'t>>, parser: Parser<'t>) -> (ParsedJson<'t>, Option<LineIndex>) {
    let lines = parser.errors.is_empty().then(|| {
        let mut starts = parser.line_starts;
        // Kept as long as the file: a file of few long lines (minified JSON) gives back the room
        // that was set aside for lines of usual length.
        if starts.capacity() / 2 > starts.len() {
            starts.shrink_to_fit();
        }
        LineIndex::from_line_starts(starts)
    });
    let parsed = ParsedJson { root, errors: parser.errors, duplicate_keys: parser.duplicates, keys_with_escapes: parser.keys_with_escapes };
    (parsed, lines)
}

/// Parses `text` strictly: the first syntax error ends parsing and no tree is returned.
pub fn parse_strict(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut parsed = parse(text);
    if parsed.errors.is_empty() {
        parsed.root.ok_or(SyntaxError { span: Span::empty(0), kind: SyntaxErrorKind::EmptyDocument })
    } else {
        Err(parsed.errors.swap_remove(0))
    }
}

/// Objects at least this large check duplicate keys with a hash map instead of a linear scan.
const HASHED_DUPLICATE_CHECK_FROM: usize = 16;

/// The keys of a large object so far, for finding duplicates: the index of a member for each key
/// hash. It is made when the object reaches [`HASHED_DUPLICATE_CHECK_FROM`] members (`built`), from
/// which each key maps to its last member; keys added later map to their first member.
struct SeenKeys {
    first: HashMap<u64, usize, std::hash::BuildHasherDefault<HashIsKey>>,
    built: usize,
}

impl SeenKeys {
    fn new(members: &[Member<'_>]) -> Self {
        let mut first = HashMap::with_capacity_and_hasher(members.len() * 2, Default::default());
        for (i, m) in members.iter().enumerate() {
            first.insert(key_hash(&m.key.text), i);
        }
        Self { first, built: members.len() }
    }

    /// The earlier member with the key `text`, as described on [`SeenKeys`].
    fn earlier(&self, members: &[Member<'_>], text: &str) -> Option<usize> {
        let &i = self.first.get(&key_hash(text))?;
        if *members[i].key.text == *text {
            return Some(i);
        }
        // Two keys with one hash: look for the member by its text.
        let same = |m: &&Member| *m.key.text == *text;
        let built = &members[..self.built.min(members.len())];
        match built.iter().rposition(|m| same(&m)) {
            Some(i) => Some(i),
            None => members[built.len()..].iter().position(|m| same(&m)).map(|i| built.len() + i),
        }
    }
}

/// One bit of 64 chosen by a key's length and its first and last bytes: equal keys have the same
/// bit, and the few keys of a small object seldom share one.
fn key_fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let first = usize::from(bytes.first().copied().unwrap_or(0));
    let last = usize::from(bytes.last().copied().unwrap_or(0));
    1 << ((bytes.len().wrapping_mul(7) ^ first.wrapping_mul(3) ^ last.wrapping_mul(5)) & 63)
}

/// A fast (not collision-resistant) 64-bit hash of a key; [`SeenKeys`] compares texts on a match.
fn key_hash(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash = text.len() as u64;
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = (hash.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    hash ^ (hash >> 29)
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct HashIsKey(u64);

impl std::hash::Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    depth: usize,
    /// Closing brackets of the containers being parsed, innermost last.
    open: Vec<u8>,
    errors: Vec<SyntaxError>,
    duplicates: Vec<DuplicateKey>,
    /// Reused buffers that members and items are collected in (one per open container), so
    /// each tree vector is allocated once at its exact size instead of growing.
    member_buffers: Vec<Vec<Member<'t>>>,
    item_buffers: Vec<Vec<Node<'t>>>,
    /// Where each line starts, recorded while whitespace is skipped (see [`parse_indexed`]).
    line_starts: Vec<u32>,
    /// Whether a key was not its source text between quotes (see [`ParsedJson::keys_with_escapes`]).
    keys_with_escapes: bool,
    /// Where the next part read by another thread begins ([`ahead`]); `usize::MAX` when none.
    splice_at: usize,
    ahead: ahead::Ahead<'t>,
    /// How many parts read by another thread were taken.
    segments_taken: usize,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            open: Vec::new(),
            errors: Vec::new(),
            duplicates: Vec::new(),
            member_buffers: Vec::new(),
            item_buffers: Vec::new(),
            keys_with_escapes: false,
            splice_at: usize::MAX,
            ahead: ahead::Ahead::None,
            segments_taken: 0,
            line_starts: {
                // About one line in forty bytes, in the connectors of Microsoft's repository.
                let mut starts = Vec::with_capacity(text.len() / 32 + 1);
                starts.push(0);
                starts
            },
        }
    }

    fn error(&mut self, start: usize, end: usize, kind: SyntaxErrorKind) {
        self.errors.push(SyntaxError { span: Span::new(start as u32, end as u32), kind });
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn char_at(&self, pos: usize) -> char {
        self.text[pos..].chars().next().unwrap_or('\0')
    }

    fn char_len_at(&self, pos: usize) -> usize {
        self.char_at(pos).len_utf8().max(1)
    }

    fn document(&mut self) -> Option<Node<'t>> {
        self.skip_whitespace();
        if self.pos >= self.bytes.len() {
            self.error(self.pos, self.pos, SyntaxErrorKind::EmptyDocument);
            return None;
        }
        let mut root = loop {
            match self.value() {
                Some(node) => break node,
                None if self.pos >= self.bytes.len() => return None,
                None => {
                    // A stray closing bracket before the document: skip it.
                    let len = self.char_len_at(self.pos);
                    self.pos += len;
                    self.skip_whitespace();
                    if self.pos >= self.bytes.len() {
                        return None;
                    }
                }
            }
        };
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            self.error(self.pos, self.pos + self.char_len_at(self.pos), SyntaxErrorKind::TrailingContent);
            // A common cause is one closing brace too many inside the document, which ends the
            // root object early. If what follows still looks like members, keep them.
            if let Value::Object(members) = &mut root.value {
                let mut extra = std::mem::take(members);
                self.open.push(b'}');
                while self.peek() == Some(b',') {
                    self.pos += 1;
                    self.depth += 1;
                    let before = extra.len();
                    self.members_until_close(&mut extra);
                    self.depth -= 1;
                    if extra.len() == before {
                        break;
                    }
                }
                self.open.pop();
                root.span.end = self.pos as u32;
                if let Value::Object(members) = &mut root.value {
                    *members = extra;
                }
            }
        }
        Some(root)
    }

    /// Skips JSON whitespace, and reports (then skips) comments and other Unicode spaces.
    ///
    /// It is called before and after every key and value, and most of those calls find the
    /// next token at once or after one space (`"key": value`): those two cases are decided
    /// here, inlined in the caller; the rest is [`Parser::skip_whitespace_run`].
    #[inline(always)]
    fn skip_whitespace(&mut self) {
        // Not whitespace, not a comment's `/`, not a byte of a multi-byte character.
        let is_token = |b: u8| b > b' ' && b != b'/' && b < 0x80;
        match self.peek() {
            None => return,
            Some(b) if is_token(b) => return,
            Some(b' ') if self.bytes.get(self.pos + 1).is_some_and(|&next| is_token(next)) => {
                self.pos += 1;
                return;
            }
            Some(_) => {}
        }
        self.skip_whitespace_run();
    }

    /// [`Parser::skip_whitespace`] past more than one space: runs of indentation, line breaks,
    /// comments and other Unicode spaces.
    #[inline(never)]
    fn skip_whitespace_run(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => {
                    self.pos += 1;
                    self.skip_spaces();
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line_starts.push(self.pos as u32);
                    self.skip_spaces();
                }
                Some(b'\r') => {
                    self.pos += 1;
                    // `\r\n` is one line break, recorded at its `\n`.
                    if self.peek() != Some(b'\n') {
                        self.line_starts.push(self.pos as u32);
                    }
                    self.skip_spaces();
                }
                Some(b'/') if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    let start = self.pos;
                    if self.bytes[self.pos + 1] == b'/' {
                        let end = memchr::memchr2(b'\n', b'\r', &self.bytes[start..]).map_or(self.bytes.len(), |i| start + i);
                        self.pos = end;
                    } else {
                        let end = memchr::memmem::find(&self.bytes[start + 2..], b"*/").map_or(self.bytes.len(), |i| start + 2 + i + 2);
                        self.pos = end;
                    }
                    self.error(start, self.pos, SyntaxErrorKind::Comment);
                }
                Some(b) if b >= 0x80 => {
                    let c = self.char_at(self.pos);
                    if c.is_whitespace() || c == '\u{feff}' {
                        let start = self.pos;
                        self.pos += c.len_utf8();
                        self.error(start, self.pos, SyntaxErrorKind::NonJsonWhitespace(c));
                    } else {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips a run of spaces. Indentation comes in runs of spaces: they are read eight bytes at
    /// a time, and the first other byte of the last eight is found from the bits of the word.
    fn skip_spaces(&mut self) {
        const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
        while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
            // Zero in every byte that is a space; bytes are in file order from the low end.
            let others = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ SPACES;
            if others != 0 {
                self.pos += (others.trailing_zeros() / 8) as usize;
                return;
            }
            self.pos += 8;
        }
    }

    /// Parses one value at `pos` (whitespace already skipped). Returns `None` without moving
    /// when the next character cannot start a value (an error has been recorded).
    fn value(&mut self) -> Option<Node<'t>> {
        let start = self.pos;
        let Some(b) = self.peek() else {
            self.error(start, start, SyntaxErrorKind::UnexpectedEnd { expected: "a value" });
            return None;
        };
        match b {
            b'{' => Some(self.object()),
            b'[' => Some(self.array()),
            b'"' => {
                let (text, span) = self.string();
                Some(Node { span, value: Value::String(text) })
            }
            b'\'' => {
                let (text, span) = self.single_quoted_string();
                Some(Node { span, value: Value::String(text) })
            }
            b'-' | b'+' | b'.' | b'0'..=b'9' => Some(self.number()),
            b if b.is_ascii_alphabetic() || b == b'_' => Some(self.literal()),
            _ => {
                let found = self.char_at(start);
                self.error(start, start + found.len_utf8(), SyntaxErrorKind::UnexpectedCharacter { found, expected: "a value" });
                None
            }
        }
    }

    fn enter(&mut self, close: u8) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        self.open.push(close);
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
        self.open.pop();
    }

    /// When nesting is too deep, skips the whole too-deep value by counting brackets, without
    /// recursion, and returns it as `null`.
    fn too_deep(&mut self) -> Node<'t> {
        let start = self.pos;
        let mut level = 0usize;
        let mut in_string = false;
        while let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            match (in_string, b) {
                (true, b'\\') => self.pos += 1,
                (true, b'"') => in_string = false,
                (false, b'"') => in_string = true,
                (false, b'{' | b'[') => level += 1,
                (false, b'}' | b']') => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        self.pos = self.pos.min(self.bytes.len());
        self.error(start, start + 1, SyntaxErrorKind::TooDeep);
        Node { span: Span::new(start as u32, self.pos as u32), value: Value::Null }
    }

    /// Whether `b` closes a container outside the innermost one, so the innermost must end here.
    fn closes_outer(&self, b: u8) -> bool {
        let n = self.open.len();
        n >= 2 && self.open[..n - 1].contains(&b)
    }

    fn object(&mut self) -> Node<'t> {
        let start = self.pos;
        if !self.enter(b'}') {
            return self.too_deep();
        }
        self.pos += 1;
        let mut members = self.member_buffers.pop().unwrap_or_default();
        let closed = self.members_until_close(&mut members);
        if closed {
            self.pos += 1;
        }
        self.leave();
        let mut exact = Vec::with_capacity(members.len());
        exact.append(&mut members);
        self.member_buffers.push(members);
        Node { span: Span::new(start as u32, self.pos as u32), value: Value::Object(exact) }
    }

    /// Parses members up to the closing `}` (left unconsumed; returns true) or up to a point
    /// where the object must end without one (end of text or an outer closing bracket; false).
    fn members_until_close(&mut self, members: &mut Vec<Member<'t>>) -> bool {
        let mut seen: Option<SeenKeys> = None;
        let mut fingerprints = 0u64;
        let mut last_comma: Option<usize> = None;
        loop {
            self.skip_whitespace();
            if self.pos >= self.splice_at && self.splice(members) {
                return true;
            }
            let Some(b) = self.peek() else {
                self.error(self.pos, self.pos, SyntaxErrorKind::UnexpectedEnd { expected: "`}` to close an object" });
                return false;
            };
            let key = match b {
                b'}' => {
                    if let Some(comma) = last_comma {
                        self.error(comma, comma + 1, SyntaxErrorKind::TrailingComma);
                    }
                    return true;
                }
                b']' if self.closes_outer(b']') => {
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::MismatchedBracket { expected: '}', found: ']' });
                    return false;
                }
                b'"' => self.string(),
                b'\'' => self.single_quoted_string(),
                b',' => {
                    // Two commas in a row: report and skip the extra one.
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::UnexpectedCharacter { found: ',', expected: "a key" });
                    self.pos += 1;
                    continue;
                }
                b if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {
                    let key_start = self.pos;
                    while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'$') {
                        self.pos += 1;
                    }
                    self.error(key_start, self.pos, SyntaxErrorKind::UnquotedKey);
                    (JsonStr::borrowed(&self.text[key_start..self.pos]), Span::new(key_start as u32, self.pos as u32))
                }
                _ => {
                    let found = self.char_at(self.pos);
                    let at = self.pos;
                    self.error(at, at + found.len_utf8(), SyntaxErrorKind::UnexpectedCharacter { found, expected: "a key or `}`" });
                    // Skip a whole value if one starts here, else the one character.
                    if self.value().is_none() {
                        self.pos = at + found.len_utf8();
                    }
                    continue;
                }
            };
            let (key_text, key_span) = key;
            // A key read as it stands in the source spans its text and two quotes.
            self.keys_with_escapes |= (key_span.end - key_span.start) as usize != key_text.len() + 2;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'=') => {
                    let found = '=';
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::UnexpectedCharacter { found, expected: "`:`" });
                    self.pos += 1;
                    self.skip_whitespace();
                }
                _ => self.error(self.pos, self.pos, SyntaxErrorKind::MissingColon),
            }
            let value = match self.peek() {
                Some(b',' | b'}' | b']') | None => {
                    self.error(self.pos, self.pos, SyntaxErrorKind::MissingValue);
                    Node { span: Span::empty(self.pos as u32), value: Value::Null }
                }
                Some(_) => match self.value() {
                    Some(v) => v,
                    None => {
                        let len = self.char_len_at(self.pos);
                        self.pos += len;
                        Node { span: Span::empty(self.pos as u32), value: Value::Null }
                    }
                },
            };
            self.record_member(members, (&mut seen, &mut fingerprints), Key { span: key_span, text: key_text }, value);
            last_comma = None;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    last_comma = Some(self.pos);
                    self.pos += 1;
                }
                Some(b'}') => return true,
                None => {
                    self.error(self.pos, self.pos, SyntaxErrorKind::UnexpectedEnd { expected: "`,` or `}`" });
                    return false;
                }
                Some(b']') => {
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::MismatchedBracket { expected: '}', found: ']' });
                    if self.closes_outer(b']') {
                        return false;
                    }
                    self.pos += 1;
                }
                Some(b'"' | b'\'') => self.error(self.pos, self.pos + 1, SyntaxErrorKind::MissingComma),
                Some(_) => {
                    let found = self.char_at(self.pos);
                    self.error(
                        self.pos,
                        self.pos + found.len_utf8(),
                        SyntaxErrorKind::UnexpectedCharacter { found, expected: "`,` or `}`" },
                    );
                    self.pos += found.len_utf8();
                }
            }
        }
    }

    /// Adds a member, noting it when its key repeats an earlier one. `seen` are the keys so far:
    /// hashed in a large object, and in a small one a set of their fingerprints, so that the
    /// earlier keys are compared only when one may be the same.
    fn record_member(
        &mut self,
        members: &mut Vec<Member<'t>>,
        (seen, fingerprints): (&mut Option<SeenKeys>, &mut u64),
        key: Key<'t>,
        value: Node<'t>,
    ) {
        let earlier = match seen {
            Some(seen) => seen.earlier(members, &key.text),
            None => {
                let fingerprint = key_fingerprint(&key.text);
                let maybe_seen = *fingerprints & fingerprint != 0;
                *fingerprints |= fingerprint;
                if maybe_seen {
                    members.iter().position(|m| m.key.text == key.text)
                } else {
                    None
                }
            }
        };
        if let Some(i) = earlier {
            self.duplicates.push(DuplicateKey { key: key.text.as_str().into(), first: members[i].key.span, duplicate: key.span });
        }
        if seen.is_none() && members.len() + 1 >= HASHED_DUPLICATE_CHECK_FROM {
            *seen = Some(SeenKeys::new(members));
        }
        if let Some(seen) = seen {
            seen.first.entry(key_hash(&key.text)).or_insert(members.len());
        }
        members.push(Member { key, value });
    }

    fn array(&mut self) -> Node<'t> {
        let start = self.pos;
        if !self.enter(b']') {
            return self.too_deep();
        }
        self.pos += 1;
        let mut items = self.item_buffers.pop().unwrap_or_default();
        let mut last_comma: Option<usize> = None;
        loop {
            self.skip_whitespace();
            match self.peek() {
                None => {
                    self.error(self.pos, self.pos, SyntaxErrorKind::UnexpectedEnd { expected: "`]` to close an array" });
                    break;
                }
                Some(b']') => {
                    if let Some(comma) = last_comma {
                        self.error(comma, comma + 1, SyntaxErrorKind::TrailingComma);
                    }
                    self.pos += 1;
                    break;
                }
                Some(b'}') => {
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::MismatchedBracket { expected: ']', found: '}' });
                    if self.closes_outer(b'}') {
                        break;
                    }
                    self.pos += 1;
                    continue;
                }
                Some(b',') => {
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::UnexpectedCharacter { found: ',', expected: "a value" });
                    self.pos += 1;
                    continue;
                }
                Some(_) => {}
            }
            match self.value() {
                Some(item) => items.push(item),
                None => {
                    let len = self.char_len_at(self.pos);
                    self.pos += len;
                    continue;
                }
            }
            last_comma = None;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    last_comma = Some(self.pos);
                    self.pos += 1;
                }
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    self.error(self.pos, self.pos, SyntaxErrorKind::UnexpectedEnd { expected: "`,` or `]`" });
                    break;
                }
                Some(b'}') => {}
                Some(_) => self.error(self.pos, self.pos + self.char_len_at(self.pos), SyntaxErrorKind::MissingComma),
            }
        }
        self.leave();
        let mut exact = Vec::with_capacity(items.len());
        exact.append(&mut items);
        self.item_buffers.push(items);
        Node { span: Span::new(start as u32, self.pos as u32), value: Value::Array(exact) }
    }

    /// Reads a double-quoted string at `pos`; returns its unescaped text and span.
    fn string(&mut self) -> (JsonStr<'t>, Span) {
        let start = self.pos;
        self.pos += 1;
        let content_start = self.pos;
        // Fast path: no escapes and no control characters.
        if let Some(i) = string_stop(&self.bytes[content_start..]) {
            let end = content_start + i;
            if self.bytes[end] == b'"' {
                self.pos = end + 1;
                return (JsonStr::borrowed(&self.text[content_start..end]), Span::new(start as u32, self.pos as u32));
            }
        }
        let mut out = String::new();
        let mut chunk_start = self.pos;
        loop {
            let Some(b) = self.peek() else {
                self.error(start, start + 1, SyntaxErrorKind::UnterminatedString);
                out.push_str(&self.text[chunk_start..self.pos]);
                break;
            };
            match b {
                b'"' => {
                    out.push_str(&self.text[chunk_start..self.pos]);
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    out.push_str(&self.text[chunk_start..self.pos]);
                    self.escape(&mut out);
                    chunk_start = self.pos;
                }
                b'\n' | b'\r' => {
                    // A raw line break almost always means the closing quote is missing; end the
                    // string here so the rest of the file is still read.
                    out.push_str(&self.text[chunk_start..self.pos]);
                    self.error(start, self.pos, SyntaxErrorKind::UnterminatedString);
                    break;
                }
                b if b < 0x20 => {
                    self.error(self.pos, self.pos + 1, SyntaxErrorKind::ControlCharacterInString);
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
        (out.into(), Span::new(start as u32, self.pos as u32))
    }

    fn escape(&mut self, out: &mut String) {
        let start = self.pos;
        self.pos += 1;
        let Some(b) = self.peek() else {
            self.error(start, self.pos, SyntaxErrorKind::InvalidEscape);
            return;
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let Some(high) = self.hex4() else {
                    self.error(start, self.pos, SyntaxErrorKind::InvalidEscape);
                    return;
                };
                let code = if (0xD800..0xDC00).contains(&high) && self.bytes[self.pos..].starts_with(b"\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    match self.hex4() {
                        Some(low) if (0xDC00..0xE000).contains(&low) => 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                        _ => {
                            self.pos = save;
                            high
                        }
                    }
                } else {
                    high
                };
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => {
                self.pos = start + 1 + self.char_len_at(start + 1);
                self.error(start, self.pos, SyntaxErrorKind::InvalidEscape);
                out.push_str(&self.text[start + 1..self.pos]);
                return;
            }
        };
        out.push(c);
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        Some(value)
    }

    fn single_quoted_string(&mut self) -> (JsonStr<'t>, Span) {
        let start = self.pos;
        let end = memchr::memchr3(b'\'', b'\n', b'\r', &self.bytes[start + 1..]).map_or(self.bytes.len(), |i| start + 1 + i);
        let content = &self.text[start + 1..end];
        self.pos = if self.bytes.get(end) == Some(&b'\'') { end + 1 } else { end };
        self.error(start, self.pos, SyntaxErrorKind::SingleQuotedString);
        (JsonStr::borrowed(content), Span::new(start as u32, self.pos as u32))
    }

    fn number(&mut self) -> Node<'t> {
        let start = self.pos;
        while self.peek().is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
            self.pos += 1;
        }
        let raw = &self.text[start..self.pos];
        let span = Span::new(start as u32, self.pos as u32);
        if !is_strict_json_number(raw) {
            self.error(start, self.pos, SyntaxErrorKind::InvalidNumber);
        }
        let is_integer = !raw.contains(['.', 'e', 'E']);
        let value = raw.trim_start_matches('+').parse::<f64>().unwrap_or(0.0);
        Node { span, value: Value::Number(Number { value, is_integer }) }
    }

    fn literal(&mut self) -> Node<'t> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        let span = Span::new(start as u32, self.pos as u32);
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => {
                self.error(start, self.pos, SyntaxErrorKind::InvalidLiteral(word.into()));
                match word.to_ascii_lowercase().as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => Value::Null,
                }
            }
        };
        Node { span, value }
    }
}

/// The index in `bytes` of the first byte that ends a string's fast path: a `"`, a `\\` or a
/// control character (below 0x20). One pass, eight bytes at a time: a byte is flagged when it is
/// zero after the word is XORed with the quote (or the backslash), or below 0x20; the lowest
/// flag of each test is exact (a borrow only makes false flags above a true one).
fn string_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let below = |word: u64, limit: u8| word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let quote = below(word ^ (ONES * u64::from(b'"')), 1);
        let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
        let flags = quote | backslash | below(word, 0x20);
        if flags != 0 {
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|i| at + i)
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
fn is_strict_json_number(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(index: &LineIndex) -> Vec<u32> {
        (0..index.line_count()).map(|line| index.line_start(line)).collect()
    }

    #[test]
    fn strict_json_is_indexed_while_read_as_a_separate_pass_indexes_it() {
        let texts = [
            "{}",
            "{\n  \"a\": 1\n}\n",
            "{\r\n  \"a\": [1,\r\n 2]\r\n}\r\n",
            "{\r  \"a\": 1\r}\r",
            "\n\n{\"a\":\n\n\t\"b\"\r\n\r\r\n}\n \n",
            "[\n1,\r\n2,\r3\n]",
            "  \"text with \\n escaped breaks\"\r\n",
        ];
        for text in texts {
            let (parsed, index) = parse_indexed(text);
            assert!(parsed.is_strict(), "{text:?}");
            let index = index.expect("strict JSON is indexed");
            assert_eq!(starts(&index), starts(&LineIndex::new(text)), "{text:?}");
        }
        let (_, index) = parse_indexed("{\"a\": 1,\n \"b\":\r\n 2}");
        assert_eq!(starts(&index.unwrap()), [0, 9, 16]);
    }

    #[test]
    fn text_with_syntax_errors_is_not_indexed_while_read() {
        // Line breaks inside a comment, a string left open and content skipped after the
        // document are not whitespace between tokens: the reader does not see them all.
        for text in ["{\"a\": 1 /* one\ntwo */\n}", "{\"a\": \"open\n}", "{}\n}\n{\"b\":\n1}", "", "{\"a\": 1,\n}"] {
            let (parsed, index) = parse_indexed(text);
            assert!(!parsed.is_strict(), "{text:?}");
            assert!(index.is_none(), "{text:?}");
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        // Every ASCII byte, in a short text and in the middle of a long one (read a word at a time).
        let mut texts: Vec<String> = (0u8..0x80).map(|b| format!("a{}b", char::from(b))).collect();
        texts.extend((0u8..0x80).map(|b| format!("{0}{1}{0}{1}", "x".repeat(11), char::from(b))));
        texts.extend(["".into(), "plain text longer than eight bytes".into(), "\"\\\"\\".into(), "é \u{2028} \u{7f} 😀\n".into()]);
        for text in texts {
            let mut out = String::new();
            push_string(&mut out, &text);
            assert_eq!(out, serde_json::to_string(&text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn string_stop_finds_the_first_quote_backslash_or_control_byte_as_a_byte_loop_does() {
        let naive = |bytes: &[u8]| bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        // Every byte value at every place of texts up to 19 bytes long, after a filler that
        // sits next to the flagged values (0x21, 0x5d, 0x20) or has the high bit set, and with a
        // second stop after it, so that borrows from one byte to the next are exercised.
        for filler in [b'a', 0x21, 0x5d, b' ', 0xc3, 0xff] {
            for len in 0..20 {
                for at in 0..len {
                    for byte in 0..=255u8 {
                        let mut text = vec![filler; len];
                        text[at] = byte;
                        assert_eq!(string_stop(&text), naive(&text), "{text:?}");
                        if at + 1 < len {
                            text[at + 1] = 0;
                            assert_eq!(string_stop(&text), naive(&text), "{text:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn indentation_of_any_length_and_mixed_line_breaks_leave_spans_exact() {
        for indent in 0..40 {
            let pad = " ".repeat(indent);
            let text = format!("{{\r\n{pad}\"a\":{pad}1,\n\t{pad}\"b\" : [ {pad}true{pad}]{pad}\n}}{pad}");
            let root = parse(&text).root.expect("valid JSON");
            let a = root.get("a").unwrap();
            assert_eq!(&text[a.span.start as usize..a.span.end as usize], "1");
            let b = &root.get("b").unwrap().as_array().unwrap()[0];
            assert_eq!(&text[b.span.start as usize..b.span.end as usize], "true");
            assert_eq!(root.span.end as usize, text.len() - indent);
        }
    }

    #[test]
    fn same_value_ignores_member_order_and_number_spelling() {
        let a = parse(r#"{"a": [1, {"b": true}], "c": null}"#).root.unwrap();
        let b = parse(r#"{"c": null, "a": [1.0, {"b": true}]}"#).root.unwrap();
        let c = parse(r#"{"c": null, "a": [{"b": true}, 1]}"#).root.unwrap();
        let d = parse(r#"{"c": null, "a": [1, {"b": true}], "e": 1}"#).root.unwrap();
        assert!(a.same_value(&b));
        assert!(!a.same_value(&c));
        assert!(!a.same_value(&d) && !d.same_value(&a));
    }

    #[test]
    fn missing_comma_before_a_multibyte_character_spans_the_whole_character() {
        // Found by the fuzzer: the span ended inside `é` (testdata/fuzz/multibyte-after-array-item).
        let parsed = parse("[\"a\"é]");
        assert_eq!(parsed.errors[0], SyntaxError { span: Span::new(4, 6), kind: SyntaxErrorKind::MissingComma });
        for e in &parsed.errors {
            assert!("[\"a\"é]".get(e.span.range()).is_some(), "{e:?}");
        }
    }

    fn kinds(text: &str) -> Vec<(u32, SyntaxErrorKind)> {
        parse(text).errors.into_iter().map(|e| (e.span.start, e.kind)).collect()
    }

    #[test]
    fn strict_document_has_spans_for_keys_and_values() {
        let text = r#"{"a": [1, 2.5e3, "x\u00e9\n"], "b": {"c": null, "d": true}}"#;
        let parsed = parse(text);
        assert!(parsed.is_strict());
        let root = parsed.root.unwrap();
        assert_eq!(root.span, Span::new(0, text.len() as u32));
        let a = root.member("a").unwrap();
        assert_eq!(&text[a.key.span.range()], "\"a\"");
        assert_eq!(&text[a.value.span.range()], r#"[1, 2.5e3, "x\u00e9\n"]"#);
        assert_eq!(root.pointer("/a/2").unwrap().as_str(), Some("x\u{e9}\n"));
        assert_eq!(root.pointer("/a/1").unwrap().as_number().unwrap().value, 2500.0);
        assert_eq!(root.pointer("/b/d").unwrap().as_bool(), Some(true));
        assert!(root.pointer("/a/01").is_none());
    }

    #[test]
    fn instance_of_follows_json_schema_types() {
        let root = parse(r#"[1, 1.5, "x", true, null, [], {}]"#).root.unwrap();
        let items = root.as_array().unwrap();
        assert_eq!(items[0].is_instance_of("integer"), Some(true));
        assert_eq!(items[1].is_instance_of("integer"), Some(false));
        assert_eq!(items[1].is_instance_of("number"), Some(true));
        assert_eq!(items[2].is_instance_of("string"), Some(true));
        assert_eq!(items[3].is_instance_of("boolean"), Some(true));
        assert_eq!(items[4].is_instance_of("string"), Some(false));
        assert_eq!(items[5].is_instance_of("array"), Some(true));
        assert_eq!(items[6].is_instance_of("object"), Some(true));
        assert_eq!(items[0].is_instance_of("file"), None);
    }

    #[test]
    fn pointer_to_finds_innermost_node_and_escapes_tokens() {
        let text = r#"{"paths": {"/a/{id}": {"get": {"x~y": [0, {"k": 1}]}}}}"#;
        let root = parse(text).root.unwrap();
        let target = root.pointer("/paths/~1a~1{id}/get/x~0y/1/k").unwrap();
        assert_eq!(root.pointer_to(target.span).as_deref(), Some("/paths/~1a~1{id}/get/x~0y/1/k"));
        // A key's span maps to its member's pointer.
        let key_span = root.get("paths").unwrap().as_object().unwrap()[0].key.span;
        assert_eq!(root.pointer_to(key_span).as_deref(), Some("/paths/~1a~1{id}"));
        assert_eq!(root.pointer_to(root.span).as_deref(), Some(""));
    }

    #[test]
    fn duplicate_keys_are_kept_and_reported_and_last_wins() {
        let parsed = parse(r#"{"a": 1, "b": 2, "a": 3}"#);
        let root = parsed.root.unwrap();
        assert_eq!(root.as_object().unwrap().len(), 3);
        assert_eq!(root.get("a").unwrap().as_number().unwrap().value, 3.0);
        assert_eq!(parsed.duplicate_keys, vec![DuplicateKey { key: "a".into(), first: Span::new(1, 4), duplicate: Span::new(17, 20) }]);
    }

    #[test]
    fn keys_written_with_escapes_are_noted() {
        let plain = parse(r#"{"a": "caf\u00e9 \"quoted\"", "b": [{"c\u00e9": 1}]}"#);
        assert!(plain.keys_with_escapes, "an escape in a nested key");
        for (text, escaped) in
            [(r#"{"a": "caf\u00e9", "b": {"c": "\n"}}"#, false), (r#"{"x-\u006ds": 1}"#, true), (r#"{"\"": 1}"#, true), ("{}", false)]
        {
            assert_eq!(parse(text).keys_with_escapes, escaped, "{text}");
        }
    }

    #[test]
    fn small_objects_report_exactly_the_repeated_keys() {
        // `aba` and `aca` (one length, the same first and last bytes) share a fingerprint.
        assert_eq!(key_fingerprint("aba"), key_fingerprint("aca"));
        let parsed = parse(r#"{"aba": 0, "aca": 0, "aba": 1, "b": 0, "aca": 1, "ab": 0, "ba": 0, "b": 1, "": 0, "": 1}"#);
        let found: Vec<_> = parsed.duplicate_keys.iter().map(|d| (&*d.key, d.first.start)).collect();
        assert_eq!(found, [("aba", 1), ("aca", 11), ("b", 31), ("", 75)]);
    }

    #[test]
    fn duplicate_keys_in_large_objects_use_the_hashed_path() {
        let mut text = String::from("{");
        for i in 0..40 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"k3\": 0, \"k39\": 1}");
        let parsed = parse(&text);
        assert!(parsed.is_strict());
        let keys: Vec<_> = parsed.duplicate_keys.iter().map(|d| &*d.key).collect();
        assert_eq!(keys, ["k3", "k39"]);
    }

    #[test]
    fn duplicates_in_large_objects_point_at_the_same_earlier_key_as_before() {
        // Two `a`s among the first 16 members (when the hash map is made) and a third after it:
        // the third is reported against the last `a` of the first 16, a later `b` against the first `b`.
        let mut text = String::from("{\"a\": 0, \"a\": 1,");
        for i in 0..14 {
            text.push_str(&format!("\"k{i}\": {i},"));
        }
        text.push_str("\"b\": 0, \"b\": 1, \"a\": 2, \"b\": 2}");
        let parsed = parse(&text);
        let firsts: Vec<_> = parsed.duplicate_keys.iter().map(|d| (&*d.key, d.first.start)).collect();
        let b = text.find("\"b\"").unwrap() as u32;
        assert_eq!(firsts, [("a", 1), ("b", b), ("a", 9), ("b", b)]);
    }

    #[test]
    fn seen_keys_finds_the_right_member_when_hashes_collide() {
        let root = parse(r#"{"a": 0, "x": 0, "a": 1, "y": 0, "a": 2, "z": 0}"#).root.unwrap();
        let members = root.as_object().unwrap();
        // Made from the first 4 members; `y` and `z` came later.
        let mut seen = SeenKeys::new(&members[..4]);
        seen.first.insert(key_hash("z"), 5);
        // Every hash points at the wrong member, as if all keys collided.
        for index in seen.first.values_mut() {
            *index = 1;
        }
        assert_eq!(seen.earlier(members, "a"), Some(2));
        assert_eq!(seen.earlier(members, "z"), Some(5));
        assert_eq!(seen.earlier(members, "x"), Some(1));
        assert_eq!(seen.earlier(members, "w"), None);
        assert_ne!(key_hash("ab"), key_hash("ba"));
        assert_ne!(key_hash("abcdefgh1"), key_hash("abcdefgh2"));
    }

    #[test]
    fn trailing_comma_is_reported_at_the_comma_and_tree_is_kept() {
        let text = "{\"a\": [1, 2,],\n \"b\": 3,}";
        let parsed = parse(text);
        assert_eq!(kinds(text), vec![(11, SyntaxErrorKind::TrailingComma), (22, SyntaxErrorKind::TrailingComma)]);
        let root = parsed.root.unwrap();
        assert_eq!(root.pointer("/a").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(root.get("b").unwrap().as_number().unwrap().value, 3.0);
    }

    #[test]
    fn missing_comma_is_reported_at_the_next_token() {
        let text = "{\"a\": 1\n \"b\": [1 2]}";
        assert_eq!(kinds(text), vec![(9, SyntaxErrorKind::MissingComma), (17, SyntaxErrorKind::MissingComma)]);
        let root = parse(text).root.unwrap();
        assert_eq!(root.pointer("/b/1").unwrap().as_number().unwrap().value, 2.0);
    }

    #[test]
    fn one_space_before_anything_but_a_token_takes_the_full_whitespace_path() {
        // After one space, a comment, a Unicode space, a line break or the end of the text is
        // still seen; a token right after it is read in place.
        let cases: [(&str, Vec<SyntaxErrorKind>); 6] = [
            ("{\"a\": /*c*/ 1}", vec![SyntaxErrorKind::Comment]),
            ("{\"a\": \u{a0}1}", vec![SyntaxErrorKind::NonJsonWhitespace('\u{a0}')]),
            ("{\"a\": \n 1}", vec![]),
            ("{\"a\": \t1}", vec![]),
            ("{\"a\": 1 }", vec![]),
            ("{\"a\" : 1} ", vec![]),
        ];
        for (text, errors) in cases {
            let parsed = parse(text);
            assert_eq!(parsed.errors.iter().map(|e| e.kind.clone()).collect::<Vec<_>>(), errors, "{text:?}");
            let root = parsed.root.expect("an object");
            let one = root.get("a").expect("member a");
            assert_eq!(&text[one.span.start as usize..one.span.end as usize], "1", "{text:?}");
            assert_eq!(root.span.end as usize, text.trim_end().len(), "{text:?}");
        }
        // A single space at the very end, and before a byte that is not a token.
        assert_eq!(parse("[1, ").errors.last().map(|e| e.span.start), Some(4));
        assert_eq!(kinds("[1, \u{2003}2]"), vec![(4, SyntaxErrorKind::NonJsonWhitespace('\u{2003}'))]);
    }

    #[test]
    fn comments_and_unicode_spaces_are_reported_and_skipped() {
        let text = "{ // note\n \"a\": /* x */ 1,\u{2003}\"b\": 2}";
        let k: Vec<_> = kinds(text).into_iter().map(|(_, k)| k).collect();
        assert_eq!(k, vec![SyntaxErrorKind::Comment, SyntaxErrorKind::Comment, SyntaxErrorKind::NonJsonWhitespace('\u{2003}')]);
        assert_eq!(parse(text).root.unwrap().get("b").unwrap().as_number().unwrap().value, 2.0);
    }

    #[test]
    fn control_characters_in_strings_are_reported() {
        let text = "{\"a\": \"x\ty\"}";
        assert_eq!(kinds(text), vec![(8, SyntaxErrorKind::ControlCharacterInString)]);
        assert_eq!(parse(text).root.unwrap().get("a").unwrap().as_str(), Some("x\ty"));
    }

    #[test]
    fn truncated_document_keeps_what_was_read() {
        let text = "{\"a\": {\"b\": 1";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 2);
        assert!(matches!(parsed.errors[0].kind, SyntaxErrorKind::UnexpectedEnd { .. }));
        assert_eq!(parsed.root.unwrap().pointer("/a/b").unwrap().as_number().unwrap().value, 1.0);
    }

    #[test]
    fn extra_closing_brace_keeps_the_members_after_it() {
        let text = "{\"a\": {\"b\": 1}}, \"c\": 2}";
        let parsed = parse(text);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::TrailingContent);
        assert_eq!(parsed.errors[0].span.start, 15);
        assert_eq!(parsed.root.unwrap().get("c").unwrap().as_number().unwrap().value, 2.0);
    }

    #[test]
    fn mismatched_bracket_closes_the_inner_container() {
        let text = "{\"a\": [1, 2}, \"b\": 3}";
        let parsed = parse(text);
        assert!(matches!(parsed.errors[0].kind, SyntaxErrorKind::MismatchedBracket { expected: ']', found: '}' }));
        let root = parsed.root.unwrap();
        assert_eq!(root.get("b").unwrap().as_number().unwrap().value, 3.0);
    }

    #[test]
    fn other_lenient_syntax_is_reported() {
        let text = "{a: 'x', \"n\": +1, \"m\": 01, \"t\": True, \"v\": undefined}";
        let k: Vec<_> = kinds(text).into_iter().map(|(_, k)| k).collect();
        assert_eq!(
            k,
            vec![
                SyntaxErrorKind::UnquotedKey,
                SyntaxErrorKind::SingleQuotedString,
                SyntaxErrorKind::InvalidNumber,
                SyntaxErrorKind::InvalidNumber,
                SyntaxErrorKind::InvalidLiteral("True".into()),
                SyntaxErrorKind::InvalidLiteral("undefined".into()),
            ]
        );
        let root = parse(text).root.unwrap();
        assert_eq!(root.get("a").unwrap().as_str(), Some("x"));
        assert_eq!(root.get("t").unwrap().as_bool(), Some(true));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        let parsed = parse(&text);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::TooDeep);
        assert_eq!(parsed.errors[0].span.start, MAX_DEPTH as u32);
        let text = "{\"a\":".repeat(100_000);
        let parsed = parse(&text);
        assert!(parsed.errors.iter().any(|e| e.kind == SyntaxErrorKind::TooDeep));
    }

    #[test]
    fn empty_and_garbage_documents_do_not_panic() {
        for text in
            ["", "   ", "}", "]]]", "{", "[", "\"", "\"\\", "\"\\u12", "{\"a\"", "{\"a\":", "-", "1e", "{,}", "[,]", "\u{feff}", "é"]
        {
            let _ = parse(text);
        }
        assert_eq!(kinds(""), vec![(0, SyntaxErrorKind::EmptyDocument)]);
    }
}
