use crate::context::Context;
use crate::declare_rule;
use crate::rule::{Profile, Rule, Severity};
use connlint_core::model::swagger::Operation;

/// Longest summary, in characters, that Microsoft's string guidance asks for.
const MAX_LEN: usize = 80;

/// Length from which Microsoft's validator refuses a summary (`OperationSummaryTooLong`); an
/// error under the certification profile.
const VALIDATOR_LEN: usize = 120;

declare_rule! {
    /// ## What it does
    /// Reports an operation `summary` longer than 80 characters.
    ///
    /// ## Why is this bad?
    /// The summary is the action's name: designers cut long names off, and the certification
    /// guidelines ask for at most 80 characters. Longer explanations belong in `description`.
    ///
    /// ## Severity
    /// A warning from 81 characters, the limit of Microsoft's string guidance
    /// (https://learn.microsoft.com/connectors/custom-connectors/connector-string-guidance). Under
    /// `certification` a summary of 120 characters or more is an error: that is where the
    /// validator's `OperationSummaryTooLong` draws the line
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
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
        if len <= MAX_LEN {
            return;
        }
        // Raised only when the rule runs at its default level, so a level set in connlint.toml wins.
        let raise = len >= VALIDATOR_LEN && cx.profile == Profile::Certification && cx.severity == Severity::Warning;
        let limit = if raise {
            format!("Microsoft's validator refuses {VALIDATOR_LEN} or more under certification, and the guidance is {MAX_LEN}")
        } else {
            format!("the limit is {MAX_LEN}")
        };
        let d = cx.report_swagger(summary.span, format!("the summary of `{}` is {len} characters long; {limit}", op.display_name()));
        d.help("shorten it to a few words naming the action and move details into `description`");
        if raise {
            d.severity = Severity::Error;
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
    fn an_error_from_120_characters_under_certification_only() {
        let at = |n: usize, profile: Profile| {
            let c = swagger(&doc(&"a".repeat(n))).build();
            let found = crate::lint_connector(&c, &crate::engine::RuleSet::new(profile, &[]), false).findings;
            found
                .iter()
                .filter(|f| f.rule == "operation-summary-too-long")
                .map(|f| (f.line, f.column, f.severity, f.message.clone()))
                .collect::<Vec<_>>()
        };
        let guidance = |n: usize| format!("the summary of `List` is {n} characters long; the limit is 80");
        assert_eq!(at(119, Profile::Certification), [(3, 16, Severity::Warning, guidance(119))]);
        assert_eq!(
            at(120, Profile::Certification),
            [(
                3,
                16,
                Severity::Error,
                "the summary of `List` is 120 characters long; Microsoft's validator refuses 120 or more under certification, and the guidance is 80"
                    .to_string()
            )]
        );
        assert_eq!(at(120, Profile::Base), [(3, 16, Severity::Warning, guidance(120))]);
    }

    #[test]
    fn silent_at_80() {
        assert_silent(&OperationSummaryTooLong, swagger(&doc(&"a".repeat(80))));
    }
}
