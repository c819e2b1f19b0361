use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation with more than one success (2xx) response that has a `schema`, at
    /// the second and every later one. Error responses with schemas are not counted.
    ///
    /// ## Why is this bad?
    /// The designer builds the action's outputs from a single response schema, the first
    /// success response's. The fields of the other schemas never appear as dynamic content,
    /// which surprises users when the service answers with that status.
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } },
    ///                  "201": { "description": "Created", "schema": { "$ref": "#/definitions/NewTask" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } },
    ///                  "201": { "description": "Created" } } }
    /// ```
    pub ResponseSchemaMultiple {
        id: "response-schema-multiple",
        category: Responses,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationHasManyResponsesWithSchema"],
        summary: "Several success responses of an operation have a schema",
        visits: [Operation],
    }
}

impl Rule for ResponseSchemaMultiple {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let mut with_schema = op.responses.iter().filter(|r| r.is_success() && r.schema.is_some());
        let Some(first) = with_schema.next() else { return };
        for other in with_schema {
            cx.report_swagger(
                other.code.span,
                format!(
                    "response `{}` of operation `{}` has a schema, but `{}` already has one; only one is used",
                    other.code(),
                    op.display_name(),
                    first.code()
                ),
            )
            .help("describe the output on one success response, or merge the schemas into one");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_later_success_responses() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"A\", \"responses\": {\n  \"200\": {\"description\": \"OK\", \"schema\": {}},\n  \"201\": {\"description\": \"OK\", \"schema\": {}},\n  \"206\": {\"description\": \"OK\", \"schema\": {}}\n}}}}}";
        assert_eq!(
            messages(&ResponseSchemaMultiple, swagger(text)),
            [
                "3:3 response `201` of operation `A` has a schema, but `200` already has one; only one is used",
                "4:3 response `206` of operation `A` has a schema, but `200` already has one; only one is used",
            ]
        );
    }

    #[test]
    fn silent_with_one_success_schema_and_error_schemas() {
        let text = r#"{"paths": {"/a": {"get": {"responses": {"200": {"description": "OK", "schema": {}}, "201": {"description": "OK"},
            "400": {"description": "Bad", "schema": {}}, "default": {"description": "Error", "schema": {}}}}}}}"#;
        assert_silent(&ResponseSchemaMultiple, swagger(text));
    }
}
