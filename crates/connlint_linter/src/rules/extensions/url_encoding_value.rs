use super::{case_fix, report_not_allowed};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::extensions::UrlEncoding;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter whose `x-ms-url-encoding` is not exactly `single` or `double`
    /// (case-sensitive). A parameter defined under `#/parameters` and used through `$ref` is
    /// reported once, at its definition. A value that is not a string is reported by
    /// `json-type-incorrect`.
    ///
    /// ## Why is this bad?
    /// The extension tells Power Platform how many times to URL-encode a path value (`double`
    /// for back ends that decode twice, such as values holding slashes). Any other value is
    /// rejected by Microsoft's Swagger Validator or ignored, and the request reaches the
    /// wrong URL.
    ///
    /// ## Severity
    /// `x-ms-url-encoding` takes `single` or `double`; another value is refused as
    /// `JsonValueNotInEnum`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "path", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "Double" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "path", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "double" }
    /// ```
    pub UrlEncodingValue {
        id: "url-encoding-value",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["JsonValueNotInEnum"],
        summary: "x-ms-url-encoding is not single or double",
        fix: Sometimes,
        visits: [Parameter],
    }
}

impl Rule for UrlEncodingValue {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(encoding) = p.url_encoding else { return };
        if UrlEncoding::parse(encoding.value).is_some() {
            return;
        }
        let otherwise = "use `single` (the default) or `double` for back ends that decode the path twice";
        let fix = case_fix(cx, encoding.span, &UrlEncoding::VALUES);
        report_not_allowed(cx, encoding.span, "`x-ms-url-encoding`", encoding.value, &UrlEncoding::VALUES, otherwise).fix(fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_value() {
        let text = r##"{"paths": {"/a/{p}/{q}": {"get": {"parameters": [
  {"name": "p", "in": "path", "required": true, "x-ms-url-encoding": "Double"},
  {"name": "q", "in": "path", "required": true, "x-ms-url-encoding": "triple"}
]}}}}"##;
        let findings = run(&UrlEncodingValue, swagger(text));
        let got: Vec<_> =
            findings.iter().map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "2:70 `x-ms-url-encoding` is `Double`; expected `single` or `double` | did you mean `double`? the values are case-sensitive",
                "3:70 `x-ms-url-encoding` is `triple`; expected `single` or `double` | use `single` (the default) or `double` for back ends that decode the path twice",
            ]
        );
    }

    #[test]
    fn a_referenced_parameter_is_reported_once_at_its_definition() {
        let text = r##"{
  "paths": {"/a/{p}": {"get": {"parameters": [{"$ref": "#/parameters/p"}]}, "put": {"parameters": [{"$ref": "#/parameters/p"}]}}},
  "parameters": {
    "p": {"name": "p", "in": "path", "required": true, "x-ms-url-encoding": "twice"}
  }
}"##;
        assert_eq!(positions(&UrlEncodingValue, swagger(text)), ["apiDefinition.swagger.json:4:77"]);
    }

    #[test]
    fn silent_on_single_and_double() {
        let text = r#"{"paths": {"/a/{p}/{q}": {"get": {"parameters": [
  {"name": "p", "in": "path", "required": true, "x-ms-url-encoding": "single"},
  {"name": "q", "in": "path", "required": true, "x-ms-url-encoding": "double"},
  {"name": "r", "in": "query"}
]}}}}"#;
        assert_silent(&UrlEncodingValue, swagger(text));
    }

    #[test]
    fn a_value_in_the_wrong_case_is_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-visibility\": \"Advanced\", \"x-ms-trigger\": \"Batch\",\n  \"parameters\": [{\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"DOUBLE\"}]}}}}";
        assert_fixed(&UrlEncodingValue, swagger, text, &text.replace("\"DOUBLE\"", "\"double\""));
    }
}
