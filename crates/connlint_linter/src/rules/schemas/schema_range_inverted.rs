use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports a schema whose lower bound is above its upper bound: `minimum` > `maximum`,
    /// `minItems` > `maxItems` or `minLength` > `maxLength`.
    ///
    /// ## Why is this bad?
    /// No value can satisfy both bounds, so every request or response checked against the
    /// schema fails. The two numbers were usually swapped or mistyped.
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "minLength": 10, "maxLength": 5 }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "minLength": 5, "maxLength": 10 }
    /// ```
    pub SchemaRangeInverted {
        id: "schema-range-inverted",
        category: Schemas,
        severity: Warning,
        profile: Base,
        ms_names: [
            "MinimumShouldBeLessThanOrEqualToMaximum",
            "MinItemsShouldBeLessThanOrEqualToMaxItems",
            "MinLengthShouldBeLessThanOrEqualToMaxLength",
        ],
        summary: "A schema's lower bound is greater than its upper bound",
        visits: [Schema],
    }
}

impl Rule for SchemaRangeInverted {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::BOUNDS)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let node = schema.node;
        for (low_key, high_key) in [("minimum", "maximum"), ("minItems", "maxItems"), ("minLength", "maxLength")] {
            let (Some(low), Some(high)) = (node.get(low_key), node.get(high_key)) else { continue };
            let (Some(min), Some(max)) = (low.as_number(), high.as_number()) else { continue };
            if min.value > max.value {
                cx.report_swagger(
                    low.span,
                    format!(
                        "`{low_key}` is {} but `{high_key}` is {}; the lower bound must not exceed the upper one",
                        min.value, max.value
                    ),
                )
                .help(format!("make `{low_key}` less than or equal to `{high_key}` (were they swapped?)"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_lower_bound() {
        let text = "{\"definitions\": {\n  \"A\": {\n    \"type\": \"string\",\n    \"minLength\": 10,\n    \"maxLength\": 5\n  },\n  \"B\": {\"type\": \"array\", \"maxItems\": 1, \"minItems\": 2, \"items\": {\"type\": \"number\", \"minimum\": 1.5, \"maximum\": -1}}\n}}";
        assert_eq!(
            messages(&SchemaRangeInverted, swagger(text)),
            [
                "4:18 `minLength` is 10 but `maxLength` is 5; the lower bound must not exceed the upper one",
                "7:53 `minItems` is 2 but `maxItems` is 1; the lower bound must not exceed the upper one",
                "7:95 `minimum` is 1.5 but `maximum` is -1; the lower bound must not exceed the upper one",
            ]
        );
    }

    #[test]
    fn silent_on_equal_or_ordered_bounds_and_wrong_types() {
        let text = r#"{"definitions": {
  "A": {"type": "string", "minLength": 5, "maxLength": 5},
  "B": {"type": "integer", "minimum": -10, "maximum": 0},
  "C": {"type": "array", "minItems": "9", "maxItems": 1, "items": {"type": "string", "minLength": 3}},
  "D": {"type": "integer", "minimum": 100},
  "E": {"type": "object", "properties": {"minimum": {"type": "integer", "maximum": 1}}, "minimum": 5}
}}"#;
        assert_silent(&SchemaRangeInverted, swagger(text));
    }
}
