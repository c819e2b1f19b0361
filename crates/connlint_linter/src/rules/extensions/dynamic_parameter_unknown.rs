use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::sources;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a key of the `parameters` object of a call to another operation
    /// (`x-ms-dynamic-values`, `-list`, `-schema`, `-properties`, `-tree`, and the
    /// `testConnection` and `file-picker` capabilities) that is not a parameter of the called
    /// operation, and suggests the closest parameter name.
    ///
    /// A key is accepted when it is the `name` of one of the called operation's parameters
    /// (including those of its path item and `$ref`'d ones), a property path starting with such
    /// a name (`body/folder`), or a top-level property of its body schema. Calls to operations
    /// that do not exist are left to `operation-reference-unknown`.
    ///
    /// ## Why is this bad?
    /// The designer sends each entry as the parameter of that name. A name the operation does
    /// not have is dropped, so the call goes out without the value (often failing or listing the
    /// wrong items), and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// A dynamic call that passes a parameter the target operation does not have is refused as
    /// `OperationParameterNameNotFound`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// seen on the Facebook connector in
    /// https://github.com/microsoft/PowerPlatformConnectors/issues/254.
    ///
    /// ## Example
    /// With `GetTables` taking a query parameter `dataset`:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "dataSet": { "parameter": "dataset" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "dataset": { "parameter": "dataset" } } } }
    /// ```
    pub DynamicParameterUnknown {
        id: "dynamic-parameter-unknown",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParameterNameNotFound"],
        summary: "A dynamic call passes a parameter the called operation does not have",
        visits: [Connector],
    }
}

impl Rule for DynamicParameterUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for call in cx.semantic().calls() {
            if !call.kind.passes_parameters() {
                continue;
            }
            let Some(target) = call.target(swagger) else { continue };
            let (params, body_props) = sources::accepted_names(swagger, target);
            for m in call.parameter_members() {
                let key = &*m.key.text;
                let first = key.split('/').next().unwrap_or(key);
                if params.contains(&first) || body_props.contains(&key) {
                    continue;
                }
                let message = format!("{} passes `{key}`, which is not a parameter of `{}`", call.kind.label(), target.display_name());
                let diagnostic = cx.report_swagger(m.key.span, message);
                match closest(key, params.iter().copied()) {
                    Some(name) => diagnostic.help(format!("did you mean `{name}`? parameter names are case-sensitive")),
                    None if params.is_empty() => {
                        diagnostic.help(format!("`{}` takes no parameters; remove the entry", target.display_name()))
                    }
                    None => diagnostic.help(format!("its parameters are {}", super::one_of(&params))),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str = r##""/tables/{dataset}": {
    "parameters": [{"name": "dataset", "in": "path", "required": true, "type": "string"}],
    "get": {"operationId": "GetTables", "parameters": [{"$ref": "#/parameters/top"},
      {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Filter"}}]}
  }"##;
    const TAIL: &str = r##""parameters": {"top": {"name": "$top", "in": "query", "type": "integer"}},
"definitions": {"Filter": {"type": "object", "properties": {"kind": {"type": "string"}}}}}"##;

    #[test]
    fn fires_on_unknown_keys() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{
      "dataSet": {{"parameter": "d"}},
      "top": 5,
      "colour": "red"
    }}}}}}]}}}}
}},
{TAIL}"##
        );
        let findings = run(&DynamicParameterUnknown, swagger(&text));
        let got: Vec<_> =
            findings.iter().map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "8:7 `x-ms-dynamic-values` passes `dataSet`, which is not a parameter of `GetTables` | did you mean `dataset`? parameter names are case-sensitive",
                "9:7 `x-ms-dynamic-values` passes `top`, which is not a parameter of `GetTables` | did you mean `$top`? parameter names are case-sensitive",
                "10:7 `x-ms-dynamic-values` passes `colour`, which is not a parameter of `GetTables` | its parameters are `$top`, `body` or `dataset`",
            ]
        );
    }

    #[test]
    fn says_when_the_target_takes_nothing() {
        let text = r##"{"x-ms-capabilities": {"testConnection": {"operationId": "Ping", "parameters": {
  "x": 1}}},
"paths": {"/ping": {"get": {"operationId": "Ping"}}}}"##;
        let findings = run(&DynamicParameterUnknown, swagger(text));
        let got: Vec<_> = findings.iter().map(|f| format!("{}:{} {}", f.line, f.column, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(got, ["2:3 `Ping` takes no parameters; remove the entry"]);
    }

    #[test]
    fn silent_on_parameter_names_paths_and_body_properties() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"dataset": "a", "$top": 1}}}},
    "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"body/kind": {{"value": "a"}}}}}},
    "x-ms-dynamic-schema": {{"operationId": "GetTables", "parameters": {{"kind": {{"value": "a"}}}}}},
    "x-ms-notification": {{"operationId": "GetTables", "parameters": {{"nope": 1}}}},
    "x-ms-dynamic-properties": {{"operationId": "Missing", "parameters": {{"nope": 1}}}}}}]}}}}
}},
{TAIL}"##
        );
        assert_silent(&DynamicParameterUnknown, swagger(&text));
    }
}
