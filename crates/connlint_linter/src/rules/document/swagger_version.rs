use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Value;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the document declares `"swagger": "2.0"`, written as a string. An OpenAPI 3
    /// document (one with an `openapi` key) is reported once, at its `openapi` value.
    ///
    /// ## Why is this bad?
    /// Custom connectors are Swagger 2.0 (OpenAPI 2) documents only. Power Platform refuses a
    /// definition whose version is missing, written as a number, or anything else, and it does
    /// not import OpenAPI 3 documents: those have to be converted to Swagger 2.0 first.
    ///
    /// ## Severity
    /// Custom connectors are Swagger 2.0 only; any other `swagger` value (or an OpenAPI 3 document)
    /// is refused as `SpecificationVersionIncorrect`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "swagger": 2.0, "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    pub SwaggerVersion {
        id: "swagger-version",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["SpecificationVersionIncorrect"],
        summary: "The swagger version is not the string \"2.0\"",
        visits: [Connector],
    }
}

impl Rule for SwaggerVersion {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if swagger.root.as_object().is_none() {
            return;
        }
        if let Some(openapi) = swagger.openapi {
            let version = match &openapi.value {
                Value::String(s) => format!(" `{s}`"),
                _ => String::new(),
            };
            cx.report_swagger(
                openapi.span,
                format!("this is an OpenAPI{version} document; custom connectors need a Swagger 2.0 definition"),
            )
            .help("convert the document to Swagger 2.0 (OpenAPI 2) and replace `openapi` with `\"swagger\": \"2.0\"`");
            return;
        }
        let Some(version) = swagger.swagger else {
            cx.report_swagger(Span::empty(swagger.root.span.start), "the document has no `swagger` key; expected `\"swagger\": \"2.0\"`")
                .help("add `\"swagger\": \"2.0\"` at the top of the document");
            return;
        };
        let message = match &version.value {
            Value::String(s) if &**s == "2.0" => return,
            Value::String(s) => format!("`swagger` is `{s}`; expected exactly `\"2.0\"`"),
            Value::Number(_) => {
                let text = cx.connector().file(swagger.file).source.slice(version.span).to_string();
                format!("`swagger` is the number `{text}`; expected the string `\"2.0\"`")
            }
            _ => format!("`swagger` is {}; expected the string `\"2.0\"`", version.json_type().name()),
        };
        cx.report_swagger(version.span, message).help("write `\"swagger\": \"2.0\"`; custom connectors support Swagger 2.0 only");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_a_number() {
        let text = "{\n  \"swagger\": 2.0,\n  \"paths\": {}\n}";
        assert_eq!(messages(&SwaggerVersion, swagger(text)), ["2:14 `swagger` is the number `2.0`; expected the string `\"2.0\"`"]);
    }

    #[test]
    fn fires_on_other_strings() {
        let text = "{\n  \"swagger\": \"2.0.0\"\n}";
        assert_eq!(messages(&SwaggerVersion, swagger(text)), ["2:14 `swagger` is `2.0.0`; expected exactly `\"2.0\"`"]);
        assert_eq!(positions(&SwaggerVersion, swagger("{\"swagger\": \" 2.0\"}")), ["apiDefinition.swagger.json:1:13"]);
    }

    #[test]
    fn fires_once_on_openapi_3() {
        let text = "{\n  \"openapi\": \"3.0.1\",\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}";
        assert_eq!(
            messages(&SwaggerVersion, swagger(text)),
            ["2:14 this is an OpenAPI `3.0.1` document; custom connectors need a Swagger 2.0 definition"]
        );
        assert_eq!(positions(&SwaggerVersion, swagger("\n{\"openapi\": \"3.1.0\"}")), ["apiDefinition.swagger.json:2:13"]);
    }

    #[test]
    fn fires_at_the_root_when_missing() {
        let text = "\n  {\n  \"info\": {}\n}";
        assert_eq!(messages(&SwaggerVersion, swagger(text)), ["2:3 the document has no `swagger` key; expected `\"swagger\": \"2.0\"`"]);
    }

    #[test]
    fn silent_on_2_0() {
        assert_silent(&SwaggerVersion, swagger("{\n  \"swagger\": \"2.0\",\n  \"paths\": {}\n}"));
    }

    #[test]
    fn silent_when_the_root_is_not_an_object() {
        assert_silent(&SwaggerVersion, swagger("[1, 2]"));
    }
}
