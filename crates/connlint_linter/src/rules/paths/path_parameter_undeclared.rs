use super::template_variables;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a `{name}` variable in a path template that the operation does not declare as
    /// an `in: path` parameter, either in its own `parameters` or in the path item's.
    ///
    /// ## Why is this bad?
    /// Power Platform fills each template variable from the parameter of the same name. With
    /// no such parameter nobody can supply the value, the request goes out with the literal
    /// `{name}` in its URL, and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// A `{variable}` in the path without a matching parameter fails validation as
    /// `OperationMissingPathParameter`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the platform would have nothing to put in the URL.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem", "parameters": [] } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem",
    ///   "parameters": [{ "name": "id", "in": "path", "required": true, "type": "string" }] } } } }
    /// ```
    pub PathParameterUndeclared {
        id: "path-parameter-undeclared",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["OperationMissingPathParameter"],
        summary: "A path template variable has no matching path parameter",
        visits: [Operation],
    }
}

impl Rule for PathParameterUndeclared {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let path = op.path_str();
        for (i, name) in template_variables(path).enumerate() {
            // A variable used twice in the template is reported once.
            if template_variables(path).take(i).any(|earlier| earlier == name) {
                continue;
            }
            let declared = op.effective_parameters(swagger).any(|p| p.is_in("path") && p.name.is_some_and(|n| n.value == name));
            if !declared {
                cx.report_swagger(op.span(), format!("path variable `{{{name}}}` of `{path}` has no `in: path` parameter named `{name}`"))
                    .help(format!(
                        "add a parameter with `\"name\": \"{name}\"`, `\"in\": \"path\"` and `\"required\": true` to this operation or its path item"
                    ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_once_per_operation_and_missing_name() {
        let text = r##"{"paths": {
  "/items/{id}/parts/{part}/{id}": {
    "get": {"parameters": [{"name": "id", "in": "query"}]},
    "put": {"parameters": [{"name": "id", "in": "path", "required": true}, {"name": "Part", "in": "path"}]}
  }
}}"##;
        assert_eq!(
            messages(&PathParameterUndeclared, swagger(text)),
            [
                "3:5 path variable `{id}` of `/items/{id}/parts/{part}/{id}` has no `in: path` parameter named `id`",
                "3:5 path variable `{part}` of `/items/{id}/parts/{part}/{id}` has no `in: path` parameter named `part`",
                "4:5 path variable `{part}` of `/items/{id}/parts/{part}/{id}` has no `in: path` parameter named `part`",
            ]
        );
    }

    #[test]
    fn silent_when_declared_by_the_operation_the_path_item_or_a_ref() {
        let text = r##"{
  "paths": {
    "/a/{connectionId}/items/{id}/{sub}": {
      "parameters": [{"name": "connectionId", "in": "path", "required": true}],
      "get": {"parameters": [{"$ref": "#/parameters/id"}, {"name": "sub", "in": "path", "required": true}]}
    },
    "/plain": {"get": {}}
  },
  "parameters": {"id": {"name": "id", "in": "path", "required": true}}
}"##;
        assert_silent(&PathParameterUndeclared, swagger(text));
    }
}
