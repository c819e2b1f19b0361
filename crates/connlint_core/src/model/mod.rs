//! The typed connector model, built from spanned JSON trees.
//!
//! Model types borrow the tree they were built from (`'a`), so building a model copies no
//! strings, and every field keeps the span of its node. Keys the model does not know are not
//! dropped: each model item keeps its `node`, and [`extensions()`] lists its `x-*` members.
//! A value of the wrong JSON type is left out of the typed field and recorded as a
//! [`ShapeError`], which the `json-type-incorrect` rule reports.
//!
//! Builders take parsed trees (a JSON root, XML elements) and the [`FileId`] they come from;
//! [`ConnectorModel::build`] picks each unit's trees and hands them to the builders.

pub mod api_properties;
pub mod extensions;
pub mod keywords;
pub mod record;
pub mod schema;
pub mod settings;
pub mod solution;
pub mod swagger;

use crate::json::{JsonType, Key, Member, Node, Value};
use crate::source::{SourceFile, Span};
use crate::unit::{Connector, FileRole, UnitKind};
use api_properties::ApiProperties;
use record::Record;
use settings::Settings;
use solution::SolutionModel;
use swagger::Swagger;

pub use crate::unit::FileId;

/// A value with the span of its node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A string value and its span (the span includes the quotes).
pub type Str<'a> = Spanned<&'a str>;

impl Connector {
    /// Builds the typed model of every parsed file.
    pub fn model(&self) -> ConnectorModel<'_> {
        ConnectorModel::build(self)
    }
}

/// The typed view of a whole connector.
#[derive(Debug)]
pub struct ConnectorModel<'a> {
    pub connector: &'a Connector,
    pub swagger: Option<Swagger<'a>>,
    pub api_properties: Option<ApiProperties<'a>>,
    pub settings: Option<Settings<'a>>,
    /// For a solution unit: its manifest, connectors' XML and custom APIs.
    pub solution: Option<SolutionModel<'a>>,
    /// For a records unit: each `connectors` record.
    pub records: Vec<Record<'a>>,
}

impl<'a> ConnectorModel<'a> {
    /// Builds the typed model of every parsed file of `connector`.
    pub fn build(connector: &'a Connector) -> Self {
        let root_of = |role| connector.root_of(role);
        ConnectorModel {
            connector,
            swagger: root_of(FileRole::Swagger).map(|(id, root)| Swagger::build(id, root)),
            api_properties: root_of(FileRole::ApiProperties).map(|(id, root)| ApiProperties::build(id, root)),
            settings: root_of(FileRole::Settings).map(|(id, root)| Settings::build(id, root)),
            solution: (connector.kind == UnitKind::Solution).then(|| {
                let xml_files = connector.files.iter().enumerate().filter_map(|(index, file)| {
                    let root = file.xml.as_ref().and_then(|x| x.root.as_ref())?;
                    (file.role == FileRole::SolutionXml).then(|| (FileId(index as u32), file.source.path(), root))
                });
                SolutionModel::build(connector.solution_entries.as_ref(), xml_files)
            }),
            records: match connector.kind {
                UnitKind::Records => match root_of(FileRole::Records) {
                    Some((id, root)) => Record::build_all(id, root),
                    None => Vec::new(),
                },
                _ => Vec::new(),
            },
        }
    }

    /// Wrong-typed values found in every file while building the model.
    pub fn shape_errors(&self) -> impl Iterator<Item = &ShapeError> {
        let swagger = self.swagger.iter().flat_map(|s| s.shape_errors.errors.iter());
        let props = self.api_properties.iter().flat_map(|s| s.shape_errors.errors.iter());
        let settings = self.settings.iter().flat_map(|s| s.shape_errors.errors.iter());
        swagger.chain(props).chain(settings)
    }

    pub fn script(&self) -> Option<(FileId, &'a SourceFile)> {
        self.connector.file_with_role(FileRole::Script).map(|(id, f)| (id, &*f.source))
    }

    pub fn icon(&self) -> Option<(FileId, &'a [u8])> {
        self.connector.file_with_role(FileRole::Icon).and_then(|(id, f)| Some((id, f.bytes.as_deref()?)))
    }
}

/// A known field holding a value of the wrong JSON type.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeError {
    pub file: FileId,
    pub span: Span,
    /// The field, as users know it (e.g. `operation summary`).
    pub field: &'static str,
    pub expected: &'static str,
    pub found: JsonType,
}

/// Collects [`ShapeError`]s while a model is built.
#[derive(Debug, Default)]
pub struct ShapeErrors {
    pub file: FileId,
    pub errors: Vec<ShapeError>,
}

impl ShapeErrors {
    pub fn new(file: FileId) -> Self {
        Self { file, errors: Vec::new() }
    }

    pub fn push(&mut self, node: &Node, field: &'static str, expected: &'static str) {
        self.errors.push(ShapeError { file: self.file, span: node.span, field, expected, found: node.json_type() });
    }
}

