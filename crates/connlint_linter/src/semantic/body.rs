//! The properties of an operation's body schema, with what holds on the way down to each:
//! whether every level is required, and whether one of them is internal.

use connlint_core::json::{Key, Member, Node};
use connlint_core::model::extensions::is_internal;
use connlint_core::model::schema::{nested, Step};
use connlint_core::model::swagger::{Operation, Swagger};

/// A property somewhere in an operation's body schema.
#[derive(Debug, Clone)]
pub(crate) struct BodyProperty<'a> {
    /// The `/`-separated path from the body's root (without the body parameter's name); array
    /// items add no segment.
    pub path: String,
    pub key: &'a Key<'a>,
    /// The property's member, as written (its value may be a `$ref`).
    pub member: &'a Member<'a>,
    /// The property's schema (`$ref` followed).
    pub schema: &'a Node<'a>,
    /// Whether it is required at every level from the body parameter down.
    pub required: bool,
    /// The first property on the way down (this one included) that its schema does not list
    /// in `required`, if any.
    pub unrequired: Option<&'a Key<'a>>,
    /// Whether it or one of its ancestors (the body parameter included) is internal.
    pub internal: bool,
    /// Whether it is below an array's `items`.
    pub in_items: bool,
}

/// What holds on the way down to one entry of the walk.
#[derive(Clone)]
struct Way<'a> {
    path: String,
    required: bool,
    unrequired: Option<&'a Key<'a>>,
    internal: bool,
    in_items: bool,
}

/// Every property of the operation's body schemas (through `$ref`, `allOf` and array items),
/// depth first in document order; a recursive schema is not expanded again (see
/// [`connlint_core::model::schema`] for the limits).
pub(crate) fn body_properties<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<BodyProperty<'a>> {
    properties(swagger, op, true)
}

/// [`body_properties`] with every `path` left empty, for callers that do not read it: building
/// a path string for each property of every body is most of the walk's cost.
pub(crate) fn body_properties_without_paths<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<BodyProperty<'a>> {
    properties(swagger, op, false)
}

fn properties<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, paths: bool) -> Vec<BodyProperty<'a>> {
    let mut out = Vec::new();
    for body in op.effective_parameters(swagger).filter(|p| p.is_in("body")) {
        let (Some(node), Some(schema)) = (body.node, body.schema) else { continue };
        let root = swagger.schema(schema);
        let Some(root_node) = root.node() else { continue };
        let top = Way {
            path: String::new(),
            required: body.is_required(),
            unrequired: None,
            internal: is_internal(node) || is_internal(root_node),
            in_items: false,
        };
        let mut ways: Vec<Way<'a>> = Vec::new();
        for entry in nested(swagger, &root) {
            let parent = entry.parent.map_or(&top, |i| &ways[i]);
            let way = match entry.step {
                Step::Items => Way { in_items: true, ..parent.clone() },
                Step::Property => {
                    let key = &entry.member.key;
                    let internal = parent.internal || is_internal(&entry.member.value) || entry.view.node().is_some_and(is_internal);
                    Way {
                        path: match (paths, parent.path.is_empty()) {
                            (false, _) => String::new(),
                            (true, true) => key.text.to_string(),
                            (true, false) => format!("{}/{}", parent.path, key.text),
                        },
                        required: parent.required && entry.required.is_some(),
                        unrequired: parent.unrequired.or(entry.required.is_none().then_some(key)),
                        internal,
                        in_items: parent.in_items,
                    }
                }
            };
            if let (Step::Property, Some(schema)) = (entry.step, entry.view.node()) {
                out.push(BodyProperty {
                    path: way.path.clone(),
                    key: &entry.member.key,
                    member: entry.member,
                    schema,
                    required: way.required,
                    unrequired: way.unrequired,
                    internal: way.internal,
                    in_items: way.in_items,
                });
            }
            ways.push(way);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::json::parse;
    use connlint_core::model::FileId;

    #[test]
    fn paths_carry_required_and_internal_down_and_recursion_stops() {
        let text = r##"{"paths": {"/a": {"post": {"parameters": [{"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Node"}}]}}},
            "definitions": {"Node": {"required": ["id", "meta"], "properties": {
                "id": {"type": "string"},
                "meta": {"x-ms-visibility": "internal", "properties": {"url": {"type": "string", "x-ms-notification-url": true}}},
                "tags": {"type": "array", "items": {"properties": {"name": {}}}},
                "child": {"$ref": "#/definitions/Node"}}}}}"##;
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let got: Vec<String> = body_properties(&swagger, &swagger.operations[0])
            .iter()
            .map(|p| {
                let flags = [(p.required, "required"), (p.internal, "internal"), (p.in_items, "in-items")];
                let flags: Vec<&str> = flags.iter().filter(|(on, _)| *on).map(|(_, name)| *name).collect();
                format!("{} {} unrequired={}", p.path, flags.join(","), p.unrequired.map_or("-", |k| &*k.text))
            })
            .collect();
        assert_eq!(
            got,
            [
                "id required unrequired=-",
                "meta required,internal unrequired=-",
                "meta/url internal unrequired=url",
                "tags  unrequired=tags",
                "tags/name in-items unrequired=tags",
                "child  unrequired=child",
            ]
        );
    }
}
