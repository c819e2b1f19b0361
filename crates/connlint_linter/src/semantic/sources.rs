//! What the entries of a call's `parameters` stand for: a literal value, or a reference to a
//! parameter or body property of the operation that makes the call (the source); and which
//! parameter or body property of the called operation (the target) each entry fills.

use super::body::BodyProperty;
use super::calls::Call;
use connlint_core::json::{Member, Node};
use connlint_core::model::extensions::is_internal;
use connlint_core::model::swagger::{Operation, Parameter, Swagger};
use connlint_core::model::{members, Spanned, Str};

/// One entry's value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EntryValue<'a> {
    /// A bare value or `{"value": ...}`.
    Literal(&'a Node<'a>),
    /// `{"parameter": "name"}`.
    Parameter(Str<'a>),
    /// `{"parameterReference": "path"}`.
    ParameterReference(Str<'a>),
    /// Anything else (an object of another shape, a non-string reference).
    Other,
}

/// What an entry of a call's `parameters` holds.
pub(crate) fn entry_value<'a>(member: &'a Member<'a>) -> EntryValue<'a> {
    let value = &member.value;
    if value.as_object().is_none() {
        return EntryValue::Literal(value);
    }
    let text = |key: &str| value.get(key).and_then(|n| n.as_str().map(|s| Spanned::new(s, n.span)));
    if let Some(literal) = value.get("value") {
        EntryValue::Literal(literal)
    } else if let Some(name) = text("parameter") {
        EntryValue::Parameter(name)
    } else if let Some(path) = text("parameterReference") {
        EntryValue::ParameterReference(path)
    } else {
        EntryValue::Other
    }
}

/// The JSON type a parameter declares (its schema's for a body parameter).
pub(crate) fn parameter_type<'a>(swagger: &Swagger<'a>, p: &Parameter<'a>) -> Option<&'a str> {
    if p.is_in("body") {
        return p.schema.and_then(|s| swagger.deref(s)).and_then(|s| s.get("type")).and_then(Node::as_str);
    }
    p.ty.map(|t| t.value)
}

/// A parameter or body property at one end of a call.
#[derive(Debug, Clone)]
pub(crate) struct Slot<'a> {
    /// `parameter `x`` or `body property `a/b``, for messages.
    pub what: String,
    pub ty: Option<&'a str>,
    pub required: bool,
    pub has_default: bool,
    pub internal: bool,
}

impl<'a> Slot<'a> {
    fn of_parameter(swagger: &Swagger<'a>, p: &Parameter<'a>, name: &str) -> Self {
        let node = p.node.unwrap_or(p.site);
        Slot {
            what: format!("parameter `{name}`"),
            ty: parameter_type(swagger, p),
            required: p.is_required(),
            has_default: p.default.is_some(),
            internal: is_internal(node),
        }
    }

    fn of_property(prop: &BodyProperty<'a>) -> Self {
        Slot {
            what: format!("body property `{}`", prop.path),
            ty: prop.schema.get("type").and_then(Node::as_str),
            required: prop.required,
            has_default: prop.schema.get("default").is_some(),
            internal: prop.internal,
        }
    }
}

/// What a `{"parameter": "name"}` reference names in the source operation.
#[derive(Debug, Clone)]
pub(crate) enum Source<'a> {
    /// A parameter of the operation, and no body property has that name.
    Parameter(Slot<'a>),
    /// Only body properties (or a path into a parameter) match.
    Property(Slot<'a>),
    /// Both a parameter and a body property have that name.
    Ambiguous,
    /// Nothing matches.
    NotFound,
}

/// The names a call to `op` may pass: its parameters' names, and the top-level properties of its
/// body's schema (as written, without `allOf` parts).
pub(crate) fn accepted_names<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut params = Vec::new();
    let mut body_props = Vec::new();
    for p in op.effective_parameters(swagger) {
        if let Some(name) = p.name {
            params.push(name.value);
        }
        if p.is_in("body") {
            if let Some(schema) = p.schema.and_then(|s| swagger.deref(s)) {
                body_props.extend(schema.get("properties").map(members).unwrap_or_default().iter().map(|m| &*m.key.text));
            }
        }
    }
    (params, body_props)
}

