use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports an `operationId` inside an extension that calls another operation when no
    /// operation of the swagger has that operationId, and suggests the closest one. The calls
    /// are `x-ms-dynamic-values`, `x-ms-dynamic-list`, `x-ms-dynamic-schema`,
    /// `x-ms-dynamic-properties`, the `open` and `browse` calls of `x-ms-dynamic-tree` and of the
    /// `file-picker` capability, `x-ms-capabilities.testConnection`, `x-ms-notification` and
    /// `x-ms-operation-context.simulate`.
    ///
    /// `x-ms-dynamic-values` that uses `builtInOperation` or `capability` instead of an
    /// operationId is not looked at.
    ///
    /// ## Why is this bad?
    /// The designer calls the named operation to fill a dropdown, build a schema, browse a
    /// folder tree or test a connection. When it does not exist the call fails at design time
    /// (an empty dropdown, a missing field), and Microsoft's Swagger Validator rejects the
    /// connector.
    ///
    /// ## Severity
    /// An operationId named by an extension that no operation has is refused as
    /// `OperationIdNotFound`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "paths": {
    ///     "/lists": { "get": { "operationId": "GetLists", "responses": { "200": { "description": "OK" } } } },
    ///     "/items": { "get": { "operationId": "GetItems", "parameters": [
    ///       { "name": "list", "in": "query", "type": "string",
    ///         "x-ms-dynamic-values": { "operationId": "GetList", "value-path": "id" } }
    ///     ], "responses": { "200": { "description": "OK" } } } }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetLists", "value-path": "id" } }
    /// ```
    pub OperationReferenceUnknown {
        id: "operation-reference-unknown",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationIdNotFound"],
        summary: "An extension calls an operationId that the swagger does not have",
        visits: [Connector],
    }
}

impl Rule for OperationReferenceUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let ids: Vec<&str> = swagger.operations.iter().filter_map(|op| op.operation_id.map(|id| id.value)).collect();
        for call in cx.semantic().calls() {
            let Some(id) = call.operation_id else { continue };
            if ids.contains(&id.value) {
                continue;
            }
            let message = format!("{} calls the operationId `{}`, which no operation in the swagger has", call.kind.label(), id.value);
            let diagnostic = cx.report_swagger(id.span, message);
            match closest(id.value, ids.iter().copied()) {
                Some(known) => diagnostic.help(format!("did you mean `{known}`? operationIds are case-sensitive")),
                None => diagnostic.help("name the operationId of an operation defined in this swagger"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_every_kind_of_call() {
        let text = r##"{"swagger": "2.0",
"x-ms-capabilities": {"testConnection": {"operationId": "Ping"},
  "file-picker": {"open": {"operationId": "ListRoot"}, "browse": {"operationId": "listfolder"}}},
"paths": {"/a": {
  "get": {"operationId": "ListFolder", "x-ms-notification": {"operationId": "Hook"},
    "x-ms-operation-context": {"simulate": {"operationId": "Simulate"}},
    "parameters": [{"name": "q", "in": "query", "type": "string",
      "x-ms-dynamic-values": {"operationId": "GetValues"},
      "x-ms-dynamic-list": {"operationId": "GetList"},
      "x-ms-dynamic-tree": {"open": {"operationId": "Open"}, "browse": {"operationId": "ListFolder"}}},
      {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"p": {"type": "string",
        "x-ms-dynamic-schema": {"operationId": "GetSchema"}}}}}]}
}},
"definitions": {"D": {"type": "object", "x-ms-dynamic-properties": {"operationId": "GetProps"}}}}"##;
        assert_eq!(
            messages(&OperationReferenceUnknown, swagger(text)),
            [
                "2:57 `x-ms-capabilities` `testConnection` calls the operationId `Ping`, which no operation in the swagger has",
                "3:43 `x-ms-capabilities` `file-picker` `open` calls the operationId `ListRoot`, which no operation in the swagger has",
                "3:82 `x-ms-capabilities` `file-picker` `browse` calls the operationId `listfolder`, which no operation in the swagger has",
                "5:77 `x-ms-notification` calls the operationId `Hook`, which no operation in the swagger has",
                "6:60 `x-ms-operation-context` `simulate` calls the operationId `Simulate`, which no operation in the swagger has",
                "8:46 `x-ms-dynamic-values` calls the operationId `GetValues`, which no operation in the swagger has",
                "9:44 `x-ms-dynamic-list` calls the operationId `GetList`, which no operation in the swagger has",
                "10:53 `x-ms-dynamic-tree` `open` calls the operationId `Open`, which no operation in the swagger has",
                "12:48 `x-ms-dynamic-schema` calls the operationId `GetSchema`, which no operation in the swagger has",
                "14:84 `x-ms-dynamic-properties` calls the operationId `GetProps`, which no operation in the swagger has",
            ]
        );
    }

    #[test]
    fn suggests_the_closest_operation_id() {
        let text = r##"{"paths": {"/a": {"get": {"operationId": "ListFolder"},
  "post": {"x-ms-notification": {"operationId": "listFolder"}}}}}"##;
        let findings = run(&OperationReferenceUnknown, swagger(text));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].help.as_deref(), Some("did you mean `ListFolder`? operationIds are case-sensitive"));
    }

    #[test]
    fn silent_on_known_operations_builtins_and_capabilities() {
        let text = r##"{"x-ms-capabilities": {"testConnection": {"operationId": "Ping"}},
"paths": {"/a": {"get": {"operationId": "Ping", "parameters": [
  {"name": "u", "in": "query", "type": "string", "x-ms-dynamic-values": {"builtInOperation": "AadGraph.GetUsers"}},
  {"name": "f", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "file-picker"}},
  {"name": "g", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "Ping"}, "example": {"operationId": "Nope"}}
]}}}}"##;
        assert_silent(&OperationReferenceUnknown, swagger(text));
    }
}
