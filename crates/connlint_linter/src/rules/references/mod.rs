//! Rules of the `references` category, and how rules reach the walk over every keyword object
//! of a swagger that the `references`, `extensions` and other rules share
//! ([`crate::semantic::keywords`]).

pub mod external_ref;
pub mod unresolved_ref;
pub mod unused_definition;

#[cfg(test)]
use crate::semantic::keywords::walk_objects;
use crate::semantic::keywords::Keywords;
use connlint_core::json::Member;
#[cfg(test)]
use connlint_core::json::Node;

/// The keyword objects of the connector's swagger and their members of note (see
/// [`Keywords`]), walked once per connector and shared by every rule that asks.
pub(crate) fn keywords<'m, 'a>(cx: &crate::context::Context<'m, 'a>) -> &'m Keywords<'a> {
    static NONE: Keywords<'static> =
        Keywords { objects: Vec::new(), refs: Vec::new(), extensions: Vec::new(), external_docs: Vec::new(), unique_arrays: Vec::new() };
    let derived = cx.derived;
    match cx.swagger() {
        Some(swagger) => derived.keywords.get_or_init(|| Keywords::of(swagger.root)),
        None => &NONE,
    }
}

/// The keyword objects of the connector's swagger (see [`walk_objects`] and [`keywords`]).
pub(crate) fn keyword_objects<'m, 'a>(cx: &crate::context::Context<'m, 'a>) -> &'m [&'a [Member]] {
    &keywords(cx).objects
}

/// Calls `visit` with each of `objects` (from [`keyword_objects`]).
pub(crate) fn each_object<'a>(objects: &[&'a [Member]], mut visit: impl FnMut(&'a [Member])) {
    for members in objects {
        visit(members);
    }
}

/// Calls `visit` with each of `refs` (the `$ref` members from [`keywords`]).
pub(crate) fn each_ref<'a>(refs: &[&'a Member], mut visit: impl FnMut(&'a Member)) {
    for m in refs {
        visit(m);
    }
}

/// Calls `visit` with every `$ref` member of the document (see [`walk_objects`]).
#[cfg(test)]
pub(crate) fn for_each_ref<'a>(root: &'a Node, mut visit: impl FnMut(&'a Member)) {
    walk_objects(root, |members| {
        for m in members {
            if &*m.key.text == "$ref" {
                visit(m);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::json::parse;

    #[test]
    fn walks_keyword_objects_and_skips_data_and_names() {
        let text = r##"{
  "a": {"$ref": "#/x"},
  "definitions": {"$ref": {"type": "object", "properties": {"$ref": {"$ref": "#/y"}, "default": {"$ref": "#/z"}}}},
  "responses": {"default": {"$ref": "#/r"}},
  "example": {"$ref": "#/no"},
  "items": [[{"$ref": "#/deep"}]],
  "enum": [{"$ref": "#/no"}]
}"##;
        let root = parse(text).root.unwrap();
        let mut seen = Vec::new();
        for_each_ref(&root, |m| seen.push(m.value.as_str().unwrap().to_string()));
        assert_eq!(seen, ["#/x", "#/y", "#/z", "#/r", "#/deep"]);
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        let depth = 200;
        let text = "[".repeat(depth) + "{\"$ref\": \"#/a\"}" + &"]".repeat(depth);
        let root = parse(&text).root.unwrap();
        let mut count = 0;
        for_each_ref(&root, |_| count += 1);
        assert_eq!(count, 1);
    }
}
