use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a `required` array on a schema whose `type` is given and is not `object`
    /// (a string, an array, a number ...).
    ///
    /// ## Why is this bad?
    /// `required` lists the properties an object must have; on any other type it means
    /// nothing. It is usually meant for the array's `items` or is a leftover. Microsoft's
    /// validator rejects it.
    ///
    /// ## Severity
    /// A `required` list on a schema that is not an object is refused as
    /// `RequiredPropertyNotOnObject`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "array", "required": ["id"], "items": { "type": "object", "properties": { "id": { "type": "string" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "array", "items": { "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } } }
    /// ```
    pub RequiredOnNonObject {
        id: "required-on-non-object",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyNotOnObject"],
        summary: "A schema that is not an object has a required list",
        visits: [Schema],
    }
}

impl Rule for RequiredOnNonObject {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::REQUIRED)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(required) = schema.node.member("required").filter(|m| m.value.as_array().is_some()) else { return };
        let Some(ty) = schema.node.get("type").and_then(Node::as_str) else { return };
        if ty != "object" {
            cx.report_swagger(required.key.span, format!("`required` is used on a schema of type `{ty}`; it only applies to objects"))
                .help(if ty == "array" { "move `required` into `items`" } else { "remove `required`" });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_arrays_and_scalars() {
        let text = "{\"definitions\": {\n  \"A\": {\"type\": \"array\", \"required\": [\"id\"], \"items\": {\"type\": \"string\", \"required\": []}}\n}}";
        assert_eq!(
            messages(&RequiredOnNonObject, swagger(text)),
            [
                "2:26 `required` is used on a schema of type `array`; it only applies to objects",
                "2:74 `required` is used on a schema of type `string`; it only applies to objects",
            ]
        );
    }

    #[test]
    fn silent_on_objects_and_untyped_schemas() {
        let text = r#"{"definitions": {"A": {"type": "object", "required": ["a"]}, "B": {"required": ["a"]}, "C": {"type": "string", "required": true}}}"#;
        assert_silent(&RequiredOnNonObject, swagger(text));
    }
}
