use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

// Characters Microsoft's validator does not accept in an operation summary.
use connlint_core::platform::SUMMARY_RESTRICTED_CHARACTERS as RESTRICTED;

declare_rule! {
    /// ## What it does
    /// Reports an operation `summary` containing any of `/ \ < > * % & ?`.
    ///
    /// ## Why is this bad?
    /// Microsoft's validator rejects summaries with these characters; the summary becomes the
    /// action's name, and these characters are not allowed there.
    ///
    /// ## Severity
    /// The validator refuses `/ \ < > * % & ?` in a summary as `RestrictedCharactersInSummary`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the error appears in the output of Microsoft's PR pipeline on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/1095.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "put":
    ///     { "operationId": "CreateOrUpdateItem", "summary": "Create/update item" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "put":
    ///     { "operationId": "CreateOrUpdateItem", "summary": "Create or update item" } } } }
    /// ```
    pub OperationSummaryRestrictedCharacters {
        id: "operation-summary-restricted-characters",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["RestrictedCharactersInSummary"],
        summary: "An operation summary contains one of / \\ < > * % & ?",
        visits: [Operation],
    }
}

impl Rule for OperationSummaryRestrictedCharacters {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(summary) = op.summary else { return };
        let mut found: Vec<char> = Vec::new();
        for c in summary.value.chars().filter(|c| RESTRICTED.contains(c)) {
            if !found.contains(&c) {
                found.push(c);
            }
        }
        if found.is_empty() {
            return;
        }
        let list = found.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        cx.report_swagger(summary.span, format!("the summary `{}` contains {list}, which summaries may not contain", summary.value))
            .help("rephrase it in words (`and` for `&`, `or` for `/`, `percent` for `%`) or drop the character");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_and_lists_each_character_once() {
        let text = "{\"paths\": {\"/items\": {\n  \"get\": {\"summary\": \"Get <b>/</b> & more?\"},\n  \"put\": {\"summary\": \"50% \\\\ *\"}\n}}}";
        assert_eq!(
            messages(&OperationSummaryRestrictedCharacters, swagger(text)),
            [
                "2:22 the summary `Get <b>/</b> & more?` contains `<`, `>`, `/`, `&`, `?`, which summaries may not contain",
                "3:22 the summary `50% \\ *` contains `%`, `\\`, `*`, which summaries may not contain",
            ]
        );
    }

    #[test]
    fn silent_on_other_punctuation() {
        let text = r#"{"paths": {"/a/b": {"get": {"summary": "Get item (beta) - v2, #1: 'x' + \"y\" @ [z]"}, "post": {"summary": 7}}}}"#;
        assert_silent(&OperationSummaryRestrictedCharacters, swagger(text));
    }
}
