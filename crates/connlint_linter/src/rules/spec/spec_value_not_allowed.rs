use super::{field, one_of, place, shown};
use crate::context::Context;
use crate::declare_rule;
use crate::fix::{Edit, Fix};
use crate::rule::Rule;
use connlint_core::spec::{Literal, ViolationKind};

declare_rule! {
    /// ## What it does
    /// Reports a value that the Swagger 2.0 specification restricts to a fixed list and that is
    /// not in it: a parameter's `in`, `type` and `collectionFormat`, a schema's `type`, an
    /// `items` or header `type`, a `schemes` entry, and a security scheme's `type`, `flow` and
    /// `in`; also `required: false` on a path parameter. The message lists the allowed values
    /// (those of every kind of object the value could belong to) and suggests the nearest:
    /// `Query` → `query`, `str` → `string`, `datetime` → `string` with `format: date-time`.
    ///
    /// ## Why is this bad?
    /// Values are compared exactly. Microsoft's Swagger Validator rejects a value outside the
    /// list, and a reader that accepted it would not know how to send the parameter or read
    /// the response.
    ///
    /// ## Severity
    /// Microsoft's Swagger Validator reports a value outside a fixed list as
    /// `JsonValueNotInEnum` (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules), and the platform cannot build a request from a parameter
    /// whose `in` or `type` it does not know.
    ///
    /// ## Fix
    /// `--fix` corrects a value that differs from exactly one allowed value only in case.
    ///
    /// ## Example
    /// ```json
    /// { "name": "q", "in": "Query", "type": "str" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "q", "in": "query", "type": "string" }
    /// ```
    pub SpecValueNotAllowed {
        id: "spec-value-not-allowed",
        category: Spec,
        severity: Error,
        profile: Base,
        ms_names: ["JsonValueNotInEnum"],
        summary: "A value outside the fixed list the Swagger 2.0 specification allows for its field",
        fix: Sometimes,
        visits: [Connector],
    }
}

/// Type names people write for Swagger types: the type, and the `format` that says the rest.
const TYPE_ALIASES: &[(&str, &str, Option<&str>)] = &[
    ("str", "string", None),
    ("text", "string", None),
    ("char", "string", None),
    ("datetime", "string", Some("date-time")),
    ("date", "string", Some("date")),
    ("timestamp", "string", Some("date-time")),
    ("guid", "string", Some("uuid")),
    ("uuid", "string", Some("uuid")),
    ("uri", "string", Some("uri")),
    ("url", "string", Some("uri")),
    ("email", "string", Some("email")),
    ("binary", "string", Some("binary")),
    ("byte", "string", Some("byte")),
    ("int", "integer", None),
    ("int32", "integer", Some("int32")),
    ("int64", "integer", Some("int64")),
    ("long", "integer", Some("int64")),
    ("float", "number", Some("float")),
    ("double", "number", Some("double")),
    ("decimal", "number", None),
    ("bool", "boolean", None),
    ("list", "array", None),
    ("dict", "object", None),
    ("map", "object", None),
    ("json", "object", None),
];

