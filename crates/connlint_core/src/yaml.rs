//! A YAML reader that builds the same spanned tree as [`crate::json`], so every later layer
//! (model, spec check, rules) works on YAML unchanged.
//!
//! Events come from `saphyr-parser` (YAML 1.2, pure Rust, iterative); this module turns them
//! into [`Node`]s without recursion. Its character positions become byte offsets into the text.
//!
//! - **Spans.** A scalar's span covers its text; quoted scalars include their quotes, as JSON
//!   strings do. Node properties written before a node (an anchor `&a`, a tag `!!str`) are part of
//!   its span. A block scalar (`|`, `>`) starts at its first content line. A flow collection runs
//!   from its bracket to its closing bracket; a block collection from its first entry (or
//!   property) to the end of its last child. Keys get the span of their scalar.
//! - **Scalars.** Plain scalars resolve by the YAML 1.2 core schema: `null`/`Null`/`NULL`/`~`/empty
//!   are null, `true`/`True`/`TRUE` (and `false` alike) booleans, decimal, `0o` octal and `0x`
//!   hexadecimal integers and floats (`.inf`, `.nan` included) numbers; everything else, and
//!   every quoted or block scalar, is a string. A `!!str` tag keeps a plain scalar a string;
//!   other tags are ignored. `yes`/`on` are strings, as in YAML 1.2.
//! - **Keys** are always strings, written as in the source: `200:` is the key `"200"`. A key that
//!   is a mapping or a sequence is a [`SyntaxErrorKind::NonScalarKey`] and is kept with its
//!   source text as key. Duplicate keys are all kept and reported, as in JSON.
//! - **Aliases** `*a` are expanded by copying the anchored node; every node of the copy gets the
//!   span of the alias, so children stay in source order. Copies are bounded: once more than
//!   [`MAX_COPIED_NODES`] nodes would have been copied (anchored nodes are copied once when
//!   stored, then at each alias), the alias is read as `null` and the first such alias is a
//!   [`SyntaxErrorKind::AliasExpansionTooLarge`] (a "billion laughs" document stops there).
//!   Merge keys `<<` are not applied: `<<` is kept as an ordinary key.
//! - **Depth.** Nesting deeper than [`MAX_DEPTH`] is [`SyntaxErrorKind::TooDeep`] at the node that
//!   goes too deep, which is skipped (its events are counted, not built) and read as `null`. An
//!   alias whose copy would go too deep is refused the same way. saphyr itself stops at 255 levels
//!   of flow nesting (`[[[...`); that is reported as `TooDeep` too, and ends reading like any
//!   syntax error.
//! - **Errors.** A YAML syntax error ends reading: it becomes [`SyntaxErrorKind::YamlSyntax`] at
//!   the position saphyr reports, and the tree built so far is kept (open collections are closed
//!   there; a key without a value is dropped).
//! - **Not JSON.** YAML `\u` escapes cannot be UTF-16 surrogate pairs (`"\ud83d\ude00"` is an
//!   error), and flow content must be indented more than its block parent.
//! - **Leniency.** A line inside a flow collection indented no more than its block parent (a
//!   closing `}` under its key) is an error in YAML 1.2 that PyYAML and most readers accept; it
//!   is read as if indented further (see `parse_leniently`).
//! - **Streams.** Only the first document is read; the start of a second one is
//!   [`SyntaxErrorKind::MultipleDocuments`]. A stream without a document is
//!   [`SyntaxErrorKind::EmptyDocument`].

use crate::json::owned::{JsonStr, Key, Member, Node, ParsedJson, Value};
use crate::json::{DuplicateKey, Number, SyntaxError, SyntaxErrorKind, MAX_DEPTH};
use crate::source::Span;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use std::borrow::Cow;
use std::collections::HashMap;

/// Most nodes that anchors and aliases may copy in one document (see the module docs).
pub const MAX_COPIED_NODES: usize = 1_000_000;

/// Mappings with at least this many members look duplicate keys up in a hash map.
const HASHED_DUPLICATE_CHECK_FROM: usize = 16;

