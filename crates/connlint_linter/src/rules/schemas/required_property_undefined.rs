use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a name in a schema's `required` list that is not a key of its `properties`.
    /// Schemas without `properties`, or combined with `allOf` (whose parts may define the
    /// property), are not checked.
    ///
    /// ## Why is this bad?
    /// The property can never be described to the user, yet every value must contain it.
    /// It is usually a typo or a property that was renamed or removed. Microsoft's Swagger
    /// Validator rejects it.
    ///
    /// ## Severity
    /// A name in `required` with no entry in `properties` is refused as
    /// `RequiredPropertyDefinitionMissing`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["Id"], "properties": { "id": { "type": "string" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }
    /// ```
    pub RequiredPropertyUndefined {
        id: "required-property-undefined",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyDefinitionMissing"],
        summary: "A schema requires a property that its properties do not define",
        visits: [Schema],
    }
}

impl Rule for RequiredPropertyUndefined {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::REQUIRED)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let node = schema.node;
        if node.get("allOf").is_some() {
            return;
        }
        let Some(required) = node.get("required").and_then(|r| r.as_array()) else { return };
        let Some(properties) = node.get("properties").and_then(|p| p.as_object()) else { return };
        let names: Vec<&str> = properties.iter().map(|m| &*m.key.text).collect();
        for item in required {
            let Some(name) = item.as_str() else { continue };
            if names.contains(&name) {
                continue;
            }
            let diagnostic = cx.report_swagger(item.span, format!("required property `{name}` is not defined in `properties`"));
            match closest(name, names.iter().copied()) {
                Some(suggestion) => diagnostic.help(format!("did you mean `{suggestion}`? Otherwise add `{name}` to `properties`")),
                None => diagnostic.help(format!("add `{name}` to `properties`, or remove it from `required`")),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_missing_name() {
        let text = "{\"definitions\": {\n  \"A\": {\n    \"type\": \"object\",\n    \"required\": [\"id\", \"Name\", 3],\n    \"properties\": {\"id\": {\"type\": \"string\"}, \"name\": {\"type\": \"string\"}}\n  }\n}}";
        assert_eq!(messages(&RequiredPropertyUndefined, swagger(text)), ["4:24 required property `Name` is not defined in `properties`"]);
    }

    #[test]
    fn nested_schema_in_a_response_is_checked() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\n  \"type\": \"array\",\n  \"items\": {\"type\": \"object\", \"required\": [\"total\"], \"properties\": {\"count\": {\"type\": \"integer\"}}}\n}}}}}}}";
        assert_eq!(positions(&RequiredPropertyUndefined, swagger(text)), ["apiDefinition.swagger.json:3:44"]);
    }

    #[test]
    fn silent_when_defined_or_not_checkable() {
        let text = r##"{"definitions": {
  "A": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
  "B": {"type": "object", "required": ["id"]},
  "C": {"allOf": [{"$ref": "#/definitions/A"}], "required": ["id"], "properties": {"extra": {"type": "string"}}},
  "D": {"type": "object", "required": "nope", "properties": {"id": {"type": "string", "required": true}}},
  "E": {"type": "object", "required": [], "properties": {}}
}}"##;
        assert_silent(&RequiredPropertyUndefined, swagger(text));
    }
}
