use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::schema::to_json;
use connlint_core::json::{Node, Value};
use connlint_core::model::swagger::{Operation, Parameter, SchemaVisit};
use jsonschema::error::{TypeKind, ValidationErrorKind};

declare_rule! {
    /// ## What it does
    /// Validates every `example` and `default` of a schema (request and response bodies,
    /// definitions, properties) and every `x-example` and `default` of a non-body parameter
    /// against the schema they belong to (JSON Schema draft 4: `type`, `enum`, `minimum`,
    /// `maxLength`, `pattern`, `required`, `items`...), and reports the first way the value
    /// does not fit, with the place inside the value when it is nested.
    ///
    /// To stay offline and fast, schemas that contain a `$ref` or an `x-ms-dynamic-*` extension,
    /// schemas without a `type`, and schemas that are not themselves valid draft-4 schemas are
    /// skipped. A `default` whose JSON type differs from the declared `type` is left to
    /// `default-type-mismatch`; a `null` value is accepted where `x-nullable` is true.
    ///
    /// ## Why is this bad?
    /// Examples are shown to makers and used by tooling to build sample requests; a default is
    /// filled into the field as it is. A value that breaks its own schema misleads makers,
    /// makes the sample fail, or sends the API a request it rejects.
    ///
    /// ## Example
    /// ```json
    /// { "type": "integer", "minimum": 1, "maximum": 100, "example": 500 }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "integer", "minimum": 1, "maximum": 100, "example": 50 }
    /// ```
    pub ExampleInvalid {
        id: "example-invalid",
        category: Schemas,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An example or default value does not validate against its own schema",
        visits: [Parameter, Schema],
    }
}

/// The keys of a non-body parameter that constrain its value.
const PARAMETER_KEYWORDS: [&str; 15] = [
    "type",
    "format",
    "enum",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
];

/// Whether the tree under `node` has a `$ref` or an `x-ms-dynamic-*` key anywhere.
fn needs_resolution(node: &Node) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::Object(members) => {
                for m in members.iter() {
                    let key: &str = &m.key.text;
                    if key == "$ref" || key.starts_with("x-ms-dynamic-") {
                        return true;
                    }
                    stack.push(&m.value);
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    false
}

fn short(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 50 {
        format!("{}…", text.chars().take(47).collect::<String>())
    } else {
        text
    }
}

fn type_name(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => t.to_string(),
        TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" or "),
    }
}

/// Our wording of one validation failure of `instance`.
fn describe(kind: &ValidationErrorKind, instance: &serde_json::Value) -> String {
    let it = short(instance);
    match kind {
        ValidationErrorKind::Type { kind } => format!("{it} is not of type {}", type_name(kind)),
        ValidationErrorKind::Enum { options } => format!("{it} is not one of {}", short(options)),
        ValidationErrorKind::Required { property } => format!("the required property {} is missing", short(property)),
        ValidationErrorKind::Minimum { limit } => format!("{it} is below the minimum {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("{it} is above the maximum {limit}"),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("{it} is not above the exclusive minimum {limit}"),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("{it} is not below the exclusive maximum {limit}"),
        ValidationErrorKind::MinLength { limit } => format!("{it} has fewer than {limit} character(s)"),
        ValidationErrorKind::MaxLength { limit } => format!("{it} has more than {limit} character(s)"),
        ValidationErrorKind::Pattern { pattern } => format!("{it} does not match the pattern `{pattern}`"),
        ValidationErrorKind::Format { format } => format!("{it} is not a valid `{format}`"),
        ValidationErrorKind::MinItems { limit } => format!("the array has fewer than {limit} item(s)"),
        ValidationErrorKind::MaxItems { limit } => format!("the array has more than {limit} item(s)"),
        ValidationErrorKind::UniqueItems => "the array has duplicate items".to_string(),
        ValidationErrorKind::MultipleOf { multiple_of } => format!("{it} is not a multiple of {multiple_of}"),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let keys = unexpected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            format!("the property {keys} is not allowed")
        }
        ValidationErrorKind::MinProperties { limit } => format!("the object has fewer than {limit} properties"),
        ValidationErrorKind::MaxProperties { limit } => format!("the object has more than {limit} properties"),
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => format!("{it} matches none of the allowed shapes"),
        ValidationErrorKind::OneOfMultipleValid { .. } => format!("{it} matches more than one of the allowed shapes"),
        ValidationErrorKind::Not { .. } => format!("{it} has a shape the schema forbids"),
        _ => format!("{it} does not satisfy the schema"),
    }
}

