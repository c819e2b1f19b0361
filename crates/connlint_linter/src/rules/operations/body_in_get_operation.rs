use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Method, Operation};

declare_rule! {
    /// ## What it does
    /// Reports a `body` or `formData` parameter that applies to a `get` operation (its own or
    /// one inherited from the path item).
    ///
    /// ## Why is this bad?
    /// A GET request has no body: HTTP clients and proxies drop it, so the value never reaches
    /// the API. Microsoft's Swagger Validator rejects it. Send the values as query parameters,
    /// or make the operation a `post` if the API really reads a body.
    ///
    /// ## Severity
    /// A GET operation cannot carry a body or form data; the validator refuses it as
    /// `BodyOrFormDataParameterInFetchOperationNotAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "Search", "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "post": { "operationId": "Search", "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] } }
    /// ```
    pub BodyInGetOperation {
        id: "body-in-get-operation",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["BodyOrFormDataParameterInFetchOperationNotAllowed"],
        summary: "A GET operation has a body or formData parameter",
        visits: [Operation],
    }
}

impl Rule for BodyInGetOperation {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if op.method != Method::Get {
            return;
        }
        for p in op.effective_parameters(swagger) {
            let Some(location) = p.location.filter(|l| l.value == "body" || l.value == "formData") else { continue };
            cx.report_swagger(
                p.use_span(),
                format!("`get` operation `{}` has `in: {}` parameter `{}`", op.display_name(), location.value, p.display_name()),
            )
            .help("send the values as query parameters, or use `post` if the API reads a request body");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_parameter() {
        let text = r##"{"paths": {"/s": {
  "parameters": [{"name": "f", "in": "formData", "type": "string"}],
  "get": {"operationId": "Search", "parameters": [
    {"name": "b", "in": "body", "schema": {}}
  ]}
}}}"##;
        assert_eq!(
            messages(&BodyInGetOperation, swagger(text)),
            [
                "2:27 `get` operation `Search` has `in: formData` parameter `f`",
                "4:14 `get` operation `Search` has `in: body` parameter `b`"
            ]
        );
    }

    #[test]
    fn silent_on_other_methods_and_query_parameters() {
        let text = r##"{"paths": {"/s": {
  "get": {"parameters": [{"name": "q", "in": "query", "type": "string"}]},
  "post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}
}}}"##;
        assert_silent(&BodyInGetOperation, swagger(text));
    }
}
