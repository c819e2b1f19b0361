//! Conformance to the Swagger 2.0 specification: the official JSON Schema, compiled once, checked
//! against a spanned JSON tree.
//!
//! The schema ships as data (`swagger-2.0.schema.json`, Apache-2.0, see this folder's README).
//! [`check`] walks a document along it and returns every [`Violation`] with the node it is at,
//! so callers can report each at its exact position. Where the schema offers alternatives
//! (`oneOf`, `anyOf`: the kinds of parameter, a response or a `$ref`), a failing value is
//! judged against the alternative it was most likely meant to be, so that one mistake gives one
//! violation (`"in": "Query"` is a query parameter with a wrongly cased `in`, not five failed
//! alternatives), and its allowed values name every alternative's choice (`body`, `header`,
//! `formData`, `query`, `path`).
//!
//! `format` is not checked (as in JSON Schema, it is an annotation unless asked for): URLs and
//! e-mail addresses have connlint rules of their own.

use crate::json::{Key, Member, Node, Value};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

const SWAGGER_SCHEMA: &str = include_str!("swagger-2.0.schema.json");
const DRAFT_04_META: &str = include_str!("draft-04-meta.json");
const DRAFT_04_URL: &str = "http://json-schema.org/draft-04/schema";

/// A set of JSON Schema types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Types(u8);

impl Types {
    const NAMES: [&'static str; 7] = ["null", "boolean", "integer", "number", "string", "array", "object"];

    fn of_name(name: &str) -> Option<Self> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Types(1 << i))
    }

    /// The bits of [`Types::NAMES`], in order.
    const NULL: u8 = 1;
    const BOOLEAN: u8 = 1 << 1;
    const INTEGER: u8 = 1 << 2;
    const NUMBER: u8 = 1 << 3;
    const STRING: u8 = 1 << 4;
    const ARRAY: u8 = 1 << 5;
    const OBJECT: u8 = 1 << 6;

    /// Whether `node` is an instance of one of these types (an integer is a number written
    /// without fraction or exponent, as JSON Schema draft-04 has it).
    pub fn admits(self, node: &Node) -> bool {
        self.0 & Self::KINDS[Self::kind(node)] != 0
    }

    /// The kinds of JSON value that [`Types::admits`] tells apart, each with the types that
    /// admit it: an integer is also a number.
    const KINDS: [u8; 7] = [Self::NULL, Self::BOOLEAN, Self::INTEGER | Self::NUMBER, Self::NUMBER, Self::STRING, Self::ARRAY, Self::OBJECT];

    /// The index of `node`'s kind in [`Types::KINDS`].
    fn kind(node: &Node) -> usize {
        match &node.value {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(n) if n.is_integer => 2,
            Value::Number(_) => 3,
            Value::String(_) => 4,
            Value::Array(_) => 5,
            Value::Object(_) => 6,
        }
    }

    /// The type names, in a fixed order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Self::NAMES.iter().enumerate().filter(move |(i, _)| self.0 & (1 << i) != 0).map(|(_, n)| *n)
    }
}

/// A `pattern` or `patternProperties` key: a plain `^prefix` is matched without a regex engine.
#[derive(Debug)]
pub struct Pattern {
    pub source: &'static str,
    matcher: Matcher,
}

#[derive(Debug)]
enum Matcher {
    Prefix(Box<str>),
    /// `^([0-9]{3})$|^(default)$`: a response code.
    ResponseCode,
    /// The `host` pattern `^[^{}/ :\\]+(?::\d+)?$`.
    Host,
}

impl Pattern {
    fn new(source: &str) -> Result<Self, String> {
        let matcher = match source {
            "^([0-9]{3})$|^(default)$" => Matcher::ResponseCode,
            "^[^{}/ :\\\\]+(?::\\d+)?$" => Matcher::Host,
            s if s.starts_with('^') && !s[1..].contains(|c: char| "\\.^$|?*+()[]{}".contains(c)) => Matcher::Prefix(s[1..].into()),
            other => return Err(format!("pattern `{other}` is not supported by connlint's schema compiler")),
        };
        Ok(Pattern { source: leak(source), matcher })
    }

    pub fn matches(&self, text: &str) -> bool {
        match &self.matcher {
            // Compared byte by byte in place: the prefixes are a few bytes (`x-`, `/`), and a
            // slice comparison is a call to `memcmp` for every member of most objects.
            Matcher::Prefix(prefix) => text.len() >= prefix.len() && text.bytes().zip(prefix.bytes()).all(|(a, b)| a == b),
            Matcher::ResponseCode => text == "default" || (text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit())),
            Matcher::Host => is_valid_host(text),
        }
    }
}

/// Whether `host` is what Swagger 2.0 allows in `host` (`^[^{}/ :\\]+(?::\d+)?$`): a name or
/// address without scheme, path, spaces or braces, and an optional numeric port.
pub fn is_valid_host(host: &str) -> bool {
    let (name, port) = match host.split_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    !name.is_empty()
        && !name.contains(['{', '}', '/', ' ', ':', '\\'])
        && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

type SchemaId = usize;

/// One allowed value of an `enum` (the Swagger schema's enums hold strings and booleans).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Literal {
    String(&'static str),
    Bool(bool),
}

impl Literal {
    fn matches(self, node: &Node) -> bool {
        match (self, &node.value) {
            (Literal::String(a), Value::String(b)) => a == &**b,
            (Literal::Bool(a), Value::Bool(b)) => a == *b,
            _ => false,
        }
    }

    /// The string, for a string value.
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            Literal::String(s) => Some(s),
            Literal::Bool(_) => None,
        }
    }
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::String(s) => f.write_str(s),
            Literal::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// What is allowed for members not named in `properties` nor matched by `patternProperties`.
