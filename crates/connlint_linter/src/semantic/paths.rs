//! The shape of each operation's path: its segments with variable names taken out, so that
//! `/items/{id}` and `/items/{itemId}` compare equal. Two path rules compare every operation's
//! shape with the others' (`path-duplicate`, `path-partial-duplicate`).

use connlint_core::model::swagger::Swagger;
use std::borrow::Cow;

/// The normalized segments of each operation's path (see [`normalized_segments`]), by
/// operation index.
pub(crate) fn shapes<'a>(swagger: &Swagger<'a>) -> Vec<Vec<Cow<'a, str>>> {
    swagger.operations.iter().map(|op| normalized_segments(op.path_str())).collect()
}

/// One path segment with every `{variable}` replaced by `{}`, so templates that differ only in
/// variable names compare equal.
fn normalize_segment(segment: &str) -> String {
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
    fn normalizes_variable_names_away() {
        assert_eq!(normalized_segments("/items/{id}/v{n}.{ext}"), ["items", "{}", "v{}.{}"]);
        assert_eq!(normalized_segments("/"), [""]);
        assert_eq!(normalized_segments("/a/{b}c{d}/{{e}}"), ["a", "{}c{}", "{}}"]);
    }
}
