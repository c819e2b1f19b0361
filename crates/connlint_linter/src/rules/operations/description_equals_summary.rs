use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose `description` is the same text as its `summary` (ignoring
    /// case, surrounding whitespace and a final period).
    ///
    /// ## Why is this bad?
    /// The summary is the action's name and the description its help text; repeating the name
    /// tells users nothing more. Microsoft's string guidance asks for a description that
    /// explains what the operation does.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "List tasks", "description": "List tasks" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "summary": "List tasks", "description": "Lists the open tasks of a project, newest first." }
    /// ```
    pub DescriptionEqualsSummary {
        id: "description-equals-summary",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An operation's description repeats its summary",
        visits: [Operation],
    }
}

/// The text without surrounding whitespace and final full stops.
fn trimmed(text: &str) -> &str {
    text.trim().trim_end_matches('.').trim()
}

/// Whether two texts are the same but for case. Most are ASCII, and are compared as they are
/// (lengths first) rather than lowercased into copies.
fn same_but_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

impl Rule for DescriptionEqualsSummary {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let (Some(summary), Some(description)) = (op.summary, op.description) else { return };
        let summary = trimmed(summary.value);
        if summary.is_empty() || !same_but_case(summary, trimmed(description.value)) {
            return;
        }
        cx.report_swagger(description.span, format!("the description of operation `{}` repeats its summary", op.display_name()))
            .help("explain in a full sentence what the operation does, its inputs or its result");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_repeated_text() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"List\", \"summary\": \"List tasks\",\n  \"description\": \"list tasks.\"}}}}";
        assert_eq!(messages(&DescriptionEqualsSummary, swagger(text)), ["2:18 the description of operation `List` repeats its summary"]);
    }

    #[test]
    fn compares_non_ascii_texts_by_their_lowercase() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"A\", \"summary\": \"Crée une tâche\", \"description\": \"crÉe une TÂCHE.\"},\n  \"put\": {\"operationId\": \"B\", \"summary\": \"Crée\", \"description\": \"Creé\"}}}}";
        assert_eq!(messages(&DescriptionEqualsSummary, swagger(text)), ["1:91 the description of operation `A` repeats its summary"]);
    }

    #[test]
    fn silent_on_different_or_empty_texts() {
        let text = r#"{"paths": {"/a": {"get": {"summary": "List tasks", "description": "Lists the tasks of a project."},
            "post": {"summary": "", "description": ""}, "put": {"summary": "Update"}}}}"#;
        assert_silent(&DescriptionEqualsSummary, swagger(text));
    }
}