#[derive(Debug, Clone, Copy)]
enum Additional {
    Any,
    None,
    Schema(SchemaId),
}

/// One compiled schema object.
#[derive(Debug)]
struct Schema {
    /// The definition this schema is (`queryParameterSubSchema`), for messages.
    name: Option<&'static str>,
    reference: Option<SchemaId>,
    types: Option<Types>,
    enumeration: Option<Vec<Literal>>,
    pattern: Option<Pattern>,
    /// Sorted by name.
    properties: Vec<(&'static str, SchemaId)>,
    /// The schema of each property by name number (see `SpecSchema::names`); empty when the
    /// schema has no properties.
    by_name: Vec<SchemaId>,
    pattern_properties: Vec<(Pattern, SchemaId)>,
    /// The names of `properties`, for messages.
    property_names: Vec<&'static str>,
    /// Members whose value must be one of a few literals (`in`, `type`, `flow`): where this
    /// schema is one of several alternatives, a value that matches them all is tried first.
    discriminators: Vec<(&'static str, SchemaId)>,
    /// No constraint at all (`{}`, an extension's value): nothing to walk.
    allows_anything: bool,
    /// Only a JSON type (`{"type": "string"}`, most of the fields of a schema or a parameter):
    /// checked without a walk.
    only_types: Option<Types>,
    /// The kinds of value (bits of [`Types::KINDS`]) whose JSON type this schema allows,
    /// following `$ref`s and `allOf`: which alternatives of an `anyOf` or `oneOf` a value fits
    /// is then one lookup each.
    admitted_kinds: u8,
    additional: Additional,
    required: Vec<&'static str>,
    items: Option<SchemaId>,
    min_items: Option<usize>,
    unique_items: bool,
    min_properties: Option<usize>,
    minimum: Option<(f64, bool)>,
    all_of: Vec<SchemaId>,
    any_of: Vec<SchemaId>,
    one_of: Vec<SchemaId>,
    not: Option<SchemaId>,
}

impl Schema {
    /// Whether a keyword other than `type` and `$ref` constrains values.
    fn constrains_beyond_type(&self) -> bool {
        self.enumeration.is_some()
            || self.pattern.is_some()
            || !self.properties.is_empty()
            || !self.pattern_properties.is_empty()
            || !matches!(self.additional, Additional::Any)
            || !self.required.is_empty()
            || self.items.is_some()
            || self.min_items.is_some()
            || self.unique_items
            || self.min_properties.is_some()
            || self.minimum.is_some()
            || !self.all_of.is_empty()
            || !self.any_of.is_empty()
            || !self.one_of.is_empty()
            || self.not.is_some()
    }

    fn empty() -> Self {
        Schema {
            name: None,
            reference: None,
            types: None,
            enumeration: None,
            pattern: None,
            properties: Vec::new(),
            by_name: Vec::new(),
            pattern_properties: Vec::new(),
            property_names: Vec::new(),
            discriminators: Vec::new(),
            allows_anything: false,
            only_types: None,
            admitted_kinds: 0,
            additional: Additional::Any,
            required: Vec::new(),
            items: None,
            min_items: None,
            unique_items: false,
            min_properties: None,
            minimum: None,
            all_of: Vec::new(),
            any_of: Vec::new(),
            one_of: Vec::new(),
            not: None,
        }
    }
}

/// The Swagger 2.0 schema, compiled.
#[derive(Debug)]
pub struct SpecSchema {
    schemas: Vec<Schema>,
    root: SchemaId,
    /// Every property name of every schema, numbered: a member's key is looked up once here,
    /// then in the `by_name` table of the schema at hand.
    names: HashMap<&'static str, usize, std::hash::BuildHasherDefault<KeyHasher>>,
}

/// A fast hash for short keys (FxHash's multiply-rotate): the key set is fixed and not chosen by
/// an attacker, so no protection against collisions is needed.
#[derive(Default)]
struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        // The last few bytes, zero-padded, assembled in a register: a copy of a variable length
        // into a buffer would be a call to `memcpy` on every key looked up.
        let rest = words.remainder();
        if !rest.is_empty() {
            self.add(rest.iter().rev().fold(0, |word, &b| word << 8 | u64::from(b)));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// No property in `Schema::by_name`.
const NO_SCHEMA: SchemaId = SchemaId::MAX;

/// The compiled Swagger 2.0 schema (compiled on first use).
pub fn swagger_2_0() -> &'static SpecSchema {
    static SCHEMA: OnceLock<SpecSchema> = OnceLock::new();
    SCHEMA.get_or_init(|| SpecSchema::compile(SWAGGER_SCHEMA, DRAFT_04_META).expect("the bundled Swagger 2.0 schema compiles"))
}

/// Which of the two bundled documents a `$ref` points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Document {
    Swagger,
    Draft04,
}

struct Compiler {
    documents: [&'static Node<'static>; 2],
    schemas: Vec<Schema>,
    done: HashMap<(Document, String), SchemaId>,
}

fn leak(text: &str) -> &'static str {
    // The schema is compiled once per process; its names live as long as it does.
    Box::leak(text.to_owned().into_boxed_str())
}

