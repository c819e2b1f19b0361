use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter that has neither `type` nor `schema`. A body parameter needs a
    /// `schema` (its absence is reported by `body-parameter-schema-missing`), every other
    /// parameter a `type`; one of the two must be there. A `$ref`'d parameter is checked where
    /// it is defined.
    ///
    /// ## Why is this bad?
    /// Without a type the designer cannot render an input for the parameter, nor the platform
    /// serialize its value. Microsoft's validator requires one of the two.
    ///
    /// ## Severity
    /// A non-body parameter needs a `type`; when none of the properties that describe it is present
    /// the validator reports `OneOfPropertiesRequired`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "description": "How many items to return." }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "description": "How many items to return." }
    /// ```
    pub ParameterTypeMissing {
        id: "parameter-type-missing",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["OneOfPropertiesRequired"],
        summary: "A parameter has neither type nor schema",
        visits: [Parameter],
    }
}

impl Rule for ParameterTypeMissing {
    fn check_parameter(&self, parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = parameter.node else { return };
        if parameter.is_in("body") || node.get("type").is_some() || node.get("schema").is_some() {
            return;
        }
        let name = parameter.name.map_or("?", |n| n.value);
        cx.report_swagger(parameter.span(), format!("parameter `{name}` has neither `type` nor `schema`"))
            .help("add a `type` such as `string`, `integer`, `boolean` or `array`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_untyped_parameters() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"top\", \"in\": \"query\"}\n]}}},\n\"parameters\": {\"p\": {\"name\": \"p\", \"in\": \"header\"}}}";
        let found = positions(&ParameterTypeMissing, swagger(text));
        assert_eq!(found, ["apiDefinition.swagger.json:2:12"]);
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"$ref\": \"#/parameters/p\"}]}}},\n\"parameters\": {\"p\": {\"name\": \"p\", \"in\": \"header\"}}}";
        assert_eq!(messages(&ParameterTypeMissing, swagger(text)), ["2:30 parameter `p` has neither `type` nor `schema`"]);
    }

    #[test]
    fn silent_on_typed_and_body_parameters() {
        let text = r#"{"paths": {"/a": {"post": {"parameters": [{"name": "q", "in": "query", "type": "string"}, {"name": "b", "in": "body"},
            {"name": "s", "in": "query", "schema": {}}]}}}}"#;
        assert_silent(&ParameterTypeMissing, swagger(text));
    }
}
