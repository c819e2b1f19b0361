use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation without a `description`, or with an empty one. Operations with
    /// `"x-ms-visibility": "internal"` are skipped: users never see them.
    ///
    /// ## Why is this bad?
    /// The description is the help text of the action or trigger in the designer. The
    /// certification review asks every visible operation to explain in a sentence what it does.
    ///
    /// ## Severity
    /// Under certification the validator reports a missing `description` as
    /// `RequiredPropertyMissing`, an error in the output of Microsoft's PR pipeline on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3407 and
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/550.
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "ListTasks", "summary": "List tasks", "responses": { "200": { "description": "OK" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "get": { "operationId": "ListTasks", "summary": "List tasks", "description": "Lists the tasks of a project.",
    ///            "responses": { "200": { "description": "OK" } } } }
    /// ```
    pub OperationDescriptionMissing {
        id: "operation-description-missing",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["RequiredPropertyMissing"],
        summary: "An operation has no description",
        visits: [Operation],
    }
}

impl Rule for OperationDescriptionMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        if op.visibility.and_then(|v| v.as_str()) == Some("internal") {
            return;
        }
        match op.node.get("description") {
            None => {
                cx.report_swagger(op.span(), format!("operation `{}` has no description", op.display_name()))
                    .help("add a `description`: a full sentence saying what the operation does");
            }
            Some(description) if is_blank(description) => {
                cx.report_swagger(description.span, format!("operation `{}` has an empty description", op.display_name()))
                    .help("write a full sentence saying what the operation does");
            }
            // A wrong type is reported by json-type-incorrect.
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_method_key_or_the_empty_value() {
        let text =
            "{\"paths\": {\n  \"/items\": {\n    \"get\": {\"operationId\": \"List\"},\n    \"post\": {\"description\": \"\"}\n  }\n}}";
        assert_eq!(
            messages(&OperationDescriptionMissing, swagger(text)),
            ["3:5 operation `List` has no description", "4:29 operation `POST /items` has an empty description"]
        );
    }

    #[test]
    fn silent_with_a_description_or_when_internal() {
        let text = r#"{"paths": {"/items": {"get": {"description": "Lists items."}, "post": {"x-ms-visibility": "internal"}, "put": {"description": 5}}}}"#;
        assert_silent(&OperationDescriptionMissing, swagger(text));
    }
}