impl SpecSchema {
    fn compile(swagger: &'static str, draft04: &'static str) -> Result<Self, String> {
        let parse = |text: &'static str| crate::json::parse_strict(text).map_err(|e| e.message()).map(|n| &*Box::leak(Box::new(n)));
        let mut compiler = Compiler { documents: [parse(swagger)?, parse(draft04)?], schemas: Vec::new(), done: HashMap::new() };
        let root = compiler.at(Document::Swagger, "")?;
        if compiler.schemas.iter().any(|s| s.any_of.len().max(s.one_of.len()) > MAX_ALTERNATIVES) {
            return Err(format!("an `anyOf` or `oneOf` has more than {MAX_ALTERNATIVES} alternatives"));
        }
        let mut spec = SpecSchema { schemas: compiler.schemas, root, names: HashMap::default() };
        for id in 0..spec.schemas.len() {
            let discriminators: Vec<(&'static str, SchemaId)> = spec.schemas[id]
                .properties
                .iter()
                .filter_map(|&(name, property)| spec.enumeration_of(property).map(|e| (name, e)))
                .collect();
            let schema = &mut spec.schemas[id];
            schema.property_names = schema.properties.iter().map(|(name, _)| *name).collect();
            schema.discriminators = discriminators;
        }
        spec.skip_plain_references();
        for schema in &spec.schemas {
            for (name, _) in &schema.properties {
                let next = spec.names.len();
                spec.names.entry(name).or_insert(next);
            }
        }
        let count = spec.names.len();
        for schema in &mut spec.schemas {
            if !schema.properties.is_empty() {
                let mut table = vec![NO_SCHEMA; count];
                for (name, id) in &schema.properties {
                    table[spec.names[name]] = *id;
                }
                schema.by_name = table;
            }
        }
        Ok(spec)
    }

    /// Points every use of a schema that is only a `$ref` (`{"$ref": "#/definitions/x"}`, most
    /// of the Swagger schema's fields) at its target, and marks schemas that allow anything
    /// (`{}`, extensions), so that the walk does one step per value instead of two or three.
    fn skip_plain_references(&mut self) {
        let plain = |s: &Schema| s.types.is_none() && !s.constrains_beyond_type();
        let target = |schemas: &[Schema], mut id: SchemaId| {
            for _ in 0..16 {
                match (&schemas[id], schemas[id].reference) {
                    (s, Some(next)) if plain(s) && s.name.is_none() => id = next,
                    _ => break,
                }
            }
            id
        };
        let targets: Vec<SchemaId> = (0..self.schemas.len()).map(|id| target(&self.schemas, id)).collect();
        for schema in &mut self.schemas {
            let to = |id: &mut SchemaId| *id = targets[*id];
            schema.reference.iter_mut().for_each(to);
            schema.properties.iter_mut().for_each(|(_, id)| to(id));
            schema.pattern_properties.iter_mut().for_each(|(_, id)| to(id));
            if let Additional::Schema(id) = &mut schema.additional {
                to(id);
            }
            schema.items.iter_mut().for_each(to);
            schema.all_of.iter_mut().for_each(to);
            schema.any_of.iter_mut().for_each(to);
            schema.one_of.iter_mut().for_each(to);
            schema.not.iter_mut().for_each(to);
        }
        for schema in &mut self.schemas {
            let only_types = schema.reference.is_none() && !schema.constrains_beyond_type();
            schema.allows_anything = only_types && schema.types.is_none();
            schema.only_types = schema.types.filter(|_| only_types);
        }
        self.root = targets[self.root];
        for id in 0..self.schemas.len() {
            let kinds =
                Types::KINDS.iter().enumerate().filter(|&(_, &kind)| self.admits_kind(id, kind)).fold(0, |bits, (i, _)| bits | 1 << i);
            self.schemas[id].admitted_kinds = kinds;
        }
    }

    /// Whether schema `id` (following `$ref`s and `allOf`) allows values of `kind` (one of
    /// [`Types::KINDS`]); the bundled schemas have no cycle of `$ref`s and `allOf`s.
    fn admits_kind(&self, id: SchemaId, kind: u8) -> bool {
        let schema = &self.schemas[id];
        if schema.types.is_some_and(|t| t.0 & kind == 0) {
            return false;
        }
        schema.reference.is_none_or(|r| self.admits_kind(r, kind)) && schema.all_of.iter().all(|&p| self.admits_kind(p, kind))
    }
}

impl Compiler {
    /// The schema at `pointer` in `document`, compiled once.
    fn at(&mut self, document: Document, pointer: &str) -> Result<SchemaId, String> {
        if let Some(id) = self.done.get(&(document, pointer.to_string())) {
            return Ok(*id);
        }
        let root = self.documents[document as usize];
        let node = root.pointer(pointer).ok_or_else(|| format!("no schema at `{pointer}`"))?;
        let id = self.schemas.len();
        self.schemas.push(Schema::empty());
        self.done.insert((document, pointer.to_string()), id);
        let mut schema = self.compile(document, node)?;
        // Messages name the object a violation is in, so only definitions of objects (and
        // choices between them) name their violations; `maxLength` or `mimeType` do not.
        let object_like =
            schema.types.is_some_and(|t| t.0 & Types::OBJECT != 0) || !schema.one_of.is_empty() || !schema.properties.is_empty();
        if object_like {
            schema.name = pointer.strip_prefix("/definitions/").map(leak);
        }
        self.schemas[id] = schema;
        Ok(id)
    }

