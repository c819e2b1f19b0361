use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::members;
use connlint_core::model::swagger::{Operation, Parameter, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Reports a parameter or schema property that is hidden (`"x-ms-visibility": "internal"`)
    /// and has a `default`, but is not required (`"required": true` on a parameter, listed
    /// in the parent schema's `required` array for a property).
    ///
    /// ## Why is this bad?
    /// Users never see an internal field, so its default is the only way it gets a value. The
    /// designers send defaults only for required fields: an optional internal field is left
    /// out of the request, and the value the author meant to send never arrives. Microsoft's
    /// Swagger Validator flags this (as a warning in one rule and as an error in a stricter
    /// one); it is a warning here.
    ///
    /// ## Example
    /// ```json
    /// { "name": "api-version", "in": "query", "type": "string", "default": "2024-01-01", "x-ms-visibility": "internal" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "api-version", "in": "query", "type": "string", "default": "2024-01-01", "x-ms-visibility": "internal", "required": true }
    /// ```
    pub InternalDefaultNotRequired {
        id: "internal-default-not-required",
        category: Parameters,
        severity: Warning,
        profile: Base,
        ms_names: ["InternalPropertyWithDefaultOptional", "PropertyMustBeRequired"],
        summary: "An internal field with a default is not required, so the default is never sent",
        visits: [Parameter, Schema],
    }
}

fn hidden_with_default(node: &Node) -> bool {
    node.get("x-ms-visibility").and_then(Node::as_str) == Some("internal") && node.get("default").is_some()
}

impl Rule for InternalDefaultNotRequired {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = p.node else { return };
        if p.is_required() || !hidden_with_default(node) {
            return;
        }
        cx.report_swagger(
            p.span(),
            format!("internal parameter `{}` has a default but is not required, so it is not sent", p.display_name()),
        )
        .help("add `\"required\": true` so the default is always sent");
    }

    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::PROPERTIES)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(properties) = schema.node.get("properties") else { return };
        let required = schema.node.get("required").and_then(Node::as_array).unwrap_or_default();
        for m in members(properties) {
            if !hidden_with_default(&m.value) || required.iter().any(|r| r.as_str() == Some(&*m.key.text)) {
                continue;
            }
            cx.report_swagger(
                m.key.span,
                format!("internal property `{}` has a default but is not required, so it is not sent", m.key.text),
            )
            .help(format!("add `\"{}\"` to the `required` array of the enclosing schema", m.key.text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_parameters_and_properties() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "v", "in": "query", "type": "string", "default": "1", "x-ms-visibility": "internal"},
  {"name": "b", "in": "body", "schema": {"type": "object", "required": ["a"], "properties": {
    "a": {"type": "string", "default": "x", "x-ms-visibility": "internal"},
    "kind": {"type": "string", "default": "x", "x-ms-visibility": "internal"}
  }}}
]}}}}"#;
        assert_eq!(
            messages(&InternalDefaultNotRequired, swagger(text)),
            [
                "2:12 internal parameter `v` has a default but is not required, so it is not sent",
                "5:5 internal property `kind` has a default but is not required, so it is not sent",
            ]
        );
    }

    #[test]
    fn silent_when_required_visible_or_without_default() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "v", "in": "query", "type": "string", "default": "1", "x-ms-visibility": "internal", "required": true},
  {"name": "w", "in": "query", "type": "string", "default": "1", "x-ms-visibility": "advanced"},
  {"name": "x", "in": "query", "type": "string", "x-ms-visibility": "internal"},
  {"name": "b", "in": "body", "schema": {"type": "object", "properties": {
    "a": {"type": "string", "default": "x"}
  }}}
]}}}}"#;
        assert_silent(&InternalDefaultNotRequired, swagger(text));
    }
}
