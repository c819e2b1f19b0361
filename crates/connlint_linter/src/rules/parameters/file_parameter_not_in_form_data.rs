use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter with `"type": "file"` whose `in` is not `formData`.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 only allows file uploads as `multipart/form-data` (or urlencoded) form
    /// fields. A file in the query, a header or the path cannot be sent, and Microsoft's
    /// Swagger Validator rejects the connector. To send raw bytes as the request body, use a
    /// body parameter with `"schema": {"type": "string", "format": "binary"}`.
    ///
    /// ## Severity
    /// `type: file` outside form data is refused as `FileParameterMustBeInFormData`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "content", "in": "query", "type": "file" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "content", "in": "formData", "type": "file" }
    /// ```
    pub FileParameterNotInFormData {
        id: "file-parameter-not-in-form-data",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["FileParameterMustBeInFormData"],
        summary: "A parameter of type file is not a formData parameter",
        visits: [Parameter],
    }
}

impl Rule for FileParameterNotInFormData {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(ty) = p.ty.filter(|t| t.value == "file") else { return };
        let Some(location) = p.location.filter(|l| l.value != "formData") else { return };
        cx.report_swagger(ty.span, format!("parameter `{}` has type `file` but is `in: {}`", p.display_name(), location.value)).help(
            "send files as `in: formData` with `multipart/form-data` in `consumes`, or as a body parameter whose schema is a binary string",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_type() {
        let text = r##"{"paths": {"/files": {"post": {"parameters": [
  {"name": "f", "in": "query", "type": "file"},
  {"$ref": "#/parameters/h"}
]}}},
"parameters": {"h": {"name": "h", "in": "header", "type": "file"}}}"##;
        assert_eq!(
            messages(&FileParameterNotInFormData, swagger(text)),
            ["2:40 parameter `f` has type `file` but is `in: query`", "5:59 parameter `h` has type `file` but is `in: header`"]
        );
    }

    #[test]
    fn silent_on_form_data_files_and_other_types() {
        let text = r##"{"paths": {"/files": {"post": {"parameters": [
  {"name": "f", "in": "formData", "type": "file"},
  {"name": "q", "in": "query", "type": "string", "format": "binary"},
  {"name": "t", "type": "file"}
]}}}}"##;
        assert_silent(&FileParameterNotInFormData, swagger(text));
    }
}
