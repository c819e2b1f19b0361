use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{SchemaRole, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Reports a property of a request body schema that is both listed in `required` and marked
    /// `"readOnly": true` (on the property itself or on the definition its `$ref` points to).
    /// Schemas under `definitions` are checked only where a body uses them inline.
    ///
    /// ## Why is this bad?
    /// A read-only property is set by the service and must not be sent, yet a required one
    /// must be; no request can satisfy both, so the designer cannot build a valid body.
    /// Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// An input property that is both required and read-only can never be sent; the validator
    /// reports `RequiredReadOnlyPropertyNotAllowedAsInput`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "required": ["id"], "properties": { "id": { "type": "string", "readOnly": true } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "properties": { "id": { "type": "string", "readOnly": true } } }
    /// ```
    pub RequiredReadOnlyInput {
        id: "required-read-only-input",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredReadOnlyPropertyNotAllowedAsInput"],
        summary: "A request body requires a read-only property",
        visits: [Schema],
    }
}

impl Rule for RequiredReadOnlyInput {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::REQUIRED)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        if schema.role != SchemaRole::Input {
            return;
        }
        let Some(swagger) = cx.swagger() else { return };
        let Some(required) = schema.node.get("required").and_then(Node::as_array) else { return };
        let Some(properties) = schema.node.get("properties") else { return };
        for item in required {
            let Some(name) = item.as_str() else { continue };
            let Some(mut property) = properties.get(name) else { continue };
            if let Some(target) = property.get("$ref").and_then(Node::as_str) {
                match swagger.resolve_ref(target) {
                    Ok(resolved) => property = resolved,
                    Err(_) => continue,
                }
            }
            if property.get("readOnly").and_then(Node::as_bool) == Some(true) {
                cx.report_swagger(item.span, format!("property `{name}` of a request body is both required and read-only"))
                    .help(format!("remove `{name}` from `required`, or drop `readOnly` if callers must send it"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_request_bodies() {
        let text = "{\"paths\": {\"/a\": {\"post\": {\"parameters\": [{\"name\": \"b\", \"in\": \"body\", \"schema\": {\n  \"required\": [\"id\", \"ref\", \"name\"],\n  \"properties\": {\"id\": {\"readOnly\": true}, \"ref\": {\"$ref\": \"#/definitions/R\"}, \"name\": {}}\n}}]}}},\n\"definitions\": {\"R\": {\"type\": \"string\", \"readOnly\": true}}}";
        assert_eq!(
            messages(&RequiredReadOnlyInput, swagger(text)),
            [
                "2:16 property `id` of a request body is both required and read-only",
                "2:22 property `ref` of a request body is both required and read-only",
            ]
        );
    }

    #[test]
    fn silent_in_responses_and_definitions() {
        let text = r#"{"paths": {"/a": {"get": {"responses": {"200": {"description": "OK", "schema": {"required": ["id"], "properties": {"id": {"readOnly": true}}}}}}}},
            "definitions": {"D": {"required": ["id"], "properties": {"id": {"readOnly": true}}}}}"#;
        assert_silent(&RequiredReadOnlyInput, swagger(text));
    }
}
