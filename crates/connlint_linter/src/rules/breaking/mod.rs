//! Breaking changes between an old and a new version of a connector (`connlint diff`;
//! rules-catalog section E). Each rule implements [`crate::rule::Rule::check_change`] only.

pub mod auth_type_changed;
pub mod capability_removed;
pub mod connection_parameters_changed;
pub mod dynamic_source_changed;
pub mod host_changed;
pub mod input_collection_format_changed;
pub mod input_constraint_tightened;
pub mod input_default_changed;
pub mod input_enum_added;
pub mod input_enum_value_removed;
pub mod input_format_changed;
pub mod input_made_internal;
pub mod input_made_required;
pub mod input_removed;
pub mod input_renamed;
pub mod input_type_changed;
pub mod input_url_encoding_changed;
pub mod operation_deprecated_without_successor;
pub mod operation_made_internal;
pub mod operation_method_or_path_changed;
pub mod operation_removed;
pub mod operation_revision_reused;
pub mod operation_trigger_kind_changed;
pub mod output_enum_removed;
pub mod output_format_changed;
pub mod output_removed;
pub mod output_shape_changed;
pub mod output_type_changed;
pub mod policy_changed;
pub mod request_content_type_removed;
pub mod required_input_added;
pub mod response_content_type_removed;
pub mod script_operations_changed;
pub mod success_code_changed;

use crate::change::{Change, Side};
use crate::context::ChangeCx;
use connlint_core::json::Node;
use connlint_core::model::swagger::{Operation, Swagger};
use connlint_core::Span;

/// The effective MIME types of `key` (`consumes` or `produces`) and the node that sets them.
fn media_types<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, key: &str) -> (Vec<&'a str>, Option<&'a Node<'a>>) {
    let node = op.node.get(key).or_else(|| swagger.root.get(key));
    let types = node.and_then(Node::as_array).unwrap_or_default().iter().filter_map(Node::as_str).collect();
    (types, node)
}

/// Reports the MIME types of `key` that `old` had and `new` lacks.
pub(crate) fn report_removed(
    change: &Change<'_, '_>,
    cx: &mut ChangeCx<'_>,
    op: &crate::change::OperationPair<'_, '_>,
    key: &str,
    what: &str,
) {
    let (Some(old_swagger), Some(new_swagger)) = (change.old_swagger(), change.new_swagger()) else { return };
    let (before, old_node) = media_types(old_swagger, op.old, key);
    let (after, new_node) = media_types(new_swagger, op.new, key);
    let removed: Vec<&str> = before.iter().copied().filter(|t| !after.contains(t)).collect();
    if removed.is_empty() || after.is_empty() {
        return;
    }
    let span = |node: Option<&Node>, o: &Operation<'_>| -> Span { node.map_or(o.span(), |n| n.span) };
    let list = removed.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
    let message = format!("operation `{}` no longer {what} {list}; existing flows that rely on it may fail", op.key);
    cx.report(change.new_at(span(new_node, op.new)), Some(change.at(Side::Old, span(old_node, op.old))), message)
        .help(format!("keep the old content types in `{key}`"));
}
