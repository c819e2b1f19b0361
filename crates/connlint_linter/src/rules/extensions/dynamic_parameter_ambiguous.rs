use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a key of a dynamic call's `parameters` (`x-ms-dynamic-values`, `-list`,
    /// `-schema`, `-properties`, `-tree`, and the `testConnection` and `file-picker`
    /// capabilities) that names both a parameter of the called operation and a top-level
    /// property of its request body.
    ///
    /// ## Why is this bad?
    /// The platform cannot tell which of the two the value is meant for, so it may fill the
    /// wrong one. Microsoft's Swagger Validator rejects the name as ambiguous; a path such as
    /// `body/id` (in `x-ms-dynamic-list` or `x-ms-dynamic-properties`) names the property
    /// without doubt.
    ///
    /// ## Severity
    /// A dynamic-call reference that could mean a parameter or a body property is refused as
    /// `OperationParameterNameIsAmbiguous`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// With `GetItems` taking a query parameter `id` and a body with a property `id`:
    /// ```json
    /// { "x-ms-dynamic-list": { "operationId": "GetItems", "parameters": { "id": { "value": "1" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-list": { "operationId": "GetItems", "parameters": { "body/id": { "value": "1" } } } }
    /// ```
    pub DynamicParameterAmbiguous {
        id: "dynamic-parameter-ambiguous",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParameterNameIsAmbiguous"],
        summary: "A dynamic call passes a name that is both a parameter and a body property of the called operation",
        visits: [Connector],
    }
}

impl Rule for DynamicParameterAmbiguous {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for call in cx.semantic().calls() {
            if !call.kind.passes_parameters() {
                continue;
            }
            let Some(target) = call.target(swagger) else { continue };
            let props = cx.semantic().body_properties(target);
            for m in call.parameter_members() {
                let key = &*m.key.text;
                let is_param = target.effective_parameters(swagger).any(|p| p.name.is_some_and(|n| n.value == key));
                if !is_param || !props.iter().any(|p| p.path == key) {
                    continue;
                }
                let body = target.effective_parameters(swagger).find(|p| p.is_in("body")).and_then(|p| p.name).map_or("body", |n| n.value);
                let message = format!(
                    "{} passes `{key}`, which is both a parameter and a body property of `{}`",
                    call.kind.label(),
                    target.display_name()
                );
                cx.report_swagger(m.key.span, message).help(format!(
                    "name the body property by its path, `{body}/{key}`, in `x-ms-dynamic-list` or `x-ms-dynamic-properties`"
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str = r##""/items": {"post": {"operationId": "GetItems", "parameters": [
    {"name": "id", "in": "query", "type": "string"},
    {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"},
      "inner": {"type": "object", "properties": {"top": {"type": "integer"}}}}}}]}}"##;

    #[test]
    fn fires_on_a_name_that_is_both() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-list": {{"operationId": "GetItems", "parameters": {{"id": {{"value": "1"}}}}}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicParameterAmbiguous, swagger(&text)),
            ["6:69 `x-ms-dynamic-list` passes `id`, which is both a parameter and a body property of `GetItems`"]
        );
    }

    #[test]
    fn silent_on_paths_and_names_that_are_one_thing() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-list": {{"operationId": "GetItems", "parameters": {{"body/id": {{"value": "1"}}, "kind": "a", "top": 1}}}}}}]}}}},
  "/y": {{"get": {{"operationId": "Y", "x-ms-notification": {{"operationId": "GetItems", "parameters": {{"id": "1"}}}}}}}}
}}}}"##
        );
        assert_silent(&DynamicParameterAmbiguous, swagger(&text));
    }
}
