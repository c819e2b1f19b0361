//! Rules of the `parameters` category.

pub mod body_and_form_data;
pub mod body_parameter_schema_missing;
pub mod duplicate_parameter;
pub mod multiple_body_parameters;

use connlint_core::model::swagger::Parameter;
use connlint_core::Span;

/// Where a parameter is used: the `$ref` value for a referenced parameter (the problem is in
/// the list that uses it, not in its definition), else its name.
pub(crate) fn use_span(p: &Parameter<'_>) -> Span {
    p.reference.as_ref().map_or_else(|| p.span(), |r| r.target.span)
}

/// A parameter's name for messages (`?` when it has none).
pub(crate) fn name_of<'a>(p: &Parameter<'a>) -> &'a str {
    p.name.map_or("?", |n| n.value)
}
