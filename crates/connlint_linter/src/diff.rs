//! `connlint diff`: compares an old and a new version of a connector and runs the `breaking`
//! rules over the differences.
//!
//! Operations are matched by operationId (an operation without one by `METHOD /path`). Every
//! matched operation's inputs (parameters and, for a body, every property of its schema) and
//! outputs (the primary success response's schema, and a webhook's notification content) are
//! flattened into [`Field`]s keyed by their path, with `$ref`s followed, `allOf` parts merged and
//! recursive schemas cut at the first repetition. Rules then compare [`FieldPair`]s, so reordered
//! keys and a `$ref` replaced by its inline equivalent are no change at all.
//!
//! A rule reports on the new file, or on the old one for something that was removed, and names
//! the other side's position in its message (see [`ChangeContext::report`]).

use crate::context::Context;
use crate::diagnostic::{Diagnostic, Finding, ReportedFile};
use crate::engine::{RuleSet, INTERNAL_ERROR};
use crate::rule::{Severity, Visit};
use crate::ConnectorReport;
use connlint_core::json::{Node, Value};
use connlint_core::model::api_properties::ApiProperties;
use connlint_core::model::extensions::is_internal;
use connlint_core::model::schema::{nested, SchemaView, Step, MAX_NESTED};
use connlint_core::model::swagger::{Operation, Response, Swagger};
use connlint_core::{Connector, ConnectorModel, FileId, Span};
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

/// Diagnostics about the old connector carry their file id plus this offset.
const OLD_FILE_BASE: u32 = 1 << 24;

/// Which version of the connector a position is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
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
    pub parts: Vec<&'a Node>,
    /// The `required: true` value or the `required` array entry, when the field is required.
    pub required: Option<Span>,
    /// The schema refers back to one of its ancestors; its children were not flattened.
    pub recursive: bool,
}

impl<'a> Field<'a> {
    /// The first value of `keyword` among the parts.
    pub fn get(&self, keyword: &str) -> Option<&'a Node> {
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

    pub fn enum_values(&self) -> Option<&'a [Node]> {
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
    pub fn node(&self) -> Option<&'a Node> {
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
pub struct ChangeContext<'m, 'a> {
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

impl<'m, 'a> ChangeContext<'m, 'a> {
    /// Matches the operations of `old` and `new` and flattens their fields.
    pub fn new(old: &'m ConnectorModel<'a>, new: &'m ConnectorModel<'a>) -> Self {
        let mut change = ChangeContext { old, new, operations: Vec::new(), removed: Vec::new(), added: Vec::new() };
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

    /// Reports at `at`; the message ends with where the counterpart is in the other file.
    pub fn report<'c>(&self, cx: &'c mut Context<'_, '_>, at: Loc, other: Option<Loc>, message: impl Into<String>) -> &'c mut Diagnostic {
        let mut message = message.into();
        if let Some(other) = other {
            message.push_str(&format!(" ({})", self.describe(other)));
        }
        let file = match at.side {
            Side::New => at.file,
            Side::Old => FileId(OLD_FILE_BASE + at.file.0),
        };
        cx.report(file, at.span, message)
    }

    /// `in the old file at 12:9, /paths/~1items/get`: a position for messages.
    pub fn describe(&self, loc: Loc) -> String {
        let model = match loc.side {
            Side::Old => self.old,
            Side::New => self.new,
        };
        let Some(file) = model.connector.files.get(loc.file.0 as usize) else {
            return format!("not in the {} version", loc.side.word());
        };
        let position = file.source.position(loc.span.start);
        let pointer = file.json.as_ref().and_then(|j| j.root.as_ref()).and_then(|r| r.pointer_to(loc.span)).unwrap_or_default();
        let pointer = if pointer.is_empty() { "the document root".to_string() } else { pointer };
        format!("in the {} file at {}:{}, {}", loc.side.word(), position.line, position.column, pointer)
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
    let mut root = |key: &str, label: String, holder: &'a Node| {
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

/// Runs the `breaking` rules of `rules` on the change from `old` to `new`. Findings point into
/// the new connector's files, or into the old one's for what was removed; sorted by file and
/// position.
pub fn diff_connectors(old: &Connector, new: &Connector, rules: &RuleSet) -> Vec<Finding> {
    let old_model = old.model();
    let new_model = new.model();
    let change = ChangeContext::new(&old_model, &new_model);
    let derived = crate::context::Derived::default();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for &(rule, severity) in rules.entries() {
        let meta = rule.meta();
        if !meta.visits(Visit::Change) {
            continue;
        }
        let mut cx =
            Context { model: &new_model, profile: rules.profile, rule: meta, severity, diagnostics: &mut diagnostics, derived: &derived };
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| rule.check_change(&change, &mut cx))) {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            diagnostics.push(Diagnostic {
                rule: &INTERNAL_ERROR,
                severity: Severity::Error,
                file: FileId(0),
                span: Span::empty(0),
                message: format!("rule `{}` crashed while comparing the connectors: {what}", meta.id),
                help: Some("this is a bug in connlint; the other rules ran normally".into()),
                fix: None,
                related: Vec::new(),
            });
        }
    }
    let mut findings: Vec<Finding> = diagnostics
        .iter()
        // A file id from `OLD_FILE_BASE` on is the old connector's, for the finding and for
        // each of its related places.
        .map(|d| Finding::resolve_in(d, |file| if file.0 >= OLD_FILE_BASE { (old, FileId(file.0 - OLD_FILE_BASE)) } else { (new, file) }))
        .collect();
    findings.sort_by(|a, b| (a.sort_key(), &a.message).cmp(&(b.sort_key(), &b.message)));
    findings.dedup_by(|a, b| a.path == b.path && a.span == b.span && a.rule == b.rule && a.message == b.message);
    findings
}

/// [`diff_connectors`] as a report for the CLI's output formats; with `keep_sources`, the
/// files of both sides that findings point into are kept for code frames.
pub fn diff_report(old: &Connector, new: &Connector, rules: &RuleSet, keep_sources: bool) -> ConnectorReport {
    let findings = diff_connectors(old, new, rules);
    let sources = if keep_sources {
        old.files
            .iter()
            .chain(&new.files)
            .filter(|f| findings.iter().any(|d| d.path == f.source.path() || d.related.iter().any(|r| r.path == f.source.path())))
            .map(|f| ReportedFile { path: f.source.path().to_path_buf(), text: Arc::from(f.source.text()) })
            .collect()
    } else {
        Vec::new()
    };
    let parse_failures = new.files.iter().filter(|f| f.json.as_ref().is_some_and(|j| !j.is_strict())).count();
    ConnectorReport { name: new.display_name(), findings, sources, files: new.files.len(), parse_failures, kind: new.kind }
}

/// Test helpers for `breaking` rules: two in-memory versions, findings as
/// `side line:column pointer message`.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::rule::Rule;
    use connlint_core::FileRole;
    use std::path::PathBuf;

