use super::effective_consumes;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation with a `body` or `formData` parameter when neither the operation
    /// nor the document has a non-empty `consumes`.
    ///
    /// ## Why is this bad?
    /// Without `consumes` the platform does not know which `Content-Type` to send or how to
    /// serialize the body (JSON, a form, multipart), so the API may reject the request.
    /// Microsoft's Swagger Validator lists it as an error, but evidently does not enforce it:
    /// 159 of the 992 certified and independent-publisher connectors (16%) were accepted
    /// with at least one such operation, so the rule is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "post": { "operationId": "CreateItem", "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "post": { "operationId": "CreateItem", "consumes": ["application/json"],
    ///   "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] } }
    /// ```
    pub ConsumesMissing {
        id: "consumes-missing",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["ConsumesMissing"],
        summary: "An operation with a request body declares no consumes MIME type",
        visits: [Operation],
    }
}

impl Rule for ConsumesMissing {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if !effective_consumes(op, swagger).is_empty() {
            return;
        }
        let Some(p) = op.effective_parameters(swagger).find(|p| p.is_in("body") || p.is_in("formData")) else { return };
        let (location, fix) = if p.is_in("body") {
            ("body", "add `\"consumes\": [\"application/json\"]` to the operation or the document")
        } else {
            (
                "formData",
                "add `\"consumes\": [\"multipart/form-data\"]` (or `application/x-www-form-urlencoded`) to the operation or the document",
            )
        };
        cx.report_swagger(
            op.span(),
            format!("operation `{}` sends `in: {location}` parameter `{}` but has no `consumes`", op.display_name(), p.display_name()),
        )
        .help(fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_method() {
        let text = r##"{"paths": {"/s": {
  "post": {"operationId": "Create", "consumes": [], "parameters": [{"name": "b", "in": "body", "schema": {}}]},
  "put": {"parameters": [{"name": "f", "in": "formData", "type": "string"}]}
}}}"##;
        assert_eq!(
            messages(&ConsumesMissing, swagger(text)),
            [
                "2:3 operation `Create` sends `in: body` parameter `b` but has no `consumes`",
                "3:3 operation `PUT /s` sends `in: formData` parameter `f` but has no `consumes`",
            ]
        );
    }

    #[test]
    fn silent_with_own_or_global_consumes_or_no_body() {
        let text = r##"{"consumes": ["application/json"], "paths": {"/s": {
  "post": {"parameters": [{"name": "b", "in": "body", "schema": {}}]}
}}}"##;
        assert_silent(&ConsumesMissing, swagger(text));
        let text = r##"{"paths": {"/s": {
  "post": {"consumes": ["multipart/form-data"], "parameters": [{"name": "f", "in": "formData", "type": "file"}]},
  "get": {"parameters": [{"name": "q", "in": "query", "type": "string"}]}
}}}"##;
        assert_silent(&ConsumesMissing, swagger(text));
    }
}