    /// Compiles an inline schema (one that no `$ref` names).
    fn inline(&mut self, document: Document, node: &'static Node<'static>) -> Result<SchemaId, String> {
        let schema = self.compile(document, node)?;
        self.schemas.push(schema);
        Ok(self.schemas.len() - 1)
    }

    fn resolve(&mut self, document: Document, reference: &str) -> Result<SchemaId, String> {
        let (target, fragment) = match reference.split_once('#') {
            Some(("", fragment)) => (document, fragment),
            Some((url, fragment)) if url == DRAFT_04_URL => (Document::Draft04, fragment),
            _ => return Err(format!("`$ref` `{reference}` points outside the bundled schemas")),
        };
        self.at(target, fragment)
    }

    fn list(&mut self, document: Document, node: Option<&'static Node<'static>>) -> Result<Vec<SchemaId>, String> {
        node.and_then(Node::as_array).unwrap_or_default().iter().map(|n| self.inline(document, n)).collect()
    }

    fn compile(&mut self, document: Document, node: &'static Node<'static>) -> Result<Schema, String> {
        let mut schema = Schema::empty();
        let Some(members) = node.as_object() else { return Ok(schema) };
        for Member { key, value } in members {
            let strings =
                || -> Vec<&'static str> { value.as_array().unwrap_or_default().iter().filter_map(Node::as_str).map(leak).collect() };
            let number = || value.as_number().map(|n| n.value);
            match &*key.text {
                "$ref" => schema.reference = Some(self.resolve(document, value.as_str().unwrap_or_default())?),
                "type" => {
                    let names: Vec<&str> = match value.as_str() {
                        Some(name) => vec![name],
                        None => value.as_array().unwrap_or_default().iter().filter_map(Node::as_str).collect(),
                    };
                    let mut types = Types::default();
                    for name in names {
                        types.0 |= Types::of_name(name).ok_or_else(|| format!("unknown type `{name}`"))?.0;
                    }
                    schema.types = Some(types);
                }
                "enum" => {
                    let literal = |v: &Node| match &v.value {
                        Value::String(s) => Ok(Literal::String(leak(s))),
                        Value::Bool(b) => Ok(Literal::Bool(*b)),
                        _ => Err("only string and boolean enums are supported".to_string()),
                    };
                    schema.enumeration = Some(value.as_array().unwrap_or_default().iter().map(literal).collect::<Result<_, _>>()?);
                }
                "pattern" => schema.pattern = Some(Pattern::new(value.as_str().unwrap_or_default())?),
                "properties" => {
                    for m in value.as_object().unwrap_or_default() {
                        let id = self.inline(document, &m.value)?;
                        schema.properties.push((leak(&m.key.text), id));
                    }
                    schema.properties.sort_by_key(|(name, _)| *name);
                }
                "patternProperties" => {
                    for m in value.as_object().unwrap_or_default() {
                        let id = self.inline(document, &m.value)?;
                        schema.pattern_properties.push((Pattern::new(&m.key.text)?, id));
                    }
                }
                "additionalProperties" => {
                    schema.additional = match value.as_bool() {
                        Some(true) => Additional::Any,
                        Some(false) => Additional::None,
                        None => Additional::Schema(self.inline(document, value)?),
                    }
                }
                "required" => schema.required = strings(),
                "items" if value.as_object().is_some() => schema.items = Some(self.inline(document, value)?),
                "items" => return Err("tuple `items` are not supported".into()),
                "minItems" => schema.min_items = number().map(|n| n as usize),
                "uniqueItems" => schema.unique_items = value.as_bool() == Some(true),
                "minProperties" => schema.min_properties = number().map(|n| n as usize),
                "minimum" => {
                    let exclusive = node.get("exclusiveMinimum").and_then(Node::as_bool) == Some(true);
                    schema.minimum = number().map(|n| (n, exclusive));
                }
                "allOf" => schema.all_of = self.list(document, Some(value))?,
                "anyOf" => schema.any_of = self.list(document, Some(value))?,
                "oneOf" => schema.one_of = self.list(document, Some(value))?,
                "not" => schema.not = Some(self.inline(document, value)?),
                // Annotations, and keywords whose only use in the Swagger schema is permissive.
                "id" | "$schema" | "$comment" | "title" | "description" | "default" | "definitions" | "format" | "additionalItems"
                | "exclusiveMinimum" => {}
                other => return Err(format!("keyword `{other}` is not supported by connlint's schema compiler")),
            }
        }
        Ok(schema)
    }
}

/// What is wrong at a [`Violation`]'s node.
#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// The value's JSON type is not one of these.
    Type(Types),
    /// The value is not one of these allowed values.
    Enum(Cow<'static, [Literal]>),
    /// The object lacks this member.
    Required(&'static str),
    /// The member at [`Violation::key`] is not allowed in this object; `allowed` lists the
    /// names it may have (patterns aside).
    Property { allowed: &'static [&'static str] },
    /// The string does not match this pattern.
    Pattern(&'static str),
    /// The array has fewer items than this.
    MinItems(usize),
    /// The array item at the node repeats the item at this earlier index.
    Duplicate(usize),
    /// The object has fewer members than this.
    MinProperties(usize),
    /// The number is below (or, when exclusive, at) this limit.
    Minimum(f64, bool),
    /// The object matches a shape forbidden here (`not`); in Swagger 2.0 only a `responses`
    /// object made of extensions alone.
    Forbidden,
}

/// One violation of the schema.
#[derive(Debug, Clone)]
pub struct Violation<'a> {
    /// The value that is wrong (for [`ViolationKind::Required`], the object missing a member;
    /// for [`ViolationKind::Property`], the member's value).
    pub node: &'a Node<'a>,
    /// The member key under which `node` stands, or for an array item the key of its array;
    /// for [`ViolationKind::Property`], the key that is not allowed.
    pub key: Option<&'a Key<'a>>,
    /// Whether `key` is `node`'s own key (not its array's).
    pub at_key: bool,
    pub kind: ViolationKind,
    /// The nearest named definition being checked (`queryParameterSubSchema`, `header`, ...).
    pub definition: Option<&'static str>,
}

/// Checks `document` against the Swagger 2.0 specification's schema.
pub fn check<'a>(document: &'a Node<'a>) -> Vec<Violation<'a>> {
    check_from::<false>(document, u32::MAX)
}

/// [`check`], with the members of large objects checked on rayon's threads: for a large
/// document when other threads are free. The violations and their order are [`check`]'s.
pub fn check_in_parallel<'a>(document: &'a Node<'a>) -> Vec<Violation<'a>> {
    check_from::<true>(document, PARALLEL_MEMBERS_FROM)
}

/// [`check`]; with `PARALLEL`, the members of objects of at least `parallel_from` bytes are
/// checked in parallel.
fn check_from<'a, const PARALLEL: bool>(document: &'a Node<'a>, parallel_from: u32) -> Vec<Violation<'a>> {
    let spec = swagger_2_0();
    let mut found = Found::new(parallel_from);
    spec.validate::<PARALLEL>(document, Field::NONE, spec.root, None, &mut found);
    found.violations
}

/// In [`check_in_parallel`], objects whose text is at least this long have their members
/// checked in parallel (`paths` and `definitions` of a large swagger, and the root around them).
const PARALLEL_MEMBERS_FROM: u32 = 64 * 1024;

/// The most alternatives an `anyOf` or `oneOf` of the bundled schemas has (the kinds of
/// security scheme: six); checked when the schema is compiled.
const MAX_ALTERNATIVES: usize = 8;

/// How a value stands to an alternative's discriminating members (see `Schema::discriminators`);
/// in the order alternatives are tried.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Discriminated {
    /// It has them all, with allowed values: most likely the alternative meant.
    Matches,
    /// The alternative has none.
    Neutral,
    /// One is missing or has another value: tried last.
    Differs,
}

