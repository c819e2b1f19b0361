//! A Swagger 2.0 schema inferred from an example JSON value (Postman bodies and saved
//! responses): objects give `properties`, arrays their first item's schema, scalars their type
//! (`integer` for whole numbers). Every node carries `span`, the place of the example.

use super::build::{self, Object};
use crate::json::owned::{Node, Value};
use crate::source::Span;

/// Deepest example nesting that is described; deeper values get an untyped schema.
const MAX_DEPTH: usize = 64;

pub(super) fn infer(example: &Node, span: Span) -> Node {
    infer_at(example, span, 0)
}

fn infer_at(example: &Node, span: Span, depth: usize) -> Node {
    let mut out = Object::new(span);
    if depth > MAX_DEPTH {
        return out.build();
    }
    match &example.value {
        Value::Null => {}
        Value::Bool(_) => {
            out.put("type", build::string(span, "boolean"));
        }
        Value::Number(n) => {
            out.put("type", build::string(span, if n.is_integer { "integer" } else { "number" }));
        }
        Value::String(_) => {
            out.put("type", build::string(span, "string"));
        }
        Value::Array(items) => {
            out.put("type", build::string(span, "array"));
            let item = items.first().map_or_else(|| Object::new(span).build(), |first| infer_at(first, span, depth + 1));
            out.put("items", item);
        }
        Value::Object(members) => {
            out.put("type", build::string(span, "object"));
            let mut properties = Object::new(span);
            for member in members {
                properties.put_at(&member.key.text, span, infer_at(&member.value, span, depth + 1));
            }
            out.put("properties", properties.build());
        }
    }
    out.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_example() {
        let example = crate::json::parse(r#"{"id": 1, "name": "a", "tags": ["x"], "score": 1.5, "ok": true, "none": null}"#).root.unwrap();
        let schema = infer(&example, Span::empty(0));
        let text = super::super::write::to_json(&schema);
        assert_eq!(
            text.split_whitespace().collect::<String>(),
            r#"{"type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}},"score":{"type":"number"},"ok":{"type":"boolean"},"none":{}}}"#
        );
    }
}
