use super::{case_fix, one_of, report_not_allowed};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::extensions::Visibility;

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-visibility` (on an operation, parameter, schema or header, anywhere in
    /// the swagger) whose value is not exactly `important`, `advanced` or `internal`. The
    /// empty string is accepted: it means the default visibility. The values are
    /// case-sensitive, so `Advanced` is reported with a suggestion.
    ///
    /// ## Why is this bad?
    /// Power Platform decides from this value whether a field is shown first, hidden under
    /// "advanced", or never shown; any other value is rejected by Microsoft's Swagger
    /// Validator, or ignored so that the field appears where it was not meant to.
    ///
    /// ## Severity
    /// `x-ms-visibility` takes `important`, `advanced` or `internal` (lower case); another value is
    /// refused as `JsonValueNotInEnum`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "x-ms-visibility": "Advanced" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "x-ms-visibility": "advanced" }
    /// ```
    pub VisibilityValue {
        id: "visibility-value",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["JsonValueNotInEnum"],
        summary: "x-ms-visibility is not important, advanced or internal",
        fix: Sometimes,
        visits: [Connector],
    }
}

impl Rule for VisibilityValue {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for m in cx.semantic().keywords().extensions.iter().filter(|m| &*m.key.text == "x-ms-visibility") {
            let value = &m.value;
            let Some(text) = value.as_str() else {
                cx.report_swagger(value.span, format!("`x-ms-visibility` must be a string, found {}", value.json_type().name()))
                    .help(format!("use {}, or `\"\"` for the default", one_of(&Visibility::VALUES)));
                continue;
            };
            if Visibility::parse(text).is_some() {
                continue;
            }
            let otherwise = format!("use {}, or `\"\"` (or no key) for the default", one_of(&Visibility::VALUES));
            let fix = case_fix(cx, value.span, &Visibility::VALUES);
            report_not_allowed(cx, value.span, "`x-ms-visibility`", text, &Visibility::VALUES, otherwise).fix(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_value_everywhere() {
        let text = r##"{
  "paths": {"/a": {"get": {"x-ms-visibility": "Advanced",
    "parameters": [{"name": "q", "in": "query", "x-ms-visibility": "hidden"}],
    "responses": {"200": {"description": "OK", "headers": {"h": {"type": "string", "x-ms-visibility": "Internal"}}}}}}},
  "definitions": {"Item": {"type": "object", "properties": {"p": {"type": "string", "x-ms-visibility": 1}}}}
}"##;
        assert_eq!(
            messages(&VisibilityValue, swagger(text)),
            [
                "2:47 `x-ms-visibility` is `Advanced`; expected `important`, `advanced` or `internal`",
                "3:68 `x-ms-visibility` is `hidden`; expected `important`, `advanced` or `internal`",
                "4:103 `x-ms-visibility` is `Internal`; expected `important`, `advanced` or `internal`",
                "5:104 `x-ms-visibility` must be a string, found a number",
            ]
        );
    }

    #[test]
    fn suggests_the_lowercase_value() {
        let text = r#"{"paths": {"/a": {"get": {"x-ms-visibility": "Advanced"}}}}"#;
        let findings = run(&VisibilityValue, swagger(text));
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `advanced`? the values are case-sensitive"));
    }

    #[test]
    fn silent_on_valid_values_and_property_names() {
        let text = r##"{
  "paths": {"/a": {"get": {"x-ms-visibility": "important",
    "parameters": [{"name": "q", "in": "query", "x-ms-visibility": ""}, {"name": "r", "in": "query", "x-ms-visibility": "internal"}]}}},
  "definitions": {"Item": {"type": "object", "x-ms-visibility": "advanced",
    "properties": {"x-ms-visibility": {"$ref": "#/definitions/Vis"}}, "example": {"x-ms-visibility": "Whatever"}}}
}"##;
        assert_silent(&VisibilityValue, swagger(text));
    }

    #[test]
    fn a_value_in_the_wrong_case_is_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-visibility\": \"Advanced\", \"x-ms-trigger\": \"Batch\",\n  \"parameters\": [{\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"DOUBLE\"}]}}}}";
        assert_fixed(&VisibilityValue, swagger, text, &text.replace("\"Advanced\"", "\"advanced\""));
    }

    #[test]
    fn values_that_differ_by_more_than_case_are_not_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-visibility\": \"advance\", \"x-ms-trigger\": \" batch\"}}}}";
        assert_eq!(run(&VisibilityValue, swagger(text)).len(), 1);
        assert_eq!(fixed(&VisibilityValue, swagger(text)), text);
        assert_eq!(fixed(&crate::rules::extensions::trigger_value::TriggerValue, swagger(text)), text);
    }
}
