//! The change between an old and a new version of a connector, as `breaking` rules see it: what
//! matches between the two [`ConnectorModel`]s. Depends on `connlint_core` only; the rules run
//! through [`crate::diff`].
//!
//! Operations are matched by operationId (an operation without one by `METHOD /path`). Every
//! matched operation's inputs (parameters and, for a body, every property of its schema) and
//! outputs (the primary success response's schema, and a webhook's notification content) are
//! flattened into [`Field`]s keyed by their path (see [`fields`]). Rules then compare
//! [`FieldPair`]s, so reordered keys and a `$ref` replaced by its inline equivalent are no change
//! at all.
//!
//! Positions are [`Loc`]s: a span in a file of one [`Side`]. A rule reports on the new file, or on
//! the old one for something that was removed, and labels the other side's counterpart (see
//! `ChangeCx::report`).

pub mod fields;

pub use fields::{input_fields, output_fields, pair_fields, Field, FieldKind, FieldPair};

use connlint_core::json::{Node, Value};
use connlint_core::model::api_properties::ApiProperties;
use connlint_core::model::swagger::{Operation, Response, Swagger};
use connlint_core::{ConnectorModel, FileId, Span};
use std::collections::{HashMap, HashSet};

/// Which version of the connector a position is in. `connlint check` sees one version, the
/// connector being linted, which is `New`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Old,
    #[default]
    New,
}

impl Side {
    pub fn word(self) -> &'static str {
        match self {
            Side::Old => "old",
            Side::New => "new",
        }
    }
}

/// A position in one file of one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub side: Side,
    pub file: FileId,
    pub span: Span,
}

/// An operation present in both versions.
#[derive(Debug)]
pub struct OperationPair<'m, 'a> {
    /// The operationId (or `METHOD /path` when there is none).
    pub key: String,
    pub old: &'m Operation<'a>,
    pub new: &'m Operation<'a>,
    pub inputs: Vec<FieldPair<'a>>,
    pub outputs: Vec<FieldPair<'a>>,
    /// The success response whose schema the designer uses, on each side.
    pub old_response: Option<&'m Response<'a>>,
    pub new_response: Option<&'m Response<'a>>,
}

impl OperationPair<'_, '_> {
    /// `operation/<id>/<label>`, the way Microsoft's change validator names a field.
    pub fn path_of(&self, field: &Field<'_>) -> String {
        format!("operation/{}/{}", self.key, field.label)
    }
}

/// Both versions of a connector and what matches between them; what `breaking` rules see.
pub struct Change<'m, 'a> {
    pub old: &'m ConnectorModel<'a>,
    pub new: &'m ConnectorModel<'a>,
    /// Operations present in both, in the new file's order.
    pub operations: Vec<OperationPair<'m, 'a>>,
    /// Old operations with no match in the new file.
    pub removed: Vec<&'m Operation<'a>>,
    /// New operations with no match in the old file.
    pub added: Vec<&'m Operation<'a>>,
}

/// The key operations are matched by.
pub fn operation_key(op: &Operation<'_>) -> String {
    match op.operation_id {
        Some(id) => id.value.to_string(),
        None => format!("{} {}", op.method.as_str().to_uppercase(), op.path.text),
    }
}

impl<'m, 'a> Change<'m, 'a> {
    /// Matches the operations of `old` and `new` and flattens their fields.
    pub fn new(old: &'m ConnectorModel<'a>, new: &'m ConnectorModel<'a>) -> Self {
        let mut change = Change { old, new, operations: Vec::new(), removed: Vec::new(), added: Vec::new() };
        let (Some(old_swagger), Some(new_swagger)) = (old.swagger.as_ref(), new.swagger.as_ref()) else { return change };
        let mut old_ops: HashMap<String, &'m Operation<'a>> = HashMap::new();
        for op in &old_swagger.operations {
            old_ops.entry(operation_key(op)).or_insert(op);
        }
        let mut matched = HashSet::new();
        for new_op in &new_swagger.operations {
            let key = operation_key(new_op);
            match old_ops.get(&key) {
                Some(old_op) if matched.insert(key.clone()) => {
                    let old_response = old_op.success_response();
                    let new_response = new_op.success_response();
                    let inputs = pair_fields(input_fields(old_swagger, old_op), input_fields(new_swagger, new_op));
                    let outputs =
                        pair_fields(output_fields(old_swagger, old_op, old_response), output_fields(new_swagger, new_op, new_response));
                    change.operations.push(OperationPair { key, old: old_op, new: new_op, inputs, outputs, old_response, new_response });
                }
                Some(_) => {}
                None => change.added.push(new_op),
            }
        }
        let mut seen = HashSet::new();
        change.removed = old_swagger
            .operations
            .iter()
            .filter(|op| {
                let key = operation_key(op);
                !matched.contains(&key) && seen.insert(key)
            })
            .collect();
        change
    }

    pub fn old_swagger(&self) -> Option<&'m Swagger<'a>> {
        self.old.swagger.as_ref()
    }

    pub fn new_swagger(&self) -> Option<&'m Swagger<'a>> {
        self.new.swagger.as_ref()
    }

    pub fn old_api_properties(&self) -> Option<&'m ApiProperties<'a>> {
        self.old.api_properties.as_ref()
    }

    pub fn new_api_properties(&self) -> Option<&'m ApiProperties<'a>> {
        self.new.api_properties.as_ref()
    }

    /// A position in the old swagger.
    pub fn old_at(&self, span: Span) -> Loc {
        Loc { side: Side::Old, file: self.old_swagger().map_or(FileId(0), |s| s.file), span }
    }

