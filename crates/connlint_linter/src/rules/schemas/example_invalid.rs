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

/// One way a value breaks a draft-4 keyword, as either validator finds it (see [`draft4`]).
enum Problem<'s> {
    Type(String),
    Enum(&'s serde_json::Value),
    Required(&'s serde_json::Value),
    Minimum(&'s serde_json::Value),
    Maximum(&'s serde_json::Value),
    ExclusiveMinimum(&'s serde_json::Value),
    ExclusiveMaximum(&'s serde_json::Value),
    MinLength(u64),
    MaxLength(u64),
    Pattern(&'s str),
    Format(&'s str),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
}

impl Problem<'_> {
    /// Our wording of this problem of `instance`.
    fn describe(&self, instance: &serde_json::Value) -> String {
        let it = short(instance);
        match self {
            Problem::Type(name) => format!("{it} is not of type {name}"),
            Problem::Enum(options) => format!("{it} is not one of {}", short(options)),
            Problem::Required(property) => format!("the required property {} is missing", short(property)),
            Problem::Minimum(limit) => format!("{it} is below the minimum {limit}"),
            Problem::Maximum(limit) => format!("{it} is above the maximum {limit}"),
            Problem::ExclusiveMinimum(limit) => format!("{it} is not above the exclusive minimum {limit}"),
            Problem::ExclusiveMaximum(limit) => format!("{it} is not below the exclusive maximum {limit}"),
            Problem::MinLength(limit) => format!("{it} has fewer than {limit} character(s)"),
            Problem::MaxLength(limit) => format!("{it} has more than {limit} character(s)"),
            Problem::Pattern(pattern) => format!("{it} does not match the pattern `{pattern}`"),
            Problem::Format(format) => format!("{it} is not a valid `{format}`"),
            Problem::MinItems(limit) => format!("the array has fewer than {limit} item(s)"),
            Problem::MaxItems(limit) => format!("the array has more than {limit} item(s)"),
            Problem::UniqueItems => "the array has duplicate items".to_string(),
        }
    }
}

/// Our wording of one validation failure of `instance`.
fn describe(kind: &ValidationErrorKind, instance: &serde_json::Value) -> String {
    let it = short(instance);
    let problem = match kind {
        ValidationErrorKind::Type { kind } => Problem::Type(type_name(kind)),
        ValidationErrorKind::Enum { options } => Problem::Enum(options),
        ValidationErrorKind::Required { property } => Problem::Required(property),
        ValidationErrorKind::Minimum { limit } => Problem::Minimum(limit),
        ValidationErrorKind::Maximum { limit } => Problem::Maximum(limit),
        ValidationErrorKind::ExclusiveMinimum { limit } => Problem::ExclusiveMinimum(limit),
        ValidationErrorKind::ExclusiveMaximum { limit } => Problem::ExclusiveMaximum(limit),
        ValidationErrorKind::MinLength { limit } => Problem::MinLength(*limit),
        ValidationErrorKind::MaxLength { limit } => Problem::MaxLength(*limit),
        ValidationErrorKind::Pattern { pattern } => Problem::Pattern(pattern),
        ValidationErrorKind::Format { format } => Problem::Format(format),
        ValidationErrorKind::MinItems { limit } => Problem::MinItems(*limit),
        ValidationErrorKind::MaxItems { limit } => Problem::MaxItems(*limit),
        ValidationErrorKind::UniqueItems => Problem::UniqueItems,
        ValidationErrorKind::MultipleOf { multiple_of } => return format!("{it} is not a multiple of {multiple_of}"),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let keys = unexpected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            return format!("the property {keys} is not allowed");
        }
        ValidationErrorKind::MinProperties { limit } => return format!("the object has fewer than {limit} properties"),
        ValidationErrorKind::MaxProperties { limit } => return format!("the object has more than {limit} properties"),
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. } => {
            return format!("{it} matches none of the allowed shapes")
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => return format!("{it} matches more than one of the allowed shapes"),
        ValidationErrorKind::Not { .. } => return format!("{it} has a shape the schema forbids"),
        _ => return format!("{it} does not satisfy the schema"),
    };
    problem.describe(instance)
}

/// Checks `value` (the `key` of the object whose constraints are `schema`) and reports the
/// first failure, found by `validator`, or by [`draft4`] when the schema is one it judges.
fn check_value(
    schema: &serde_json::Value,
    validator: Option<&jsonschema::Validator>,
    key: &str,
    value: &Node,
    what: &str,
    cx: &mut Context<'_, '_>,
) {
    if matches!(value.value, Value::Null) && schema.get("x-nullable").and_then(serde_json::Value::as_bool) == Some(true) {
        return;
    }
    let instance = to_json(value);
    let (problem, place) = match validator {
        Some(validator) => {
            let Some(error) = validator.iter_errors(&instance).next() else { return };
            (describe(&error.kind, &error.instance), error.instance_path.as_str().to_string())
        }
        None => {
            let Some(failure) = draft4::first_failure(schema, &instance) else { return };
            (failure.problem.describe(failure.instance), failure.path)
        }
    };
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
    // Most schemas use only keywords that `draft4` judges as the full validator does. Building
    // a full validator checks the schema against jsonschema's draft 4 meta-schema validator,
    // which grows with the shapes of the schemas it has seen: 20 MB over the corpus.
    let validator = match draft4::judges(&schema) {
        // A schema that is not valid draft 4 (e.g. `type: file`) is another rule's business.
        draft4::Judges::InvalidSchema => return,
        draft4::Judges::Yes => None,
        draft4::Judges::No => match compiled(&schema) {
            Some(validator) => Some(validator),
            None => return,
        },
    };
    let what = what();
    for (key, value) in values {
        check_value(&schema, validator.as_deref(), key, value, &what, cx);
    }
}

/// The draft-4 validation of the schemas most examples have: `type` (one name), `enum`,
/// `format`, `pattern`, the length, size and number bounds, `items` (one schema),
/// `uniqueItems`, `properties` and `required`, nested through `properties` and `items`.
///
/// It gives the verdict and the first failure that jsonschema's validator gives (keywords in
/// the order of their names, properties in the order of theirs, items in order; numbers
/// compared by value), and says which schemas are not valid draft 4, as that validator's
/// check against the meta-schema does for these keywords. For any other draft-4 keyword
/// (`allOf`, `additionalProperties: false`, `multipleOf`...) the full validator is used.
mod draft4 {
    use super::{keyword_validator, Keyword, Problem};
    use serde_json::{Map, Number, Value};
    use std::cmp::Ordering;

    /// Whether [`first_failure`] judges a schema.
    #[derive(Debug, PartialEq, Eq)]
    pub(super) enum Judges {
        Yes,
        /// It has a keyword only the full validator judges.
        No,
        /// It is not a valid draft-4 schema: nothing is validated against it.
        InvalidSchema,
    }

    /// A value's first failure: the part of it that fails, where, and how.
    pub(super) struct Failure<'s, 'i> {
        pub(super) instance: &'i Value,
        /// A JSON pointer into the value ("" for the value itself).
        pub(super) path: String,
        pub(super) problem: Problem<'s>,
    }

    const SIMPLE_TYPES: [&str; 7] = ["array", "boolean", "integer", "null", "number", "object", "string"];

    /// Draft-4 keywords this module leaves to the full validator.
    const OTHERS: [&str; 15] = [
        "$ref",
        "$schema",
        "additionalItems",
        "additionalProperties",
        "allOf",
        "anyOf",
        "definitions",
        "dependencies",
        "id",
        "maxProperties",
        "minProperties",
        "multipleOf",
        "not",
        "oneOf",
        "patternProperties",
    ];

    /// Whether [`first_failure`] judges `schema`, and whether it is valid draft 4. Every
    /// keyword counts, reached by a value or not: the full validator checks the whole schema.
    pub(super) fn judges(schema: &Value) -> Judges {
        let mut invalid = false;
        if judges_within(schema, &mut invalid, 0) {
            if invalid {
                Judges::InvalidSchema
            } else {
                Judges::Yes
            }
        } else {
            Judges::No
        }
    }

    /// False when a keyword is one for the full validator; sets `invalid` when one is not valid
    /// draft 4.
    fn judges_within(schema: &Value, invalid: &mut bool, depth: usize) -> bool {
        let Value::Object(keywords) = schema else {
            *invalid = true;
            return true;
        };
        if depth > 64 {
            return false;
        }
        let unsigned = |v: &Value| v.as_u64().is_some();
        for (key, value) in keywords {
            let valid = match key.as_str() {
                "type" => match value {
                    Value::String(name) => SIMPLE_TYPES.contains(&name.as_str()),
                    _ => return false,
                },
                "format" | "title" | "description" => value.is_string(),
                "pattern" => value.as_str().is_some_and(|p| keyword_validator(Keyword::Pattern, p).is_some()),
                // jsonschema's meta-schema asks no more of an `enum` (draft 4 also wants it
                // non-empty and without duplicates).
                "enum" => value.is_array(),
                "required" => {
                    value.as_array().is_some_and(|names| !names.is_empty() && names.iter().all(Value::is_string) && !has_duplicates(names))
                }
                "minLength" | "maxLength" | "minItems" | "maxItems" => unsigned(value),
                "minimum" | "maximum" => value.is_number(),
                "exclusiveMinimum" => value.is_boolean() && keywords.contains_key("minimum"),
                "exclusiveMaximum" => value.is_boolean() && keywords.contains_key("maximum"),
                "uniqueItems" => value.is_boolean(),
                // A nested schema with a keyword for the full validator makes it the judge.
                "items" => match value {
                    Value::Object(_) if judges_within(value, invalid, depth + 1) => true,
                    _ => return false,
                },
                "properties" => match value {
                    Value::Object(properties) => {
                        if !properties.values().all(|p| judges_within(p, invalid, depth + 1)) {
                            return false;
                        }
                        true
                    }
                    _ => false,
                },
                // `true` and `{}` allow what the absence allows (though `{}` moves where
                // `properties` reports, see `keyword_failure`); `false` and other schemas change
                // what it reports.
                "additionalProperties" if value == &Value::Bool(true) || value.as_object().is_some_and(Map::is_empty) => true,
                key if OTHERS.contains(&key) => return false,
                // Annotations and keys draft 4 does not know.
                _ => true,
            };
            if !valid {
                *invalid = true;
            }
        }
        true
    }

    /// The first failure of `instance` against `schema` (one [`judges`] said yes to), or
    /// `None` when it is valid.
    pub(super) fn first_failure<'s, 'i>(schema: &'s Value, instance: &'i Value) -> Option<Failure<'s, 'i>> {
        let mut path = Vec::new();
        let (instance, problem) = failure(schema, instance, &mut path)?;
        let mut pointer = String::new();
        for token in &path {
            pointer.push('/');
            for c in token.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        }
        Some(Failure { instance, path: pointer, problem })
    }

    /// The first failure and the path to it (pushed onto `path`).
    fn failure<'s, 'i>(schema: &'s Value, instance: &'i Value, path: &mut Vec<String>) -> Option<(&'i Value, Problem<'s>)> {
        let Value::Object(keywords) = schema else { return None };
        // In the order of the keywords' names, as the full validator runs them.
        for (key, value) in keywords {
            if let Some(found) = keyword_failure(keywords, key, value, instance, path) {
                return Some(found);
            }
        }
        None
    }

    fn keyword_failure<'s, 'i>(
        keywords: &'s Map<String, Value>,
        key: &str,
        value: &'s Value,
        instance: &'i Value,
        path: &mut Vec<String>,
    ) -> Option<(&'i Value, Problem<'s>)> {
        let fails = |problem| Some((instance, problem));
        match (key, instance) {
            ("type", _) => {
                let name = value.as_str()?;
                let fits = match (name, instance) {
                    ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
                    ("number", Value::Number(_)) | ("string", Value::String(_)) | ("boolean", Value::Bool(_)) => true,
                    ("null", Value::Null) | ("array", Value::Array(_)) | ("object", Value::Object(_)) => true,
                    _ => false,
                };
                if fits {
                    None
                } else {
                    fails(Problem::Type(name.to_string()))
                }
            }
            ("enum", _) => {
                let options = value.as_array()?;
                if options.iter().any(|option| equal(option, instance)) {
                    None
                } else {
                    fails(Problem::Enum(value))
                }
            }
            ("format" | "pattern", Value::String(_)) => {
                let text = value.as_str()?;
                let (keyword, problem) =
                    if key == "format" { (Keyword::Format, Problem::Format(text)) } else { (Keyword::Pattern, Problem::Pattern(text)) };
                match keyword_validator(keyword, text) {
                    Some(validator) if !validator.is_valid(instance) => fails(problem),
                    _ => None,
                }
            }
            ("minLength" | "maxLength", Value::String(text)) => {
                let limit = value.as_u64()?;
                let length = text.chars().count() as u64;
                match key {
                    "minLength" if length < limit => fails(Problem::MinLength(limit)),
                    "maxLength" if length > limit => fails(Problem::MaxLength(limit)),
                    _ => None,
                }
            }
            ("minimum" | "maximum", Value::Number(n)) => {
                let Value::Number(limit) = value else { return None };
                let exclusive =
                    keywords.get(if key == "minimum" { "exclusiveMinimum" } else { "exclusiveMaximum" }) == Some(&Value::Bool(true));
                let order = compare(n, limit);
                match (key, exclusive) {
                    ("minimum", false) if order == Ordering::Less => fails(Problem::Minimum(value)),
                    ("minimum", true) if order != Ordering::Greater => fails(Problem::ExclusiveMinimum(value)),
                    ("maximum", false) if order == Ordering::Greater => fails(Problem::Maximum(value)),
                    ("maximum", true) if order != Ordering::Less => fails(Problem::ExclusiveMaximum(value)),
                    _ => None,
                }
            }
            ("minItems" | "maxItems", Value::Array(items)) => {
                let limit = value.as_u64()?;
                match key {
                    "minItems" if (items.len() as u64) < limit => fails(Problem::MinItems(limit)),
                    "maxItems" if (items.len() as u64) > limit => fails(Problem::MaxItems(limit)),
                    _ => None,
                }
            }
            ("uniqueItems", Value::Array(items)) if value == &Value::Bool(true) && has_duplicates(items) => fails(Problem::UniqueItems),
            ("items", Value::Array(items)) => {
                items.iter().enumerate().find_map(|(index, item)| failure_within(value, item, index.to_string(), path))
            }
            // With an `additionalProperties` schema (here `{}`), the full validator checks the
            // properties in that keyword's turn, member by member in the order of their names:
            // the order of `properties`' own check, earlier among the keywords.
            ("additionalProperties", Value::Object(members)) if value.is_object() => {
                properties_failure(keywords.get("properties")?, members, path)
            }
            ("properties", Value::Object(members)) if !keywords.get("additionalProperties").is_some_and(Value::is_object) => {
                properties_failure(value, members, path)
            }
            ("required", Value::Object(members)) => {
                let names = value.as_array()?;
                let missing = names.iter().find(|name| name.as_str().is_some_and(|name| !members.contains_key(name)))?;
                fails(Problem::Required(missing))
            }
            _ => None,
        }
    }

    /// The first failure of a member of `members` against its schema in `properties`.
    fn properties_failure<'s, 'i>(
        properties: &'s Value,
        members: &'i Map<String, Value>,
        path: &mut Vec<String>,
    ) -> Option<(&'i Value, Problem<'s>)> {
        let properties = properties.as_object()?;
        properties.iter().find_map(|(name, property)| failure_within(property, members.get(name)?, name.clone(), path))
    }

    /// The first failure of `instance`, the part `token` of its parent, against `schema`; the
    /// token stays on `path` when there is one.
    fn failure_within<'s, 'i>(
        schema: &'s Value,
        instance: &'i Value,
        token: String,
        path: &mut Vec<String>,
    ) -> Option<(&'i Value, Problem<'s>)> {
        path.push(token);
        let found = failure(schema, instance, path);
        if found.is_none() {
            path.pop();
        }
        found
    }

    /// Whether two items of `values` are equal (see [`equal`]).
    fn has_duplicates(values: &[Value]) -> bool {
        values.iter().enumerate().any(|(i, a)| values[..i].iter().any(|b| equal(a, b)))
    }

    /// JSON Schema equality: numbers by value (`1` equals `1.0`), objects by members in any
    /// order, arrays item by item.
    fn equal(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(a), Value::Number(b)) => compare(a, b) == Ordering::Equal,
            (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| equal(a, b)),
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|((ka, va), (kb, vb))| ka == kb && equal(va, vb))
            }
            (a, b) => a == b,
        }
    }

    /// Two numbers compared by their exact values, integers beyond 2^53 included.
    fn compare(a: &Number, b: &Number) -> Ordering {
        match (integer(a), integer(b)) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(a), None) => compare_float(b.as_f64().unwrap_or(f64::NAN), a).reverse(),
            (None, Some(b)) => compare_float(a.as_f64().unwrap_or(f64::NAN), b),
            (None, None) => a.as_f64().partial_cmp(&b.as_f64()).unwrap_or(Ordering::Less),
        }
    }

    fn integer(n: &Number) -> Option<i128> {
        n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
    }

    /// A float against an integer, exactly.
    fn compare_float(float: f64, integer: i128) -> Ordering {
        const LIMIT: f64 = 1.7e38; // below 2^127
        if float.is_nan() {
            return Ordering::Less;
        }
        if float >= LIMIT {
            return Ordering::Greater;
        }
        if float <= -LIMIT {
            return Ordering::Less;
        }
        let whole = float.trunc();
        // A float below 2^127 with no fraction converts exactly.
        match (whole as i128).cmp(&integer) {
            Ordering::Equal => whole.partial_cmp(&float).map_or(Ordering::Less, Ordering::reverse),
            order => order,
        }
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
    /// The full validator's verdict: `None` when the schema is not valid draft 4, else the
    /// first failure as (pointer, wording), or `Some(None)` when the value is valid.
    fn by_jsonschema(schema: &serde_json::Value, value: &serde_json::Value) -> Option<Option<(String, String)>> {
        let validator = jsonschema::draft4::new(schema).ok()?;
        let first = validator.iter_errors(value).next().map(|e| (e.instance_path.as_str().to_string(), describe(&e.kind, &e.instance)));
        Some(first)
    }

    #[test]
    fn the_draft4_subset_judges_as_the_full_validator_does() {
        use serde_json::json;
        let cases = [
            // Every keyword, failing and passing.
            (json!({"type": "integer"}), vec![json!(5), json!(5.0), json!(-3), json!("5"), json!(18446744073709551615u64)]),
            (json!({"type": "number"}), vec![json!(1), json!(1.5), json!(null)]),
            (json!({"type": "null"}), vec![json!(null), json!(0)]),
            (json!({"type": "boolean"}), vec![json!(true), json!("true")]),
            (json!({"type": "array"}), vec![json!([]), json!({})]),
            (
                json!({"enum": [1, "a", null, [1, 2], {"k": 1}]}),
                vec![json!(1.0), json!("a"), json!(null), json!([1.0, 2]), json!({"k": 1.0}), json!("b"), json!(2)],
            ),
            (json!({"type": "string", "format": "date-time"}), vec![json!("2024-01-01T00:00:00Z"), json!("yesterday"), json!(5)]),
            (json!({"format": "email"}), vec![json!("a@b.example"), json!("nobody")]),
            (json!({"format": "int32"}), vec![json!("x"), json!(1.5)]),
            (json!({"pattern": "^[a-f0-9]{4}$"}), vec![json!("beef"), json!("BEEF"), json!(1)]),
            (json!({"minLength": 2, "maxLength": 3}), vec![json!("é"), json!("éé"), json!("éééé"), json!(7)]),
            (json!({"minimum": 1, "maximum": 10}), vec![json!(1), json!(0.5), json!(10), json!(10.01), json!("x")]),
            (
                json!({"minimum": 1, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true}),
                vec![json!(1), json!(1.0), json!(5), json!(10), json!(9.99)],
            ),
            (json!({"minimum": 1.5}), vec![json!(1), json!(2), json!(1.5)]),
            (
                json!({"maximum": 9007199254740993u64}),
                vec![json!(9007199254740993u64), json!(9007199254740994u64), json!(9007199254740992.0)],
            ),
            (
                json!({"minItems": 1, "maxItems": 2, "uniqueItems": true}),
                vec![json!([]), json!([1]), json!([1, 1.0]), json!([1, 2, 3]), json!("x")],
            ),
            (json!({"items": {"type": "string", "maxLength": 1}}), vec![json!(["a", "b"]), json!(["a", "bb", 3]), json!({})]),
            (
                json!({"required": ["b", "a"], "properties": {"z": {"type": "string"}, "a": {"type": "integer"}}}),
                vec![json!({}), json!({"a": "x"}), json!({"a": 1, "b": 1}), json!({"a": 1, "z": 2}), json!([])],
            ),
            (json!({"properties": {"a/b~c": {"properties": {"d": {"items": {"enum": [1]}}}}}}), vec![json!({"a/b~c": {"d": [1, 2]}})]),
            (json!({"additionalProperties": true, "properties": {"a": {"type": "null"}}}), vec![json!({"a": 1, "b": 2})]),
            // `{}` checks the properties before `enum`, `required` and the rest.
            (
                json!({"additionalProperties": {}, "enum": [{"a": null}], "required": ["c"], "properties": {"a": {"type": "null"}, "b": {"type": "string"}}}),
                vec![json!({"a": 1, "b": 2}), json!({"b": 2, "z": 1}), json!({"a": null}), json!({"a": null, "c": 1}), json!(5)],
            ),
            (json!({"additionalProperties": {}}), vec![json!({"a": 1}), json!(1)]),
            (json!({"type": "object", "readOnly": true, "x-nullable": true, "xml": {"name": "a"}}), vec![json!({}), json!(null)]),
            // Several keywords fail: the first by name wins.
            (json!({"type": "integer", "enum": [1], "maximum": 0, "minimum": 5}), vec![json!(3), json!("x"), json!(1.5)]),
            (json!({"type": "string", "pattern": "^a", "maxLength": 1, "format": "date"}), vec![json!("bb"), json!(1)]),
            // As the full validator allows them.
            (json!({"enum": []}), vec![json!(1)]),
            (json!({"enum": [1, 1.0]}), vec![json!(2), json!(1)]),
            // Not valid draft 4: nothing is validated.
            (json!({"type": "file"}), vec![json!(1)]),
            (json!({"required": []}), vec![json!({})]),
            (json!({"required": ["a", "a"]}), vec![json!({})]),
            (json!({"enum": "a"}), vec![json!(1)]),
            (json!({"minLength": -1}), vec![json!("")]),
            (json!({"maxItems": 1.5}), vec![json!([])]),
            (json!({"exclusiveMinimum": true}), vec![json!(1)]),
            (json!({"minimum": "1"}), vec![json!(0)]),
            (json!({"pattern": "("}), vec![json!("(")]),
            (json!({"title": 5, "type": "string"}), vec![json!(1)]),
            (json!({"properties": {"a": 5}}), vec![json!({"a": 1})]),
            (json!({"properties": {"a": {"items": {"type": "thing"}}}}), vec![json!({})]),
        ];
        let mut differences = Vec::new();
        for (schema, values) in &cases {
            let judged = draft4::judges(schema);
            for value in values {
                let full = by_jsonschema(schema, value);
                let own = match judged {
                    draft4::Judges::InvalidSchema => None,
                    draft4::Judges::Yes => Some(draft4::first_failure(schema, value).map(|f| (f.path, f.problem.describe(f.instance)))),
                    draft4::Judges::No => {
                        differences.push(format!("{schema} is one the subset should judge"));
                        continue;
                    }
                };
                if own != full {
                    differences.push(format!("{schema} against {value}: {own:?}, the full validator {full:?}"));
                }
            }
        }
        assert!(differences.is_empty(), "{differences:#?}");
        // The others go to the full validator.
        for schema in [
            json!({"allOf": [{"type": "string"}]}),
            json!({"additionalProperties": false}),
            json!({"properties": {"a": {"additionalProperties": {"type": "string"}}}}),
            json!({"items": [{"type": "string"}]}),
            json!({"type": ["string", "null"]}),
            json!({"multipleOf": 2}),
            json!({"items": {"not": {}}}),
        ] {
            assert_eq!(draft4::judges(&schema), draft4::Judges::No, "{schema}");
        }
    }

    /// Values to try against a schema: its own example and default, values of every JSON type,
    /// and, for an object example, the example with each property replaced by each of those.
    fn trial_values(node: &Node) -> Vec<serde_json::Value> {
        use serde_json::json;
        let plain = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(""),
            json!("x"),
            json!("2024-01-01"),
            json!([]),
            json!([1, 1]),
            json!({}),
        ];
        let mut values: Vec<serde_json::Value> = ["example", "default"].iter().filter_map(|k| node.get(k)).map(to_json).collect();
        values.extend(plain.iter().cloned());
        if let Some(serde_json::Value::Object(example)) = node.get("example").map(to_json) {
            for key in example.keys() {
                for replacement in &plain {
                    let mut changed = example.clone();
                    changed.insert(key.clone(), replacement.clone());
                    values.push(serde_json::Value::Object(changed));
                }
            }
        }
        values
    }

    #[test]
    fn the_draft4_subset_agrees_with_the_full_validator_on_the_corpus_schemas() {
        let swaggers = connlint_core::test_corpus::swaggers(6);
        if swaggers.is_empty() {
            eprintln!("skipping: the corpus is absent");
            return;
        }
        let (mut judged, mut compared, mut differences) = (0, 0, Vec::new());
        for text in &swaggers {
            let connector = swagger(text).build();
            let model = connector.model();
            let Some(document) = &model.swagger else { continue };
            let mut nodes = Vec::new();
            document.visit_schemas(|visit| nodes.push(visit.node));
            // The schemas with a value to check, and every 20th of the others.
            for (index, node) in nodes.into_iter().enumerate() {
                let has_value = node.get("example").is_some() || node.get("default").is_some();
                if (!has_value && index % 20 != 0) || needs_resolution(node) {
                    continue;
                }
                let mut schema = to_json(node);
                strip_annotations(&mut schema, true);
                let valid_schema = match draft4::judges(&schema) {
                    draft4::Judges::No => continue,
                    judges => judges == draft4::Judges::Yes,
                };
                judged += 1;
                for value in trial_values(node) {
                    let own =
                        valid_schema.then(|| draft4::first_failure(&schema, &value).map(|f| (f.path, f.problem.describe(f.instance))));
                    let full = by_jsonschema(&schema, &value);
                    compared += 1;
                    if own != full && differences.len() < 20 {
                        differences.push(format!("{schema} against {value}: {own:?}, the full validator {full:?}"));
                    }
                }
            }
        }
        assert!(differences.is_empty(), "{differences:#?}");
        eprintln!("{judged} corpus schemas, {compared} values: the same verdicts");
        assert!(judged > 500 && compared > 10_000, "{judged} schemas, {compared} values");
    }
}
