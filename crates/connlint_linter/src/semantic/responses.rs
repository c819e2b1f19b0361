//! What an operation returns: the schema of its success response, and the lookup of
//! `/`-separated property paths in a schema (`value-path`, `itemsPath`, `nextLinkName` ...).

use connlint_core::json::Node;
use connlint_core::model::schema::{SchemaView, MAX_DEPTH};
use connlint_core::model::swagger::{Operation, Swagger};

/// The schema of the operation's success response (see [`Operation::success_response`]),
/// `$ref` followed.
pub(crate) fn success_schema<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Option<&'a Node<'a>> {
    swagger.deref(op.success_response()?.schema?)
}

/// What a property path leads to.
#[derive(Debug)]
pub(crate) enum Lookup<'a> {
    /// The schema at the end of the path (`$ref`s followed).
    Found(&'a Node<'a>),
    /// `segment` (the `index`-th, from 0) is not a property of a schema whose properties
    /// are all known; `known` lists them.
    Missing { segment: String, index: usize, known: Vec<String> },
    /// The schema is dynamic, free-form or not resolvable: nothing can be said.
    Unknown,
}

/// Whether the schema is an array: `Some(false)` when it declares another type.
pub(crate) fn array_kind(schema: &SchemaView<'_>) -> Option<bool> {
    if schema.is_array() {
        return Some(true);
    }
    schema.str("type").map(|_| false)
}

/// Whether a schema's shape is decided at run time or not fixed.
fn is_open(schema: &Node) -> bool {
    ["x-ms-dynamic-schema", "x-ms-dynamic-properties", "anyOf", "oneOf"].iter().any(|k| schema.get(k).is_some())
        || schema.get("additionalProperties").is_some_and(|a| a.as_bool() != Some(false))
}

/// Looks up one property in `schema` (through `$ref`, array `items` and `allOf`): the
/// property's schema as written, else the names of all properties when they are all known.
fn property<'a>(swagger: &Swagger<'a>, schema: &'a Node<'a>, name: &str) -> Result<&'a Node<'a>, Option<Vec<String>>> {
    let mut view = swagger.schema(schema);
    let mut depth = 0;
    while view.is_array() && view.get("properties").is_none() {
        depth += 1;
        if depth > MAX_DEPTH {
            return Err(None);
        }
        let items = view.items().ok_or(None)?;
        view = swagger.schema(&items.value);
    }
    let properties = view.properties();
    if let Some(m) = properties.iter().find(|m| &*m.key.text == name) {
        return Ok(&m.value);
    }
    if !view.complete || view.parts.iter().any(|p| is_open(p)) || properties.is_empty() {
        return Err(None);
    }
    Err(Some(properties.iter().map(|m| m.key.text.to_string()).collect()))
}

/// Follows a `/`-separated property path (no leading `/`; empty means `schema` itself)
/// from `schema`, stepping into array items where the path goes on below an array.
pub(crate) fn lookup<'a>(swagger: &Swagger<'a>, schema: &'a Node<'a>, path: &str) -> Lookup<'a> {
    let mut current = schema;
    for (index, segment) in path.split('/').filter(|s| !s.is_empty()).enumerate() {
        if segment.contains(['{', '}', '(', ')', ' ']) {
            return Lookup::Unknown;
        }
        match property(swagger, current, segment) {
            Ok(next) => current = next,
            Err(Some(known)) => return Lookup::Missing { segment: segment.to_string(), index, known },
            Err(None) => return Lookup::Unknown,
        }
    }
    swagger.deref(current).map_or(Lookup::Unknown, Lookup::Found)
}

/// The item schema of an array schema (itself when it is not an array).
pub(crate) fn items_of<'a>(swagger: &Swagger<'a>, schema: &'a Node<'a>) -> Option<&'a Node<'a>> {
    let view = swagger.schema(schema);
    if view.is_array() {
        return swagger.deref(&view.items()?.value);
    }
    view.node()
}
