//! Rules of the `references` category, and the walk over every object of a swagger that the
//! `references` and `extensions` rules share.

pub mod external_ref;
pub mod unresolved_ref;
pub mod unused_definition;

use connlint_core::json::{Member, Node, Value};

/// Keys whose value is data (an example, a default, allowed values), never schema: the walk
/// does not enter them, so a `$ref` or `x-ms-*` key inside an example is not looked at.
const DATA_KEYS: [&str; 5] = ["example", "examples", "x-ms-test-value", "default", "enum"];

/// Keys whose value is an object mapping names (properties, definitions, response codes,
/// header names ...) to objects. The keys of such a map are names chosen by the author, not
/// keywords: a property may be called `$ref`, `default` or `x-ms-request-id`.
const NAME_MAP_KEYS: [&str; 8] =
    ["properties", "definitions", "parameters", "responses", "paths", "headers", "securityDefinitions", "patternProperties"];

/// Calls `visit` with the members of every object in the tree under `root` whose keys are
/// keywords, in source order, each once. Objects whose keys are names (see `NAME_MAP_KEYS`)
/// are not passed to `visit` but their values are walked; the values of `DATA_KEYS` are
/// skipped. Iterative: the depth of the document does not matter.
pub(crate) fn walk_objects<'a>(root: &'a Node, mut visit: impl FnMut(&'a [Member])) {
    // (node, whether its keys are names)
    let mut stack: Vec<(&'a Node, bool)> = Vec::with_capacity(64);
    stack.push((root, false));
    while let Some((node, names)) = stack.pop() {
        match &node.value {
            Value::Object(members) => {
                if !names {
                    visit(members);
                }
                for m in members.iter().rev() {
                    if !matches!(m.value.value, Value::Object(_) | Value::Array(_)) {
                        continue;
                    }
                    let key = &*m.key.text;
                    if names {
                        stack.push((&m.value, false));
                    } else if !DATA_KEYS.contains(&key) {
                        stack.push((&m.value, NAME_MAP_KEYS.contains(&key)));
                    }
                }
            }
            Value::Array(items) => {
                for item in items.iter().rev() {
                    if matches!(item.value, Value::Object(_) | Value::Array(_)) {
                        stack.push((item, false));
                    }
                }
            }
            _ => {}
        }
    }
}

/// The keyword objects of a swagger (see [`walk_objects`]), and the members of them that
/// several rules look for, sorted out in the same walk: each of those rules reads a short list
/// instead of every key of the document again.
#[derive(Default)]
pub(crate) struct Keywords<'a> {
    pub(crate) objects: Vec<&'a [Member]>,
    /// `$ref` members, in walk order.
    pub(crate) refs: Vec<&'a Member>,
    /// Members whose key starts with `x-ms-` in any case, in walk order.
    pub(crate) extensions: Vec<&'a Member>,
    /// `externalDocs` members, in walk order.
    pub(crate) external_docs: Vec<&'a Member>,
    /// Members with an array value whose key is `schemes`, `consumes`, `produces`, `required`
    /// or `tags`: arrays whose items must be unique (`array-duplicate-value`), in walk order.
    pub(crate) unique_arrays: Vec<&'a Member>,
}

impl<'a> Keywords<'a> {
    fn of(root: &'a Node) -> Self {
        let mut keywords = Keywords::default();
        walk_objects(root, |members| {
            keywords.objects.push(members);
            for m in members {
                let key = &*m.key.text;
                // A `match` on the literals switches on the length: most keys are looked at once.
                let list = match key {
                    "$ref" => &mut keywords.refs,
                    "externalDocs" => &mut keywords.external_docs,
                    "schemes" | "consumes" | "produces" | "required" | "tags" if m.value.as_array().is_some() => {
                        &mut keywords.unique_arrays
                    }
                    _ if key.as_bytes().get(..5).is_some_and(|p| p.eq_ignore_ascii_case(b"x-ms-")) => &mut keywords.extensions,
                    _ => continue,
                };
                list.push(m);
            }
        });
        keywords
    }
}

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
