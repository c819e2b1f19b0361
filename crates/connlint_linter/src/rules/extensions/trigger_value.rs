use super::{case_fix, one_of, report_not_allowed};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::extensions::TriggerKind;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose `x-ms-trigger` is not exactly `single` or `batch`
    /// (case-sensitive), or is not a string.
    ///
    /// ## Why is this bad?
    /// `x-ms-trigger` turns an operation into a trigger and says whether each call returns one
    /// item or a list of items to fire on. Power Platform knows only these two values; with
    /// any other the operation is not a usable trigger, and Microsoft's Swagger Validator
    /// rejects the connector.
    ///
    /// ## Severity
    /// `x-ms-trigger` takes `single` or `batch`; another value is refused as `JsonValueNotInEnum`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "OnNewItem", "x-ms-trigger": "Single" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "OnNewItem", "x-ms-trigger": "single" }
    /// ```
    pub TriggerValue {
        id: "trigger-value",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["JsonValueNotInEnum"],
        summary: "x-ms-trigger is not single or batch",
        fix: Sometimes,
        visits: [Operation],
    }
}

impl Rule for TriggerValue {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(value) = op.trigger else { return };
        let Some(text) = value.as_str() else {
            cx.report_swagger(value.span, format!("`x-ms-trigger` must be a string, found {}", value.json_type().name()))
                .help(format!("use {}", one_of(&TriggerKind::VALUES)));
            return;
        };
        if TriggerKind::parse(text).is_some() {
            return;
        }
        let otherwise = "use `single` when each call returns one new item, `batch` when it returns a list of them";
        let fix = case_fix(cx, value.span, &TriggerKind::VALUES);
        report_not_allowed(cx, value.span, "`x-ms-trigger`", text, &TriggerKind::VALUES, otherwise).fix(fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_value() {
        let text = r##"{"paths": {"/a": {
  "get": {"x-ms-trigger": "Single"},
  "post": {"x-ms-trigger": "polling"},
  "put": {"x-ms-trigger": true}
}}}"##;
        let findings = run(&TriggerValue, swagger(text));
        let got: Vec<_> =
            findings.iter().map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "2:27 `x-ms-trigger` is `Single`; expected `single` or `batch` | did you mean `single`? the values are case-sensitive",
                "3:28 `x-ms-trigger` is `polling`; expected `single` or `batch` | use `single` when each call returns one new item, `batch` when it returns a list of them",
                "4:27 `x-ms-trigger` must be a string, found a boolean | use `single` or `batch`",
            ]
        );
    }

    #[test]
    fn silent_on_single_batch_and_non_triggers() {
        let text =
            r#"{"paths": {"/a": {"get": {"x-ms-trigger": "single"}, "post": {"x-ms-trigger": "batch"}, "put": {"operationId": "Put"}}}}"#;
        assert_silent(&TriggerValue, swagger(text));
    }

    #[test]
    fn a_value_in_the_wrong_case_is_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-visibility\": \"Advanced\", \"x-ms-trigger\": \"Batch\",\n  \"parameters\": [{\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"DOUBLE\"}]}}}}";
        assert_fixed(&TriggerValue, swagger, text, &text.replace("\"Batch\"", "\"batch\""));
    }
}
