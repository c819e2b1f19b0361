use super::{accepts, effective_consumes};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a `formData` parameter carrying file content (`"type": "file"`, or
    /// `"type": "string"` with `"format": "binary"`) in an operation that consumes
    /// `application/x-www-form-urlencoded` but not `multipart/form-data`.
    ///
    /// ## Why is this bad?
    /// A urlencoded form can only carry text; binary content is mangled by the encoding (or
    /// rejected). Files need `multipart/form-data`. Microsoft's Swagger Validator rejects the
    /// combination.
    ///
    /// ## Severity
    /// Binary content cannot be sent as `application/x-www-form-urlencoded`; the validator reports
    /// `StringBinaryNotSupportedForFormUrlEncoded`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "consumes": ["application/x-www-form-urlencoded"],
    ///   "parameters": [ { "name": "file", "in": "formData", "type": "file" } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "consumes": ["multipart/form-data"],
    ///   "parameters": [ { "name": "file", "in": "formData", "type": "file" } ] }
    /// ```
    pub FormUrlencodedBinary {
        id: "form-urlencoded-binary",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["StringBinaryNotSupportedForFormUrlEncoded"],
        summary: "A urlencoded form has a file or binary field",
        visits: [Operation],
    }
}

impl Rule for FormUrlencodedBinary {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let consumes = effective_consumes(op, swagger);
        if !accepts(consumes, "application/x-www-form-urlencoded") || accepts(consumes, "multipart/form-data") {
            return;
        }
        for p in op.effective_parameters(swagger).filter(|p| p.is_in("formData")) {
            let ty = p.ty.map(|t| t.value);
            let binary = ty == Some("file") || (ty == Some("string") && p.format.is_some_and(|f| f.value == "binary"));
            if binary {
                cx.report_swagger(
                    p.use_span(),
                    format!(
                        "form field `{}` holds binary content, which `application/x-www-form-urlencoded` cannot carry",
                        p.display_name()
                    ),
                )
                .help("consume `multipart/form-data` for forms with files");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_binary_fields() {
        let text = r#"{"consumes": ["application/x-www-form-urlencoded; charset=utf-8"], "paths": {"/a": {"post": {"parameters": [
  {"name": "f", "in": "formData", "type": "file"},
  {"name": "s", "in": "formData", "type": "string", "format": "binary"},
  {"name": "t", "in": "formData", "type": "string"}
]}}}}"#;
        assert_eq!(
            messages(&FormUrlencodedBinary, swagger(text)),
            [
                "2:12 form field `f` holds binary content, which `application/x-www-form-urlencoded` cannot carry",
                "3:12 form field `s` holds binary content, which `application/x-www-form-urlencoded` cannot carry",
            ]
        );
    }

    #[test]
    fn silent_with_multipart_or_text_fields() {
        let text = r#"{"paths": {"/a": {
  "post": {"consumes": ["application/x-www-form-urlencoded", "multipart/form-data"], "parameters": [{"name": "f", "in": "formData", "type": "file"}]},
  "put": {"consumes": ["application/x-www-form-urlencoded"], "parameters": [{"name": "s", "in": "formData", "type": "string", "format": "byte"}]}
}}}"#;
        assert_silent(&FormUrlencodedBinary, swagger(text));
    }
}
