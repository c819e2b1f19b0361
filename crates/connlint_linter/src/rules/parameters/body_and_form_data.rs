use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose parameters (its own plus those inherited from the path item)
    /// include both an `in: body` parameter and an `in: formData` parameter.
    ///
    /// ## Why is this bad?
    /// A request body is either a serialized schema (`in: body`) or a set of form fields
    /// (`in: formData`), never both. Swagger 2.0 forbids the mix, Power Platform cannot build
    /// such a request, and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// An operation cannot send both a body and form data; the validator reports
    /// `ParameterListContainsFormDataAndBody`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "consumes": ["multipart/form-data"], "parameters": [
    ///   { "name": "file", "in": "formData", "type": "file" },
    ///   { "name": "metadata", "in": "body", "schema": { "type": "object" } } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "consumes": ["multipart/form-data"], "parameters": [
    ///   { "name": "file", "in": "formData", "type": "file" },
    ///   { "name": "metadata", "in": "formData", "type": "string" } ] }
    /// ```
    pub BodyAndFormData {
        id: "body-and-form-data",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["ParameterListContainsFormDataAndBody"],
        summary: "An operation mixes body and formData parameters",
        visits: [Operation],
    }
}

impl Rule for BodyAndFormData {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let Some(body) = op.effective_parameters(swagger).find(|p| p.is_in("body")) else { return };
        let Some(form) = op.effective_parameters(swagger).find(|p| p.is_in("formData")) else { return };
        cx.report_swagger(
            op.span(),
            format!(
                "operation `{}` has both the body parameter `{}` and the formData parameter `{}`",
                op.display_name(),
                body.display_name(),
                form.display_name()
            ),
        )
        .help("send either one `in: body` parameter with a schema, or only `in: formData` fields; not both");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_method_key() {
        let text = r##"{"paths": {
  "/upload": {
    "parameters": [{"name": "file", "in": "formData", "type": "file"}],
    "post": {"operationId": "Upload", "parameters": [{"name": "meta", "in": "body", "schema": {}}]}
  }
}}"##;
        assert_eq!(
            messages(&BodyAndFormData, swagger(text)),
            ["4:5 operation `Upload` has both the body parameter `meta` and the formData parameter `file`"]
        );
    }

    #[test]
    fn silent_on_body_only_or_form_only() {
        let text = r##"{"paths": {
  "/a": {"post": {"parameters": [{"name": "b", "in": "body", "schema": {}}, {"name": "q", "in": "query"}]}},
  "/b": {"post": {"parameters": [{"name": "f", "in": "formData"}, {"name": "g", "in": "formData"}]}},
  "/c": {"parameters": [{"name": "b", "in": "body", "schema": {}}], "post": {"parameters": [{"name": "f", "in": "FormData"}]}}
}}"##;
        assert_silent(&BodyAndFormData, swagger(text));
    }
}
