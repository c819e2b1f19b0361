use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a `default` response that has a `schema`.
    ///
    /// ## Why is this bad?
    /// The designer builds an action's outputs from the schema of the expected (2xx) response.
    /// A schema on `default`, which stands for every other status, usually describes errors and
    /// competes with the real output schema. Microsoft's Swagger Validator flags it.
    ///
    /// ## Severity
    /// A warning under `base` and an error under `certification`: with certification rules on,
    /// Microsoft's validator reports a schema on the `default` response as an error
    /// (`DefaultResponseHasSchema`), seen in the pipeline's output on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3975.
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "default": { "description": "Result", "schema": { "$ref": "#/definitions/Item" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "responses": { "200": { "description": "Result", "schema": { "$ref": "#/definitions/Item" } }, "default": { "description": "Error" } } }
    /// ```
    pub DefaultResponseSchema {
        id: "default-response-schema",
        category: Responses,
        severity: Warning,
        certification_severity: Error,
        profile: Base,
        ms_names: ["DefaultResponseHasSchema"],
        summary: "The `default` response has a schema",
        visits: [Operation],
    }
}

impl Rule for DefaultResponseSchema {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        for response in op.responses.iter().filter(|r| r.code() == "default") {
            let Some(node) = response.node else { continue };
            let Some(schema) = node.member("schema") else { continue };
            // A shared `#/responses/...` entry is reported at each use, on the `default` key, so
            // the same place is not reported once per operation.
            let (span, via) = match &response.reference {
                Some(r) => (response.code.span, format!(" (through `{}`)", r.target.value)),
                None => (schema.key.span, String::new()),
            };
            let help = if op.responses.iter().any(|r| r.is_success() && r.schema.is_some()) {
                "remove the schema from `default`; the success response already describes the output"
            } else {
                "move the schema to the success response (such as `200`) and keep only a description on `default`"
            };
            cx.report_swagger(
                span,
                format!(
                    "the `default` response of operation `{}` has a schema{via}; expected schemas only on specific status codes",
                    op.display_name()
                ),
            )
            .help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_schema_key() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"Get\", \"responses\": {\n  \"200\": {\"description\": \"OK\", \"schema\": {}},\n  \"default\": {\n    \"description\": \"err\",\n    \"schema\": {\"type\": \"object\"}\n  }\n}}}}}";
        let found = run(&DefaultResponseSchema, swagger(text));
        assert_eq!(
            messages(&DefaultResponseSchema, swagger(text)),
            ["5:5 the `default` response of operation `Get` has a schema; expected schemas only on specific status codes"]
        );
        assert_eq!(found[0].help.as_deref(), Some("remove the schema from `default`; the success response already describes the output"));
    }

    #[test]
    fn fires_on_the_default_key_through_a_reference() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"responses\": {\n  \"default\": {\"$ref\": \"#/responses/Err\"}}}}},\n\"responses\": {\"Err\": {\"description\": \"e\", \"schema\": {}}}}";
        assert_eq!(
            messages(&DefaultResponseSchema, swagger(text)),
            ["2:3 the `default` response of operation `GET /a` has a schema (through `#/responses/Err`); expected schemas only on specific status codes"]
        );
    }

    #[test]
    fn silent_without_a_default_schema() {
        let text = r##"{"paths": {"/a": {"get": {"responses": {
            "200": {"description": "OK", "schema": {"type": "object"}},
            "Default": {"description": "not the default key", "schema": {}},
            "default": {"description": "error", "x-schema": {}}
        }}, "post": {"responses": {"default": {"$ref": "#/responses/Plain"}}}}}, "responses": {"Plain": {"description": "e"}}}"##;
        assert_silent(&DefaultResponseSchema, swagger(text));
    }
}
