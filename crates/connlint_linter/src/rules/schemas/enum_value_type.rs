use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::{Node, Value};
use connlint_core::model::keywords::SchemaKeywords;

declare_rule! {
    /// ## What it does
    /// Reports an `enum` member whose JSON type does not match the `type` of its schema or
    /// parameter: a string in an `integer` enum, a number in a `string` enum, a fraction in an
    /// `integer` enum and so on. `null` members are allowed (nullable values).
    ///
    /// ## Why is this bad?
    /// The designer offers the enum members in a drop-down and sends the chosen one as is; a
    /// value of the wrong type is rejected by the service or never matches. Microsoft's
    /// validator rejects it.
    ///
    /// ## Severity
    /// An enum member whose JSON type differs from the schema's `type` is refused as
    /// `InvalidEnumValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "priority", "in": "query", "type": "integer", "enum": ["1", "2", "3"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "priority", "in": "query", "type": "integer", "enum": [1, 2, 3] }
    /// ```
    pub EnumValueType {
        id: "enum-value-type",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["InvalidEnumValue"],
        summary: "An enum member's type differs from the schema's type",
        visits: [ValueSchema],
    }
}

/// Whether an enum member fits the declared type; `null` fits any (it stands for "no value").
fn matches(ty: &str, value: &Node) -> bool {
    matches!(value.value, Value::Null) || value.is_instance_of(ty).unwrap_or(true)
}

fn check(node: &Node, cx: &mut Context<'_, '_>) {
    let Some(ty) = node.get("type").and_then(Node::as_str) else { return };
    let Some(values) = node.get("enum").and_then(Node::as_array) else { return };
    for value in values {
        if !matches(ty, value) {
            let text = cx.connector().file(cx.swagger_file()).source.slice(value.span).to_string();
            cx.report_swagger(value.span, format!("enum value {text} is not of type `{ty}`"))
                .help(format!("write the value as {}, or change the `type`", article(ty)));
        }
    }
}

fn article(ty: &str) -> String {
    match ty {
        "integer" | "array" | "object" => format!("an {ty}"),
        _ => format!("a {ty}"),
    }
}

impl Rule for EnumValueType {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::ENUM)
    }

    fn check_value_schema(&self, schema: &Node, cx: &mut Context<'_, '_>) {
        check(schema, cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_mismatched_members() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"p\", \"in\": \"query\", \"type\": \"integer\", \"enum\": [\"1\", 2, 2.5]},\n  {\"name\": \"l\", \"in\": \"query\", \"type\": \"array\", \"items\": {\"type\": \"string\", \"enum\": [true]}}\n]}}},\n\"definitions\": {\"D\": {\"type\": \"string\", \"enum\": [\"a\", 1]}}}";
        assert_eq!(
            messages(&EnumValueType, swagger(text)),
            [
                "2:60 enum value \"1\" is not of type `integer`",
                "2:68 enum value 2.5 is not of type `integer`",
                "3:86 enum value true is not of type `string`",
                "5:55 enum value 1 is not of type `string`",
            ]
        );
    }

    #[test]
    fn silent_on_matching_members() {
        let text = r##"{"paths": {"/a": {"get": {"parameters": [{"name": "p", "in": "query", "type": "number", "enum": [1, 2.5, null]},
            {"$ref": "#/parameters/x"}]}}},
            "definitions": {"D": {"type": "boolean", "enum": [true, false]}, "E": {"enum": [1, "a"]}, "F": {"type": "integer", "enum": [2.0]}}}"##;
        assert_silent(&EnumValueType, swagger(text));
    }
}
