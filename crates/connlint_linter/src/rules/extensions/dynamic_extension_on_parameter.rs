use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::calls::parameter_objects;
use connlint_core::json::Node;

/// Extensions that describe a schema and so belong in a body schema, never on a parameter.
const SCHEMA_EXTENSIONS: [&str; 2] = ["x-ms-dynamic-schema", "x-ms-dynamic-properties"];
/// Every dynamic extension; on a body parameter they all belong inside its `schema`.
const DYNAMIC_EXTENSIONS: [&str; 5] =
    ["x-ms-dynamic-values", "x-ms-dynamic-list", "x-ms-dynamic-schema", "x-ms-dynamic-properties", "x-ms-dynamic-tree"];

declare_rule! {
    /// ## What it does
    /// Reports a dynamic extension written on a parameter object where the platform does not
    /// read it: `x-ms-dynamic-schema` or `x-ms-dynamic-properties` on any parameter, and any
    /// `x-ms-dynamic-*` extension on a body parameter (it belongs inside the parameter's
    /// `schema`, or on the property it describes). Each parameter object is looked at once, also
    /// when it is shared through `#/parameters`.
    ///
    /// ## Why is this bad?
    /// A dynamic schema describes the shape of a body, so it lives in the body's schema; on the
    /// parameter object itself it is ignored and the designer shows a plain, untyped body.
    /// Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// Dynamic extensions on a body parameter (instead of inside its schema) are refused as
    /// `DynamicExtensionDefinitionNotAllowedInParameter`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "body", "in": "body", "x-ms-dynamic-schema": { "operationId": "GetSchema", "value-path": "schema" },
    ///   "schema": { "type": "object" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "body", "in": "body",
    ///   "schema": { "type": "object", "x-ms-dynamic-schema": { "operationId": "GetSchema", "value-path": "schema" } } }
    /// ```
    pub DynamicExtensionOnParameter {
        id: "dynamic-extension-on-parameter",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["DynamicExtensionDefinitionNotAllowedInParameter"],
        summary: "A dynamic schema extension sits on a parameter object instead of in its schema",
        visits: [Connector],
    }
}

impl Rule for DynamicExtensionOnParameter {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for (param, _) in parameter_objects(swagger) {
            let is_body = param.get("in").and_then(Node::as_str) == Some("body");
            let name = param.get("name").and_then(Node::as_str).unwrap_or("?");
            for m in param.as_object().unwrap_or_default() {
                let key = &*m.key.text;
                if is_body && DYNAMIC_EXTENSIONS.contains(&key) {
                    cx.report_swagger(m.key.span, format!("`{key}` is on the body parameter `{name}` instead of in its schema"))
                        .help("move it into the parameter's `schema` (or onto the property it describes)");
                } else if SCHEMA_EXTENSIONS.contains(&key) {
                    cx.report_swagger(m.key.span, format!("`{key}` is on the parameter `{name}`, which is not a body"))
                        .help("a dynamic schema can only describe a body: put it in a body parameter's `schema` or in a response schema");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_extension_key() {
        let text = r##"{"paths": {"/a": {"post": {"parameters": [
  {"name": "body", "in": "body", "x-ms-dynamic-schema": {"operationId": "S"}, "schema": {"type": "object"}},
  {"name": "q", "in": "query", "type": "string", "x-ms-dynamic-properties": {"operationId": "S"}},
  {"$ref": "#/parameters/b"},
  {"$ref": "#/parameters/b"}
]}}},
"parameters": {"b": {"name": "payload", "in": "body", "schema": {}, "x-ms-dynamic-values": {"operationId": "V"}}}}"##;
        assert_eq!(
            messages(&DynamicExtensionOnParameter, swagger(text)),
            [
                "2:34 `x-ms-dynamic-schema` is on the body parameter `body` instead of in its schema",
                "3:50 `x-ms-dynamic-properties` is on the parameter `q`, which is not a body",
                "7:69 `x-ms-dynamic-values` is on the body parameter `payload` instead of in its schema",
            ]
        );
    }

    #[test]
    fn silent_on_schemas_and_values_on_plain_parameters() {
        let text = r##"{"paths": {"/a": {"post": {"parameters": [
  {"name": "body", "in": "body", "schema": {"type": "object", "x-ms-dynamic-schema": {"operationId": "S"},
    "properties": {"p": {"type": "string", "x-ms-dynamic-values": {"operationId": "V"}}}}},
  {"name": "q", "in": "query", "type": "string", "x-ms-dynamic-values": {"operationId": "V"}, "x-ms-dynamic-list": {"operationId": "V"}}
]}}}}"##;
        assert_silent(&DynamicExtensionOnParameter, swagger(text));
    }
}