    pub fn side(prefix: &str, swagger: &str, props: Option<&str>) -> Connector {
        let mut files =
            vec![(FileRole::Swagger, PathBuf::from(format!("{prefix}/apiDefinition.swagger.json")), swagger.as_bytes().to_vec())];
        if let Some(props) = props {
            files.push((FileRole::ApiProperties, PathBuf::from(format!("{prefix}/apiProperties.json")), props.as_bytes().to_vec()));
        }
        Connector::from_memory(files)
    }

    /// Findings of `rule` between two versions with an optional apiProperties.json each.
    pub fn changes_with(rule: &'static dyn Rule, old: (&str, Option<&str>), new: (&str, Option<&str>)) -> Vec<String> {
        let old = side("old", old.0, old.1);
        let new = side("new", new.0, new.1);
        diff_connectors(&old, &new, &RuleSet::only(rule))
            .into_iter()
            .map(|f| {
                assert_eq!(f.rule, rule.meta().id, "{}", f.message);
                let side = f.path.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
                let file = if f.path.ends_with("apiProperties.json") { " props" } else { "" };
                format!("{side}{file} {}:{} {} {}", f.line, f.column, f.pointer.unwrap_or_default(), f.message)
            })
            .collect()
    }

    /// Findings of `rule` between two swaggers.
    pub fn changes(rule: &'static dyn Rule, old: &str, new: &str) -> Vec<String> {
        changes_with(rule, (old, None), (new, None))
    }

    #[track_caller]
    pub fn assert_no_change(rule: &'static dyn Rule, old: &str, new: &str) {
        let found = changes(rule, old, new);
        assert!(found.is_empty(), "expected no findings from `{}`, got {found:#?}", rule.meta().id);
    }

    /// A swagger with the operation `op` (JSON text) at `POST /items`; the operation starts
    /// on line 3.
    pub fn doc(op: &str) -> String {
        format!("{{\"swagger\": \"2.0\", \"paths\": {{\"/items\": {{\n\"post\":\n{op}\n}}}},\n\"definitions\": {{}}}}")
    }

    /// Like [`doc`], with `definitions` (JSON object text) after the paths.
    pub fn doc_with(op: &str, definitions: &str) -> String {
        format!("{{\"swagger\": \"2.0\", \"paths\": {{\"/items\": {{\n\"post\":\n{op}\n}}}},\n\"definitions\": {definitions}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::doc_with;
    use super::*;
    use connlint_core::FileRole;
    use std::path::PathBuf;

    fn connector(text: &str) -> Connector {
        Connector::from_memory([(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), text.as_bytes().to_vec())])
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

    #[test]
    fn operations_are_matched_by_id_and_removed_and_added_ones_listed() {
        let old = connector(r#"{"paths": {"/a": {"get": {"operationId": "A"}, "post": {"operationId": "B"}}, "/c": {"get": {}}}}"#);
        let new = connector(r#"{"paths": {"/a2": {"get": {"operationId": "A"}, "put": {"operationId": "C"}}, "/c": {"get": {}}}}"#);
        let (old, new) = (old.model(), new.model());
        let change = ChangeContext::new(&old, &new);
        let keys: Vec<_> = change.operations.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["A", "GET /c"]);
        assert_eq!(change.removed.iter().map(|o| operation_key(o)).collect::<Vec<_>>(), ["B"]);
        assert_eq!(change.added.iter().map(|o| operation_key(o)).collect::<Vec<_>>(), ["C"]);
    }

    #[test]
    fn identical_connectors_have_no_findings_from_any_rule() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/connectors/clean/apiDefinition.swagger.json"))
                .unwrap();
        let (old, new) = (connector(&text), connector(&text));
        assert!(diff_connectors(&old, &new, &RuleSet::new(crate::Profile::Certification, &[])).is_empty());
    }
}