/// Whether a file is YAML by its name: a `.yaml` or `.yml` extension, in any case.
pub fn is_yaml_path(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Parses the first document of the YAML `text` into a spanned tree (see the module docs).
pub fn parse(text: &str) -> ParsedJson {
    let (parsed, under_indented) = parse_once(text);
    match under_indented {
        Some(at) if text.len() <= MAX_LENIENT_LEN => parse_leniently(text, at).unwrap_or(parsed),
        _ => parsed,
    }
}

/// Most lines that [`parse_leniently`] indents, and the largest text it tries.
const MAX_INDENT_FIXES: usize = 256;
const MAX_LENIENT_LEN: usize = 16 * 1024 * 1024;

fn parse_once(text: &str) -> (ParsedJson, Option<u32>) {
    let mut builder = Builder::new(text);
    builder.run();
    let under_indented = builder.flow_under_indented;
    (builder.finish(), under_indented)
}

/// Flow collections whose lines are not indented more than their block parent (a `}` under its
/// key) are refused by YAML 1.2 and by saphyr, but read by PyYAML and most other readers, and
/// real descriptions have them (Docker's swagger.yaml). Such a line is indented two more spaces
/// and the text read again, up to [`MAX_INDENT_FIXES`] lines; the spans of the result are moved
/// back to the original text. `None` when that does not give a document without errors.
fn parse_leniently(text: &str, first: u32) -> Option<ParsedJson> {
    let mut patched = text.to_string();
    // Where spaces were put, in the original text's offsets, with how many; sorted.
    let mut inserted: Vec<(u32, u32)> = Vec::new();
    let mut at = first;
    for _ in 0..MAX_INDENT_FIXES {
        let line_start = patched[..at as usize].rfind('\n').map_or(0, |i| i + 1);
        let original = to_original(&inserted, to_u32(line_start));
        patched.insert_str(line_start, "  ");
        let i = inserted.partition_point(|(o, _)| *o < original);
        match inserted.get_mut(i) {
            Some((o, count)) if *o == original => *count += 2,
            _ => inserted.insert(i, (original, 2)),
        }
        let (mut parsed, under_indented) = parse_once(&patched);
        match under_indented {
            Some(next) => at = next,
            None if parsed.errors.is_empty() => {
                remap(&mut parsed, &inserted);
                return Some(parsed);
            }
            None => return None,
        }
    }
    None
}

/// The offset in the original text of `offset` in the patched one (see [`parse_leniently`]).
fn to_original(inserted: &[(u32, u32)], offset: u32) -> u32 {
    let mut shift = 0;
    for &(original, count) in inserted {
        let patched_start = original + shift;
        if offset < patched_start {
            break;
        }
        if offset < patched_start + count {
            return original;
        }
        shift += count;
    }
    offset - shift
}

fn remap(parsed: &mut ParsedJson, inserted: &[(u32, u32)]) {
    let map = |span: &mut Span| *span = Span::new(to_original(inserted, span.start), to_original(inserted, span.end));
    for duplicate in &mut parsed.duplicate_keys {
        map(&mut duplicate.first);
        map(&mut duplicate.duplicate);
    }
    let mut stack: Vec<&mut Node> = parsed.root.iter_mut().collect();
    while let Some(node) = stack.pop() {
        map(&mut node.span);
        match &mut node.value {
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(members) => {
                for member in members.iter_mut() {
                    map(&mut member.key.span);
                    stack.push(&mut member.value);
                }
            }
            _ => {}
        }
    }
}

/// Character index → byte offset. Identity for ASCII text; otherwise the byte offset of every
/// `STEP`-th character is stored and the rest is walked.
struct Offsets<'a> {
    text: &'a str,
    checkpoints: Option<Vec<u32>>,
}

impl<'a> Offsets<'a> {
    const STEP: usize = 32;

    fn new(text: &'a str) -> Self {
        let checkpoints = (!text.is_ascii()).then(|| text.char_indices().step_by(Self::STEP).map(|(i, _)| to_u32(i)).collect());
        Self { text, checkpoints }
    }

