use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::keywords::{SchemaKeywords, UNSUPPORTED_KEYWORDS};
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a schema keyword that Power Platform does not support: `oneOf`, `anyOf`, `not`,
    /// `uniqueItems`, and the JSON Schema keywords Swagger 2.0 lacks (`const`, `if`, `then`,
    /// `else`, `contains`, `propertyNames`, `dependencies`, `patternProperties`,
    /// `additionalItems`, `$schema`, `$id`).
    ///
    /// ## Why is this bad?
    /// The keyword is ignored (or the import fails): a `oneOf` shows none of its alternatives
    /// in the designer, `uniqueItems` is never enforced. Microsoft's validator rejects these
    /// keywords.
    ///
    /// ## Severity
    /// Swagger keywords the platform does not implement (such as `uniqueItems`) are refused as
    /// `SwaggerKeywordNotSupported`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "array", "uniqueItems": true, "items": { "type": "string" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "array", "items": { "type": "string" } }
    /// ```
    pub KeywordNotSupported {
        id: "keyword-not-supported",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["SwaggerKeywordNotSupported"],
        summary: "A schema uses a keyword Power Platform does not support",
        visits: [Schema],
    }
}

impl Rule for KeywordNotSupported {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::UNSUPPORTED)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        for m in schema.node.as_object().unwrap_or_default() {
            if UNSUPPORTED_KEYWORDS.contains(&&*m.key.text) {
                let help = match &*m.key.text {
                    "oneOf" | "anyOf" => "describe one shape, or use `allOf` or `x-ms-dynamic-schema`",
                    "uniqueItems" => "remove it and mention the constraint in the description",
                    _ => "remove it; Swagger 2.0 schemas do not have this keyword",
                };
                cx.report_swagger(m.key.span, format!("schema keyword `{}` is not supported", m.key.text)).help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_unsupported_keywords() {
        let text = "{\"definitions\": {\"A\": {\n  \"type\": \"array\", \"uniqueItems\": true,\n  \"items\": {\"oneOf\": [{\"type\": \"string\"}]}\n}}}";
        assert_eq!(
            messages(&KeywordNotSupported, swagger(text)),
            ["2:20 schema keyword `uniqueItems` is not supported", "3:13 schema keyword `oneOf` is not supported"]
        );
    }

    #[test]
    fn silent_on_property_names_and_supported_keywords() {
        let text = r#"{"definitions": {"A": {"type": "object", "allOf": [], "properties": {"not": {"type": "string"}, "const": {}}}}}"#;
        assert_silent(&KeywordNotSupported, swagger(text));
    }
}
