use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a schema with `required: []`.
    ///
    /// ## Why is this bad?
    /// An empty `required` list says nothing: it is the same as leaving the keyword out.
    /// Microsoft's Swagger Validator flags it, and it usually means a property name was lost
    /// from the list by mistake.
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": [], "properties": { "id": { "type": "string" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "properties": { "id": { "type": "string" } } }
    /// ```
    pub RequiredArrayEmpty {
        id: "required-array-empty",
        category: Schemas,
        severity: Warning,
        profile: Base,
        ms_names: ["RequiredPropertyArrayEmpty"],
        summary: "A schema's required list is empty",
        visits: [Schema],
    }
}

impl Rule for RequiredArrayEmpty {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::REQUIRED)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(value) = schema.node.get("required") else { return };
        if value.as_array().is_some_and(<[_]>::is_empty) {
            cx.report_swagger(value.span, "`required` is an empty array; it should name at least one property")
                .help("remove `required`, or list the names of the properties that must be present");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_empty_array() {
        let text = "{\"definitions\": {\n  \"A\": {\n    \"type\": \"object\",\n    \"required\": [],\n    \"properties\": {\"id\": {\"type\": \"string\"}}\n  }\n}}";
        assert_eq!(
            messages(&RequiredArrayEmpty, swagger(text)),
            ["4:17 `required` is an empty array; it should name at least one property"]
        );
    }

    #[test]
    fn silent_on_non_empty_or_boolean_required() {
        let text = r#"{"definitions": {
  "A": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "required": true}}},
  "B": {"type": "object", "properties": {"required": {"type": "array", "items": {"type": "string"}}}}
}}"#;
        assert_silent(&RequiredArrayEmpty, swagger(text));
    }
}
