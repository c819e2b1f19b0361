use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::sources::EntryValue;
use connlint_core::json::JsonType;

declare_rule! {
    /// ## What it does
    /// Reports a literal value in a dynamic call's `parameters` (a bare value or
    /// `{"value": ...}`) whose JSON type does not fit the `type` of the called operation's
    /// parameter or body property it fills: a string for an `integer`, a number for a
    /// `string`, and so on. `null`, and targets without a `type`, are not checked.
    ///
    /// ## Why is this bad?
    /// The literal is sent as it is written. A value of the wrong type makes the request fail
    /// or be read differently from what was meant, and Microsoft's Swagger Validator reports
    /// it.
    ///
    /// ## Severity
    /// A literal passed to a dynamic call whose type differs from the target parameter's is refused
    /// as `OperationParameterStaticTypeMismatch`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// With `GetTables` taking `top` as an integer:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "top": "10" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "top": 10 } } }
    /// ```
    pub DynamicLiteralTypeMismatch {
        id: "dynamic-literal-type-mismatch",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParameterStaticTypeMismatch"],
        summary: "A dynamic call passes a literal of the wrong type",
        visits: [Connector],
    }
}

impl Rule for DynamicLiteralTypeMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for entry in cx.semantic().entries() {
            let EntryValue::Literal(value) = entry.value else { continue };
            let Some(ty) = entry.target.as_ref().and_then(|t| t.ty) else { continue };
            if value.json_type() == JsonType::Null || value.is_instance_of(ty) != Some(false) {
                continue;
            }
            let target = entry.target.as_ref().map(|t| t.what.as_str()).unwrap_or_default();
            let target_name = entry.call.target(swagger).map(|op| op.display_name()).unwrap_or_default();
            let message =
                format!("{} passes {} to the {ty} {target} of `{target_name}`", entry.call.kind.label(), value.json_type().name());
            cx.report_swagger(value.span, message).help(format!("write the value as a JSON {ty}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str = r##""/tables": {"post": {"operationId": "GetTables", "parameters": [
    {"name": "top", "in": "query", "type": "integer"},
    {"name": "name", "in": "query", "type": "string"},
    {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"flag": {"type": "boolean"}}}}]}}"##;

    #[test]
    fn fires_on_literals_of_the_wrong_type() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"top": "10", "name": 5}}}},
    "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"top": {{"value": 1.5}}, "body/flag": {{"value": "true"}}}}}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicLiteralTypeMismatch, swagger(&text)),
            [
                "6:79 `x-ms-dynamic-values` passes a string to the integer parameter `top` of `GetTables`",
                "6:93 `x-ms-dynamic-values` passes a number to the string parameter `name` of `GetTables`",
                "7:87 `x-ms-dynamic-list` passes a number to the integer parameter `top` of `GetTables`",
                "7:116 `x-ms-dynamic-list` passes a string to the boolean body property `flag` of `GetTables`",
            ]
        );
    }

    #[test]
    fn silent_on_fitting_literals_references_and_untyped_targets() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"top": 10, "name": "a", "flag": true}}}},
    "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"top": {{"value": null}}, "name": {{"parameter": "t"}}, "other": 1}}}}}}]}}}}
}}}}"##
        );
        assert_silent(&DynamicLiteralTypeMismatch, swagger(&text));
    }
}
