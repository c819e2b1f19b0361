use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a schema `discriminator` that does not name a property which is both listed in
    /// the schema's `required` and defined in its `properties` with `"type": "string"`. A
    /// property given by `$ref` is not checked for its type.
    ///
    /// ## Why is this bad?
    /// The discriminator tells which sub-schema a value uses; it only works when every value
    /// carries it as a string. Microsoft's validator rejects other discriminators.
    ///
    /// ## Severity
    /// A `discriminator` must name a required string property; otherwise the validator reports
    /// `DiscriminatorMustBeARequiredStringProperty`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "discriminator": "kind", "properties": { "kind": { "type": "integer" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "discriminator": "kind", "required": ["kind"], "properties": { "kind": { "type": "string" } } }
    /// ```
    pub DiscriminatorInvalid {
        id: "discriminator-invalid",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["DiscriminatorMustBeARequiredStringProperty"],
        summary: "A discriminator is not a required string property",
        visits: [Schema],
    }
}

impl Rule for DiscriminatorInvalid {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::DISCRIMINATOR)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(discriminator) = schema.node.get("discriminator") else { return };
        let Some(name) = discriminator.as_str() else { return };
        let required = schema.node.get("required").and_then(Node::as_array).unwrap_or_default().iter().any(|r| r.as_str() == Some(name));
        let property = schema.node.get("properties").and_then(|p| p.get(name));
        let problem = match property {
            None => "is not defined in `properties`".to_string(),
            Some(p) => match p.get("type").and_then(Node::as_str) {
                _ if p.get("$ref").is_some() => String::new(),
                Some("string") => String::new(),
                Some(other) => format!("has type `{other}`, not `string`"),
                None => "has no `\"type\": \"string\"`".to_string(),
            },
        };
        let mut problems: Vec<String> = Vec::new();
        if !problem.is_empty() {
            problems.push(problem);
        }
        if !required {
            problems.push("is not listed in `required`".to_string());
        }
        if !problems.is_empty() {
            cx.report_swagger(discriminator.span, format!("discriminator property `{name}` {}", problems.join(" and ")))
                .help(format!("define `{name}` as a string property and list it in `required`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_bad_discriminators() {
        let text = "{\"definitions\": {\n  \"A\": {\"discriminator\": \"kind\", \"properties\": {\"kind\": {\"type\": \"integer\"}}},\n  \"B\": {\"discriminator\": \"kind\", \"required\": [\"kind\"]}\n}}";
        assert_eq!(
            messages(&DiscriminatorInvalid, swagger(text)),
            [
                "2:26 discriminator property `kind` has type `integer`, not `string` and is not listed in `required`",
                "3:26 discriminator property `kind` is not defined in `properties`",
            ]
        );
    }

    #[test]
    fn silent_on_required_strings_and_refs() {
        let text = r##"{"definitions": {"A": {"discriminator": "kind", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "B": {"discriminator": "k", "required": ["k"], "properties": {"k": {"$ref": "#/definitions/K"}}}, "C": {"discriminator": 5}}}"##;
        assert_silent(&DiscriminatorInvalid, swagger(text));
    }
}
