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

/// A swagger with a hundred `GET /items{i}/{id}` paths, one per line from line 2, then `last` (a
/// path and its operations) on line 102: more operations than the path rules compare pair by
/// pair.
#[cfg(test)]
pub(crate) fn many_paths_then(last: &str) -> String {
    let mut paths: Vec<String> = (0..100).map(|i| format!(r#""/items{i}/{{id}}": {{"get": {{}}}}"#)).collect();
    paths.push(last.to_string());
    format!("{{\"paths\": {{\n{}\n}}}}", paths.join(",\n"))
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
}
