//! Inputs and outputs of an operation flattened into [`Field`]s, and the same field on both sides
//! paired into a [`FieldPair`]: `$ref`s followed, `allOf` parts merged and recursive schemas cut
//! at the first repetition.

use connlint_core::json::Node;
use connlint_core::model::extensions::is_internal;
use connlint_core::model::schema::{nested, SchemaView, Step, MAX_NESTED};
use connlint_core::model::swagger::{Operation, Response, Swagger};
use connlint_core::Span;
use std::collections::{HashMap, HashSet};

/// What a flattened field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A parameter of the operation (its path item's included).
    Parameter,
    /// A property of an object schema.
    Property,
    /// The item schema of an array.
    Items,
    /// The root schema of a response or notification.
    Root,
}

/// One input or output field of an operation on one side, with its schema parts resolved.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Matches the same field on the other side: `query:q`, `body:body/name`, `out/items[]/id`.
    pub key: String,
    /// The key of the enclosing field; `None` for parameters and response roots.
    pub parent: Option<String>,
    /// The path as Microsoft's change validator prints it, after `operation/<id>/`.
    pub label: String,
    pub kind: FieldKind,
    /// Where to point: a parameter's name, a property's key, the `items` or `schema` key.
    pub anchor: Span,
    /// The parameter object (for parameters) and the schema objects, `$ref`s followed and
    /// `allOf` parts appended; the first part that has a keyword wins.
    pub parts: Vec<&'a Node<'a>>,
    /// The `required: true` value or the `required` array entry, when the field is required.
    pub required: Option<Span>,
    /// The schema refers back to one of its ancestors; its children were not flattened.
    pub recursive: bool,
}

impl<'a> Field<'a> {
    /// The first value of `keyword` among the parts.
    pub fn get(&self, keyword: &str) -> Option<&'a Node<'a>> {
        self.parts.iter().find_map(|p| p.get(keyword))
    }

    /// The span of the key `keyword` in the part that has it.
    pub fn key_span(&self, keyword: &str) -> Option<Span> {
        self.parts.iter().find_map(|p| p.member(keyword)).map(|m| m.key.span)
    }

    /// The span of `keyword`'s value, else the field's anchor.
    pub fn value_span(&self, keyword: &str) -> Span {
        self.get(keyword).map_or(self.anchor, |n| n.span)
    }

    pub fn str(&self, keyword: &str) -> Option<&'a str> {
        self.get(keyword).and_then(Node::as_str)
    }

    /// The JSON type: `type`, else `object` with `properties`, else `array` with `items`.
    pub fn ty(&self) -> Option<&'a str> {
        self.str("type").or_else(|| {
            if self.get("properties").is_some() {
                Some("object")
            } else if self.get("items").is_some() {
                Some("array")
            } else {
                None
            }
        })
    }

    pub fn format(&self) -> Option<&'a str> {
        self.str("format")
    }

    pub fn enum_values(&self) -> Option<&'a [Node<'a>]> {
        self.get("enum").and_then(Node::as_array)
    }

    pub fn visibility(&self) -> Option<&'a str> {
        self.str("x-ms-visibility")
    }

    pub fn is_required(&self) -> bool {
        self.required.is_some()
    }

    /// `x-ms-visibility: internal`, in the first part that has `x-ms-visibility`.
    pub fn is_internal(&self) -> bool {
        self.parts.iter().find(|p| p.get("x-ms-visibility").is_some()).is_some_and(|p| is_internal(p))
    }

    /// A string keyword of the first part only (the parameter object, for parameters).
    pub fn own_str(&self, keyword: &str) -> Option<&'a str> {
        self.node().and_then(|n| n.get(keyword)).and_then(Node::as_str)
    }

    /// The first part (the parameter object for parameters, else the schema).
    pub fn node(&self) -> Option<&'a Node<'a>> {
        self.parts.first().copied()
    }
}

