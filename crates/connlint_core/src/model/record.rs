//! Dataverse `connectors` records, as the Web API returns them: one record object, or an
//! OData collection `{"value": [record, …]}`.
//!
//! A record holds the connector's documents as JSON strings (`openapidefinition`,
//! `connectionparameters`, …); connlint lints those as the connector's files (see
//! `connlint_core::solution`), and record rules check the record's own fields here.

use super::FileId;
use crate::connector::{Connector, FileRole};
use crate::json::Node;

/// Fields of a record that hold a JSON document as a string.
pub const EMBEDDED_JSON_FIELDS: [&str; 5] =
    ["openapidefinition", "connectionparameters", "connectionparametersets", "policytemplateinstances", "scriptoperations"];

#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub file: FileId,
    /// The record object.
    pub node: &'a Node,
    /// Its index in `value`, for a collection.
    pub index: Option<usize>,
}

impl<'a> Record<'a> {
    pub fn get(&self, field: &str) -> Option<&'a Node> {
        self.node.get(field)
    }

    /// Every record in the unit's records file.
    pub fn build_all(connector: &'a Connector) -> Vec<Self> {
        let Some((file, parsed)) = connector.file_with_role(FileRole::Records) else { return Vec::new() };
        let Some(root) = parsed.json.as_ref().and_then(|j| j.root.as_ref()) else { return Vec::new() };
        records_in(root).into_iter().map(|(index, node)| Record { file, node, index }).collect()
    }
}

/// The record objects of a records document, with their index in `value` when it is a list.
pub fn records_in(root: &Node) -> Vec<(Option<usize>, &Node)> {
    match root.get("value").and_then(Node::as_array) {
        Some(items) => items.iter().enumerate().filter(|(_, n)| n.as_object().is_some()).map(|(i, n)| (Some(i), n)).collect(),
        None if root.as_object().is_some() => vec![(None, root)],
        None => Vec::new(),
    }
}

/// Whether a parsed JSON document looks like Dataverse `connectors` records: a record, or a
/// `value` list of records, with connector fields.
pub fn looks_like_records(root: &Node) -> bool {
    let is_record = |n: &Node| n.get("openapidefinition").is_some() || (n.get("connectorid").is_some() && n.get("connectortype").is_some());
    match root.get("value").and_then(Node::as_array) {
        Some(items) => items.first().is_some_and(is_record),
        None => is_record(root),
    }
}
