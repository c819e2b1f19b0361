use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a success (2xx) response of an action that has no `schema`, or whose schema is
    /// empty: `{}`, or `"type": "object"` with no `properties`, `additionalProperties`,
    /// `$ref`, composition or `x-ms-dynamic-schema`/`x-ms-dynamic-properties`. Responses
    /// `202` and `204` (no content by nature), triggers, operations with
    /// `"x-ms-visibility": "internal"` and operations that have a `default` response with a
    /// schema are skipped.
    ///
    /// ## Why is this bad?
    /// Without a response schema, the designer offers no dynamic content from the action: users
    /// cannot pick the fields of the result in later steps. Certification asks for the exact
    /// response schema of every action.
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "GetTask", "responses": { "200": { "description": "OK" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "get": { "operationId": "GetTask", "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } } } } }
    /// ```
    pub ResponseSchemaMissing {
        id: "response-schema-missing",
        category: Certification,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "A success response of an action has no schema, or an empty one",
        visits: [Operation],
    }
}

/// Keys that give a schema content.
const CONTENT_KEYS: [&str; 9] =
    ["$ref", "properties", "additionalProperties", "items", "allOf", "anyOf", "oneOf", "x-ms-dynamic-schema", "x-ms-dynamic-properties"];

fn is_empty_schema(schema: &Node) -> bool {
    if CONTENT_KEYS.iter().any(|k| schema.get(k).is_some()) {
        return false;
    }
    match schema.get("type").and_then(Node::as_str) {
        None => true,
        Some(ty) => ty == "object",
    }
}

impl Rule for ResponseSchemaMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        if op.is_trigger() || op.visibility.and_then(|v| v.as_str()) == Some("internal") {
            return;
        }
        if op.responses.iter().any(|r| r.code() == "default" && r.schema.is_some()) {
            return;
        }
        for response in op.responses.iter().filter(|r| r.is_success() && !matches!(r.code(), "202" | "204")) {
            // An unresolved `$ref` is reported by unresolved-ref.
            if response.node.is_none() {
                continue;
            }
            match response.schema {
                None => {
                    cx.report_swagger(
                        response.code.span,
                        format!("response `{}` of operation `{}` has no schema", response.code(), op.display_name()),
                    )
                    .help("describe the response body with a `schema` so its fields appear as dynamic content");
                }
                Some(schema) if is_empty_schema(schema) => {
                    cx.report_swagger(
                        schema.span,
                        format!("response `{}` of operation `{}` has an empty schema", response.code(), op.display_name()),
                    )
                    .help("list the body's `properties`, or use `x-ms-dynamic-schema` when they depend on the input");
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_missing_and_empty_schemas() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"A\", \"responses\": {\n  \"200\": {\"description\": \"OK\"},\n  \"201\": {\"description\": \"OK\", \"schema\": {\"type\": \"object\"}},\n  \"202\": {\"description\": \"Accepted\"}\n}}}}}";
        assert_eq!(
            messages(&ResponseSchemaMissing, swagger(text)),
            ["2:3 response `200` of operation `A` has no schema", "3:42 response `201` of operation `A` has an empty schema"]
        );
    }

    #[test]
    fn silent_on_real_schemas_triggers_and_internal_operations() {
        let text = r##"{"paths": {"/a": {
            "get": {"responses": {"200": {"description": "OK", "schema": {"type": "string", "format": "binary"}},
                                  "206": {"description": "OK", "schema": {"$ref": "#/definitions/X"}},
                                  "207": {"description": "OK", "schema": {"type": "object", "x-ms-dynamic-schema": {}}},
                                  "404": {"description": "Missing"}}},
            "post": {"x-ms-trigger": "single", "responses": {"200": {"description": "OK"}}},
            "put": {"x-ms-visibility": "internal", "responses": {"200": {"description": "OK"}}},
            "patch": {"responses": {"200": {"description": "OK"}, "default": {"description": "x", "schema": {"type": "object", "properties": {}}}}},
            "delete": {"responses": {"204": {"description": "Deleted"}, "200": {"$ref": "#/responses/missing"}}}}}}"##;
        assert_silent(&ResponseSchemaMissing, swagger(text));
    }
}