/// The key a value is reported under, and whether it is the value's own key.
#[derive(Clone, Copy)]
struct Field<'a> {
    key: Option<&'a Key<'a>>,
    own: bool,
}

impl<'a> Field<'a> {
    const NONE: Field<'static> = Field { key: None, own: false };

    fn member(key: &'a Key<'a>) -> Self {
        Field { key: Some(key), own: true }
    }

    /// An item of the array this field holds.
    fn item(self) -> Self {
        Field { key: self.key, own: false }
    }

    fn violation(self, node: &'a Node<'a>, kind: ViolationKind, definition: Option<&'static str>) -> Violation<'a> {
        Violation { node, key: self.key, at_key: self.own, kind, definition }
    }
}

/// What a walk found: the violations, and how many `enum`s the value matched. Matched enums
/// are evidence for an alternative: a parameter with `"in": "path"` is a path parameter.
struct Found<'a> {
    violations: Vec<Violation<'a>>,
    anchors: usize,
    /// Objects of at least this many bytes have their members checked in parallel.
    parallel_from: u32,
}

impl<'a> Found<'a> {
    fn new(parallel_from: u32) -> Self {
        Found { violations: Vec::new(), anchors: 0, parallel_from }
    }

    /// An empty result for a part of the walk of which this is the result.
    fn part(&self) -> Self {
        Found::new(self.parallel_from)
    }

    fn push(&mut self, violation: Violation<'a>) {
        self.violations.push(violation);
    }

    fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }
}

