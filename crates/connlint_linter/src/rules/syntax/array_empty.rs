use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an empty array where at least one item is required: `allOf`, `anyOf` and
    /// `oneOf` in schemas, `x-ms-enum-values`, and `x-ms-connector-metadata`. (Empty `enum`,
    /// `required` and `schemes` have their own rules.)
    ///
    /// ## Why is this bad?
    /// An empty composition or list says nothing and usually marks something left unfinished;
    /// Microsoft's validator rejects these empty arrays.
    ///
    /// ## Severity
    /// An empty array where the format needs at least one entry is a Swagger Validator error,
    /// `ArrayHasNoItems`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "allOf": [] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object" }
    /// ```
    pub ArrayEmpty {
        id: "array-empty",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: ["ArrayHasNoItems"],
        summary: "An array that needs at least one item is empty",
        visits: [Connector],
    }
}

const NON_EMPTY: [&str; 5] = ["allOf", "anyOf", "oneOf", "x-ms-enum-values", "x-ms-connector-metadata"];

impl Rule for ArrayEmpty {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let mut found = Vec::new();
        let keywords = cx.semantic().keywords();
        for m in keywords.combinators.iter().chain(&keywords.extensions) {
            if NON_EMPTY.contains(&&*m.key.text) && m.value.as_array().is_some_and(<[_]>::is_empty) {
                found.push((m.key.text.to_string(), m.value.span));
            }
        }
        for (key, span) in found {
            cx.report_swagger(span, format!("`{key}` is an empty array")).help(format!("add the items `{key}` needs, or remove it"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_empty_lists() {
        let text = "{\"x-ms-connector-metadata\": [],\n\"definitions\": {\"D\": {\"allOf\": [], \"properties\": {\"p\": {\"x-ms-enum-values\": []}}}}}";
        assert_eq!(
            messages(&ArrayEmpty, swagger(text)),
            [
                "1:29 `x-ms-connector-metadata` is an empty array",
                "2:32 `allOf` is an empty array",
                "2:77 `x-ms-enum-values` is an empty array"
            ]
        );
    }

    #[test]
    fn silent_on_filled_lists_and_names() {
        let text = r##"{"definitions": {"D": {"allOf": [{"$ref": "#/definitions/E"}], "properties": {"oneOf": {"type": "string"}}, "example": {"anyOf": []}}}}"##;
        assert_silent(&ArrayEmpty, swagger(text));
    }
}
