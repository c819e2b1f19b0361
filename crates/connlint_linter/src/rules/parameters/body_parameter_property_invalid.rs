use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter, VALUE_KEYWORDS};

declare_rule! {
    /// ## What it does
    /// Reports a keyword on an `in: body` parameter that only non-body parameters take:
    /// `type`, `format`, `items`, `collectionFormat`, `default`, `enum`, the numeric and
    /// length bounds, `pattern`, `uniqueItems`, `multipleOf` and `allowEmptyValue`. A body
    /// parameter describes its content with `schema`.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 ignores these keywords on a body parameter, so the constraint or default
    /// the author meant is silently lost; Microsoft's Swagger Validator rejects them.
    ///
    /// ## Severity
    /// A body parameter described with `type`, `format` or `items` instead of a `schema` is refused
    /// as `BodyParameterPropertyNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "type": "object", "schema": { "$ref": "#/definitions/Item" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "body", "in": "body", "schema": { "$ref": "#/definitions/Item" } }
    /// ```
    pub BodyParameterPropertyInvalid {
        id: "body-parameter-property-invalid",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["BodyParameterPropertyNotValid"],
        summary: "A body parameter uses a keyword that belongs in its schema",
        visits: [Parameter],
    }
}

impl Rule for BodyParameterPropertyInvalid {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("body") {
            return;
        }
        let Some(members) = p.node.and_then(|n| n.as_object()) else { return };
        // Keywords of non-body parameters, which a body parameter must express in its `schema`.
        let misplaced = |key: &str| VALUE_KEYWORDS.contains(&key) || key == "allowEmptyValue";
        for m in members.iter().filter(|m| misplaced(&m.key.text)) {
            cx.report_swagger(m.key.span, format!("body parameter `{}` cannot have `{}`", p.display_name(), m.key.text))
                .help(format!("move `{}` into the parameter's `schema`", m.key.text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_keyword() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "b", "in": "body", "type": "object",
   "default": {}, "schema": {"type": "object"}}
]}}}}"#;
        assert_eq!(
            messages(&BodyParameterPropertyInvalid, swagger(text)),
            ["2:31 body parameter `b` cannot have `type`", "3:4 body parameter `b` cannot have `default`"]
        );
    }

    #[test]
    fn silent_on_schema_and_other_locations() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "b", "in": "body", "required": true, "description": "d", "x-ms-summary": "B",
   "schema": {"type": "object", "default": {}}},
  {"name": "q", "in": "query", "type": "string", "default": "x"}
]}}}}"#;
        assert_silent(&BodyParameterPropertyInvalid, swagger(text));
    }
}