impl SpecSchema {
    /// Checks `node` against schema `id`. The two commonest cases, a schema that allows anything
    /// and one that allows only some JSON types, are decided here, inlined where it is called,
    /// without the call to the full walk.
    #[inline(always)]
    fn validate<'a, const PARALLEL: bool>(
        &'static self,
        node: &'a Node<'a>,
        key: Field<'a>,
        id: SchemaId,
        outer: Option<&'static str>,
        out: &mut Found<'a>,
    ) {
        let schema = &self.schemas[id];
        if schema.allows_anything {
            return;
        }
        if let Some(types) = schema.only_types {
            if !types.admits(node) {
                out.push(key.violation(node, ViolationKind::Type(types), outer));
            }
            return;
        }
        self.walk::<PARALLEL>(node, key, schema, outer, out);
    }

    #[inline(never)]
    fn walk<'a, const PARALLEL: bool>(
        &'static self,
        node: &'a Node<'a>,
        key: Field<'a>,
        schema: &'static Schema,
        outer: Option<&'static str>,
        out: &mut Found<'a>,
    ) {
        let within = schema.name.or(outer);
        let push = |out: &mut Found<'a>, kind| out.push(key.violation(node, kind, within));
        if let Some(target) = schema.reference {
            self.validate::<PARALLEL>(node, key, target, within, out);
        }
        if let Some(types) = schema.types {
            if !types.admits(node) {
                // Nothing else about a value of the wrong type is worth saying. It is named
                // from the object it stands in, not from what it should have been.
                out.push(key.violation(node, ViolationKind::Type(types), outer));
                return;
            }
        }
        if let Some(allowed) = &schema.enumeration {
            if allowed.iter().any(|a| a.matches(node)) {
                out.anchors += 1;
            } else {
                push(out, ViolationKind::Enum(Cow::Borrowed(allowed)));
            }
        }
        for &part in &schema.all_of {
            self.validate::<PARALLEL>(node, key, part, within, out);
        }
        if !schema.any_of.is_empty() {
            self.alternatives::<PARALLEL>(node, key, &schema.any_of, within, out);
        }
        if !schema.one_of.is_empty() {
            self.alternatives::<PARALLEL>(node, key, &schema.one_of, within, out);
        }
        match &node.value {
            Value::String(text) => {
                if let Some(pattern) = &schema.pattern {
                    if !pattern.matches(text) {
                        push(out, ViolationKind::Pattern(pattern.source));
                    }
                }
            }
            Value::Number(n) => {
                if let Some((limit, exclusive)) = schema.minimum {
                    if n.value < limit || (exclusive && n.value == limit) {
                        push(out, ViolationKind::Minimum(limit, exclusive));
                    }
                }
            }
            Value::Array(items) => {
                if let Some(min) = schema.min_items {
                    if items.len() < min {
                        push(out, ViolationKind::MinItems(min));
                    }
                }
                if schema.unique_items {
                    for (index, first) in duplicates(items) {
                        out.push(key.item().violation(&items[index], ViolationKind::Duplicate(first), within));
                    }
                }
                if let Some(item_schema) = schema.items {
                    // An item is reported under its array's key (`schemes`, `required`).
                    for item in items {
                        self.validate::<PARALLEL>(item, key.item(), item_schema, within, out);
                    }
                }
            }
            Value::Object(members) => self.object::<PARALLEL>(node, key, members, schema, within, out),
            Value::Null | Value::Bool(_) => {}
        }
        if let Some(forbidden) = schema.not {
            let mut scratch = out.part();
            self.validate::<PARALLEL>(node, key, forbidden, within, &mut scratch);
            let already = out.violations.iter().any(|v| std::ptr::eq(v.node, node) && matches!(v.kind, ViolationKind::MinProperties(_)));
            if scratch.is_empty() && !already {
                push(out, ViolationKind::Forbidden);
            }
        }
    }

    fn object<'a, const PARALLEL: bool>(
        &'static self,
        node: &'a Node<'a>,
        key: Field<'a>,
        members: &'a [Member<'a>],
        schema: &'static Schema,
        within: Option<&'static str>,
        out: &mut Found<'a>,
    ) {
        for name in &schema.required {
            if node.member(name).is_none() {
                out.push(key.violation(node, ViolationKind::Required(name), within));
            }
        }
        if let Some(min) = schema.min_properties {
            if members.len() < min {
                out.push(key.violation(node, ViolationKind::MinProperties(min), within));
            }
        }
        let checks_members =
            !schema.properties.is_empty() || !schema.pattern_properties.is_empty() || !matches!(schema.additional, Additional::Any);
        if !checks_members {
            return;
        }
        let large = PARALLEL && node.span.end.saturating_sub(node.span.start) >= out.parallel_from;
        if !large {
            // The values in a smaller object are smaller still: none is walked in parallel, and
            // from here on the walk is the sequential one, without a test for size.
            for member in members {
                self.member::<false>(member, schema, within, out);
            }
        } else {
            let found: Vec<Found<'a>> = members
                .par_iter()
                .map(|member| {
                    let mut found = out.part();
                    self.member::<true>(member, schema, within, &mut found);
                    found
                })
                .collect();
            for found in found {
                out.violations.extend(found.violations);
                out.anchors += found.anchors;
            }
        }
    }

    /// Checks one member of an object against the object's `schema`. Inlined in the loop over
    /// members: as a call of its own, it made the walk a quarter more instructions.
    #[inline(always)]
    fn member<'a, const PARALLEL: bool>(
        &'static self,
        member: &'a Member<'a>,
        schema: &'static Schema,
        within: Option<&'static str>,
        out: &mut Found<'a>,
    ) {
        let name = &*member.key.text;
        let mut matched = false;
        let property = if schema.by_name.is_empty() { None } else { self.names.get(name).map(|&n| schema.by_name[n]) };
        if let Some(id) = property.filter(|&id| id != NO_SCHEMA) {
            matched = true;
            self.validate::<PARALLEL>(&member.value, Field::member(&member.key), id, within, out);
        }
        for (pattern, id) in &schema.pattern_properties {
            if pattern.matches(name) {
                matched = true;
                self.validate::<PARALLEL>(&member.value, Field::member(&member.key), *id, within, out);
            }
        }
        if matched {
            return;
        }
        match schema.additional {
            Additional::Any => {}
            Additional::Schema(id) => self.validate::<PARALLEL>(&member.value, Field::member(&member.key), id, within, out),
            Additional::None => out.push(Violation {
                node: &member.value,
                key: Some(&member.key),
                at_key: true,
                kind: ViolationKind::Property { allowed: &schema.property_names },
                definition: within,
            }),
        }
    }

    /// `anyOf` and `oneOf`: valid when one alternative is. Otherwise the violations of the
    /// alternative the value most likely meant, with the allowed values of every alternative
    /// merged into its `enum` violations.
    fn alternatives<'a, const PARALLEL: bool>(
        &'static self,
        node: &'a Node<'a>,
        key: Field<'a>,
        options: &[SchemaId],
        within: Option<&'static str>,
        out: &mut Found<'a>,
    ) {
        // An alternative for another JSON type (`items` as an array of schemas, when it is an
        // object) is not what the author meant, unless no alternative takes this type. One whose
        // discriminating members all match (`"in": "query"`) is tried first, one whose members
        // differ (`"in": "body"` for a query parameter) last: in a valid document the first
        // tried is the one that passes, and the others need not be walked.
        //
        // Before all that, alternatives that cannot pass (`"in": "query"` for a header
        // parameter; a `$ref` for a parameter, which needs a `name`) go last. That changes
        // nothing but the time taken: the first alternative to pass is the same, since those
        // never pass, and when none passes every one is walked and judged in the schema's
        // order anyway.
        let mut fits = [false; MAX_ALTERNATIVES];
        for (fits, &option) in fits.iter_mut().zip(options) {
            *fits = self.admits_type(option, node);
        }
        let fitting = fits[..options.len().min(MAX_ALTERNATIVES)].iter().filter(|&&f| f).count();
        // Most choices are between JSON types (`type` is a name or a list of names, `items` a
        // schema or a list of schemas): when one alternative alone takes this type, its result
        // is the result, violations and matched enums alike, with nothing to order or merge.
        if fitting == 1 {
            let only = options.iter().zip(fits).find(|(_, fits)| *fits).map(|(&option, _)| option);
            if let Some(option) = only {
                self.validate::<PARALLEL>(node, key, option, within, out);
                return;
            }
        }
        let mut order = [(false, Discriminated::Matches, 0, 0); MAX_ALTERNATIVES];
        let mut count = 0;
        for (index, &option) in options.iter().enumerate().take(MAX_ALTERNATIVES) {
            if fitting > 0 && !fits[index] {
                continue;
            }
            order[count] = (self.surely_fails(option, node, 0), self.discriminated(option, node), index, option);
            count += 1;
        }
        let order = &mut order[..count];
        order.sort_unstable_by_key(|&(fails, class, index, _)| (fails, class, index));
        let mut tried: Vec<(usize, Found<'a>)> = Vec::new();
        for &(_, _, index, option) in order.iter() {
            let mut found = out.part();
            self.validate::<PARALLEL>(node, key, option, within, &mut found);
            if found.is_empty() {
                out.anchors += found.anchors;
                return;
            }
            tried.push((index, found));
        }
        // Judged and merged in the schema's order of alternatives, whatever order they ran in.
        tried.sort_by_key(|(index, _)| *index);
        let mut tried: Vec<Found<'a>> = tried.into_iter().map(|(_, found)| found).collect();
        // Fewest violations first; then the most matched enums (`"in": "path"` makes a path
        // parameter); then the nearest misspelling (`Query` is a query parameter).
        let best = tried
            .iter()
            .enumerate()
            .min_by_key(|(i, found)| {
                (found.violations.len(), std::cmp::Reverse(found.anchors), found.violations.iter().map(closeness).sum::<usize>(), *i)
            })
            .map_or(0, |(i, _)| i);
        out.anchors += tried[best].anchors;
        let mut chosen = std::mem::take(&mut tried[best].violations);
        for violation in &mut chosen {
            let ViolationKind::Enum(allowed) = &mut violation.kind else { continue };
            let allowed_here: &[Literal] = allowed;
            // The values that pick another alternative (a one-value enum, such as each kind of
            // parameter's `in`), in the alternatives' order: `Query` is none of `body`, `header`,
            // `formData`, `query` and `path`. A wider enum of another alternative (a form
            // parameter's types, which add `file`) says nothing about this one, so it is not merged.
            let mut merged: Vec<Literal> = Vec::new();
            for (i, found) in tried.iter().enumerate() {
                let values: &[Literal] = if i == best { allowed_here } else { &[] };
                let others = found.violations.iter().filter(|v| std::ptr::eq(v.node, violation.node)).filter_map(|v| match &v.kind {
                    ViolationKind::Enum(values) if i == best || values.len() == 1 => Some(&**values),
                    _ => None,
                });
                for value in values.iter().chain(others.flatten()) {
                    if !merged.contains(value) {
                        merged.push(*value);
                    }
                }
            }
            if merged.len() != allowed.len() {
                *allowed = Cow::Owned(merged);
            }
        }
        out.violations.extend(chosen);
    }

    /// The schema holding the `enum` of schema `id`, following `$ref`s.
    fn enumeration_of(&self, mut id: SchemaId) -> Option<SchemaId> {
        for _ in 0..8 {
            let schema = &self.schemas[id];
            if schema.enumeration.is_some() {
                return Some(id);
            }
            id = schema.reference?;
        }
        None
    }

    /// How `node` stands to the discriminating members of schema `id` (following `$ref`s).
    fn discriminated(&self, mut id: SchemaId, node: &Node) -> Discriminated {
        for _ in 0..8 {
            let schema = &self.schemas[id];
            if !schema.discriminators.is_empty() {
                let all = schema.discriminators.iter().all(|&(name, e)| {
                    let allowed = self.schemas[e].enumeration.as_deref().unwrap_or_default();
                    node.get(name).is_some_and(|v| allowed.iter().any(|a| a.matches(v)))
                });
                return if all { Discriminated::Matches } else { Discriminated::Differs };
            }
            match schema.reference {
                Some(next) => id = next,
                None => return Discriminated::Neutral,
            }
        }
        Discriminated::Neutral
    }

    /// Whether validating `node` against schema `id` is sure to find a violation, judged from
    /// what is cheap to see: a JSON type or value not allowed, a required member missing, a
    /// discriminating member (`in`, `type`) with a value other than the allowed ones, or the
    /// same of every alternative, a `$ref` target or an `allOf` part. `false` when unsure.
    fn surely_fails(&self, id: SchemaId, node: &Node, depth: usize) -> bool {
        let schema = &self.schemas[id];
        if schema.allows_anything || depth > 8 {
            return false;
        }
        if schema.types.is_some_and(|t| !t.admits(node)) {
            return true;
        }
        if schema.enumeration.as_ref().is_some_and(|allowed| !allowed.iter().any(|a| a.matches(node))) {
            return true;
        }
        if let Value::Object(_) = &node.value {
            if schema.required.iter().any(|name| node.member(name).is_none()) {
                return true;
            }
            let differs = |&(name, e): &(&str, SchemaId)| {
                let allowed = self.schemas[e].enumeration.as_deref().unwrap_or_default();
                node.get(name).is_some_and(|v| !allowed.iter().any(|a| a.matches(v)))
            };
            if schema.discriminators.iter().any(differs) {
                return true;
            }
        }
        let fails = |&part: &SchemaId| self.surely_fails(part, node, depth + 1);
        schema.reference.iter().any(fails)
            || schema.all_of.iter().any(fails)
            || (!schema.any_of.is_empty() && schema.any_of.iter().all(fails))
            || (!schema.one_of.is_empty() && schema.one_of.iter().all(fails))
    }

    /// Whether schema `id` (following `$ref`s and `allOf`) allows `node`'s JSON type.
    fn admits_type(&self, id: SchemaId, node: &Node) -> bool {
        self.schemas[id].admitted_kinds & 1 << Types::kind(node) != 0
    }
}

