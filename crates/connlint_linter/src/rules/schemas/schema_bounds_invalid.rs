use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::members;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports schema keywords whose values can never make sense: `exclusiveMaximum: true`
    /// without a `maximum` (or `exclusiveMinimum: true` without a `minimum`), a negative
    /// `maxItems`, `maxLength`, `maxProperties`, `minItems`, `minLength` or `minProperties`, and
    /// a `multipleOf` that is zero or negative.
    ///
    /// ## Why is this bad?
    /// Microsoft's Swagger Validator rejects these schemas. An exclusive flag needs the bound it
    /// qualifies, a count or length cannot be negative, and no number is a multiple of zero.
    ///
    /// ## Severity
    /// Negative sizes, a `multipleOf` of zero or less, and an exclusive bound without its bound are
    /// validator errors, for example `MaxLengthMustBeGreaterThanOrEqualToZero`,
    /// `MultipleOfMustBeGreaterThanZero` and `ExclusiveMaximumRequiresMaximum`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "maxLength": -1 }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "maxLength": 100 }
    /// ```
    pub SchemaBoundsInvalid {
        id: "schema-bounds-invalid",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: [
            "ExclusiveMaximumRequiresMaximum",
            "ExclusiveMinimumRequiresMinimum",
            "MaxItemsMustBeGreaterThanOrEqualToZero",
            "MaxLengthMustBeGreaterThanOrEqualToZero",
            "MaxPropertiesMustBeGreaterThanOrEqualToZero",
            "MinItemsMustBeGreaterThanOrEqualToZero",
            "MinLengthMustBeGreaterThanOrEqualToZero",
            "MinPropertiesMustBeGreaterThanOrEqualToZero",
            "MultipleOfMustBeGreaterThanZero",
        ],
        summary: "A schema has an impossible bound: a negative count, a non-positive multipleOf or an exclusive flag without its bound",
        visits: [Schema],
    }
}

/// Keywords that hold a count or a length and must not be negative.
const NON_NEGATIVE: [&str; 6] = ["maxItems", "maxLength", "maxProperties", "minItems", "minLength", "minProperties"];

fn number(node: &Node) -> Option<f64> {
    node.as_number().map(|n| n.value)
}

impl Rule for SchemaBoundsInvalid {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::BOUNDS)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let node = schema.node;
        // Every schema of the document comes here and few have any of these keywords: one pass
        // over the members finds them all (the last of duplicates, as `get` would).
        let mut found: [Option<&Node>; 11] = [None; 11];
        for m in members(node) {
            let slot = match &*m.key.text {
                "exclusiveMaximum" => 0,
                "exclusiveMinimum" => 1,
                "maximum" => 2,
                "minimum" => 3,
                "maxItems" => 4,
                "maxLength" => 5,
                "maxProperties" => 6,
                "minItems" => 7,
                "minLength" => 8,
                "minProperties" => 9,
                "multipleOf" => 10,
                _ => continue,
            };
            found[slot] = Some(&m.value);
        }
        if found.iter().all(Option::is_none) {
            return;
        }
        for (i, (flag, bound)) in [("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum")].into_iter().enumerate() {
            let Some(value) = found[i] else { continue };
            if value.as_bool() == Some(true) && found[i + 2].is_none() {
                cx.report_swagger(value.span, format!("`{flag}` is true but the schema has no `{bound}` for it to apply to"))
                    .help(format!("add a `{bound}` value, or remove `{flag}`"));
            }
        }
        for (key, value) in NON_NEGATIVE.into_iter().zip(&found[4..10]) {
            let Some(value) = value else { continue };
            match number(value) {
                Some(n) if n < 0.0 => {
                    cx.report_swagger(value.span, format!("`{key}` is {n}; it must be 0 or more"))
                        .help(format!("use a non-negative `{key}`, or remove it"));
                }
                _ => {}
            }
        }
        if let Some(value) = found[10] {
            match number(value) {
                Some(n) if n <= 0.0 => {
                    cx.report_swagger(value.span, format!("`multipleOf` is {n}; it must be greater than 0"))
                        .help("use a positive `multipleOf`, or remove it");
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn negative_counts_and_non_positive_multiple_of() {
        let text = "{\"definitions\": {\n  \"A\": {\n    \"type\": \"string\",\n    \"maxLength\": -1,\n    \"minLength\": -2\n  },\n  \"B\": {\"type\": \"array\", \"minItems\": -1, \"maxItems\": -3, \"items\": {\"type\": \"integer\", \"multipleOf\": 0}},\n  \"C\": {\"type\": \"object\", \"maxProperties\": -1, \"minProperties\": -5, \"properties\": {\"n\": {\"type\": \"number\", \"multipleOf\": -0.5}}}\n}}";
        assert_eq!(
            messages(&SchemaBoundsInvalid, swagger(text)),
            [
                "4:18 `maxLength` is -1; it must be 0 or more",
                "5:18 `minLength` is -2; it must be 0 or more",
                "7:38 `minItems` is -1; it must be 0 or more",
                "7:54 `maxItems` is -3; it must be 0 or more",
                "7:101 `multipleOf` is 0; it must be greater than 0",
                "8:44 `maxProperties` is -1; it must be 0 or more",
                "8:65 `minProperties` is -5; it must be 0 or more",
                "8:122 `multipleOf` is -0.5; it must be greater than 0",
            ]
        );
    }

    #[test]
    fn exclusive_flags_without_their_bound() {
        let text = "{\"definitions\": {\n  \"A\": {\n    \"type\": \"integer\",\n    \"exclusiveMaximum\": true,\n    \"exclusiveMinimum\": true\n  }\n}}";
        assert_eq!(positions(&SchemaBoundsInvalid, swagger(text)), ["apiDefinition.swagger.json:4:25", "apiDefinition.swagger.json:5:25"]);
    }

    #[test]
    fn body_parameter_schema_is_checked() {
        let text = "{\"paths\": {\"/a\": {\"post\": {\"parameters\": [\n  {\"name\": \"body\", \"in\": \"body\", \"schema\": {\"type\": \"string\", \"maxLength\": -10}}\n]}}}}";
        assert_eq!(positions(&SchemaBoundsInvalid, swagger(text)), ["apiDefinition.swagger.json:2:76"]);
    }

    #[test]
    fn silent_on_valid_bounds_and_wrong_types() {
        let text = r#"{"definitions": {
  "A": {"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true, "multipleOf": 2},
  "B": {"type": "integer", "exclusiveMaximum": false, "exclusiveMinimum": false},
  "C": {"type": "string", "maxLength": 0, "minLength": 0},
  "D": {"type": "array", "maxItems": "5", "minItems": null, "multipleOf": "0", "exclusiveMaximum": "true", "items": {"type": "string"}},
  "E": {"type": "object", "maxProperties": 0, "minProperties": 0, "properties": {"maxLength": {"type": "integer", "minimum": -5}}}
}}"#;
        assert_silent(&SchemaBoundsInvalid, swagger(text));
    }
}
