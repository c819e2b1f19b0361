//! Rules for Dataverse `connectors` records (one record, or an OData `{"value": [...]}` list).
//! The documents a record holds as strings are linted as the connector's files.

pub mod record_connector_type_invalid;
pub mod record_connector_type_not_custom;
pub mod record_field_missing;
pub mod record_field_not_string;
pub mod record_field_too_long;
pub mod record_secret_emptied;

use connlint_core::model::record::Record;
use connlint_core::Span;

/// Where a finding about a whole record goes: its `name` value, else its `{`.
pub(crate) fn anchor(record: &Record<'_>) -> Span {
    record.get("name").map_or(Span::empty(record.node.span.start), |n| n.span)
}

/// How a record is named in messages: `name`, else its place in the list.
pub(crate) fn label(record: &Record<'_>) -> String {
    match (record.get("name").and_then(|n| n.as_str()), record.index) {
        (Some(name), _) => format!("record `{name}`"),
        (None, Some(i)) => format!("record {i} of `value`"),
        (None, None) => "the record".to_string(),
    }
}