    fn byte(&self, char_index: usize) -> u32 {
        let Some(checkpoints) = &self.checkpoints else {
            return to_u32(char_index.min(self.text.len()));
        };
        let Some(&base) = checkpoints.get(char_index / Self::STEP) else {
            return to_u32(self.text.len());
        };
        let rest = char_index % Self::STEP;
        let tail = &self.text[base as usize..];
        let offset = tail.char_indices().nth(rest).map_or(tail.len(), |(i, _)| i);
        base + to_u32(offset)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An anchored node, stored for its aliases.
struct Anchored {
    node: Node,
    /// The scalar's text as written, for an alias used as a key.
    raw: Option<Box<str>>,
    /// Nodes in `node` (keys count as nodes).
    nodes: usize,
    /// Collection levels in `node` (0 for a scalar).
    height: usize,
}

/// A finished node with what its parent and the anchor table need.
struct Built {
    node: Node,
    raw: Option<Box<str>>,
    nodes: usize,
    height: usize,
}

enum Children {
    Seq(Vec<Node>),
    Map { members: Vec<Member>, key: Option<Key>, seen: Option<HashMap<JsonStr, Span>> },
}

/// An open mapping or sequence.
struct Frame {
    start: u32,
    /// End of the last child so far.
    end: u32,
    anchor: usize,
    children: Children,
    nodes: usize,
    height: usize,
}

struct Builder<'a> {
    text: &'a str,
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    copied: usize,
    copy_refused: bool,
    root: Option<Node>,
    errors: Vec<SyntaxError>,
    duplicates: Vec<DuplicateKey>,
    /// Set when reading stopped at a line of a flow collection indented too little (see
    /// [`parse_leniently`]): where.
    flow_under_indented: Option<u32>,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offsets: Offsets::new(text),
            stack: Vec::new(),
            anchors: HashMap::new(),
            copied: 0,
            copy_refused: false,
            root: None,
            errors: Vec::new(),
            duplicates: Vec::new(),
            flow_under_indented: None,
        }
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        let start = self.offsets.byte(span.start.index());
        let end = self.offsets.byte(span.end.index()).max(start);
        Span::new(start, end)
    }

    fn error(&mut self, span: Span, kind: SyntaxErrorKind) {
        self.errors.push(SyntaxError { span, kind });
    }

    fn run(&mut self) {
        let mut parser = Parser::new_from_str(self.text);
        let mut documents = 0usize;
        // Nesting level inside a node skipped for being too deep, with the skipped node's start.
        let mut skipping: Option<(usize, u32)> = None;
        while let Some(next) = parser.next_event() {
            let (event, span) = match next {
                Ok(event) => event,
                Err(e) => {
                    let at = self.offsets.byte(e.marker().index());
                    let end = self.text[at as usize..].chars().next().map_or(at, |c| at + to_u32(c.len_utf8()));
                    // saphyr counts flow levels in a `u8`: its limit is ours.
                    let kind = match e.info() {
                        "recursion limit exceeded" => SyntaxErrorKind::TooDeep,
                        info => SyntaxErrorKind::YamlSyntax(info.into()),
                    };
                    let in_flow =
                        self.stack.iter().any(|frame| matches!(self.text.as_bytes().get(frame.start as usize), Some(b'{' | b'[')));
                    if e.info().starts_with("invalid indentation") && in_flow {
                        self.flow_under_indented = Some(at);
                    }
                    self.error(Span::new(at, end), kind);
                    return;
                }
            };
            let span = self.span(span);
            if let Some((level, start)) = &mut skipping {
                match event {
                    Event::SequenceStart(..) | Event::MappingStart(..) => *level += 1,
                    Event::SequenceEnd | Event::MappingEnd => {
                        *level -= 1;
                        if *level == 0 {
                            let node = Node { span: Span::new(*start, span.end.max(*start)), value: Value::Null };
                            skipping = None;
                            self.attach(Built { node, raw: None, nodes: 1, height: 0 });
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        self.error(span, SyntaxErrorKind::MultipleDocuments);
                        return;
                    }
                }
                Event::Scalar(value, style, anchor, tag) => self.scalar(value, style, anchor, tag.as_deref(), span),
                Event::Alias(id) => self.alias(id, span),
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    if self.stack.len() >= MAX_DEPTH {
                        self.error(span, SyntaxErrorKind::TooDeep);
                        skipping = Some((1, span.start));
                        continue;
                    }
                    let children = match event {
                        Event::SequenceStart(..) => Children::Seq(Vec::new()),
                        _ => Children::Map { members: Vec::new(), key: None, seen: None },
                    };
                    self.stack.push(Frame { start: span.start, end: span.end, anchor, children, nodes: 1, height: 1 });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(mut frame) = self.stack.pop() else { continue };
                    // A flow collection's end event starts at its closing bracket (and may run on
                    // over spaces and a comment); a block one's is empty.
                    if !span.is_empty() && matches!(self.text.as_bytes().get(span.start as usize), Some(b']' | b'}')) {
                        frame.end = frame.end.max(span.start + 1);
                    }
                    self.close(frame);
                }
            }
        }
    }

    /// Finishes an open collection and attaches it to its parent.
    fn close(&mut self, frame: Frame) {
        let span = Span::new(frame.start, frame.end.max(frame.start));
        let value = match frame.children {
            Children::Seq(items) => Value::Array(items),
            Children::Map { members, .. } => Value::Object(members),
        };
        let built = Built { node: Node { span, value }, raw: None, nodes: frame.nodes, height: frame.height };
        self.store_anchor(frame.anchor, &built);
        self.attach(built);
    }

    fn scalar(&mut self, value: Cow<'_, str>, style: ScalarStyle, anchor: usize, tag: Option<&Tag>, span: Span) {
        let expects_key = matches!(self.stack.last(), Some(Frame { children: Children::Map { key: None, .. }, .. }));
        if expects_key && anchor == 0 {
            self.set_key(Key { span, text: value.into() }, false);
            return;
        }
        let forced_string = tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
        let resolved =
            if style == ScalarStyle::Plain && !forced_string { resolve_plain(&value) } else { Value::String(value.as_ref().into()) };
        let built = Built { node: Node { span, value: resolved }, raw: Some(value.into()), nodes: 1, height: 0 };
        self.store_anchor(anchor, &built);
        self.attach(built);
    }

    fn store_anchor(&mut self, anchor: usize, built: &Built) {
        if anchor == 0 {
            return;
        }
        if !self.budget(built.nodes, built.node.span) {
            self.anchors.remove(&anchor);
            return;
        }
        let stored = Anchored { node: built.node.clone(), raw: built.raw.clone(), nodes: built.nodes, height: built.height };
        self.anchors.insert(anchor, stored);
    }

    /// Counts `nodes` copied nodes; false once the budget is spent. The first refusal is reported
    /// at `span`.
    fn budget(&mut self, nodes: usize, span: Span) -> bool {
        if self.copy_refused || self.copied + nodes > MAX_COPIED_NODES {
            if !self.copy_refused {
                self.error(span, SyntaxErrorKind::AliasExpansionTooLarge { limit: MAX_COPIED_NODES });
            }
            self.copy_refused = true;
            return false;
        }
        self.copied += nodes;
        true
    }

    fn alias(&mut self, id: usize, span: Span) {
        let null = Built { node: Node { span, value: Value::Null }, raw: None, nodes: 1, height: 0 };
        let Some(anchored) = self.anchors.get(&id) else {
            // The anchored node was refused (too deep, or over the copy budget), already reported.
            self.attach(null);
            return;
        };
        let (nodes, height) = (anchored.nodes, anchored.height);
        if self.stack.len() + height > MAX_DEPTH {
            self.error(span, SyntaxErrorKind::TooDeep);
            self.attach(null);
            return;
        }
        if !self.budget(nodes, span) {
            self.attach(null);
            return;
        }
        let anchored = &self.anchors[&id];
        let built = Built { node: copy_at(&anchored.node, span), raw: anchored.raw.clone(), nodes, height };
        self.attach(built);
    }

    /// Sets the pending key of the innermost mapping, reporting a duplicate.
    fn set_key(&mut self, key: Key, non_scalar: bool) {
        if non_scalar {
            self.error(key.span, SyntaxErrorKind::NonScalarKey);
        }
        let Some(Frame { children: Children::Map { members, key: pending, seen }, nodes, .. }) = self.stack.last_mut() else {
            return;
        };
        *nodes += 1;
        let first = if members.len() >= HASHED_DUPLICATE_CHECK_FROM {
            let seen = seen.get_or_insert_with(|| {
                let mut seen = HashMap::with_capacity(members.len() * 2);
                for m in members.iter() {
                    seen.entry(m.key.text.clone()).or_insert(m.key.span);
                }
                seen
            });
            match seen.get(&key.text) {
                Some(&first) => Some(first),
                None => {
                    seen.insert(key.text.clone(), key.span);
                    None
                }
            }
        } else {
            members.iter().find(|m| m.key.text == key.text).map(|m| m.key.span)
        };
        if let Some(first) = first {
            self.duplicates.push(DuplicateKey { key: key.text.as_str().into(), first, duplicate: key.span });
        }
        *pending = Some(key);
    }

    /// Puts a finished node into its parent (or makes it the root).
    fn attach(&mut self, built: Built) {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(built.node);
            }
            return;
        };
        frame.end = frame.end.max(built.node.span.end);
        match &mut frame.children {
            Children::Map { key: None, .. } => {}
            Children::Map { members, key, .. } => {
                let key = key.take().expect("a pending key");
                members.push(Member { key, value: built.node });
                frame.nodes += built.nodes;
                frame.height = frame.height.max(built.height + 1);
                return;
            }
            Children::Seq(items) => {
                items.push(built.node);
                frame.nodes += built.nodes;
                frame.height = frame.height.max(built.height + 1);
                return;
            }
        }
        // The node is a key.
        let span = built.node.span;
        match built.raw {
            Some(text) => self.set_key(Key { span, text: text.into() }, false),
            None => {
                let text = self.text[span.start as usize..span.end as usize].into();
                self.set_key(Key { span, text }, true);
            }
        }
    }

    /// Closes what is still open (after an error) and returns the result.
    fn finish(mut self) -> ParsedJson {
        while let Some(frame) = self.stack.pop() {
            self.close(frame);
        }
        if self.root.is_none() && self.errors.is_empty() {
            self.error(Span::empty(to_u32(self.text.len())), SyntaxErrorKind::EmptyDocument);
        }
        ParsedJson { root: self.root, errors: self.errors, duplicate_keys: self.duplicates, keys_with_escapes: true }
    }
}