    /// A position in the new swagger.
    pub fn new_at(&self, span: Span) -> Loc {
        Loc { side: Side::New, file: self.new_swagger().map_or(FileId(0), |s| s.file), span }
    }

    /// A position in the old apiProperties.json.
    pub fn old_props_at(&self, span: Span) -> Loc {
        Loc { side: Side::Old, file: self.old_api_properties().map_or(FileId(0), |s| s.file), span }
    }

    /// A position in the new apiProperties.json.
    pub fn new_props_at(&self, span: Span) -> Loc {
        Loc { side: Side::New, file: self.new_api_properties().map_or(FileId(0), |s| s.file), span }
    }

    /// A position in the swagger of `side`.
    pub fn at(&self, side: Side, span: Span) -> Loc {
        match side {
            Side::Old => self.old_at(span),
            Side::New => self.new_at(span),
        }
    }

    /// Every input field pair of every matched operation.
    pub fn inputs(&self) -> impl Iterator<Item = (&OperationPair<'m, 'a>, &FieldPair<'a>)> {
        self.operations.iter().flat_map(|op| op.inputs.iter().map(move |f| (op, f)))
    }

    /// Every output field pair of every matched operation.
    pub fn outputs(&self) -> impl Iterator<Item = (&OperationPair<'m, 'a>, &FieldPair<'a>)> {
        self.operations.iter().flat_map(|op| op.outputs.iter().map(move |f| (op, f)))
    }

    /// For a field that exists only on one side, where its enclosing field (or, for a
    /// parameter or response root, its operation) is on the `other` side.
    pub fn parent_on(&self, op: &OperationPair<'_, '_>, field: &Field<'_>, other: Side) -> Loc {
        let pairs = match field.kind {
            FieldKind::Root => &op.outputs,
            _ if op.inputs.iter().any(|p| [&p.old, &p.new].into_iter().flatten().any(|f| std::ptr::eq(f, field))) => &op.inputs,
            _ => &op.outputs,
        };
        let parent = field.parent.as_ref().and_then(|key| {
            pairs.iter().find_map(|p| {
                let f = if other == Side::Old { p.old.as_ref() } else { p.new.as_ref() };
                f.filter(|f| &f.key == key)
            })
        });
        match (parent, other) {
            (Some(f), side) => self.at(side, f.anchor),
            (None, Side::Old) => self.old_at(op.old.span()),
            (None, Side::New) => self.new_at(op.new.span()),
        }
    }

    /// Where a field is, on the side it belongs to.
    pub fn field_at(&self, side: Side, field: &Field<'_>) -> Loc {
        match side {
            Side::Old => self.old_at(field.anchor),
            Side::New => self.new_at(field.anchor),
        }
    }
}

/// Parameters that were renamed, or moved to another `in`, as `(old, new)` indices into
/// `op.inputs`: an old-only and a new-only parameter with the same name in another location,
/// or in the same location with the same non-empty `x-ms-summary`.
pub fn renamed_parameters(op: &OperationPair<'_, '_>) -> Vec<(usize, usize)> {
    let only = |old: bool| -> Vec<usize> {
        op.inputs
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                let (this, that) = if old { (&p.old, &p.new) } else { (&p.new, &p.old) };
                that.is_none() && this.as_ref().is_some_and(|f| f.kind == FieldKind::Parameter)
            })
            .map(|(i, _)| i)
            .collect()
    };
    let (removed, added) = (only(true), only(false));
    fn describe<'f>(f: &Field<'f>) -> (&'f str, &'f str, &'f str) {
        let node = f.node();
        let text = |k: &str| node.and_then(|n| n.get(k)).and_then(Node::as_str).unwrap_or("");
        (text("name"), text("in"), text("x-ms-summary").trim())
    }
    let mut pairs = Vec::new();
    let mut used = HashSet::new();
    for &r in &removed {
        let Some(old) = op.inputs[r].old.as_ref() else { continue };
        let (name, location, summary) = describe(old);
        let found = added.iter().copied().find(|a| {
            let Some(new) = op.inputs[*a].new.as_ref() else { return false };
            let (new_name, new_location, new_summary) = describe(new);
            !used.contains(a)
                && ((name == new_name && location != new_location)
                    || (location == new_location && !summary.is_empty() && summary == new_summary))
        });
        if let Some(a) = found {
            used.insert(a);
            pairs.push((r, a));
        }
    }
    pairs
}

/// A short rendering of a JSON value for messages (`"abc"`, `12`, `an object`).
pub fn show(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.value.to_string(),
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::{Connector, FileRole};
    use std::path::PathBuf;

    fn connector(text: &str) -> Connector {
        Connector::from_memory([(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), text.as_bytes().to_vec())])
    }

    #[test]
    fn operations_are_matched_by_id_and_removed_and_added_ones_listed() {
        let old = connector(r#"{"paths": {"/a": {"get": {"operationId": "A"}, "post": {"operationId": "B"}}, "/c": {"get": {}}}}"#);
        let new = connector(r#"{"paths": {"/a2": {"get": {"operationId": "A"}, "put": {"operationId": "C"}}, "/c": {"get": {}}}}"#);
        let (old, new) = (old.model(), new.model());
        let change = Change::new(&old, &new);
        let keys: Vec<_> = change.operations.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["A", "GET /c"]);
        assert_eq!(change.removed.iter().map(|o| operation_key(o)).collect::<Vec<_>>(), ["B"]);
        assert_eq!(change.added.iter().map(|o| operation_key(o)).collect::<Vec<_>>(), ["C"]);
    }
}
