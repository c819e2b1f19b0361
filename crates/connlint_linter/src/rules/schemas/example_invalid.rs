use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::schema::to_json;
use connlint_core::json::{Node, Value};
use connlint_core::model::keywords::SchemaKeywords;
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

/// The keys of a non-body parameter that constrain its value (its JSON Schema), and `x-nullable`.
const PARAMETER_SCHEMA_KEYWORDS: [&str; 16] = [
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
    "x-nullable",
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
/// Checks the `keys` values of the schema `node`. `schema` builds the JSON Schema to validate
/// against (`only`: the keywords of `node` it keeps, `None` for all) and `what` names the schema in
/// messages; both are only built when needed.
fn check(
    node: &Node,
    schema: impl FnOnce() -> serde_json::Value,
    only: Option<&[&str]>,
    keys: [&str; 2],
    what: impl FnOnce() -> String,
    cx: &mut Context<'_, '_>,
) {
    // Every schema of the document comes here and few have a value to check: one pass over
    // the members finds the type and both values.
    let [ty, first, second] = node.get_each(["type", keys[0], keys[1]]);
    let Some(ty) = ty.and_then(Node::as_str) else { return };
    if first.is_none() && second.is_none() {
        return;
    }
    let values: Vec<(&str, &Node)> = keys
        .into_iter()
        .zip([first, second])
        .filter_map(|(k, v)| Some((k, v?)))
        // A default of the wrong JSON type is default-type-mismatch's finding.
        .filter(|(k, v)| !(*k == "default" && v.is_instance_of(ty) == Some(false)))
        // Most values are plainly valid: prove it without building a validator (the costly
        // part). A value proven valid would draw no report, so only the others are validated.
        .filter(|(_, value)| !fast::is_valid(node, only, value))
        .collect();
    if values.is_empty() || needs_resolution(node) {
        return;
    }
    let mut schema = schema();
    strip_annotations(&mut schema, true);
    // A schema that is not valid draft 4 (e.g. `type: file`) is another rule's business.
    let Some(validator) = compiled(&schema) else { return };
    let what = what();
    for (key, value) in values {
        check_value(&schema, &validator, key, value, &what, cx);
    }
}

/// Removes from the JSON Schema `schema` (and from the schemas of its properties, items and
/// additional properties) the members that cannot change a verdict: `example` and `default`
/// (draft 4 gives them no constraint), extensions other than the top `x-nullable` (which
/// [`check_value`] reads), and `title` and `description` when they are strings (as draft 4
/// requires; other values make the schema invalid, so they stay).
///
/// Schemas that differ only there then share one compiled validator in [`compiled`]: in real
/// connectors they differ mostly by their example and description.
fn strip_annotations(schema: &mut serde_json::Value, top: bool) {
    let serde_json::Value::Object(map) = schema else { return };
    map.retain(|key, value| match key.as_str() {
        "example" | "default" => false,
        "title" | "description" => !value.is_string(),
        "x-nullable" => top,
        key => !key.starts_with("x-"),
    });
    if let Some(serde_json::Value::Object(properties)) = map.get_mut("properties") {
        properties.values_mut().for_each(|s| strip_annotations(s, false));
    }
    match map.get_mut("items") {
        Some(serde_json::Value::Array(items)) => items.iter_mut().for_each(|s| strip_annotations(s, false)),
        Some(items) => strip_annotations(items, false),
        None => {}
    }
    if let Some(extra) = map.get_mut("additionalProperties") {
        strip_annotations(extra, false);
    }
}

/// `schema` compiled as a draft 4 validator, or `None` when it is not a valid draft 4 schema.
///
/// Building a validator costs far more than using it, and the schemas that need one repeat
/// (a connector with a thousand `uuid` strings that share one example), so each thread keeps
/// the validators it built, by the schema's JSON text. The cache is emptied when it grows
/// large, so that a long-running language server does not keep every schema it ever saw.
fn compiled(schema: &serde_json::Value) -> Option<std::rc::Rc<jsonschema::Validator>> {
    type Cache = connlint_core::hash::HashMap<String, Option<std::rc::Rc<jsonschema::Validator>>>;
    const MAX_CACHED: usize = 4096;
    thread_local! {
        static VALIDATORS: std::cell::RefCell<Cache> = std::cell::RefCell::default();
    }
    let text = schema.to_string();
    if let Some(cached) = VALIDATORS.with_borrow(|cache| cache.get(&text).cloned()) {
        return cached;
    }
    let validator = jsonschema::draft4::new(schema).ok().map(std::rc::Rc::new);
    VALIDATORS.with_borrow_mut(|cache| {
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(text, validator.clone());
    });
    validator
}

/// A validator of the one-keyword schema `{keyword: text}` (`format` or `pattern`), or `None`
/// when that schema is not valid draft 4 (a `pattern` that is not a regular expression).
///
/// The fast path asks these for the verdict of one keyword, so that it agrees with the
/// validator by construction (which formats draft 4 checks, how a pattern is read) while a
/// schema of many keywords need not be built. Few formats and patterns recur, so each thread
/// keeps the ones it built, emptied when the cache grows large as in [`compiled`].
fn keyword_validator(keyword: Keyword, text: &str) -> Option<std::rc::Rc<jsonschema::Validator>> {
    type Cache = [connlint_core::hash::HashMap<Box<str>, Option<std::rc::Rc<jsonschema::Validator>>>; 2];
    const MAX_CACHED: usize = 4096;
    thread_local! {
        static VALIDATORS: std::cell::RefCell<Cache> = std::cell::RefCell::default();
    }
    let index = keyword as usize;
    if let Some(cached) = VALIDATORS.with_borrow(|cache| cache[index].get(text).cloned()) {
        return cached;
    }
    let name = match keyword {
        Keyword::Format => "format",
        Keyword::Pattern => "pattern",
    };
    let schema = serde_json::json!({ name: text });
    let validator = jsonschema::draft4::new(&schema).ok().map(std::rc::Rc::new);
    VALIDATORS.with_borrow_mut(|cache| {
        if cache[index].len() >= MAX_CACHED {
            cache[index].clear();
        }
        cache[index].insert(text.into(), validator.clone());
    });
    validator
}

/// The string keywords whose verdict [`keyword_validator`] gives.
#[derive(Clone, Copy)]
enum Keyword {
    Format = 0,
    Pattern = 1,
}

/// A quick check that a value satisfies a simple schema, for the common keywords only.
///
/// `is_valid` answers `true` only when the JSON Schema (draft 4) validator would report nothing:
/// any keyword, shape or value it is not sure about makes it answer `false`, and the validator
/// then decides. (When the schema itself is not valid draft 4 the rule reports nothing either
/// way.)
mod fast {
    use super::Keyword;
    use connlint_core::json::{Member, Node, Value};

    /// Keywords that never constrain a value (annotations, Swagger's own keys, extensions).
    const IGNORED: [&str; 10] = [
        "title",
        "description",
        "default",
        "example",
        "readOnly",
        "xml",
        "externalDocs",
        "discriminator",
        "collectionFormat",
        "x-nullable",
    ];

    /// Whether `value` is valid against the schema `schema` (restricted to the keywords `only`).
    pub(super) fn is_valid(schema: &Node, only: Option<&[&str]>, value: &Node) -> bool {
        // `x-nullable: true` allows null (see `check_value`).
        if matches!(value.value, Value::Null) && keyword(schema, only, "x-nullable").and_then(Node::as_bool) == Some(true) {
            return true;
        }
        valid(schema, only, value, 0)
    }

    /// The last member `key` of `schema`, if `only` keeps it (as the JSON copy of the schema does).
    fn keyword<'n>(schema: &'n Node<'n>, only: Option<&[&str]>, key: &str) -> Option<&'n Node<'n>> {
        if only.is_some_and(|keys| !keys.contains(&key)) {
            return None;
        }
        schema.get(key)
    }

    /// The value of an integer keyword such as `maxLength`, when it is a plain non-negative integer.
    fn limit(node: &Node) -> Option<f64> {
        node.as_number().filter(|n| n.is_integer && n.value >= 0.0 && n.value < 9.0e15).map(|n| n.value)
    }

    /// Whether `value`'s number is represented exactly in the validator's copy (an integer
    /// below 2^53 or a finite float).
    fn plain_number(value: &Node) -> Option<f64> {
        value.as_number().filter(|n| n.value.is_finite() && (!n.is_integer || n.value.abs() < 9.0e15)).map(|n| n.value)
    }

    /// `value`'s number when it is an integer that the validator's copy holds as one (written
    /// without fraction or exponent, below 2^53).
    fn plain_integer(value: &Node) -> Option<f64> {
        value.as_number().filter(|n| n.is_integer && n.value.abs() < 9.0e15).map(|n| n.value)
    }

    fn type_matches(ty: &str, value: &Node) -> Option<bool> {
        match (ty, &value.value) {
            ("null", v) => Some(matches!(v, Value::Null)),
            // Numbers the validator may read differently (huge, or an integer written with a
            // fraction or exponent) are its call.
            ("number", Value::Number(_)) => plain_number(value).map(|_| true),
            ("integer", Value::Number(n)) if !(n.is_integer && n.value.abs() < 9.0e15) => None,
            _ => value.is_instance_of(ty),
        }
    }

    fn valid(schema: &Node, only: Option<&[&str]>, value: &Node, depth: usize) -> bool {
        let Some(members) = schema.as_object() else { return false };
        if depth > 32 {
            return false;
        }
        members.iter().all(|m: &Member| {
            let key = &*m.key.text;
            if only.is_some_and(|keys| !keys.contains(&key)) || key.starts_with("x-") || IGNORED.contains(&key) {
                return true;
            }
            // With duplicate keys the last one counts.
            let Some(rule) = schema.get(key) else { return false };
            keyword_holds(key, rule, schema, only, value, depth)
        })
    }

    fn keyword_holds(key: &str, rule: &Node, schema: &Node, only: Option<&[&str]>, value: &Node, depth: usize) -> bool {
        match key {
            "type" => match &rule.value {
                Value::String(ty) => type_matches(ty, value) == Some(true),
                Value::Array(types) => {
                    !types.is_empty()
                        && types.iter().all(|t| t.as_str().is_some_and(|t| type_matches(t, value).is_some()))
                        && types.iter().any(|t| t.as_str().and_then(|t| type_matches(t, value)) == Some(true))
                }
                _ => false,
            },
            // Both only constrain strings; the one-keyword validator gives the verdict on one.
            "format" | "pattern" => {
                let Some(text) = rule.as_str() else { return false };
                let Some(s) = value.as_str() else { return true };
                let keyword = if key == "format" { Keyword::Format } else { Keyword::Pattern };
                super::keyword_validator(keyword, text).is_some_and(|v| v.is_valid(&serde_json::Value::String(s.to_string())))
            }
            "enum" => {
                let Some(options) = rule.as_array() else { return false };
                match &value.value {
                    Value::String(s) => options.iter().any(|o| o.as_str() == Some(s)),
                    Value::Bool(b) => options.iter().any(|o| o.as_bool() == Some(*b)),
                    Value::Null => options.iter().any(|o| matches!(o.value, Value::Null)),
                    // Two integers the validator's copy holds exactly are equal when their values are.
                    Value::Number(_) => plain_integer(value).is_some_and(|n| options.iter().any(|o| plain_integer(o) == Some(n))),
                    _ => false,
                }
            }
            "minLength" | "maxLength" => {
                let Some(limit) = limit(rule) else { return false };
                match value.as_str() {
                    // The validator counts Unicode scalar values, as `chars` does.
                    Some(s) => {
                        let len = s.chars().count() as f64;
                        if key == "minLength" {
                            len >= limit
                        } else {
                            len <= limit
                        }
                    }
                    None => true,
                }
            }
            "minItems" | "maxItems" => {
                let Some(limit) = limit(rule) else { return false };
                match value.as_array() {
                    Some(items) => {
                        let len = items.len() as f64;
                        if key == "minItems" {
                            len >= limit
                        } else {
                            len <= limit
                        }
                    }
                    None => true,
                }
            }
            "minimum" | "maximum" => {
                let Some(bound) = plain_number(rule) else { return false };
                let exclusive_key = if key == "minimum" { "exclusiveMinimum" } else { "exclusiveMaximum" };
                let exclusive = match keyword(schema, only, exclusive_key) {
                    None => false,
                    Some(flag) => match flag.as_bool() {
                        Some(flag) => flag,
                        None => return false,
                    },
                };
                if value.as_number().is_none() {
                    return true;
                }
                let Some(n) = plain_number(value) else { return false };
                match (key, exclusive) {
                    ("minimum", false) => n >= bound,
                    ("minimum", true) => n > bound,
                    (_, false) => n <= bound,
                    (_, true) => n < bound,
                }
            }
            // Read with `minimum` and `maximum`; alone they are booleans that change nothing.
            "exclusiveMinimum" | "exclusiveMaximum" => rule.as_bool().is_some(),
            "uniqueItems" => match rule.as_bool() {
                Some(false) => true,
                Some(true) => value.as_array().is_none_or(|items| items.len() < 2),
                None => false,
            },
            "items" => match (&rule.value, value.as_array()) {
                (Value::Object(_), Some(items)) => items.iter().all(|item| valid(rule, None, item, depth + 1)),
                (Value::Object(_), None) => true,
                _ => false,
            },
            "required" => {
                let Some(names) = rule.as_array() else { return false };
                if names.is_empty() || names.iter().any(|n| n.as_str().is_none()) {
                    return false;
                }
                match value.as_object() {
                    Some(_) => names.iter().all(|n| n.as_str().is_some_and(|n| value.get(n).is_some())),
                    None => true,
                }
            }
            "properties" => {
                let Some(properties) = rule.as_object() else { return false };
                if properties.iter().any(|p| p.value.as_object().is_none()) {
                    return false;
                }
                match value.as_object() {
                    // Every member is checked, earlier duplicates too (stricter than needed).
                    Some(members) => members.iter().all(|m| rule.get(&m.key.text).is_none_or(|s| valid(s, None, &m.value, depth + 1))),
                    None => true,
                }
            }
            "additionalProperties" => {
                if keyword(schema, only, "patternProperties").is_some() {
                    return false;
                }
                let known = |name: &str| keyword(schema, only, "properties").is_some_and(|p| p.get(name).is_some());
                let Some(members) = value.as_object() else {
                    return matches!(rule.value, Value::Bool(_) | Value::Object(_));
                };
                match &rule.value {
                    Value::Bool(true) => true,
                    Value::Bool(false) => members.iter().all(|m| known(&m.key.text)),
                    Value::Object(_) => members.iter().all(|m| known(&m.key.text) || valid(rule, None, &m.value, depth + 1)),
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

impl Rule for ExampleInvalid {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = p.node.filter(|_| !p.is_in("body")) else { return };
        let what = || format!("parameter `{}`", p.name.map_or("?", |n| n.value));
        let schema = || {
            let mut map = serde_json::Map::new();
            for key in &PARAMETER_SCHEMA_KEYWORDS {
                if let Some(v) = node.get(key) {
                    map.insert((*key).to_string(), to_json(v));
                }
            }
            serde_json::Value::Object(map)
        };
        check(node, schema, Some(&PARAMETER_SCHEMA_KEYWORDS), ["x-example", "default"], what, cx);
    }

    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::EXAMPLE | SchemaKeywords::DEFAULT)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let what = || schema.name.map_or_else(|| "this schema".to_string(), |k| format!("`{}`", k.text));
        check(schema.node, || to_json(schema.node), None, ["example", "default"], what, cx);
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
