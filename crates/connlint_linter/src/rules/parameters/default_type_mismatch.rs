use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{Operation, Parameter, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Reports a `default` whose JSON type does not fit the declared `type`, on parameters and
    /// on schemas (request and response bodies, definitions): a string default for an
    /// `integer`, `"true"` for a `boolean`, `1.5` for an `integer`, `null` for a `string`
    /// and so on. Types other than the six JSON ones (e.g. `file`) are not checked.
    ///
    /// ## Why is this bad?
    /// Power Automate and Power Apps put the default into the field as it is; a value of the
    /// wrong type fails validation when the flow runs, or is sent to the API as a string.
    ///
    /// ## Severity
    /// A warning, not an error: Microsoft lists `DefaultValueMustMatchType`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules),
    /// but swaggers whose `default` has another JSON type than `type` passed its pull-request
    /// validation (checked against the validator's messages on real pull requests to Microsoft's
    /// connector repository), and the designer still fills in the value. It is still a likely
    /// mistake, so connlint reports it.
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "default": "10" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "default": 10 }
    /// ```
    pub DefaultTypeMismatch {
        id: "default-type-mismatch",
        category: Parameters,
        severity: Warning,
        profile: Base,
        ms_names: ["DefaultValueMustMatchType"],
        summary: "A default value does not match the declared type",
        visits: [Parameter, Schema],
    }
}

/// `what` names the value in the message; it is only built for a finding.
fn check(node: &Node, what: impl FnOnce() -> String, cx: &mut Context<'_, '_>) {
    let (Some(ty), Some(default)) = (node.get("type").and_then(Node::as_str), node.get("default")) else { return };
    if default.is_instance_of(ty) != Some(false) {
        return;
    }
    let what = what();
    cx.report_swagger(default.span, format!("the default of {what} is {}, but its type is `{ty}`", default.json_type().name()))
        .help(format!("write the default as a JSON {ty} value (no quotes around numbers and booleans), or remove it"));
}

impl Rule for DefaultTypeMismatch {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if let Some(node) = p.node.filter(|_| !p.is_in("body")) {
            check(node, || format!("parameter `{}`", p.display_name()), cx);
            if let Some(items) = node.get("items") {
                check(items, || format!("the items of parameter `{}`", p.display_name()), cx);
            }
        }
    }

    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::DEFAULT)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let what = || schema.name.map_or_else(|| "this schema".to_string(), |k| format!("`{}`", k.text));
        check(schema.node, what, cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_default() {
        let text = r#"{"paths": {"/i": {"get": {"parameters": [
  {"name": "top", "in": "query", "type": "integer", "default": "10"},
  {"name": "ids", "in": "query", "type": "array", "items": {"type": "integer", "default": 1.5}}
]}}},
"definitions": {"D": {"type": "object", "properties": {
  "on": {"type": "boolean", "default": "true"},
  "name": {"type": "string", "default": null}
}}}}"#;
        assert_eq!(
            messages(&DefaultTypeMismatch, swagger(text)),
            [
                "2:64 the default of parameter `top` is a string, but its type is `integer`",
                "3:91 the default of the items of parameter `ids` is a number, but its type is `integer`",
                "6:40 the default of `on` is a string, but its type is `boolean`",
                "7:41 the default of `name` is null, but its type is `string`",
            ]
        );
    }

    #[test]
    fn silent_on_matching_defaults() {
        let text = r#"{"paths": {"/i": {"get": {"parameters": [
  {"name": "top", "in": "query", "type": "integer", "default": 10},
  {"name": "n", "in": "query", "type": "number", "default": 2},
  {"name": "f", "in": "formData", "type": "file", "default": "x"},
  {"name": "s", "in": "query", "default": 3},
  {"name": "b", "in": "body", "type": "object", "default": "x", "schema": {"type": "object", "default": {}}}
]}}},
"definitions": {"D": {"type": "array", "default": [], "items": {"type": "integer", "default": 2.0}}}}"#;
        assert_silent(&DefaultTypeMismatch, swagger(text));
    }
}
