use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a `schema` on a parameter that is not `in: body`.
    ///
    /// ## Why is this bad?
    /// In Swagger 2.0 only body parameters have a schema; query, header, path and formData
    /// parameters describe their value with `type`, `format`, `items` and so on. The schema
    /// is ignored (so the parameter has no type at all), and Microsoft's Swagger Validator
    /// rejects it.
    ///
    /// ## Severity
    /// Only body parameters take a `schema`; on any other the validator reports
    /// `NonBodyParameterSchemaNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "schema": { "type": "integer" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer" }
    /// ```
    pub NonBodyParameterSchema {
        id: "non-body-parameter-schema",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["NonBodyParameterSchemaNotValid"],
        summary: "A parameter that is not in the body has a schema",
        visits: [Parameter],
    }
}

impl Rule for NonBodyParameterSchema {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(location) = p.location.filter(|l| l.value != "body") else { return };
        let Some(schema) = p.node.and_then(|n| n.member("schema")) else { return };
        cx.report_swagger(
            schema.key.span,
            format!("parameter `{}` is `in: {}` and cannot have a `schema`", p.display_name(), location.value),
        )
        .help("describe the value with `type` (and `format`, `items`, `enum`) directly on the parameter");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_schema_key() {
        let text = r#"{"paths": {"/i": {"get": {"parameters": [
  {"name": "top", "in": "query",
   "schema": {"type": "integer"}}
]}}}}"#;
        assert_eq!(messages(&NonBodyParameterSchema, swagger(text)), ["3:4 parameter `top` is `in: query` and cannot have a `schema`"]);
    }

    #[test]
    fn silent_on_body_parameters_and_typed_ones() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "b", "in": "body", "schema": {"type": "object"}},
  {"name": "top", "in": "query", "type": "integer"},
  {"name": "x", "schema": {"type": "object"}}
]}}}}"#;
        assert_silent(&NonBodyParameterSchema, swagger(text));
    }
}
