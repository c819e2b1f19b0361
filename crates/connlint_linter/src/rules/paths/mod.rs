//! Rules of the `paths` category.

pub mod path_duplicate;
pub mod path_item_ref;
pub mod path_must_start_with_slash;
pub mod path_parameter_not_in_template;
pub mod path_parameter_not_required;
pub mod path_parameter_undeclared;
pub mod path_partial_duplicate;
pub mod path_query_or_fragment;
pub mod path_redefined;
pub mod path_template_invalid;
pub mod path_unsupported_characters;
pub mod path_variable_default;

use std::borrow::Cow;

/// The variable names of a path template, in order: `/items/{id}/{sub}` gives `id`, `sub`.
/// An unclosed `{` ends the scan.
pub(crate) fn template_variables(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = path;
    std::iter::from_fn(move || {
        let open = rest.find('{')?;
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        rest = &after[close + 1..];
        Some(&after[..close])
    })
}

/// Whether the path template has a `{name}` variable.
pub(crate) fn has_variable(path: &str, name: &str) -> bool {
    template_variables(path).any(|v| v == name)
}

/// One path segment with every `{variable}` replaced by `{}`, so templates that differ only in
/// variable names compare equal.
pub(crate) fn normalize_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    let mut in_variable = false;
    for c in segment.chars() {
        match c {
            '{' if !in_variable => {
                in_variable = true;
                out.push_str("{}");
            }
            '}' if in_variable => in_variable = false,
            _ if in_variable => {}
            _ => out.push(c),
        }
    }
    out
}

/// The segments of a path (without the leading `/`), normalized by [`normalize_segment`].
///
/// A segment without a variable is borrowed: most are, and the path rules normalize every
/// operation's path.
pub(crate) fn normalized_segments(path: &str) -> Vec<Cow<'_, str>> {
    let segments = path.strip_prefix('/').unwrap_or(path).split('/');
    segments.map(|s| if s.contains('{') { Cow::Owned(normalize_segment(s)) } else { Cow::Borrowed(s) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_template_variables() {
        let names: Vec<_> = template_variables("/a/{id}/b/{Other Name}.json{x").collect();
        assert_eq!(names, ["id", "Other Name"]);
        assert_eq!(template_variables("/plain").count(), 0);
        assert!(has_variable("/{a}/{b}", "b"));
        assert!(!has_variable("/{a}/{b}", "c"));
    }

    #[test]
    fn normalizes_variable_names_away() {
        assert_eq!(normalized_segments("/items/{id}/v{n}.{ext}"), ["items", "{}", "v{}.{}"]);
        assert_eq!(normalized_segments("/"), [""]);
    }
}
