//! The webhook trigger pattern: the input body property marked `x-ms-notification-url`,
//! and which operations are webhook registrations.

use super::body::body_properties_without_paths;
use connlint_core::json::{Key, Member, Node};
use connlint_core::model::swagger::{Operation, Swagger};

/// A body property marked `x-ms-notification-url: true`.
#[derive(Debug, Clone)]
pub(crate) struct UrlProperty<'a> {
    /// The property's name.
    pub key: &'a Key<'a>,
    /// The `x-ms-notification-url` member.
    pub marker: &'a Member<'a>,
    /// The property's schema (`$ref` followed).
    pub schema: &'a Node<'a>,
    /// Whether it or one of its ancestors (the body parameter included) is internal.
    pub internal: bool,
    /// The first level on the way down that is not required, if any.
    pub unrequired: Option<&'a Key<'a>>,
}

/// The `x-ms-notification-url: true` properties in the operation's body schema (not below
/// array items), in document order.
pub(crate) fn url_properties<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<UrlProperty<'a>> {
    let mut out: Vec<UrlProperty<'a>> = body_properties_without_paths(swagger, op)
        .into_iter()
        .filter(|p| !p.in_items)
        .filter_map(|p| {
            let marker = p.member.value.member("x-ms-notification-url").or_else(|| p.schema.member("x-ms-notification-url"));
            let marker = marker.filter(|mk| mk.value.as_bool() == Some(true))?;
            Some(UrlProperty { key: p.key, marker, schema: p.schema, internal: p.internal, unrequired: p.unrequired })
        })
        .collect();
    out.sort_by_key(|u| u.key.span.start);
    out.dedup_by_key(|u| u.key.span.start);
    out
}

/// Whether the operation registers a webhook: a trigger whose path item has
/// `x-ms-notification-content` or whose body has a notification-URL property.
pub(crate) fn is_webhook<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> bool {
    op.is_trigger()
        && (swagger.paths[op.path_index].notification_content.is_some()
            || swagger.paths[op.path_index].node.get("x-ms-notification-content").is_some()
            || !url_properties(swagger, op).is_empty())
}
