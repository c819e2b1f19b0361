use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Value;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the document declares `"swagger": "2.0"`, written as a string. An OpenAPI 3
    /// document (one with an `openapi` key) or a Postman collection is reported once, at its
    /// `openapi` value (or the collection's `info.schema`); the other rules lint it through its
    /// conversion (see `connlint convert`).
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
        if let Some(report) = cx.connector().file(swagger.file).conversion.as_deref() {
            let input = &report.input;
            let at = input
                .get("openapi")
                .or_else(|| input.get("info").and_then(|i| i.get("schema")))
                .map_or(Span::empty(input.span.start), |n| n.span);
            let path = cx.connector().file(swagger.file).source.path().display().to_string();
            cx.report_swagger(
                at,
                format!("this is an {}, not Swagger 2.0; the other findings are about its conversion", report.format.name()),
            )
            .help(format!("custom connectors need a Swagger 2.0 definition: `connlint convert {path}` writes one"));
            return;
        }
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
            ["2:14 this is an OpenAPI 3.0, not Swagger 2.0; the other findings are about its conversion"]
        );
        assert_eq!(positions(&SwaggerVersion, swagger("\n{\"openapi\": \"3.1.0\"}")), ["apiDefinition.swagger.json:2:13"]);
        // A version connlint cannot convert is reported as it stands.
        assert_eq!(
            messages(&SwaggerVersion, swagger("{\"openapi\": \"4.0.0\"}")),
            ["1:13 this is an OpenAPI `4.0.0` document; custom connectors need a Swagger 2.0 definition"]
        );
    }

    #[test]
    fn fires_once_on_a_converted_input() {
        let text = "openapi: 3.0.1\ninfo: {title: T, version: '1'}\npaths: {}\n";
        assert_eq!(
            messages(&SwaggerVersion, converted("openapi.yaml", text)),
            ["1:10 this is an OpenAPI 3.0, not Swagger 2.0; the other findings are about its conversion"]
        );
        let collection =
            r#"{"info": {"name": "P", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#;
        assert_eq!(positions(&SwaggerVersion, converted("c.json", collection)), ["c.json:1:34"]);
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
