use super::{field, place};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Value;
use connlint_core::spec::{Types, ViolationKind};

declare_rule! {
    /// ## What it does
    /// Reports a fixed field of the Swagger 2.0 specification whose value has the wrong JSON
    /// type, anywhere in the document: a `required` flag written as `"true"`, a `maxLength`
    /// written as a string, `tags` given as one string, `paths` given as an array. Fields that
    /// connlint's model reads are reported by `json-type-incorrect`; this rule covers every
    /// other fixed field the specification types.
    ///
    /// ## Why is this bad?
    /// A reader expecting the specified type ignores the value or rejects the file: Microsoft's
    /// Swagger Validator reports it as a type error, and a `"true"` string does not make a
    /// parameter required.
    ///
    /// ## Severity
    /// The validator reports it as `JsonTypeIncorrect` (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules); a
    /// pipeline run refused a swagger for a value of the wrong type in
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/4123.
    ///
    /// ## Example
    /// ```json
    /// { "name": "q", "in": "query", "type": "string", "required": "true", "maxLength": "10" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "q", "in": "query", "type": "string", "required": true, "maxLength": 10 }
    /// ```
    pub SpecTypeMismatch {
        id: "spec-type-mismatch",
        category: Spec,
        severity: Error,
        profile: Base,
        ms_names: ["JsonTypeIncorrect"],
        summary: "A fixed field's value has a JSON type the Swagger 2.0 specification does not allow",
        visits: [Connector],
    }
}

/// "a boolean", "a string or an array".
fn expected(types: Types) -> String {
    let names: Vec<&str> = types
        .names()
        // An integer is also a number: name only the wider type when both are allowed.
        .filter(|n| !(*n == "integer" && types.names().any(|m| m == "number")))
        .map(|n| match n {
            "null" => "null",
            "boolean" => "a boolean",
            "integer" => "an integer",
            "number" => "a number",
            "string" => "a string",
            "array" => "an array",
            _ => "an object",
        })
        .collect();
    names.join(" or ")
}

impl Rule for SpecTypeMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for violation in cx.spec_violations() {
            let ViolationKind::Type(types) = &violation.kind else { continue };
            let node = violation.node;
            let wanted = expected(*types);
            let message =
                format!("{} must be {wanted} in {}, found {}", field(violation), place(violation.definition), node.json_type().name());
            let help = match &node.value {
                Value::String(s) if wanted.contains("boolean") && (&**s == "true" || &**s == "false") => {
                    format!("write `{s}` without quotes")
                }
                Value::String(s) if (wanted.contains("number") || wanted.contains("integer")) && s.trim().parse::<f64>().is_ok() => {
                    format!("write the number without quotes: `{}`", s.trim())
                }
                Value::String(_) | Value::Number(_) | Value::Bool(_) if wanted == "an array" => "put the value in an array: `[...]`".into(),
                _ => format!("write the value as {wanted}"),
            };
            cx.report_swagger(node.span, message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_each_value() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {"tags": "a",
  "parameters": [{"name": "q", "in": "query", "type": "string", "required": "true", "maxLength": "10", "items": []}],
  "responses": {"200": {"description": "x", "headers": {"h": {"type": "string", "description": 5}},
    "schema": {"type": "object", "readOnly": "no", "properties": {"p": {"type": "string", "minLength": 1.5}}}}}}}}}"#;
        assert_eq!(
            messages(&SpecTypeMismatch, swagger(text)),
            [
                "1:93 `tags` must be an array in an operation, found a string",
                "2:77 `required` must be a boolean in a query parameter, found a string",
                "2:98 `maxLength` must be an integer in a query parameter, found a string",
                "2:113 `items` must be an object in a query parameter, found an array",
                "3:96 `description` must be a string in a response header, found a number",
                "4:46 `readOnly` must be a boolean in a schema, found a string",
                "4:104 `minLength` must be an integer in a schema, found a number",
            ]
        );
    }

    #[test]
    fn helps() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {"tags": "a",
  "parameters": [{"name": "q", "in": "query", "type": "string", "required": "true", "maxLength": "10"}],
  "responses": {"200": {"description": "x"}}}}}}"#;
        let helps: Vec<String> = run(&SpecTypeMismatch, swagger(text)).into_iter().filter_map(|f| f.help).collect();
        assert_eq!(helps, ["put the value in an array: `[...]`", "write `true` without quotes", "write the number without quotes: `10`"]);
    }

    #[test]
    fn silent_on_right_types_and_extensions() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {"tags": ["a"],
  "parameters": [{"name": "q", "in": "query", "type": "string", "required": true, "maxLength": 10, "default": 5, "x-ms-summary": 7}],
  "responses": {"200": {"description": "x", "schema": {"type": "object", "example": "anything", "x-ms-visibility": 1}}}}}}}"#;
        assert_silent(&SpecTypeMismatch, swagger(text));
    }
}
