//! One reading of a Swagger schema: `$ref`s followed and `allOf` parts merged.
//!
//! A [`SchemaView`] is the set of schema objects a schema node stands for: the node itself (or
//! what its `$ref` names), then its `allOf` parts, depth first, each object once. Keywords are
//! read from the first part that has them; `properties` and `required` are merged across parts.
//! [`nested`] walks the properties and array items below a view, cutting recursive schemas at
//! their first repetition.
//!
//! Every walk of schemas in connlint goes through this module, so all share one limit policy:
//!
//! - `$ref`s are resolved with [`Swagger::resolve_ref`] (local references, chains followed,
//!   cycles stopped); a target already followed for the same view is not followed again.
//! - `allOf` parts are followed [`MAX_DEPTH`] levels deep at most, and a view merges at most
//!   [`MAX_PARTS`] objects; a view that hit a limit or an unresolvable `$ref` is not
//!   [complete](SchemaView::complete).
//! - [`nested`] goes [`MAX_DEPTH`] levels of properties and items deep at most, does not expand a
//!   schema that refers back to one of its ancestors (it is listed, marked
//!   [`recursive`](Nested::recursive)), and lists at most [`MAX_NESTED`] entries.

use super::swagger::Swagger;
use crate::json::{Member, Node};
use crate::source::Span;

/// How deep `allOf` parts, and properties and items below a schema, are followed.
pub const MAX_DEPTH: usize = 32;
/// How many schema objects one view merges at most.
pub const MAX_PARTS: usize = 64;
/// How many entries [`nested`] lists at most, so that a huge, deeply shared schema stays cheap.
pub const MAX_NESTED: usize = 20_000;

/// The schema objects one schema node stands for, `$ref`s followed and `allOf` parts merged.
#[derive(Debug, Clone, Default)]
pub struct SchemaView<'a> {
    /// The node (or its `$ref` target) first, then its `allOf` parts, depth first; only objects,
    /// each once.
    pub parts: Vec<&'a Node<'a>>,
    /// The `$ref` targets met, in order (also those that did not resolve or repeated one).
    pub refs: Vec<&'a str>,
    /// Whether every `$ref` resolved and no limit was hit: only then do the parts say all there
    /// is to say about the schema.
    pub complete: bool,
}

impl<'a> SchemaView<'a> {
    /// The view of the schema `node` of `swagger`.
    pub fn of(swagger: &Swagger<'a>, node: &'a Node<'a>) -> Self {
        let mut view = SchemaView { parts: Vec::new(), refs: Vec::new(), complete: true };
        view.add(swagger, node, 0);
        view
    }

    fn add(&mut self, swagger: &Swagger<'a>, node: &'a Node<'a>, depth: usize) {
        if depth > MAX_DEPTH || self.parts.len() >= MAX_PARTS {
            self.complete = false;
            return;
        }
        let node = match node.get("$ref").and_then(Node::as_str) {
            Some(target) => {
                let repeated = self.refs.contains(&target);
                self.refs.push(target);
                if repeated {
                    return;
                }
                match swagger.resolve_ref(target) {
                    Ok(resolved) => resolved,
                    Err(_) => {
                        self.complete = false;
                        return;
                    }
                }
            }
            None => node,
        };
        if node.as_object().is_none() || self.parts.iter().any(|p| std::ptr::eq(*p, node)) {
            return;
        }
        self.parts.push(node);
        for part in node.get("allOf").and_then(Node::as_array).unwrap_or_default() {
            self.add(swagger, part, depth + 1);
        }
    }

    /// The first part (the node itself, or its `$ref` target).
    pub fn node(&self) -> Option<&'a Node<'a>> {
        self.parts.first().copied()
    }

    /// The member `keyword` of the first part that has one.
    pub fn member(&self, keyword: &str) -> Option<&'a Member<'a>> {
        self.parts.iter().find_map(|p| p.member(keyword))
    }

    /// The value of `keyword` in the first part that has one.
    pub fn get(&self, keyword: &str) -> Option<&'a Node<'a>> {
        self.member(keyword).map(|m| &m.value)
    }

    /// A string keyword (see [`SchemaView::get`]).
    pub fn str(&self, keyword: &str) -> Option<&'a str> {
        self.get(keyword).and_then(Node::as_str)
    }

    /// The properties of all parts, each name once (the first part that declares it wins), in
    /// part and then member order.
    pub fn properties(&self) -> Vec<&'a Member<'a>> {
        let mut out: Vec<&'a Member<'a>> = Vec::new();
        for part in &self.parts {
            for m in part.get("properties").and_then(Node::as_object).unwrap_or_default() {
                if !out.iter().any(|o| o.key.text == m.key.text) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The names that the parts' `required` arrays list, with the span of each entry.
    pub fn required(&self) -> Vec<(&'a str, Span)> {
        self.parts
            .iter()
            .filter_map(|p| p.get("required").and_then(Node::as_array))
            .flatten()
            .filter_map(|n| Some((n.as_str()?, n.span)))
            .collect()
    }

    /// The `items` member (an object) of the first part that has one.
    pub fn items(&self) -> Option<&'a Member<'a>> {
        self.parts.iter().find_map(|p| p.member("items")).filter(|m| m.value.as_object().is_some())
    }

    /// `additionalProperties` of the first part that has it.
    pub fn additional_properties(&self) -> Option<&'a Node<'a>> {
        self.get("additionalProperties")
    }

    /// Whether the schema is an array: `type: array`, or `items` without a `type`.
    pub fn is_array(&self) -> bool {
        match self.str("type") {
            Some(ty) => ty == "array",
            None => self.get("type").is_none() && self.items().is_some(),
        }
    }
}

impl<'a> Swagger<'a> {
    /// The view of the schema `node` (see [`SchemaView`]).
    pub fn schema(&self, node: &'a Node<'a>) -> SchemaView<'a> {
        SchemaView::of(self, node)
    }

    /// `node`, or the node its `$ref` names; `None` when that does not resolve.
    pub fn deref(&self, node: &'a Node<'a>) -> Option<&'a Node<'a>> {
        match node.get("$ref").and_then(Node::as_str) {
            Some(target) => self.resolve_ref(target).ok(),
            None => Some(node),
        }
    }
}

/// What a [`Nested`] entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A property of the enclosing schema.
    Property,
    /// The item schema of the enclosing array schema.
    Items,
}

