use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose success response with a body moved to another status code
    /// (for example from `200` to `201`).
    ///
    /// ## Why is this bad?
    /// The designer takes the outputs of an action from one success response. Flows built on
    /// the old code may find no outputs, and callers that check the status code take another
    /// branch.
    ///
    /// ## Example
    /// Old: `"responses": {"200": {"description": "Created", "schema": {}}}`; new: `"responses": {"201": {"description": "Created", "schema": {}}}`.
    ///
    /// Use instead: keep the old status code documented with its schema.
    pub SuccessCodeChanged {
        id: "success-code-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The success response with a body moved to another status code",
        visits: [Change],
    }
}

impl ChangeRule for SuccessCodeChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            let (Some(old), Some(new)) = (op.old_response, op.new_response) else { continue };
            if old.schema.is_none() || new.schema.is_none() || old.code() == new.code() {
                continue;
            }
            let message = format!(
                "the success response of operation `{}` moved from {} to {}; flows built on the old response may lose its outputs",
                op.key,
                old.code(),
                new.code()
            );
            cx.report(change.new_at(new.code.span), Some(change.old_at(old.code.span)), message)
                .help("keep documenting the old status code with its schema");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_code() {
        let old = doc("{\"operationId\": \"Add\", \"responses\": {\n\"200\": {\"description\": \"OK\", \"schema\": {}}}}");
        let new = doc("{\"operationId\": \"Add\", \"responses\": {\n\"201\": {\"description\": \"OK\", \"schema\": {}}}}");
        assert_eq!(
            changes(&SuccessCodeChanged, &old, &new),
            ["new 4:1 /paths/~1items/post/responses/201 the success response of operation `Add` moved from 200 to 201; flows built on the old response may lose its outputs [related old 4:1 /paths/~1items/post/responses/200]"]
        );
    }

    #[test]
    fn silent_when_another_code_is_added_or_there_is_no_body() {
        let old = doc("{\"operationId\": \"Add\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {}}}}");
        let new = doc("{\"operationId\": \"Add\", \"responses\": {\"202\": {\"description\": \"Accepted\"}, \"200\": {\"description\": \"OK\", \"schema\": {}}}}");
        assert_no_change(&SuccessCodeChanged, &old, &new);
        let no_body = doc("{\"operationId\": \"Add\", \"responses\": {\"204\": {\"description\": \"Done\"}}}");
        let other = doc("{\"operationId\": \"Add\", \"responses\": {\"202\": {\"description\": \"Done\"}}}");
        assert_no_change(&SuccessCodeChanged, &no_body, &other);
    }
}