impl Rule for SpecValueNotAllowed {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let text = cx.swagger().map(|s| cx.connector().file(s.file).source.text()).unwrap_or_default();
        for violation in cx.spec_violations() {
            let ViolationKind::Enum(allowed) = &violation.kind else { continue };
            let strings: Vec<&str> = allowed.iter().filter_map(|a| a.as_str()).collect();
            let value = shown(violation.node);
            let key = field(violation);
            let message = match &**allowed {
                [only @ Literal::Bool(_)] => format!("{key} must be `{only}` in {}", place(violation.definition)),
                _ => format!("`{value}` is not a valid {key}: Swagger 2.0 allows {}", one_of(allowed)),
            };
            let span = violation.node.span;
            let same_but_case: Vec<&str> = violation
                .node
                .as_str()
                .map(|v| strings.iter().copied().filter(|a| a.eq_ignore_ascii_case(v)).collect())
                .unwrap_or_default();
            let diagnostic = cx.report_swagger(span, message);
            if let [right] = same_but_case.as_slice() {
                diagnostic.help(format!("write `{right}`: values are case-sensitive"));
                // Only a plain quoted string is replaced, so escapes are never lost.
                if text.get(span.range()).is_some_and(|t| t == format!("\"{value}\"")) {
                    diagnostic.fix(Fix::safe([Edit::replace(span, format!("\"{right}\""))]));
                }
            } else if let Some((_, ty, format)) =
                TYPE_ALIASES.iter().find(|(alias, ty, _)| value.eq_ignore_ascii_case(alias) && strings.contains(ty))
            {
                match format {
                    Some(format) => diagnostic.help(format!("write `\"type\": \"{ty}\"` with `\"format\": \"{format}\"`")),
                    None => diagnostic.help(format!("write `{ty}`")),
                };
            } else if let Some(near) = violation.node.as_str().and_then(|v| crate::suggest::closest(v, strings.iter().copied())) {
                diagnostic.help(format!("did you mean `{near}`?"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const ISSUE_EXAMPLE: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {
  "parameters": [{"name": "q", "in": "Query", "type": "str"}, {"name": "n", "in": "query", "type": "Integer"}],
  "responses": {"200": {"description": "x", "schema": {"type": "text", "properties": {"a": {"type": "datetime"}}}}}
}}}}"#;

    #[test]
    fn fires_at_each_value_with_the_allowed_list() {
        assert_eq!(
            messages(&SpecValueNotAllowed, swagger(ISSUE_EXAMPLE)),
            [
                "2:38 `Query` is not a valid `in`: Swagger 2.0 allows `body`, `header`, `formData`, `query` or `path`",
                "2:55 `str` is not a valid `type`: Swagger 2.0 allows `string`, `number`, `boolean`, `integer` or `array`",
                "2:100 `Integer` is not a valid `type`: Swagger 2.0 allows `string`, `number`, `boolean`, `integer` or `array`",
                "3:64 `text` is not a valid `type`: Swagger 2.0 allows `array`, `boolean`, `integer`, `null`, `number`, `object`, `string` or `file`",
                "3:101 `datetime` is not a valid `type`: Swagger 2.0 allows `array`, `boolean`, `integer`, `null`, `number`, `object` or `string`",
            ]
        );
    }

    #[test]
    fn helps_and_fixes() {
        let found = run(&SpecValueNotAllowed, swagger(ISSUE_EXAMPLE));
        let helps: Vec<_> =
            found.iter().map(|f| (f.help.as_deref().unwrap_or_default(), f.fix.as_ref().map(|f| f.edits[0].content.as_str()))).collect();
        assert_eq!(
            helps,
            [
                ("write `query`: values are case-sensitive", Some("\"query\"")),
                ("write `string`", None),
                ("write `integer`: values are case-sensitive", Some("\"integer\"")),
                ("write `string`", None),
                ("write `\"type\": \"string\"` with `\"format\": \"date-time\"`", None),
            ]
        );
    }

    #[test]
    fn fires_in_items_headers_definitions_schemes_and_security() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "schemes": ["HTTPS"],
"paths": {"/i": {"get": {"parameters": [{"name": "a", "in": "query", "type": "array", "items": {"type": "str"}, "collectionFormat": "comma"}],
  "responses": {"200": {"description": "x", "headers": {"h": {"type": "Integer"}}}}}}},
"definitions": {"D": {"type": "object", "properties": {"when": {"type": "datetime"}}}},
"securityDefinitions": {"k": {"type": "apikey", "name": "k", "in": "header"}, "o": {"type": "oauth2", "flow": "authorizationCode", "authorizationUrl": "https://a", "tokenUrl": "https://t"}}}"#;
        assert_eq!(
            positions(&SpecValueNotAllowed, swagger(text)),
            [
                "apiDefinition.swagger.json:1:72",
                "apiDefinition.swagger.json:2:105",
                "apiDefinition.swagger.json:2:133",
                "apiDefinition.swagger.json:3:71",
                "apiDefinition.swagger.json:4:73",
                "apiDefinition.swagger.json:5:39",
                "apiDefinition.swagger.json:5:111",
            ]
        );
    }

    #[test]
    fn a_path_parameter_must_be_required() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i/{id}": {"get": {
  "parameters": [{"name": "id", "in": "path", "type": "string", "required": false}], "responses": {"200": {"description": "x"}}}}}}"#;
        assert_eq!(messages(&SpecValueNotAllowed, swagger(text)), ["2:77 `required` must be `true` in a path parameter"]);
    }

    #[test]
    fn silent_on_allowed_values_and_extensions() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "schemes": ["https"],
"paths": {"/i/{id}": {"post": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "Single"},
  {"name": "f", "in": "formData", "type": "file"}, {"name": "b", "in": "header", "type": "array", "items": {"type": "integer"}, "collectionFormat": "pipes"}],
  "responses": {"200": {"description": "x", "schema": {"type": "file"}}}}}},
"definitions": {"D": {"type": ["string", "null"], "x-ms-visibility": "Whatever"}},
"securityDefinitions": {"o": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t"}}}"#;
        assert_silent(&SpecValueNotAllowed, swagger(text));
    }
}
