//! The state of one OpenAPI conversion, shared by the document converter ([`super::openapi`])
//! and the schema converter ([`super::schema`]): the documents, the notes, the definitions made.

use super::build::Notes;
use super::refs::{DocId, Documents};
use crate::json::owned::Node;
use crate::source::Span;
use std::collections::{HashMap, HashSet, VecDeque};

/// Most `$ref` hops followed to reach a parameter, body, response or path item.
pub(super) const MAX_REF_HOPS: usize = 32;

pub(super) struct Converter<'d, 'i> {
    pub(super) docs: &'d Documents<'i>,
    pub(super) notes: Notes,
    /// Definitions made so far, in order.
    pub(super) definitions: Vec<(String, Node)>,
    /// Which definition each converted schema location became.
    pub(super) definition_names: HashMap<(DocId, String), String>,
    pub(super) used_definition_names: HashSet<String>,
    /// Schema locations named but not yet converted.
    pub(super) pending: VecDeque<(DocId, String, String)>,
    /// Security scheme name → whether it was kept (for operations' `security`).
    pub(super) kept_schemes: HashSet<String>,
}

impl<'d, 'i> Converter<'d, 'i> {
    /// The span an output node made from `node` of document `doc` carries.
    pub(super) fn span(&self, doc: DocId, node: &Node) -> Span {
        self.docs.doc(doc).anchor.unwrap_or(node.span)
    }

    pub(super) fn key_span(&self, doc: DocId, key: Span) -> Span {
        self.docs.doc(doc).anchor.unwrap_or(key)
    }

    /// The name of the definition for the schema at `pointer` of `doc`, queued for conversion
    /// the first time it is named.
    pub(super) fn definition_name(&mut self, doc: DocId, pointer: &str) -> String {
        if let Some(name) = self.definition_names.get(&(doc, pointer.to_string())) {
            return name.clone();
        }
        let last = pointer.rsplit('/').next().map(crate::json::unescape_pointer_token).unwrap_or_default();
        let base = if last.is_empty() { "Schema".to_string() } else { last.into_owned() };
        let mut name = base.clone();
        let mut n = 2;
        while !self.used_definition_names.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.definition_names.insert((doc, pointer.to_string()), name.clone());
        self.pending.push_back((doc, pointer.to_string(), name.clone()));
        name
    }

    /// Follows `$ref`s (not of schemas) from `node` to what they point to.
    pub(super) fn follow<'n>(&self, doc: DocId, node: &'n Node) -> Option<(DocId, &'n Node)>
    where
        'd: 'n,
    {
        let mut current = (doc, node);
        for _ in 0..MAX_REF_HOPS {
            let Some(reference) = current.1.get("$ref").and_then(Node::as_str) else { return Some(current) };
            let target = self.docs.resolve(current.0, reference)?;
            current = (target.doc, target.node);
        }
        None
    }
}