/// The same field on both sides; one side is `None` when it was added or removed.
#[derive(Debug, Clone)]
pub struct FieldPair<'a> {
    pub old: Option<Field<'a>>,
    pub new: Option<Field<'a>>,
    /// The enclosing field exists on both sides (always true for parameters and roots): an
    /// addition or removal here is not just part of a bigger one.
    pub parent_on_both: bool,
}

impl<'a> FieldPair<'a> {
    pub fn both(&self) -> Option<(&Field<'a>, &Field<'a>)> {
        Some((self.old.as_ref()?, self.new.as_ref()?))
    }
}

/// Records `root`, then a field for every property and item schema below `view` (see
/// [`nested`]), keyed and labelled below the root's; `child_prefix` is the label the root's
/// children are named under.
fn push_with_nested<'a>(swagger: &Swagger<'a>, out: &mut Vec<Field<'a>>, root: Field<'a>, view: &SchemaView<'a>, child_prefix: String) {
    if out.len() >= MAX_NESTED {
        return;
    }
    let base = out.len();
    let root_key = root.key.clone();
    out.push(root);
    for entry in nested(swagger, view) {
        if out.len() >= MAX_NESTED {
            return;
        }
        let (parent_key, prefix) = match entry.parent {
            Some(i) => (&out[base + 1 + i].key, &out[base + 1 + i].label),
            None => (&root_key, &child_prefix),
        };
        let (key, label, kind) = match entry.step {
            Step::Property => {
                let name = &entry.member.key.text;
                (format!("{parent_key}/{name}"), format!("{prefix}/{name}"), FieldKind::Property)
            }
            Step::Items => (format!("{parent_key}[]"), format!("{prefix}[]"), FieldKind::Items),
        };
        let parent = Some(parent_key.clone());
        out.push(Field {
            key,
            parent,
            label,
            kind,
            anchor: entry.member.key.span,
            parts: entry.view.parts,
            required: entry.required,
            recursive: entry.recursive,
        });
    }
}

/// The operation's parameters (its own and its path item's) and every body property.
pub fn input_fields<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<Field<'a>> {
    let mut out = Vec::new();
    for p in op.effective_parameters(swagger) {
        let Some(node) = p.node else { continue };
        let name = p.name.map_or("", |n| n.value);
        let location = p.location.map_or("", |l| l.value);
        // The parameter object is the first part: a non-body parameter's `items` are its own.
        let mut view = p.schema.map(|s| swagger.schema(s)).unwrap_or_default();
        view.parts.insert(0, node);
        let label = format!("parameter/{name}");
        let prefix = if p.schema.is_some() { format!("{label}/schema") } else { label.clone() };
        let field = Field {
            key: format!("{location}:{name}"),
            parent: None,
            label,
            kind: FieldKind::Parameter,
            anchor: p.span(),
            parts: view.parts.clone(),
            required: p.required.filter(|r| r.value).map(|r| r.span),
            recursive: false,
        };
        push_with_nested(swagger, &mut out, field, &view, prefix);
    }
    out
}

/// The fields of the primary success response's schema and, for a webhook trigger, of its
/// path item's `x-ms-notification-content`.
pub fn output_fields<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, response: Option<&Response<'a>>) -> Vec<Field<'a>> {
    let mut out = Vec::new();
    let mut root = |key: &str, label: String, holder: &'a Node<'a>| {
        let Some(schema) = holder.member("schema").filter(|m| m.value.as_object().is_some()) else { return };
        let view = swagger.schema(&schema.value);
        let field = Field {
            key: key.to_string(),
            parent: None,
            label: label.clone(),
            kind: FieldKind::Root,
            anchor: schema.key.span,
            parts: view.parts.clone(),
            required: None,
            recursive: false,
        };
        push_with_nested(swagger, &mut out, field, &view, label);
    };
    if let Some(node) = response.and_then(|r| r.node) {
        root("out", format!("responses/{}/schema", response.map_or("", |r| r.code())), node);
    }
    if op.is_trigger() {
        if let Some(notification) = &swagger.paths[op.path_index].notification_content {
            root("notification", "responses/x-ms-notification-content/schema".into(), notification.node);
        }
    }
    out
}

