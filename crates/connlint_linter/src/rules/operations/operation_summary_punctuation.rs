use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation `summary` that ends with punctuation (`.`, `!`, `?`, `:`, `,`, `;`,
    /// `-` and the like) or with whitespace. Closing brackets and quotes are fine, as in
    /// `List items (beta)`.
    ///
    /// ## Why is this bad?
    /// The summary is the action's name, shown as a title; it is not a sentence. Microsoft's
    /// validator expects it to end with a letter or digit, and a trailing space is usually a
    /// copy-and-paste accident.
    ///
    /// ## Severity
    /// A warning under `base` and an error under `certification`: Microsoft's validator checks that
    /// a summary ends with a letter or digit, `ValueMustEndWithAlphanumeric`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    /// No pipeline output quoting this identifier was found; the rule follows the validator's other
    /// certification checks, which the pipeline prints as errors, even guidance such as a schema on
    /// the `default` response (https://github.com/microsoft/PowerPlatformConnectors/pull/3975).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "ListItems", "summary": "Lists the items." } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "ListItems", "summary": "List items" } } } }
    /// ```
    pub OperationSummaryPunctuation {
        id: "operation-summary-punctuation",
        category: Operations,
        severity: Warning,
        certification_severity: Error,
        profile: Base,
        ms_names: ["ValueMustEndWithAlphanumeric"],
        summary: "An operation summary ends with punctuation or whitespace",
        visits: [Operation],
    }
}

/// Whether a summary may not end with `c`.
fn is_bad_ending(c: char) -> bool {
    if c.is_whitespace() {
        return true;
    }
    if matches!(c, ')' | ']' | '"' | '\'') {
        return false;
    }
    c.is_ascii_punctuation() || matches!(c, '…' | '。' | '、' | '，' | '：' | '；' | '！' | '？' | '¿' | '¡' | '–' | '—')
}

impl Rule for OperationSummaryPunctuation {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(summary) = op.summary else { return };
        // An empty or blank summary is `operation-summary-missing`'s.
        if summary.value.trim().is_empty() {
            return;
        }
        let Some(last) = summary.value.chars().next_back() else { return };
        if !is_bad_ending(last) {
            return;
        }
        let what = if last.is_whitespace() { "whitespace".to_string() } else { format!("`{last}`") };
        let fixed = summary.value.trim_end_matches(is_bad_ending);
        cx.report_swagger(summary.span, format!("the summary `{}` ends with {what}; it should end with a letter or digit", summary.value))
            .help(format!("write `{fixed}`"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_trailing_punctuation_and_spaces() {
        let text = "{\"paths\": {\"/items\": {\n  \"get\": {\"summary\": \"Lists the items.\"},\n  \"post\": {\"summary\": \"Add item \"},\n  \"put\": {\"summary\": \"Update item:\"}\n}}}";
        assert_eq!(
            messages(&OperationSummaryPunctuation, swagger(text)),
            [
                "2:22 the summary `Lists the items.` ends with `.`; it should end with a letter or digit",
                "3:23 the summary `Add item ` ends with whitespace; it should end with a letter or digit",
                "4:22 the summary `Update item:` ends with `:`; it should end with a letter or digit",
            ]
        );
    }

    #[test]
    fn suggests_the_trimmed_summary() {
        let text = "{\"paths\": {\"/items\": {\"get\": {\"summary\": \"Is it ready? \"}}}}";
        let found = run(&OperationSummaryPunctuation, swagger(text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].help.as_deref(), Some("write `Is it ready`"));
    }

    #[test]
    fn silent_on_letters_digits_and_closing_brackets() {
        for ok in ["List items", "Get item (beta)", "List records [DEPRECATED]", "Get v2", "Ünïcödé", "", "  "] {
            let text = format!("{{\"paths\": {{\"/items\": {{\"get\": {{\"summary\": \"{ok}\"}}}}}}}}");
            assert_silent(&OperationSummaryPunctuation, swagger(&text));
        }
    }
}
