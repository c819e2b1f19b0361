use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports `allowEmptyValue` on a parameter that is not `in: query` or `in: formData`.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 defines `allowEmptyValue` only for query and form fields (sending `?name=`
    /// with no value). On a header, path or body parameter it has no meaning, and Microsoft's
    /// Swagger Validator rejects it.
    ///
    /// ## Severity
    /// `allowEmptyValue` outside query and form-data parameters is refused as
    /// `AllowEmptyValueOnlyValidForQueryFormData`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "X-Tag", "in": "header", "type": "string", "allowEmptyValue": true }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "X-Tag", "in": "header", "type": "string" }
    /// ```
    pub AllowEmptyValueLocation {
        id: "allow-empty-value-location",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["AllowEmptyValueOnlyValidForQueryFormData"],
        summary: "allowEmptyValue is used outside query and formData parameters",
        visits: [Parameter],
    }
}

impl Rule for AllowEmptyValueLocation {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(location) = p.location.filter(|l| l.value != "query" && l.value != "formData") else { return };
        let Some(key) = p.node.and_then(|n| n.member("allowEmptyValue")) else { return };
        cx.report_swagger(
            key.key.span,
            format!("`allowEmptyValue` does not apply to `in: {}` parameter `{}`", location.value, p.display_name()),
        )
        .help("remove `allowEmptyValue`; it is only meaningful for query and formData parameters");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_key() {
        let text = r#"{"paths": {"/i/{id}": {"get": {"parameters": [
  {"name": "id", "in": "path", "required": true, "type": "string", "allowEmptyValue": false}
]}}}}"#;
        assert_eq!(
            messages(&AllowEmptyValueLocation, swagger(text)),
            ["2:68 `allowEmptyValue` does not apply to `in: path` parameter `id`"]
        );
    }

    #[test]
    fn silent_on_query_and_form_data() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "q", "in": "query", "type": "string", "allowEmptyValue": true},
  {"name": "f", "in": "formData", "type": "string", "allowEmptyValue": true},
  {"name": "h", "in": "header", "type": "string"}
]}}}}"#;
        assert_silent(&AllowEmptyValueLocation, swagger(text));
    }
}