/// A property or item schema somewhere below a schema.
#[derive(Debug, Clone)]
pub struct Nested<'a> {
    pub step: Step,
    /// The property's member (its key is the name), or the `items` member.
    pub member: &'a Member<'a>,
    /// The enclosing entry, as an index into [`nested`]'s list; `None` right below the root.
    pub parent: Option<usize>,
    /// 1 right below the root.
    pub depth: usize,
    /// The entry's schema.
    pub view: SchemaView<'a>,
    /// For a property, the entry of the enclosing schema's `required` that names it.
    pub required: Option<Span>,
    /// The schema refers back to the root or an enclosing entry's schema, and was not expanded.
    pub recursive: bool,
}

/// Every property and item schema below `root`, depth first in document order: an entry, then
/// what is below it; a schema's properties before its items.
pub fn nested<'a>(swagger: &Swagger<'a>, root: &SchemaView<'a>) -> Vec<Nested<'a>> {
    let mut out = Vec::new();
    let mut active: Vec<&'a str> = root.refs.clone();
    expand(swagger, root, None, 1, &mut active, &mut out);
    out
}

fn expand<'a>(
    swagger: &Swagger<'a>,
    view: &SchemaView<'a>,
    parent: Option<usize>,
    depth: usize,
    active: &mut Vec<&'a str>,
    out: &mut Vec<Nested<'a>>,
) {
    let required = view.required();
    let children = view.properties().into_iter().map(|m| (Step::Property, m)).chain(view.items().map(|m| (Step::Items, m)));
    for (step, member) in children {
        if out.len() >= MAX_NESTED {
            return;
        }
        let child = SchemaView::of(swagger, &member.value);
        let recursive = child.refs.iter().any(|r| active.contains(r));
        let required = match step {
            Step::Property => required.iter().find(|(n, _)| *n == &*member.key.text).map(|(_, s)| *s),
            Step::Items => None,
        };
        let index = out.len();
        out.push(Nested { step, member, parent, depth, view: child, required, recursive });
        if recursive || depth >= MAX_DEPTH {
            continue;
        }
        let before = active.len();
        active.extend(out[index].view.refs.iter().copied());
        let child = out[index].view.clone();
        expand(swagger, &child, Some(index), depth + 1, active, out);
        active.truncate(before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;
    use crate::model::FileId;

    fn names(text: &str, schema: &str) -> Vec<String> {
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let node = root.pointer(schema).unwrap();
        let view = swagger.schema(node);
        nested(&swagger, &view)
            .iter()
            .map(|n| {
                let flags =
                    format!("{}{}", if n.required.is_some() { " required" } else { "" }, if n.recursive { " recursive" } else { "" });
                format!("{} {:?}{flags}", n.member.key.text, n.depth)
            })
            .collect()
    }

    #[test]
    fn follows_refs_merges_all_of_and_cuts_cycles() {
        let text = r##"{"definitions": {
            "Node": {"allOf": [{"$ref": "#/definitions/Base"}, {"properties": {"child": {"$ref": "#/definitions/Node"}, "tags": {"type": "array", "items": {"type": "string"}}}}]},
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}}}"##;
        assert_eq!(names(text, "/definitions/Node"), ["id 1 required", "child 1 recursive", "tags 1", "items 2"]);
    }

    #[test]
    fn a_view_reads_keywords_from_the_first_part_and_knows_when_it_is_incomplete() {
        let text = r##"{"definitions": {
            "A": {"allOf": [{"$ref": "#/definitions/B"}, {"$ref": "#/definitions/Missing"}], "properties": {"x": {}}},
            "B": {"type": "array", "items": {"type": "string"}, "properties": {"x": {"type": "string"}, "y": {}}}}}"##;
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let view = swagger.schema(root.pointer("/definitions/A").unwrap());
        assert_eq!(view.parts.len(), 2);
        assert_eq!(view.refs, ["#/definitions/B", "#/definitions/Missing"]);
        assert!(!view.complete);
        assert!(view.is_array());
        let props: Vec<_> = view.properties().iter().map(|m| m.key.text.to_string()).collect();
        assert_eq!(props, ["x", "y"]);
        assert!(view.properties()[0].value.get("type").is_none(), "the first part's `x` wins");
    }

    #[test]
    fn self_referencing_all_of_ends() {
        let text = r##"{"definitions": {"A": {"allOf": [{"$ref": "#/definitions/A"}], "properties": {"a": {}}}}}"##;
        assert_eq!(names(text, "/definitions/A"), ["a 1"]);
    }
}
