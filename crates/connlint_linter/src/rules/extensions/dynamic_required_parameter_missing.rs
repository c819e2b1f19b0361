use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::sources;

declare_rule! {
    /// ## What it does
    /// Reports a call to another operation (`x-ms-dynamic-values`, `-list`, `-schema`,
    /// `-properties`, `-tree`, and the `testConnection` and `file-picker` capabilities) whose
    /// `parameters` leave out a parameter that the called operation requires and that has no
    /// `default`.
    ///
    /// A required body parameter counts as given when any key names it, a path below it
    /// (`body/folder`) or one of its top-level properties.
    ///
    /// ## Why is this bad?
    /// The designer sends only what the call lists (plus defaults). Without a required value
    /// the backend rejects the request, so the dropdown, schema or folder tree stays empty, and
    /// Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// A dynamic call that leaves out a parameter the target requires is refused as
    /// `OperationMissingRequiredProperty`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the call would fail every time the designer makes it.
    ///
    /// ## Example
    /// With `GetTables` requiring the path parameter `dataset`:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": {}, "value-path": "id" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "dataset": { "parameter": "dataset" } }, "value-path": "id" } }
    /// ```
    pub DynamicRequiredParameterMissing {
        id: "dynamic-required-parameter-missing",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationMissingRequiredProperty"],
        summary: "A dynamic call leaves out a parameter the called operation requires",
        visits: [Connector],
    }
}

impl Rule for DynamicRequiredParameterMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for call in cx.semantic().calls() {
            if !call.kind.passes_parameters() {
                continue;
            }
            let (Some(target), Some(id)) = (call.target(swagger), call.operation_id) else { continue };
            let (_, body_props) = sources::accepted_names(swagger, target);
            let keys: Vec<&str> = call.parameter_members().iter().map(|m| &*m.key.text).collect();
            let mut missing = Vec::new();
            for p in target.effective_parameters(swagger) {
                let Some(name) = p.name else { continue };
                if !p.is_required() || p.default.is_some() {
                    continue;
                }
                let given = keys.iter().any(|k| {
                    *k == name.value
                        || k.strip_prefix(name.value).is_some_and(|rest| rest.starts_with('/'))
                        || (p.is_in("body") && body_props.contains(k))
                });
                if !given {
                    missing.push(name.value);
                }
            }
            if missing.is_empty() {
                continue;
            }
            let plural = if missing.len() == 1 { "parameter" } else { "parameters" };
            let message = format!(
                "{} calls `{}` without its required {plural} {}",
                call.kind.label(),
                target.display_name(),
                super::all_of(&missing)
            );
            cx.report_swagger(id.span, message)
                .help("add each required parameter to the call's `parameters`, with a literal value or a reference to a parameter of this operation");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str = r##""/tables/{dataset}": {
    "parameters": [{"name": "dataset", "in": "path", "required": true, "type": "string"}],
    "post": {"operationId": "GetTables", "parameters": [
      {"name": "api-version", "in": "query", "required": true, "type": "string", "default": "1.0"},
      {"name": "top", "in": "query", "required": true, "type": "integer"},
      {"name": "skip", "in": "query", "type": "integer"},
      {"name": "body", "in": "body", "required": true, "schema": {"type": "object", "properties": {"kind": {"type": "string"}}}}]}
  }"##;

    #[test]
    fn fires_on_the_operation_id_of_an_incomplete_call() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"top": 1, "body/kind": "a"}}}},
    "x-ms-dynamic-list": {{"operationId": "GetTables"}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicRequiredParameterMissing, swagger(&text)),
            [
                "10:44 `x-ms-dynamic-values` calls `GetTables` without its required parameter `dataset`",
                "11:42 `x-ms-dynamic-list` calls `GetTables` without its required parameters `top`, `body` and `dataset`",
            ]
        );
    }

    #[test]
    fn silent_when_every_required_parameter_is_given() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"top": 1, "kind": "a", "dataset": {{"parameter": "t"}}}}}},
    "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"top": {{"value": 1}}, "body": {{"value": {{}}}}, "dataset/x": {{"value": 1}}}}}},
    "x-ms-dynamic-schema": {{"operationId": "Unknown"}}}}]}}}}
}}}}"##
        );
        assert_silent(&DynamicRequiredParameterMissing, swagger(&text));
    }
}
