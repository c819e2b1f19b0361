//! Rules of the `extensions` category.

pub mod api_annotation_status;
pub mod dynamic_extension_on_parameter;
pub mod dynamic_literal_type_mismatch;
pub mod dynamic_parameter_ambiguous;
pub mod dynamic_parameter_unknown;
pub mod dynamic_properties_path_mismatch;
pub mod dynamic_reference_needs_list;
pub mod dynamic_reference_type_mismatch;
pub mod dynamic_required_parameter_missing;
pub mod dynamic_response_path_invalid;
pub mod dynamic_source_internal;
pub mod dynamic_source_optional;
pub mod dynamic_tree_missing;
pub mod extension_placement;
pub mod notification_extension_invalid;
pub mod notification_url_invalid;
pub mod notification_url_position;
pub mod operation_reference_unknown;
pub mod pageable_next_link_name;
pub mod selected_item_value_path_position;
pub mod trigger_output_schema_missing;
pub mod trigger_value;
pub mod unknown_extension;
pub mod url_encoding_on_query;
pub mod url_encoding_value;
pub mod visibility_value;
pub mod webhook_incomplete;

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::suggest;
use connlint_core::Span;

/// Reports `text`, the value of `what` at `span`, as none of `allowed`: the message lists the
/// allowed values, and the help names the one probably meant (values are case-sensitive), else
/// says `otherwise`.
pub(crate) fn report_not_allowed<'d>(
    cx: &'d mut Context<'_, '_>,
    span: Span,
    what: &str,
    text: &str,
    allowed: &[&'static str],
    otherwise: impl Into<String>,
) -> &'d mut Diagnostic {
    let diagnostic = cx.report_swagger(span, format!("{what} is `{text}`; expected {}", one_of(allowed)));
    match enum_suggestion(text, allowed) {
        Some(fix) => diagnostic.help(format!("did you mean `{fix}`? the values are case-sensitive")),
        None => diagnostic.help(otherwise),
    }
}

/// The fix of a value of the swagger at `span` that is one of `allowed` written in another case
/// (for [`report_not_allowed`]'s finding).
pub(crate) fn case_fix(cx: &Context<'_, '_>, span: Span, allowed: &[&'static str]) -> Option<Fix> {
    let source = cx.swagger().map(|s| cx.connector().file(s.file).source.text()).unwrap_or_default();
    Fix::case_correction(source, span, allowed)
}

/// The allowed value that `value` probably meant: same text in another case or with spaces
/// around it, else the closest by edit distance.
pub(crate) fn enum_suggestion(value: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let trimmed = value.trim();
    allowed.iter().copied().find(|a| a.eq_ignore_ascii_case(trimmed)).or_else(|| suggest::closest(trimmed, allowed.iter().copied()))
}

/// `a`, `b` and `c` with backquotes, for messages.
pub(crate) fn all_of(items: &[&str]) -> String {
    one_of(items).rsplit_once(" or ").map_or_else(|| one_of(items), |(head, last)| format!("{head} and {last}"))
}

/// `a`, `b` or `c` with backquotes, for messages.
pub(crate) fn one_of(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_case_spacing_and_typos() {
        let values = ["important", "advanced", "internal"];
        assert_eq!(enum_suggestion("Advanced", &values), Some("advanced"));
        assert_eq!(enum_suggestion("internal ", &values), Some("internal"));
        assert_eq!(enum_suggestion("importnat", &values), Some("important"));
        assert_eq!(enum_suggestion("none", &values), None);
        assert_eq!(one_of(&values), "`important`, `advanced` or `internal`");
        assert_eq!(one_of(&["single", "double"]), "`single` or `double`");
    }
}
