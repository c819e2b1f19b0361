use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports an `in: body` parameter without a `schema`. A parameter defined under
    /// `#/parameters` and used through `$ref` is reported once, at its definition.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 describes a body only through its `schema`; `type` and the other simple
    /// parameter fields do not apply to it. Without a schema Power Platform cannot build the
    /// input fields of the action, and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// A body parameter without `schema` is refused as `BodyParameterSchemaRequired`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "type": "object" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "body", "in": "body", "schema": { "$ref": "#/definitions/NewItem" } }
    /// ```
    pub BodyParameterSchemaMissing {
        id: "body-parameter-schema-missing",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["BodyParameterSchemaRequired"],
        summary: "A body parameter has no schema",
        visits: [Parameter],
    }
}

impl Rule for BodyParameterSchemaMissing {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("body") || p.node.is_none_or(|n| n.get("schema").is_some()) {
            return;
        }
        cx.report_swagger(p.span(), format!("body parameter `{}` has no `schema`", p.display_name()))
            .help("describe the body with `\"schema\": {\"$ref\": \"#/definitions/...\"}` or an inline schema; `type` does not apply to body parameters");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_name() {
        let text = r##"{"paths": {"/items": {"post": {"parameters": [
  {"name": "q", "in": "query", "type": "string"},
  {"name": "body", "in": "body", "type": "object"}
]}}}}"##;
        assert_eq!(messages(&BodyParameterSchemaMissing, swagger(text)), ["3:12 body parameter `body` has no `schema`"]);
    }

    #[test]
    fn a_referenced_parameter_is_reported_once_at_its_definition() {
        let text = r##"{
  "paths": {"/a": {"post": {"parameters": [{"$ref": "#/parameters/b"}]}, "put": {"parameters": [{"$ref": "#/parameters/b"}]}}},
  "parameters": {
    "b": {"in": "body", "name": "payload"}
  }
}"##;
        assert_eq!(positions(&BodyParameterSchemaMissing, swagger(text)), ["apiDefinition.swagger.json:4:33"]);
    }

    #[test]
    fn silent_with_a_schema() {
        let text = r##"{"paths": {"/items": {"post": {"parameters": [
  {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}},
  {"name": "form", "in": "formData", "type": "string"},
  {"name": "odd", "in": "Body"}
]}}}}"##;
        assert_silent(&BodyParameterSchemaMissing, swagger(text));
    }
}