/// Resolves `{"parameter": name}` (`by_path` false) or `{"parameterReference": name}`
/// (`by_path` true) against the source operation, whose body properties are `props`.
pub(crate) fn resolve_source<'a>(
    swagger: &Swagger<'a>,
    op: &Operation<'a>,
    props: &[BodyProperty<'a>],
    name: &str,
    by_path: bool,
) -> Source<'a> {
    let params: Vec<&Parameter<'a>> = op.effective_parameters(swagger).filter(|p| p.name.is_some_and(|n| n.value == name)).collect();
    if by_path || name.contains('/') {
        if let [p] = params.as_slice() {
            return Source::Parameter(Slot::of_parameter(swagger, p, name));
        }
        let Some((first, rest)) = name.split_once('/') else { return Source::NotFound };
        let is_body = op.effective_parameters(swagger).any(|p| p.is_in("body") && p.name.is_some_and(|n| n.value == first));
        if !is_body {
            return Source::NotFound;
        }
        return props.iter().find(|p| p.path == rest).map_or(Source::NotFound, |p| Source::Property(Slot::of_property(p)));
    }
    let matching: Vec<&BodyProperty<'a>> = props.iter().filter(|p| &*p.key.text == name).collect();
    match (params.as_slice(), matching.as_slice()) {
        ([], []) => Source::NotFound,
        ([p], []) => Source::Parameter(Slot::of_parameter(swagger, p, name)),
        ([], [prop]) => Source::Property(Slot::of_property(prop)),
        ([], _) => Source::Ambiguous,
        (_, []) => Source::NotFound,
        _ => Source::Ambiguous,
    }
}

/// The parameter or body property of the called operation that the entry `key` fills:
/// a parameter of that name, else a top-level body property or a `body/path` (`props` are the
/// operation's body properties). `None` when nothing or more than one thing matches.
pub(crate) fn resolve_target<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, props: &[BodyProperty<'a>], key: &str) -> Option<Slot<'a>> {
    let params: Vec<&Parameter<'a>> = op.effective_parameters(swagger).filter(|p| p.name.is_some_and(|n| n.value == key)).collect();
    let top_level = props.iter().filter(|p| p.path == key).count();
    match params.as_slice() {
        [p] if top_level == 0 => return Some(Slot::of_parameter(swagger, p, key)),
        [] => {}
        _ => return None,
    }
    let path = match key.split_once('/') {
        Some((first, rest)) if op.effective_parameters(swagger).any(|p| p.is_in("body") && p.name.is_some_and(|n| n.value == first)) => {
            rest
        }
        _ => key,
    };
    let mut found = props.iter().filter(|p| p.path == path);
    match (found.next(), found.next()) {
        (Some(prop), None) => Some(Slot::of_property(prop)),
        _ => None,
    }
}

/// One entry of a call's `parameters`, with what it fills and where its value comes from.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    pub call: Call<'a>,
    pub member: &'a Member<'a>,
    pub value: EntryValue<'a>,
    /// The called operation's parameter or body property, when exactly one matches.
    pub target: Option<Slot<'a>>,
    /// For a reference, the source operation's parameter or property, when exactly one matches.
    pub source: Option<Slot<'a>>,
}

/// Every entry of every call that passes parameters to a known operation; `body_properties`
/// gives an operation's body properties.
pub(crate) fn entries<'p, 'a: 'p>(
    swagger: &Swagger<'a>,
    calls: &[Call<'a>],
    body_properties: impl Fn(&Operation<'a>) -> &'p [BodyProperty<'a>],
) -> Vec<Entry<'a>> {
    let mut out = Vec::new();
    for call in calls.iter().cloned() {
        if !call.kind.passes_parameters() {
            continue;
        }
        let Some(target_op) = call.target(swagger) else { continue };
        let source_op = call.source.map(|i| &swagger.operations[i]);
        for member in call.parameter_members() {
            let value = entry_value(member);
            let source = match (value, source_op) {
                (EntryValue::Parameter(name), Some(op)) => resolve_source(swagger, op, body_properties(op), name.value, false),
                (EntryValue::ParameterReference(path), Some(op)) => resolve_source(swagger, op, body_properties(op), path.value, true),
                _ => Source::NotFound,
            };
            let source = match source {
                Source::Parameter(slot) | Source::Property(slot) => Some(slot),
                Source::Ambiguous | Source::NotFound => None,
            };
            let target = resolve_target(swagger, target_op, body_properties(target_op), &member.key.text);
            out.push(Entry { call: call.clone(), member, value, target, source });
        }
    }
    out
}

/// Whether two declared JSON types can carry the same values (`integer` fits `number`).
pub(crate) fn types_compatible(source: &str, target: &str) -> bool {
    source == target || matches!((source, target), ("integer", "number") | ("number", "integer"))
}