/// Typed reads of an object's members that record wrong types instead of failing.
pub struct Fields<'a, 'e> {
    pub node: &'a Node<'a>,
    pub errors: &'e mut ShapeErrors,
}

impl<'a, 'e> Fields<'a, 'e> {
    /// `None` when `node` is not an object (a shape error is recorded for `field`).
    pub fn of(node: &'a Node<'a>, field: &'static str, errors: &'e mut ShapeErrors) -> Option<Self> {
        if node.as_object().is_some() {
            Some(Self { node, errors })
        } else {
            errors.push(node, field, "an object");
            None
        }
    }

    pub fn any(&self, key: &str) -> Option<&'a Node<'a>> {
        self.node.get(key)
    }

    pub fn str(&mut self, key: &str, field: &'static str) -> Option<Str<'a>> {
        self.str_of(self.node.get(key), field)
    }

    pub fn bool(&mut self, key: &str, field: &'static str) -> Option<Spanned<bool>> {
        self.bool_of(self.node.get(key), field)
    }

    pub fn object(&mut self, key: &str, field: &'static str) -> Option<&'a Node<'a>> {
        self.object_of(self.node.get(key), field)
    }

    pub fn array(&mut self, key: &str, field: &'static str) -> Option<&'a Node<'a>> {
        self.array_of(self.node.get(key), field)
    }

    // The same checks of a member's value already found (objects with many fields are read in
    // one pass over their members, see `swagger::ParameterMembers`).

    /// `value` as a string; another value is recorded as a shape error of `field`.
    pub fn str_of(&mut self, value: Option<&'a Node<'a>>, field: &'static str) -> Option<Str<'a>> {
        let node = value?;
        match node.as_str() {
            Some(s) => Some(Spanned::new(s, node.span)),
            None => {
                self.errors.push(node, field, "a string");
                None
            }
        }
    }

    /// `value` as a boolean; another value is recorded as a shape error of `field`.
    pub fn bool_of(&mut self, value: Option<&'a Node<'a>>, field: &'static str) -> Option<Spanned<bool>> {
        let node = value?;
        match node.as_bool() {
            Some(b) => Some(Spanned::new(b, node.span)),
            None => {
                self.errors.push(node, field, "a boolean");
                None
            }
        }
    }

    /// `value` when it is an object; another value is recorded as a shape error of `field`.
    pub fn object_of(&mut self, value: Option<&'a Node<'a>>, field: &'static str) -> Option<&'a Node<'a>> {
        let node = value?;
        if node.as_object().is_some() {
            Some(node)
        } else {
            self.errors.push(node, field, "an object");
            None
        }
    }

    /// `value` when it is an array; another value is recorded as a shape error of `field`.
    pub fn array_of(&mut self, value: Option<&'a Node<'a>>, field: &'static str) -> Option<&'a Node<'a>> {
        let node = value?;
        if node.as_array().is_some() {
            Some(node)
        } else {
            self.errors.push(node, field, "an array");
            None
        }
    }

    /// `value` as an array of strings; non-string items are recorded and skipped.
    pub fn strings_of(&mut self, value: Option<&'a Node<'a>>, field: &'static str) -> Option<Vec<Str<'a>>> {
        let node = self.array_of(value, field)?;
        Some(strings_of(node, field, self.errors))
    }

    /// An array of strings; non-string items are recorded and skipped.
    pub fn strings(&mut self, key: &str, field: &'static str) -> Option<Vec<Str<'a>>> {
        self.strings_of(self.node.get(key), field)
    }
}

pub(crate) fn strings_of<'a>(node: &'a Node<'a>, field: &'static str, errors: &mut ShapeErrors) -> Vec<Str<'a>> {
    node.as_array()
        .unwrap_or_default()
        .iter()
        .filter_map(|item| match item.as_str() {
            Some(s) => Some(Spanned::new(s, item.span)),
            None => {
                errors.push(item, field, "a string");
                None
            }
        })
        .collect()
}

/// The `x-*` members of an object node, in source order.
pub fn extensions<'a>(node: &'a Node<'a>) -> impl Iterator<Item = &'a Member<'a>> {
    node.as_object().unwrap_or_default().iter().filter(|m| m.key.text.starts_with("x-"))
}

/// The members of an object node (empty for anything else).
pub fn members<'a>(node: &'a Node<'a>) -> &'a [Member<'a>] {
    node.as_object().unwrap_or_default()
}

/// A member's key as a spanned string.
pub fn key_str<'a>(key: &'a Key<'a>) -> Str<'a> {
    Spanned::new(&*key.text, key.span)
}

/// Whether `node` is the empty string or only whitespace.
pub fn is_blank(node: &Node) -> bool {
    matches!(&node.value, Value::String(s) if s.trim().is_empty())
}
