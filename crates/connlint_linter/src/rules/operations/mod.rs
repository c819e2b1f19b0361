//! Operations: identity, summary, description and responses.

pub mod api_annotation_replacement_invalid;
pub mod body_in_get_operation;
pub mod consumes_missing;
pub mod deprecated_operation_visible;
pub mod description_equals_summary;
pub mod form_urlencoded_binary;
pub mod mime_type_incompatible_with_body;
pub mod mime_type_invalid;
pub mod operation_family_duplicate_revision;
pub mod operation_family_many_active;
pub mod operation_family_many_active_production;
pub mod operation_family_many_empty_revisions;
pub mod operation_id_characters;
pub mod operation_id_duplicate;
pub mod operation_id_missing;
pub mod operation_id_revision_suffix;
pub mod operation_id_too_long;
pub mod operation_response_missing;
pub mod operation_revision_empty;
pub mod operation_schema_too_large;
pub mod operation_status_ahead_of_connector;
pub mod operation_success_response_missing;
pub mod operation_summary_missing;
pub mod operation_summary_punctuation;
pub mod operation_summary_restricted_characters;
pub mod operation_summary_too_long;
pub mod too_many_operations;

use connlint_core::model::swagger::{Operation, Swagger};
use connlint_core::model::Str;

/// The MIME types an operation accepts: its own `consumes`, else the document's.
pub(crate) fn effective_consumes<'s, 'a>(op: &'s Operation<'a>, swagger: &'s Swagger<'a>) -> &'s [Str<'a>] {
    op.consumes.as_deref().or(swagger.consumes.as_deref()).unwrap_or_default()
}

/// The `type/subtype` of a MIME type, lower-cased, without parameters.
pub(crate) fn essence(mime: &str) -> String {
    mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether the operation accepts `mime` (compared by essence).
pub(crate) fn accepts(consumes: &[Str<'_>], mime: &str) -> bool {
    consumes.iter().any(|c| essence(c.value) == mime)
}

/// One operation's place in its lifecycle family (`x-ms-api-annotation`), with Microsoft's
/// defaults applied: no `family` means the operationId, no `revision` means 1, no `status`
/// means the API's status, and the API's status defaults to `Preview`.
pub(crate) struct Lifecycle<'s, 'a> {
    pub op: &'s Operation<'a>,
    pub family: &'a str,
    /// The `revision` as written, if any.
    pub revision: Option<f64>,
    pub deprecated: bool,
    /// Whether the effective status is `Production`.
    pub production: bool,
}

impl Lifecycle<'_, '_> {
    pub fn effective_revision(&self) -> f64 {
        self.revision.unwrap_or(1.0)
    }
}

/// Whether the API (`info.x-ms-api-annotation.status`, default `Preview`) is in production.
pub(crate) fn api_in_production(swagger: &Swagger<'_>) -> bool {
    swagger
        .info
        .as_ref()
        .and_then(|i| i.api_annotation.as_ref())
        .and_then(|a| a.status)
        .is_some_and(|s| s.value.eq_ignore_ascii_case("Production"))
}

/// The operations grouped by family, families in order of first appearance; operations with
/// neither a family nor an operationId belong to none.
pub(crate) fn families<'s, 'a>(swagger: &'s Swagger<'a>) -> Vec<Vec<Lifecycle<'s, 'a>>> {
    let api_production = api_in_production(swagger);
    let mut groups: Vec<Vec<Lifecycle<'s, 'a>>> = Vec::new();
    // Family name → index in `groups` (a linear search is quadratic with many operations).
    let mut index: connlint_core::hash::HashMap<&'a str, usize> = Default::default();
    for op in &swagger.operations {
        let annotation = op.api_annotation.as_ref();
        let Some(family) = annotation.and_then(|a| a.family).or(op.operation_id).map(|f| f.value) else { continue };
        let production = match annotation.and_then(|a| a.status) {
            Some(status) => status.value.eq_ignore_ascii_case("Production"),
            None => api_production,
        };
        let member = Lifecycle {
            op,
            family,
            revision: annotation.and_then(|a| a.revision).map(|r| r.value),
            deprecated: op.deprecated.is_some_and(|d| d.value),
            production,
        };
        match index.get(family) {
            Some(&i) => groups[i].push(member),
            None => {
                index.insert(family, groups.len());
                groups.push(vec![member]);
            }
        }
    }
    groups
}