/// Matches fields by key: new fields in order (with their old counterpart), then the old
/// fields that have none.
pub fn pair_fields<'a>(old: Vec<Field<'a>>, new: Vec<Field<'a>>) -> Vec<FieldPair<'a>> {
    let new_keys: HashSet<String> = new.iter().map(|f| f.key.clone()).collect();
    let mut old_by_key: HashMap<String, Field<'a>> = HashMap::new();
    let mut old_order = Vec::new();
    for f in old {
        if !old_by_key.contains_key(&f.key) {
            old_order.push(f.key.clone());
            old_by_key.insert(f.key.clone(), f);
        }
    }
    let on_both: HashSet<&String> = old_order.iter().filter(|k| new_keys.contains(*k)).collect();
    let parent_ok = |f: &Field<'_>| f.parent.as_ref().is_none_or(|p| on_both.contains(p));
    let mut pairs = Vec::new();
    let mut taken = HashSet::new();
    for f in new {
        if !taken.insert(f.key.clone()) {
            continue;
        }
        let parent_on_both = parent_ok(&f);
        let old = old_by_key.remove(&f.key);
        pairs.push(FieldPair { old, new: Some(f), parent_on_both });
    }
    for key in &old_order {
        if let Some(f) = old_by_key.remove(key) {
            let parent_on_both = parent_ok(&f);
            pairs.push(FieldPair { old: Some(f), new: None, parent_on_both });
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::{Connector, FileRole};
    use std::path::PathBuf;

    fn connector(text: &str) -> Connector {
        Connector::from_memory([(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), text.as_bytes().to_vec())])
    }

    /// A swagger with the operation `op` at `POST /items` and these `definitions`.
    fn doc_with(op: &str, definitions: &str) -> String {
        format!("{{\"swagger\": \"2.0\", \"paths\": {{\"/items\": {{\n\"post\":\n{op}\n}}}},\n\"definitions\": {definitions}}}")
    }

    fn flat_inputs(text: &str) -> Vec<String> {
        let c = connector(text);
        let model = c.model();
        let swagger = model.swagger.as_ref().unwrap();
        input_fields(swagger, &swagger.operations[0])
            .iter()
            .map(|f| {
                format!(
                    "{} {:?}{}{}",
                    f.key,
                    f.ty(),
                    if f.is_required() { " required" } else { "" },
                    if f.recursive { " recursive" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn flattening_follows_refs_merges_all_of_and_stops_at_cycles() {
        let text = doc_with(
            r##"{"operationId": "Add", "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Node"}}]}"##,
            r##"{"Node": {"allOf": [{"$ref": "#/definitions/Base"}, {"properties": {"child": {"$ref": "#/definitions/Node"}, "tags": {"type": "array", "items": {"type": "string"}}}}]},
                "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}}"##,
        );
        assert_eq!(
            flat_inputs(&text),
            [
                "body:body Some(\"object\") required",
                "body:body/id Some(\"integer\") required",
                "body:body/child Some(\"object\") recursive",
                "body:body/tags Some(\"array\")",
                "body:body/tags[] Some(\"string\")",
            ]
        );
    }

    #[test]
    fn ref_and_inline_schema_flatten_to_the_same_fields() {
        let with_ref = doc_with(
            r##"{"operationId": "Add", "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}]}"##,
            r##"{"Item": {"type": "object", "properties": {"name": {"type": "string"}}}}"##,
        );
        let inline = doc_with(
            r##"{"operationId": "Add", "parameters": [{"name": "body", "in": "body", "schema": {"properties": {"name": {"type": "string"}}, "type": "object"}}]}"##,
            "{}",
        );
        assert_eq!(flat_inputs(&with_ref), flat_inputs(&inline));
    }
}
