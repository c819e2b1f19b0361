use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `x-connlint-ignore` suppression that has no effect: it names a rule that
    /// reported nothing in the object holding it, it is `"all"` in an object without findings,
    /// it names something that is not a connlint rule (with the closest rule id), or its value
    /// is not a rule id, an array of rule ids or `"all"`.
    ///
    /// `x-connlint-ignore` may be put on any object of the swagger or of apiProperties.json; it
    /// silences the named rules for that object, its key and everything inside it. A suppression
    /// for a rule that is turned off (by the profile, the configuration or `--ignore`) is not
    /// reported, since connlint cannot tell whether it is still needed.
    ///
    /// ## Why is this bad?
    /// A suppression that silences nothing is noise, and a misspelled rule id silences nothing
    /// while looking as if it did; once the problem is fixed, a stale suppression would hide the
    /// next one.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "ListItems", "summary": "List items", "x-connlint-ignore": ["operation-id-missing"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "ListItems", "summary": "List items" }
    /// ```
    pub UnusedSuppression {
        id: "unused-suppression",
        category: Syntax,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An x-connlint-ignore suppression has no effect",
        visits: [Connector],
    }
}

/// The findings come from [`crate::suppression`], which runs after all rules.
impl Rule for UnusedSuppression {
    fn check_connector(&self, _cx: &mut Context<'_, '_>) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_all_without_findings_and_on_unknown_rules() {
        let text = "{\"info\": {\n  \"x-connlint-ignore\": \"all\"},\n  \"paths\": {\"x-connlint-ignore\": [\"duplicate-kee\"]}}";
        assert_eq!(
            messages(&UnusedSuppression, swagger(text)),
            [
                "2:3 `x-connlint-ignore: all` suppresses nothing here",
                "3:35 `x-connlint-ignore` names `duplicate-kee`, which is not a connlint rule"
            ]
        );
    }

    #[test]
    fn silent_without_suppressions_and_for_rules_that_do_not_run() {
        assert_silent(&UnusedSuppression, swagger("{\"info\": {\"title\": \"x-connlint-ignore\"}}"));
        // Only this rule runs here, so a suppression of another rule cannot be judged.
        assert_silent(&UnusedSuppression, swagger("{\"info\": {\"x-connlint-ignore\": \"duplicate-key\"}}"));
        // An object under this name is a schema property, not a suppression.
        assert_silent(&UnusedSuppression, swagger("{\"properties\": {\"x-connlint-ignore\": {\"type\": \"string\"}}}"));
    }
}
