use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::members;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a key of an operation's `responses` object that is neither `default` nor a
    /// three-digit HTTP status code. Extension keys (`x-...`) are allowed.
    ///
    /// ## Why is this bad?
    /// The platform matches responses by their numeric status code. Keys such as `2XX`, `OK` or
    /// `200 ` describe no status the service can return, so the response is never used, and
    /// Microsoft's Swagger Validator rejects the file.
    ///
    /// ## Severity
    /// A response key that is neither a three-digit status nor `default` is refused as
    /// `ResponseMustBeDefaultOrHttpStatusCode`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "OK": { "description": "The item" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "responses": { "200": { "description": "The item" } } }
    /// ```
    pub ResponseCodeInvalid {
        id: "response-code-invalid",
        category: Responses,
        severity: Error,
        profile: Base,
        ms_names: ["ResponseMustBeDefaultOrHttpStatusCode"],
        summary: "A responses key is neither `default` nor an HTTP status code",
        visits: [Operation],
    }
}

/// Whether `code` is a three-digit HTTP status code (100 to 599).
fn is_status_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 3 && (b'1'..=b'5').contains(&b[0]) && b[1].is_ascii_digit() && b[2].is_ascii_digit()
}

impl Rule for ResponseCodeInvalid {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(responses) = op.responses_node else { return };
        for member in members(responses) {
            let code = &*member.key.text;
            if code == "default" || code.starts_with("x-") || is_status_code(code) {
                continue;
            }
            let trimmed = code.trim();
            let help = if trimmed != code && (trimmed == "default" || is_status_code(trimmed)) {
                format!("remove the surrounding spaces: `\"{trimmed}\"`")
            } else if trimmed.eq_ignore_ascii_case("default") {
                "write `default` in lower case".to_string()
            } else {
                "use the exact status code the service returns, such as `200` or `404`, or `default` for any other status".to_string()
            };
            cx.report_swagger(
                member.key.span,
                format!(
                    "response key `{code}` of operation `{}` is not an HTTP status code; expected a code from 100 to 599 or `default`",
                    op.display_name()
                ),
            )
            .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_bad_key() {
        let text = "{\"paths\": {\"/items\": {\"get\": {\n  \"operationId\": \"List\",\n  \"responses\": {\n    \"200\": {\"description\": \"OK\"},\n    \"2XX\": {\"description\": \"any\"},\n      \"OK\": {\"description\": \"OK\"}, \"Default\": {}\n  }\n}}}}";
        assert_eq!(
            messages(&ResponseCodeInvalid, swagger(text)),
            [
                "5:5 response key `2XX` of operation `List` is not an HTTP status code; expected a code from 100 to 599 or `default`",
                "6:7 response key `OK` of operation `List` is not an HTTP status code; expected a code from 100 to 599 or `default`",
                "6:36 response key `Default` of operation `List` is not an HTTP status code; expected a code from 100 to 599 or `default`",
            ]
        );
    }

    #[test]
    fn fires_on_out_of_range_and_padded_codes() {
        for bad in ["600", "099", "20", "2000", " 200", "200 ", "", "-20"] {
            let text = format!("{{\"paths\": {{\"/a\": {{\"get\": {{\n\"responses\": {{\"{bad}\": {{}}}}}}}}}}}}");
            assert_eq!(positions(&ResponseCodeInvalid, swagger(&text)), ["apiDefinition.swagger.json:2:15"], "{bad:?}");
        }
    }

    #[test]
    fn helps_with_spaces_and_case() {
        let text = r#"{"paths": {"/a": {"get": {"responses": {"201 ": {}, "DEFAULT": {}}}}}}"#;
        let help: Vec<_> = run(&ResponseCodeInvalid, swagger(text)).into_iter().map(|f| f.help.unwrap_or_default()).collect();
        assert_eq!(help, ["remove the surrounding spaces: `\"201\"`", "write `default` in lower case"]);
    }

    #[test]
    fn silent_on_codes_default_and_extensions() {
        let text = r##"{"paths": {"/a": {"get": {"responses": {
            "100": {}, "200": {}, "204": {"$ref": "#/responses/None"}, "302": {}, "404": {}, "599": {},
            "default": {"description": "error"}, "x-ms-summary": "ignored"
        }}, "x-foo": {"responses": {"bad": {}}}}}, "responses": {"None": {"description": "none"}}}"##;
        assert_silent(&ResponseCodeInvalid, swagger(text));
        assert_silent(&ResponseCodeInvalid, swagger(r#"{"paths": {"/a": {"get": {"responses": []}}}}"#));
    }
}