/// How far a violation is from what the author meant: 0 for a value that differs from an
/// allowed one only in case, 1 for a near miss, 2 otherwise. Among alternatives with as many
/// violations, the closest is the one reported.
fn closeness(violation: &Violation<'_>) -> usize {
    match (&violation.kind, violation.node.as_str()) {
        (ViolationKind::Enum(allowed), Some(value)) => {
            let strings = || allowed.iter().filter_map(|a| a.as_str());
            if strings().any(|a| a.eq_ignore_ascii_case(value)) {
                0
            } else if strings().any(|a| near(a, value)) {
                1
            } else {
                2
            }
        }
        _ => 2,
    }
}

/// Whether `a` and `b` share a case-insensitive prefix of at least three characters.
fn near(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x.eq_ignore_ascii_case(y)).count();
    common >= 3
}

/// `(index, first index)` of every item equal to an earlier one.
fn duplicates(items: &[Node]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if items.len() < 2 {
        return out;
    }
    // Most arrays are short: compare their fingerprints pairwise, without sorting.
    const SHORT: usize = 16;
    if items.len() <= SHORT {
        let mut prints = [0u64; SHORT];
        for (print, item) in prints.iter_mut().zip(items) {
            *print = fingerprint(item);
        }
        for i in 1..items.len() {
            if let Some(first) = (0..i).find(|&j| prints[j] == prints[i] && items[j].same_value(&items[i])) {
                out.push((i, first));
            }
        }
        return out;
    }
    // Items that differ usually differ in their first bytes of structure: a cheap fingerprint
    // keeps the pairwise comparison to the items that may be equal.
    let prints: Vec<u64> = items.iter().map(fingerprint).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (prints[i], i));
    for group in order.chunk_by(|&a, &b| prints[a] == prints[b]) {
        for (n, &i) in group.iter().enumerate().skip(1) {
            if let Some(&first) = group[..n].iter().find(|&&j| items[j].same_value(&items[i])) {
                out.push((i, first));
            }
        }
    }
    out.sort_unstable();
    out
}

