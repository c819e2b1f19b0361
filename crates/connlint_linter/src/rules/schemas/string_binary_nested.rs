use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{SchemaRole, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Reports `"type": "string", "format": "binary"` below the root of a request body
    /// schema, for example on a property of a JSON body. Definitions are not checked, since
    /// they may be used as a whole body.
    ///
    /// ## Why is this bad?
    /// Binary content can only be the whole request body (or a form-data file); a JSON
    /// property cannot hold raw bytes. Use `"format": "byte"` for base64 text instead.
    /// Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// A `string`/`binary` property below the top of a body schema is refused as
    /// `InvalidStringBinaryProperty`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "properties": { "content": { "type": "string", "format": "binary" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "properties": { "content": { "type": "string", "format": "byte" } } }
    /// ```
    pub StringBinaryNested {
        id: "string-binary-nested",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["InvalidStringBinaryProperty"],
        summary: "A string/binary schema is nested inside a request body",
        visits: [Schema],
    }
}

impl Rule for StringBinaryNested {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::FORMAT)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        if schema.role != SchemaRole::Input || schema.depth == 0 {
            return;
        }
        let Some(format) = schema.node.get("format").filter(|f| f.as_str() == Some("binary")) else { return };
        if schema.node.get("type").and_then(Node::as_str) != Some("string") {
            return;
        }
        let what = schema.name.map_or_else(|| "a nested schema".to_string(), |n| format!("property `{}`", n.text));
        cx.report_swagger(format.span, format!("{what} of a request body is `string`/`binary`; only a whole body can be binary"))
            .help("use `\"format\": \"byte\"` (base64) for file content inside a JSON body");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_nested_binary_in_bodies() {
        let text = "{\"paths\": {\"/a\": {\"post\": {\"parameters\": [{\"name\": \"b\", \"in\": \"body\", \"schema\": {\"properties\": {\n  \"content\": {\"type\": \"string\", \"format\": \"binary\"},\n  \"list\": {\"type\": \"array\", \"items\": {\"type\": \"string\", \"format\": \"binary\"}}\n}}}]}}}}";
        assert_eq!(
            messages(&StringBinaryNested, swagger(text)),
            [
                "2:43 property `content` of a request body is `string`/`binary`; only a whole body can be binary",
                "3:67 a nested schema of a request body is `string`/`binary`; only a whole body can be binary",
            ]
        );
    }

    #[test]
    fn silent_on_whole_bodies_responses_and_definitions() {
        let text = r#"{"paths": {"/a": {"post": {"parameters": [{"name": "b", "in": "body", "schema": {"type": "string", "format": "binary"}}],
            "responses": {"200": {"description": "OK", "schema": {"properties": {"c": {"type": "string", "format": "binary"}}}}}}}},
            "definitions": {"D": {"properties": {"c": {"type": "string", "format": "binary"}}}}}"#;
        assert_silent(&StringBinaryNested, swagger(text));
    }
}
