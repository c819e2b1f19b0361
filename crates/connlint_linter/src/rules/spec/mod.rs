//! Conformance to the Swagger 2.0 specification's own JSON Schema: the rules report the
//! violations that `connlint_core::spec` finds (one walk per connector, shared through
//! `Context::spec_violations`), each at the value, key or object it is about.
//!
//! Where a dedicated rule reports the same place, its finding is kept and the `spec` one is
//! dropped by the engine, so that one defect gives one finding.

pub mod spec_constraint_violated;
pub mod spec_required_missing;
pub mod spec_type_mismatch;
pub mod spec_value_not_allowed;

use connlint_core::json::{Node, Value};
use connlint_core::spec::Violation;

/// The object a violation is in, as a reader names it ("a query parameter").
pub(crate) fn place(definition: Option<&str>) -> &'static str {
    match definition.unwrap_or_default() {
        "info" => "`info`",
        "contact" => "`contact`",
        "license" => "`license`",
        "paths" => "`paths`",
        "pathItem" => "a path item",
        "operation" => "an operation",
        "responses" => "`responses`",
        "response" => "a response",
        "headers" | "header" => "a response header",
        "bodyParameter" => "a body parameter",
        "headerParameterSubSchema" => "a header parameter",
        "queryParameterSubSchema" => "a query parameter",
        "formDataParameterSubSchema" => "a formData parameter",
        "pathParameterSubSchema" => "a path parameter",
        "nonBodyParameter" | "parameter" | "parametersList" => "a parameter",
        "schema" | "definitions" => "a schema",
        "fileSchema" => "a file schema",
        "primitivesItems" => "an `items` object",
        "tag" => "a tag",
        "xml" => "an `xml` object",
        "externalDocs" => "`externalDocs`",
        "jsonReference" => "a `$ref` object",
        "basicAuthenticationSecurity" => "a basic security scheme",
        "apiKeySecurity" => "an API key security scheme",
        "oauth2ImplicitSecurity" => "an OAuth 2.0 security scheme (implicit flow)",
        "oauth2PasswordSecurity" => "an OAuth 2.0 security scheme (password flow)",
        "oauth2ApplicationSecurity" => "an OAuth 2.0 security scheme (application flow)",
        "oauth2AccessCodeSecurity" => "an OAuth 2.0 security scheme (accessCode flow)",
        "oauth2Scopes" => "`scopes`",
        "securityDefinitions" => "`securityDefinitions`",
        "security" | "securityRequirement" => "a security requirement",
        _ => "the document",
    }
}

/// The field a violation is about, in backticks (`` `in` ``), or "this value" at the root.
pub(crate) fn field(violation: &Violation<'_>) -> String {
    violation.key.map_or_else(|| "this value".to_string(), |k| format!("`{}`", k.text))
}

/// A value as it is written, short enough for a message.
pub(crate) fn shown(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.value.to_string(),
        Value::String(s) if s.chars().count() > 40 => format!("{}…", s.chars().take(40).collect::<String>()),
        Value::String(s) => s.to_string(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `` `a`, `b` or `c` ``.
pub(crate) fn one_of<T: std::fmt::Display>(values: &[T]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
