//! Dataverse `connectors` records, as the Web API returns them: one record object, or an
//! OData collection `{"value": [record, …]}`.
//!
//! A record holds the connector's documents as JSON strings (`openapidefinition`,
//! `connectionparameters`, …); connlint lints those as the connector's files (see
//! `connlint_core::solution`), and record rules check the record's own fields here.

use super::FileId;
use crate::json::Node;

/// Fields of a record that hold a JSON document as a string.
pub const EMBEDDED_JSON_FIELDS: [&str; 5] =
    ["openapidefinition", "connectionparameters", "connectionparametersets", "policytemplateinstances", "scriptoperations"];

/// The Dataverse connector fields (in records and solutions alike) that hold what
/// apiProperties.json keeps under `properties`, with their apiProperties keys.
pub const API_PROPERTIES_FIELDS: [(&str, &str); 4] = [
    ("connectionparameters", "connectionParameters"),
    ("connectionparametersets", "connectionParameterSets"),
    ("policytemplateinstances", "policyTemplateInstances"),
    ("scriptoperations", "scriptOperations"),
];

#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub file: FileId,
    /// The record object.
    pub node: &'a Node<'a>,
    /// Its index in `value`, for a collection.
    pub index: Option<usize>,
}

impl<'a> Record<'a> {
    pub fn get(&self, field: &str) -> Option<&'a Node<'a>> {
        self.node.get(field)
    }

    /// Every record in a records file, from its parsed root.
    pub fn build_all(file: FileId, root: &'a Node<'a>) -> Vec<Self> {
        records_in(root).into_iter().map(|(index, node)| Record { file, node, index }).collect()
    }
}

/// The record objects of a records document, with their index in `value` when it is a list.
pub fn records_in<'a>(root: &'a Node<'a>) -> Vec<(Option<usize>, &'a Node<'a>)> {
    match root.get("value").and_then(Node::as_array) {
        Some(items) => items.iter().enumerate().filter(|(_, n)| n.as_object().is_some()).map(|(i, n)| (Some(i), n)).collect(),
        None if root.as_object().is_some() => vec![(None, root)],
        None => Vec::new(),
    }
}
