use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{Operation, Parameter, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Checks the items of `x-ms-enum-values` on schemas and parameters: each needs a
    /// `displayName`; no two items may map the same `value`; and when the schema or parameter
    /// has an `enum`, each `value` must be one of its members.
    ///
    /// ## Why is this bad?
    /// `x-ms-enum-values` gives the drop-down labels of an enum. An item without a label shows
    /// nothing, two items for one value make the choice ambiguous, and a value outside `enum`
    /// can never be sent. Microsoft's validator rejects all three.
    ///
    /// ## Severity
    /// `x-ms-enum-values` entries are checked by the validator: `MissingEnumValuesDisplayName`,
    /// `DuplicateEnumValuesInExtension` and `InvalidEnumValuesExtensionValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "enum": ["low", "high"],
    ///   "x-ms-enum-values": [ { "value": "low" }, { "value": "low", "displayName": "Low" }, { "value": "urgent", "displayName": "Urgent" } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "enum": ["low", "high"],
    ///   "x-ms-enum-values": [ { "value": "low", "displayName": "Low" }, { "value": "high", "displayName": "High" } ] }
    /// ```
    pub EnumValuesExtensionInvalid {
        id: "enum-values-extension-invalid",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["MissingEnumValuesDisplayName", "DuplicateEnumValuesInExtension", "InvalidEnumValuesExtensionValue"],
        summary: "An x-ms-enum-values item lacks a displayName, repeats a value or is not in enum",
        visits: [Schema, Parameter],
    }
}

fn check(node: &Node, cx: &mut Context<'_, '_>) {
    let Some(items) = node.get("x-ms-enum-values").and_then(Node::as_array) else { return };
    let allowed = node.get("enum").and_then(Node::as_array);
    let mut seen: Vec<&Node> = Vec::new();
    for item in items {
        if item.as_object().is_none() {
            continue;
        }
        if item.get("displayName").is_none() {
            cx.report_swagger(item.span, "this `x-ms-enum-values` item has no `displayName`")
                .help("add `displayName`, the label users see in the drop-down");
        }
        let Some(value) = item.get("value") else { continue };
        let text = cx.connector().file(cx.swagger_file()).source.slice(value.span).to_string();
        if seen.iter().any(|s| s.same_value(value)) {
            cx.report_swagger(value.span, format!("`x-ms-enum-values` maps the value {text} more than once"))
                .help("keep one item per value");
        } else {
            seen.push(value);
        }
        if let Some(allowed) = allowed {
            if !allowed.iter().any(|a| a.same_value(value)) {
                cx.report_swagger(value.span, format!("`x-ms-enum-values` value {text} is not a member of `enum`"))
                    .help("add the value to `enum`, or correct it");
            }
        }
    }
}

impl Rule for EnumValuesExtensionInvalid {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::X_MS_ENUM_VALUES)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        check(schema.node, cx);
    }

    fn check_parameter(&self, parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = parameter.node else { return };
        if parameter.schema.is_none() {
            check(node, cx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_problem() {
        let text = "{\"definitions\": {\"D\": {\"enum\": [\"low\", \"high\"], \"x-ms-enum-values\": [\n  {\"value\": \"low\"},\n  {\"value\": \"low\", \"displayName\": \"Low\"},\n  {\"value\": \"urgent\", \"displayName\": \"Urgent\"}\n]}}}";
        assert_eq!(
            messages(&EnumValuesExtensionInvalid, swagger(text)),
            [
                "2:3 this `x-ms-enum-values` item has no `displayName`",
                "3:13 `x-ms-enum-values` maps the value \"low\" more than once",
                "4:13 `x-ms-enum-values` value \"urgent\" is not a member of `enum`",
            ]
        );
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"name\": \"p\", \"in\": \"query\", \"x-ms-enum-values\": [{\"value\": 1}]}]}}}}";
        assert_eq!(positions(&EnumValuesExtensionInvalid, swagger(text)), ["apiDefinition.swagger.json:1:92"]);
    }

    #[test]
    fn silent_on_valid_items() {
        let text = r#"{"definitions": {"D": {"enum": [1, 2], "x-ms-enum-values": [{"value": 1, "displayName": "One"}, {"value": 2.0, "displayName": "Two"}]},
            "E": {"x-ms-enum-values": [{"value": "free", "displayName": "Free"}, "junk"]}}}"#;
        assert_silent(&EnumValuesExtensionInvalid, swagger(text));
    }
}
