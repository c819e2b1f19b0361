//! The walk over every object of a swagger whose keys are keywords, which many rules share
//! (`$ref`s, `x-ms-*` keys, `externalDocs` ...): the members several rules look for, sorted out
//! in one walk. Rules reach it through
//! [`crate::semantic::Semantic::keywords`].

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
pub(crate) fn walk_objects<'a>(root: &'a Node<'a>, mut visit: impl FnMut(&'a [Member<'a>])) {
    // (node, whether its keys are names)
    let mut stack: Vec<(&'a Node<'a>, bool)> = Vec::with_capacity(64);
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

/// The members of the keyword objects of a swagger (see [`walk_objects`]) that several rules
/// look for, sorted out in one walk: each of those rules reads a short list instead of every key
/// of the document again.
#[derive(Default)]
pub(crate) struct Keywords<'a> {
    /// `$ref` members, in walk order.
    pub(crate) refs: Vec<&'a Member<'a>>,
    /// The objects that have a `$ref` member, in walk order.
    pub(crate) ref_objects: Vec<&'a [Member<'a>]>,
    /// `allOf`, `anyOf` and `oneOf` members, in walk order.
    pub(crate) combinators: Vec<&'a Member<'a>>,
    /// Members whose key starts with `x-ms-` in any case, in walk order.
    pub(crate) extensions: Vec<&'a Member<'a>>,
    /// `externalDocs` members, in walk order.
    pub(crate) external_docs: Vec<&'a Member<'a>>,
    /// Members with an array value whose key is `schemes`, `consumes`, `produces`, `required`
    /// or `tags`: arrays whose items must be unique (`array-duplicate-value`), in walk order.
    pub(crate) unique_arrays: Vec<&'a Member<'a>>,
    /// `selectedItemValuePath` members, in walk order.
    pub(crate) selected_item_value_paths: Vec<&'a Member<'a>>,
}

impl<'a> Keywords<'a> {
    pub(crate) fn of(root: &'a Node<'a>) -> Self {
        let mut keywords = Keywords::default();
        walk_objects(root, |members| {
            for m in members {
                let key = &*m.key.text;
                // A `match` on the literals switches on the length: most keys are looked at once.
                let list = match key {
                    "$ref" => {
                        // Once for an object with duplicate `$ref` keys.
                        if !keywords.ref_objects.last().is_some_and(|last| std::ptr::eq(*last, members)) {
                            keywords.ref_objects.push(members);
                        }
                        &mut keywords.refs
                    }
                    "allOf" | "anyOf" | "oneOf" => &mut keywords.combinators,
                    "externalDocs" => &mut keywords.external_docs,
                    "selectedItemValuePath" => &mut keywords.selected_item_value_paths,
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

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::json::parse;

    /// The values of the `$ref` members the walk finds under `root`.
    fn refs(root: &Node) -> Vec<String> {
        Keywords::of(root).refs.iter().map(|m| m.value.as_str().unwrap().to_string()).collect()
    }

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
        assert_eq!(refs(&root), ["#/x", "#/y", "#/z", "#/r", "#/deep"]);
    }

    #[test]
    fn sorts_out_objects_with_references_and_combinators() {
        let text = r##"{"definitions": {
  "A": {"$ref": "#/x", "$ref": "#/y", "description": "d"},
  "B": {"allOf": [{"$ref": "#/z"}], "x-ms-enum-values": [], "properties": {"oneOf": {"type": "string"}}},
  "C": {"anyOf": [], "example": {"oneOf": [], "$ref": "#/no"}}}}"##;
        let root = parse(text).root.unwrap();
        let keywords = Keywords::of(&root);
        let keys = |members: &[Member<'_>]| members.iter().map(|m| m.key.text.to_string()).collect::<Vec<_>>().join(",");
        let objects: Vec<String> = keywords.ref_objects.iter().map(|o| keys(o)).collect();
        assert_eq!(objects, ["$ref,$ref,description", "$ref"], "once each, the one inside `allOf` too");
        let combinators: Vec<&str> = keywords.combinators.iter().map(|m| &*m.key.text).collect();
        assert_eq!(combinators, ["allOf", "anyOf"], "not a property named `oneOf`, nor one in an example");
    }

    #[test]
    fn finds_selected_item_value_paths_in_keyword_objects_only() {
        let text = r##"{"x-ms-dynamic-tree": {"browse": {"selectedItemValuePath": "a", "parameters": {
  "selectedItemValuePath": {"selectedItemValuePath": "b"}}}},
  "properties": {"selectedItemValuePath": {"type": "string"}}, "example": {"selectedItemValuePath": "no"}}"##;
        let root = parse(text).root.unwrap();
        let values: Vec<&str> =
            Keywords::of(&root).selected_item_value_paths.iter().map(|m| m.value.as_str().unwrap_or("object")).collect();
        assert_eq!(values, ["a", "b"], "not a parameter or property of that name, nor one in an example");
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        let depth = 200;
        let text = "[".repeat(depth) + "{\"$ref\": \"#/a\"}" + &"]".repeat(depth);
        let root = parse(&text).root.unwrap();
        assert_eq!(refs(&root), ["#/a"]);
    }
}