/// Checks `value` (the `key` of the object whose constraints are `schema`) and reports the
/// first failure.
fn check_value(
    schema: &serde_json::Value,
    validator: &jsonschema::Validator,
    key: &str,
    value: &Node,
    what: &str,
    cx: &mut Context<'_, '_>,
) {
    if matches!(value.value, Value::Null) && schema.get("x-nullable").and_then(serde_json::Value::as_bool) == Some(true) {
        return;
    }
    let instance = to_json(value);
    let Some(error) = validator.iter_errors(&instance).next() else { return };
    let problem = describe(&error.kind, &error.instance);
    let place = error.instance_path.as_str();
    let at = if place.is_empty() { String::new() } else { format!(" at `{place}`") };
    cx.report_swagger(value.span, format!("the {key} of {what} is invalid{at}: {problem}"))
        .help(format!("change the {key} so that it satisfies the schema's constraints, or correct the schema"));
}

/// Validates the values under `keys` of `node` against `schema` (built only when needed).
fn check(node: &Node, schema: impl FnOnce() -> serde_json::Value, keys: &[&str], what: &str, cx: &mut Context<'_, '_>) {
    let Some(ty) = node.get("type").and_then(Node::as_str) else { return };
    let values: Vec<(&str, &Node)> = keys
        .iter()
        .filter_map(|k| node.get(k).map(|v| (*k, v)))
        // A default of the wrong JSON type is default-type-mismatch's finding.
        .filter(|(k, v)| !(*k == "default" && v.is_instance_of(ty) == Some(false)))
        .collect();
    if values.is_empty() || needs_resolution(node) {
        return;
    }
    let schema = schema();
    // A schema that is not valid draft 4 (e.g. `type: file`) is another rule's business.
    let Ok(validator) = jsonschema::draft4::new(&schema) else { return };
    for (key, value) in values {
        check_value(&schema, &validator, key, value, what, cx);
    }
}

impl Rule for ExampleInvalid {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = p.node.filter(|_| !p.is_in("body")) else { return };
        let what = format!("parameter `{}`", p.name.map_or("?", |n| n.value));
        let schema = || {
            let mut map = serde_json::Map::new();
            for key in PARAMETER_KEYWORDS.iter().chain(["x-nullable"].iter()) {
                if let Some(v) = node.get(key) {
                    map.insert((*key).to_string(), to_json(v));
                }
            }
            serde_json::Value::Object(map)
        };
        check(node, schema, &["x-example", "default"], &what, cx);
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let what = schema.name.map_or_else(|| "this schema".to_string(), |k| format!("`{}`", k.text));
        check(schema.node, || to_json(schema.node), &["example", "default"], &what, cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_examples_and_defaults_that_break_their_schema() {
        let text = r#"{"paths": {"/i": {"get": {"parameters": [
  {"name": "top", "in": "query", "type": "integer", "maximum": 100, "x-example": 500},
  {"name": "mode", "in": "query", "type": "string", "enum": ["a", "b"], "default": "c"},
  {"name": "body", "in": "body", "schema": {"type": "object", "required": ["id"], "example": {"name": "x"}}}
]}}},
"definitions": {"D": {"type": "object", "properties": {
  "tags": {"type": "array", "items": {"type": "string", "maxLength": 3}, "example": ["ab", "abcd"]},
  "code": {"type": "string", "pattern": "^[A-Z]+$", "default": "abc"}
}}}}"#;
        assert_eq!(
            messages(&ExampleInvalid, swagger(text)),
            [
                "2:82 the x-example of parameter `top` is invalid: 500 is above the maximum 100",
                "3:84 the default of parameter `mode` is invalid: \"c\" is not one of [\"a\",\"b\"]",
                "4:94 the example of this schema is invalid: the required property \"id\" is missing",
                "7:85 the example of `tags` is invalid at `/1`: \"abcd\" has more than 3 character(s)",
                "8:64 the default of `code` is invalid: \"abc\" does not match the pattern `^[A-Z]+$`",
            ]
        );
    }

    #[test]
    fn silent_on_valid_values_and_skipped_schemas() {
        let text = r##"{"paths": {"/i": {"get": {"parameters": [
  {"name": "top", "in": "query", "type": "integer", "maximum": 100, "x-example": 50, "default": "10"},
  {"name": "f", "in": "formData", "type": "file", "x-example": 3},
  {"name": "n", "in": "query", "x-example": 3, "enum": ["a"]},
  {"name": "d", "in": "query", "type": "string", "enum": ["a"], "default": "z", "x-ms-dynamic-values": {"operationId": "L"}},
  {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/D", "example": 5}}
]}}},
"definitions": {"D": {"type": "object", "properties": {
  "r": {"type": "object", "properties": {"x": {"$ref": "#/definitions/D"}}, "example": {"x": 5}},
  "n": {"type": "string", "x-nullable": true, "enum": ["a"], "example": null},
  "u": {"enum": ["a"], "example": "b"},
  "i": {"type": "integer", "minimum": 1, "example": 1, "default": 2},
  "bad": {"type": "string", "required": true, "enum": ["a"], "example": "b"}
}}}}"##;
        assert_silent(&ExampleInvalid, swagger(text));
    }
}