/// A hash that equal values share (members in any order, numbers by value); only the first
/// levels are looked at, which is enough to tell most items apart.
fn fingerprint(node: &Node) -> u64 {
    fn mix(h: u64, v: u64) -> u64 {
        (h ^ v).wrapping_mul(0x100_0000_01b3)
    }
    // The length and the first and last eight bytes: enough to tell most texts apart without
    // reading long descriptions byte by byte.
    fn text(s: &str) -> u64 {
        let bytes = s.as_bytes();
        let word = |part: &[u8]| {
            let mut word = [0u8; 8];
            word[..part.len()].copy_from_slice(part);
            u64::from_le_bytes(word)
        };
        let head = word(&bytes[..bytes.len().min(8)]);
        let tail = word(&bytes[bytes.len().saturating_sub(8)..]);
        mix(mix(mix(0xcbf2_9ce4_8422_2325, bytes.len() as u64), head), tail)
    }
    fn walk(node: &Node, depth: u32) -> u64 {
        match &node.value {
            Value::Null => 1,
            Value::Bool(b) => 2 + u64::from(*b),
            Value::Number(n) => mix(4, if n.value == 0.0 { 0 } else { n.value.to_bits() }),
            Value::String(s) => mix(5, text(s)),
            Value::Array(items) if depth == 0 => mix(6, items.len() as u64),
            Value::Array(items) => items.iter().fold(mix(6, items.len() as u64), |h, i| mix(h, walk(i, depth - 1))),
            Value::Object(members) if depth == 0 => mix(7, members.len() as u64),
            // Summed, so that the order of members does not matter.
            Value::Object(members) => {
                members.iter().fold(mix(7, members.len() as u64), |h, m| h.wrapping_add(mix(text(&m.key.text), walk(&m.value, depth - 1))))
            }
        }
    }
    walk(node, 2)
}

#[cfg(test)]
mod tests;