/// A copy of `node` with every span (keys included) set to `span`. Recursion is bounded by
/// [`MAX_DEPTH`]: anchored nodes are never deeper.
fn copy_at(node: &Node, span: Span) -> Node {
    let value = match &node.value {
        Value::Array(items) => Value::Array(items.iter().map(|n| copy_at(n, span)).collect()),
        Value::Object(members) => Value::Object(
            members.iter().map(|m| Member { key: Key { span, text: m.key.text.clone() }, value: copy_at(&m.value, span) }).collect(),
        ),
        other => other.clone(),
    };
    Node { span, value }
}

/// A plain scalar by the YAML 1.2 core schema.
fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => float(f64::NAN),
        _ => core_number(s).map_or_else(|| Value::String(s.into()), Value::Number),
    }
}

fn float(value: f64) -> Value {
    Value::Number(Number { value, is_integer: false })
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` (integers) or
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (floats).
fn core_number(s: &str) -> Option<Number> {
    let radix = |digits: &str, radix: u32| -> Option<Number> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let value = digits.chars().fold(0f64, |acc, c| acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0)));
        Some(Number { value, is_integer: true })
    };
    if let Some(hex) = s.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(octal) = s.strip_prefix("0o") {
        return radix(octal, 8);
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        None => !whole.is_empty() && digits(whole),
        // `5.` and `.5` are numbers, `.` is not.
        Some(fraction) => digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if !mantissa_ok || !exponent_ok {
        return None;
    }
    let value: f64 = s.parse().ok()?;
    Some(Number { value, is_integer: fraction.is_none() && exponent.is_none() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn keys_are_taken_to_have_escapes() {
        // The reader does not tell, so searches of the text for a key also look for escapes.
        assert!(parse("a: 1").keys_with_escapes);
    }

    #[test]
    fn under_indented_flow_lines_are_read_with_original_spans() {
        let text = "a:\n  example: {\n    \"x\": 1\n  }\n  b: [1,\n  2]\nc: true\n";
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let root = parsed.root.unwrap();
        let x = root.pointer("/a/example/x").unwrap();
        assert_eq!(&text[x.span.range()], "1");
        let two = root.pointer("/a/b/1").unwrap();
        assert_eq!(&text[two.span.range()], "2");
        let c = root.get("c").unwrap();
        assert_eq!(&text[c.span.range()], "true");
        // In block context the same indentation error is kept.
        assert!(!parse("a:\n  b: 1\n c: 2\n").errors.is_empty());
    }

    fn strict_root(text: &str) -> Node {
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        parsed.root.expect("a root")
    }

    /// The source text of `span`.
    fn at(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    /// Structural equality ignoring spans; members in order, numbers by value and integer-ness.
    fn same_tree(a: &Node, b: &Node) -> bool {
        match (&a.value, &b.value) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Number(x), Value::Number(y)) => x.value == y.value && x.is_integer == y.is_integer,
            (Value::String(x), Value::String(y)) => x == y,
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_tree(a, b)),
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.key.text == b.key.text && same_tree(&a.value, &b.value))
            }
            _ => false,
        }
    }

    #[test]
    fn block_spans_of_scalars_keys_and_collections() {
        let text = "a: 1\nb:\n  - x\n  - 'y'\n  - \"z\"\nc:\n  d: true\n";
        let root = strict_root(text);
        assert_eq!(at(text, root.span), text.trim_end());
        let Value::Object(members) = &root.value else { panic!() };
        assert_eq!(members.iter().map(|m| at(text, m.key.span)).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(at(text, members[0].value.span), "1");
        let b = &members[1].value;
        assert_eq!(at(text, b.span), "- x\n  - 'y'\n  - \"z\"");
        let items: Vec<_> = b.as_array().unwrap().iter().map(|n| (at(text, n.span), n.as_str().unwrap())).collect();
        assert_eq!(items, [("x", "x"), ("'y'", "y"), ("\"z\"", "z")]);
        let c = &members[2].value;
        assert_eq!(at(text, c.span), "d: true");
        assert_eq!(c.get("d").unwrap().as_bool(), Some(true));
        assert_eq!(at(text, c.as_object().unwrap()[0].key.span), "d");
    }

    #[test]
    fn flow_spans_include_brackets() {
        let text = "k: {a: [1, 2], \"b\": {}}  # comment\n";
        let root = strict_root(text);
        let k = root.get("k").unwrap();
        assert_eq!(at(text, k.span), "{a: [1, 2], \"b\": {}}");
        assert_eq!(at(text, k.get("a").unwrap().span), "[1, 2]");
        assert_eq!(at(text, k.as_object().unwrap()[1].key.span), "\"b\"");
        assert_eq!(&*k.as_object().unwrap()[1].key.text, "b");
        assert_eq!(at(text, k.get("b").unwrap().span), "{}");
        assert_eq!(at(text, root.span), "k: {a: [1, 2], \"b\": {}}");
    }

    #[test]
    fn spans_are_bytes_after_non_ascii_text() {
        let text = "titre: \"Café ☕ 𝄞\"\nnäme: wört\nliste: [é, ü]\n";
        let root = strict_root(text);
        let members = root.as_object().unwrap();
        assert_eq!(at(text, members[0].value.span), "\"Café ☕ 𝄞\"");
        assert_eq!(at(text, members[1].key.span), "näme");
        assert_eq!(at(text, members[1].value.span), "wört");
        assert_eq!(at(text, members[2].value.span), "[é, ü]");
        assert_eq!(at(text, members[2].value.as_array().unwrap()[1].span), "ü");
        // Past the first checkpoint of the character table.
        let long = format!("{}: [ä]\nz: ö\n", "ß".repeat(100));
        let root = strict_root(&long);
        assert_eq!(at(&long, root.get("z").unwrap().span), "ö");
    }

    #[test]
    fn core_schema_scalars() {
        let text = "[null, Null, NULL, ~, true, True, FALSE, yes, on, 1, -2, +3, 0o17, 0x1F, 1.5, -.5, 5., 1e3, .inf, -.Inf, .nan, 1_000, 0x, '1', \"true\", !!str 7, 12:30, 1.2.3]";
        let root = strict_root(text);
        let items = root.as_array().unwrap();
        let kinds: Vec<String> = items
            .iter()
            .map(|n| match &n.value {
                Value::Null => "null".into(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) if n.value.is_nan() => "nan".into(),
                Value::Number(n) => format!("{}{}", n.value, if n.is_integer { "i" } else { "f" }),
                Value::String(s) => format!("{s:?}"),
                _ => "?".into(),
            })
            .collect();
        let expected = [
            "null",
            "null",
            "null",
            "null",
            "true",
            "true",
            "false",
            "\"yes\"",
            "\"on\"",
            "1i",
            "-2i",
            "3i",
            "15i",
            "31i",
            "1.5f",
            "-0.5f",
            "5f",
            "1000f",
            "inff",
            "-inff",
            "nan",
            "\"1_000\"",
            "\"0x\"",
            "\"1\"",
            "\"true\"",
            "\"7\"",
            "\"12:30\"",
            "\"1.2.3\"",
        ];
        assert_eq!(kinds, expected);
    }

    #[test]
    fn keys_are_strings_as_written() {
        let text = "responses:\n  200:\n    description: OK\n  default: {}\n  null: 1\n  true: 2\n  1.0: 3\n";
        let root = strict_root(text);
        let keys: Vec<&str> = root.get("responses").unwrap().as_object().unwrap().iter().map(|m| &*m.key.text).collect();
        assert_eq!(keys, ["200", "default", "null", "true", "1.0"]);
        assert_eq!(root.pointer("/responses/200/description").unwrap().as_str(), Some("OK"));
    }

    #[test]
    fn duplicate_keys_are_kept_and_reported() {
        let text = "a: 1\nb: 2\na: 3\n";
        let parsed = parse(text);
        assert!(parsed.errors.is_empty());
        let root = parsed.root.unwrap();
        assert_eq!(root.as_object().unwrap().len(), 3);
        assert_eq!(root.get("a").unwrap().as_number().unwrap().value, 3.0);
        assert_eq!(parsed.duplicate_keys, [DuplicateKey { key: "a".into(), first: Span::new(0, 1), duplicate: Span::new(10, 11) }]);
        // Large mappings use the hash map.
        let mut big: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        big.push_str("k3: again\nk39: again\n");
        let parsed = parse(&big);
        let dups: Vec<_> = parsed.duplicate_keys.iter().map(|d| (&*d.key, at(&big, d.first), d.first < d.duplicate)).collect();
        assert_eq!(dups, [("k3", "k3", true), ("k39", "k39", true)]);
    }

    #[test]
    fn aliases_copy_the_anchored_node_with_the_alias_span() {
        let text = "defs: &shared {type: string, enum: [a, b]}\nuse: *shared\nname: &n hello\nagain: *n\n*n : key\n";
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let root = parsed.root.unwrap();
        let defs = root.get("defs").unwrap();
        let copy = root.get("use").unwrap();
        assert!(same_tree(defs, copy));
        assert_eq!(at(text, copy.span), "*shared");
        assert_eq!(at(text, copy.pointer("/enum/1").unwrap().span), "*shared");
        assert_eq!(at(text, defs.span), "&shared {type: string, enum: [a, b]}");
        assert_eq!(root.get("again").unwrap().as_str(), Some("hello"));
        assert_eq!(root.get("hello").unwrap().as_str(), Some("key"));
        // Every node of the copy has the alias's span: a pointer to it goes into the copy's first child.
        assert!(root.pointer_to(copy.span).unwrap().starts_with("/use"));
        // `<<` merge keys are plain keys.
        let merged = super::parse("base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n").root.unwrap();
        assert!(merged.pointer("/derived/<<").is_some());
        assert!(merged.pointer("/derived/x").is_none());
    }

    #[test]
    fn properties_are_part_of_the_span() {
        let text = "a: &x\n  b: !!str 5\n&k key: *x\nc: !!str 'q'\n";
        let root = strict_root(text);
        let a = root.get("a").unwrap();
        assert_eq!(at(text, a.span), "&x\n  b: !!str 5");
        assert_eq!(at(text, a.get("b").unwrap().span), "!!str 5");
        assert_eq!(a.get("b").unwrap().as_str(), Some("5"));
        let members = root.as_object().unwrap();
        assert_eq!((&*members[1].key.text, at(text, members[1].key.span)), ("key", "&k key"));
        assert!(same_tree(&members[1].value, a));
        assert_eq!(root.get("c").unwrap().as_str(), Some("q"));
    }

    fn billion_laughs() -> String {
        let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 9].join(",");
            text.push_str(&format!("{n}: &{n} [{refs}]\n", n = pair[1]));
        }
        text
    }

    #[test]
    fn billion_laughs_is_refused_with_a_position() {
        let text = billion_laughs();
        let parsed = parse(&text);
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        let error = &parsed.errors[0];
        assert_eq!(error.kind, SyntaxErrorKind::AliasExpansionTooLarge { limit: MAX_COPIED_NODES });
        assert!(error.message().contains("billion laughs"));
        // `f` holds 9 copies of `e` (600,000 nodes): storing it for its aliases is refused.
        assert!(at(&text, error.span).starts_with("&f [*e,"), "{}", at(&text, error.span));
        let root = parsed.root.unwrap();
        assert_eq!(root.pointer("/f/8/8/8/8/8/8").unwrap().as_str(), Some("lol"));
        assert!(root.get("g").unwrap().as_array().unwrap().iter().all(|n| n.value == Value::Null));
        assert!(root.get("i").unwrap().as_array().unwrap().iter().all(|n| n.value == Value::Null));
    }

    #[test]
    fn too_deep_nesting_is_refused_without_overflowing_the_stack() {
        let run = || {
            // saphyr stops flow nesting at 255 levels, which is reported as too deep.
            let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let parsed = parse(&flow);
            assert_eq!(parsed.errors.len(), 1);
            assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::TooDeep);
            assert_eq!(parsed.errors[0].span, Span::new(255, 256));
            let flow = format!("{}{}", "{a: ".repeat(100_000), "}".repeat(100_000));
            assert_eq!(parse(&flow).errors[0].kind, SyntaxErrorKind::TooDeep);
            // Block sequences nested by `- - - ...` on one line: the 257th level is refused.
            let block = format!("{}x\n", "- ".repeat(100_000));
            let parsed = parse(&block);
            assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors.first());
            assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::TooDeep);
            assert_eq!(parsed.errors[0].span.start, 2 * MAX_DEPTH as u32);
            assert!(parsed.root.is_some());
            let block: String = (0..1000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
            let parsed = parse(&block);
            assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors.first());
            assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::TooDeep);
            // Exactly MAX_DEPTH levels are fine.
            let ok = format!("{}x\n", "- ".repeat(MAX_DEPTH));
            assert!(parse(&ok).errors.is_empty());
        };
        std::thread::Builder::new().stack_size(2 << 20).spawn(run).unwrap().join().unwrap();
    }

    #[test]
    fn an_alias_that_would_go_too_deep_is_refused() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let text = format!("a: &a {deep}\nb: {}*a{}\n", "[".repeat(100), "]".repeat(100));
        let parsed = parse(&text);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::TooDeep);
        assert_eq!(at(&text, parsed.errors[0].span), "*a");
    }

    #[test]
    fn syntax_errors_keep_the_tree_so_far() {
        let text = "a: 1\nb: [1, 2\nc: d\n";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 1);
        assert!(matches!(parsed.errors[0].kind, SyntaxErrorKind::YamlSyntax(_)));
        assert!(parsed.errors[0].message().starts_with("invalid YAML: "));
        let root = parsed.root.unwrap();
        assert_eq!(root.get("a").unwrap().as_number().unwrap().value, 1.0);
        assert_eq!(root.get("b").unwrap().as_array().unwrap().len(), 1);
        for broken in
            ["\"unterminated", "a: b: c", "- a\nb: c", "{", "]", "a:\n\t- b", "&a [*b]", "? [a]\n: b", "%YAML 1.2\n%YAML 1.2\n---\n"]
        {
            let parsed = parse(broken);
            assert!(!parsed.errors.is_empty() || parsed.root.is_some(), "{broken:?}");
        }
    }

    #[test]
    fn non_scalar_keys_and_empty_and_multiple_documents() {
        let parsed = parse("? [a, b]\n: c\n");
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::NonScalarKey);
        assert_eq!(&*parsed.root.unwrap().as_object().unwrap()[0].key.text, "[a, b]");

        for empty in ["", "# only a comment\n"] {
            let parsed = parse(empty);
            assert!(parsed.root.is_none());
            assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::EmptyDocument);
        }
        assert_eq!(parse("---\n").root.unwrap().value, Value::Null);
        assert_eq!(strict_root("a:\nb: ''\n").get("a").unwrap().value, Value::Null);

        let text = "---\na: 1\n...\n---\nb: 2\n";
        let parsed = parse(text);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].kind, SyntaxErrorKind::MultipleDocuments);
        assert_eq!(at(text, parsed.errors[0].span), "---");
        assert_eq!(parsed.errors[0].span.start, 13);
        assert!(parsed.root.unwrap().get("a").is_some());
    }

    #[test]
    fn json_documents_read_the_same_as_yaml() {
        let docs = [
            r#"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
            r#"{"swagger":"2.0","info":{"title":"T","version":"1.0"},"paths":{"/x":{"get":{"responses":{"200":{"description":"ok"}}}}}}"#,
            r#"[1, -2.5, 3e2, 0, -0, 1.5E-3, 12345678901234567890]"#,
            r#"["", "é\u00e9\n\t\"\\\/", "ü 😀"]"#,
            r#"{"a": {"a": {"a": []}}, "": {}, "dup": 1, "dup": 2}"#,
            "{\n  \"nested\": [\n    {\"x\": 1},\n    [[], {}]\n  ]\n}\n",
            r#""just a string""#,
            "42",
            "null",
        ];
        for doc in docs {
            let from_json = json::parse(doc);
            assert!(from_json.errors.is_empty(), "{doc}");
            let from_yaml = parse(doc);
            assert!(from_yaml.errors.is_empty(), "{doc}: {:?}", from_yaml.errors);
            assert!(same_tree(from_json.root.as_ref().unwrap(), from_yaml.root.as_ref().unwrap()), "{doc}: {:?}", from_yaml.root);
            assert_eq!(from_json.root.unwrap().span, from_yaml.root.unwrap().span, "{doc}");
            assert_eq!(from_json.duplicate_keys, from_yaml.duplicate_keys, "{doc}");
        }
    }

    /// A generated Swagger-like YAML document of about `bytes` bytes.
    pub(crate) fn generated(bytes: usize) -> String {
        let mut text = String::from("swagger: '2.0'\ninfo:\n  title: Big\n  version: '1.0'\npaths:\n");
        let mut i = 0;
        while text.len() < bytes {
            text.push_str(&format!(
                "  /items/{i}:\n    get:\n      operationId: Get{i}\n      summary: \"Gets item {i} — été\"\n      parameters:\n        - {{name: id, in: path, required: true, type: integer}}\n      responses:\n        200:\n          description: OK\n          schema: {{type: array, items: {{type: number}}}}\n"
            ));
            i += 1;
        }
        text
    }

    #[test]
    fn a_few_megabytes_parse_quickly() {
        let text = generated(2 << 20);
        let started = std::time::Instant::now();
        let parsed = parse(&text);
        let elapsed = started.elapsed();
        assert!(parsed.errors.is_empty());
        let paths = parsed.root.as_ref().unwrap().get("paths").unwrap().as_object().unwrap();
        assert!(paths.len() > 5000);
        let last = &paths[paths.len() - 1];
        let summary = last.value.pointer("/get/summary").unwrap();
        assert!(at(&text, summary.span).ends_with("été\""));
        assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    }

    /// `cargo test -p connlint_core --release --lib yaml::tests::speed -- --ignored --nocapture`
    #[test]
    #[ignore = "a measurement"]
    fn speed() {
        let text = generated(20 << 20);
        let started = std::time::Instant::now();
        let parsed = parse(&text);
        println!("{} bytes in {:?}, {} errors", text.len(), started.elapsed(), parsed.errors.len());
        let started = std::time::Instant::now();
        let events = Parser::new_from_str(&text).count();
        println!("saphyr-parser alone: {events} events in {:?}", started.elapsed());
    }
}
