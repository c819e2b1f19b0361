use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a known field whose value has the wrong JSON type, in the swagger,
    /// apiProperties.json or settings.json: a `summary` that is an array, `security` written as
    /// an object, a `required` flag given as a string, a `scopes` list given as one string.
    ///
    /// ## Why is this bad?
    /// Microsoft's validator rejects the file, and the value is ignored by everything that reads
    /// it with the expected type. connlint leaves such values out of its model, so the rules
    /// that would check them stay silent until the type is fixed.
    ///
    /// ## Severity
    /// The validator reports a value of the wrong JSON type as `JsonTypeIncorrect`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// it was seen as an error for a `security` object written as an array in
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/4123.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso", "version": 1.0 }, "security": { "oauth2": [] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "title": "Contoso", "version": "1.0" }, "security": [{ "oauth2": [] }] }
    /// ```
    pub JsonTypeIncorrect {
        id: "json-type-incorrect",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: ["JsonTypeIncorrect"],
        summary: "A known field holds a value of the wrong JSON type",
        visits: [Connector],
    }
}

impl Rule for JsonTypeIncorrect {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let model = cx.model;
        for error in model.shape_errors() {
            cx.report(error.file, error.span, format!("`{}` must be {}, found {}", error.field, error.expected, error.found.name()))
                .help(format!("write the value as {}", error.expected));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_wrong_types_in_the_swagger() {
        let text = "{\n  \"info\": {\"title\": \"T\", \"version\": 1.0},\n  \"security\": {\"oauth2\": []}\n}";
        assert_eq!(
            messages(&JsonTypeIncorrect, swagger(text)),
            ["2:37 `info version` must be a string, found a number", "3:15 `security` must be an array, found an object"]
        );
    }

    #[test]
    fn reports_wrong_types_in_api_properties_and_settings() {
        let props = "{\"properties\": {\n  \"iconBrandColor\": [\"#da3b01\"]\n}}";
        let c = swagger("{}").with_api_properties(props).with_settings("{\n\"apiDefinition\": null}");
        assert_eq!(positions(&JsonTypeIncorrect, c), ["apiProperties.json:2:21", "settings.json:2:18"]);
    }

    #[test]
    fn silent_when_every_type_is_right() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1.0"}, "security": [{"oauth2": []}], "paths": {}}"#;
        assert_silent(&JsonTypeIncorrect, swagger(text).with_api_properties(r##"{"properties": {"iconBrandColor": "#da3b01"}}"##));
    }
}
