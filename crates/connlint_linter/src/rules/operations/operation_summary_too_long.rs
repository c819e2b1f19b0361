use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

/// Longest summary, in characters, that certification accepts.
const MAX_LEN: usize = 80;

declare_rule! {
    /// ## What it does
    /// Reports an operation `summary` longer than 80 characters.
    ///
    /// ## Why is this bad?
    /// The summary is the action's name: designers cut long names off, and the certification
    /// guidelines ask for at most 80 characters. Longer explanations belong in `description`.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "ListItems", "summary": "Returns the list of all items of the current user, sorted by the date they were last changed" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "ListItems", "summary": "List items", "description": "Returns all items of the current user, most recently changed first." } } } }
    /// ```
    pub OperationSummaryTooLong {
        id: "operation-summary-too-long",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationSummaryTooLong"],
        summary: "An operation summary is longer than 80 characters",
        visits: [Operation],
    }
}

impl Rule for OperationSummaryTooLong {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(summary) = op.summary else { return };
        let len = summary.value.chars().count();
        if len > MAX_LEN {
            cx.report_swagger(
                summary.span,
                format!("the summary of `{}` is {len} characters long; the limit is {MAX_LEN}", op.display_name()),
            )
            .help("shorten it to a few words naming the action and move details into `description`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn doc(summary: &str) -> String {
        format!("{{\"paths\": {{\"/items\": {{\n  \"get\": {{\"operationId\": \"List\",\n    \"summary\": \"{summary}\"}}}}}}}}")
    }

    #[test]
    fn fires_above_80_characters() {
        let long = "a".repeat(81);
        assert_eq!(
            messages(&OperationSummaryTooLong, swagger(&doc(&long))),
            ["3:16 the summary of `List` is 81 characters long; the limit is 80"]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_silent(&OperationSummaryTooLong, swagger(&doc(&"é".repeat(80))));
        assert_eq!(positions(&OperationSummaryTooLong, swagger(&doc(&"é".repeat(81)))), ["apiDefinition.swagger.json:3:16"]);
    }

    #[test]
    fn silent_at_80() {
        assert_silent(&OperationSummaryTooLong, swagger(&doc(&"a".repeat(80))));
    }
}
