use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a schema whose `enum` is an empty array.
    ///
    /// ## Why is this bad?
    /// An empty `enum` allows no value at all, so the schema can never be satisfied.
    /// Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// `enum: []` allows no value at all and is refused as `EnumMustContainAtLeastOneElement`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "enum": [] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "enum": ["open", "closed"] }
    /// ```
    pub EnumEmpty {
        id: "enum-empty",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["EnumMustContainAtLeastOneElement"],
        summary: "A schema's enum is empty",
        visits: [Schema],
    }
}

impl Rule for EnumEmpty {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::ENUM)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(value) = schema.node.get("enum") else { return };
        if value.as_array().is_some_and(<[_]>::is_empty) {
            cx.report_swagger(value.span, "`enum` is an empty array; it must list at least one allowed value")
                .help("list the allowed values, or remove `enum` to allow any value");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_empty_array() {
        let text = "{\"definitions\": {\n  \"A\": {\n    \"type\": \"object\",\n    \"properties\": {\n      \"state\": {\"type\": \"string\", \"enum\": []}\n    }\n  }\n}}";
        assert_eq!(messages(&EnumEmpty, swagger(text)), ["5:43 `enum` is an empty array; it must list at least one allowed value"]);
    }

    #[test]
    fn silent_on_non_empty_or_wrong_typed_enums() {
        let text = r#"{"definitions": {
  "A": {"type": "string", "enum": ["a"]},
  "B": {"type": "string", "enum": "[]"},
  "C": {"type": "object", "properties": {"enum": {"type": "array", "items": {"type": "string"}}}}
}}"#;
        assert_silent(&EnumEmpty, swagger(text));
    }
}
