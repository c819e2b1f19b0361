use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports an `in: path` parameter without `x-ms-url-encoding`.
    ///
    /// ## Why is this bad?
    /// Without it, the platform chooses how a value containing `/`, `%` or spaces is encoded
    /// into the path, which can produce requests the API rejects. Saying `"single"` (or
    /// `"double"` when the backend decodes twice) makes the behaviour explicit.
    ///
    /// ## Severity
    /// A warning: Microsoft's validator words `PathParameterMissingEncoding` as a recommendation
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules),
    /// and the platform still sends the request with its own choice of encoding.
    ///
    /// ## Example
    /// ```json
    /// { "name": "id", "in": "path", "required": true, "type": "string" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "single" }
    /// ```
    pub PathParameterMissingEncoding {
        id: "path-parameter-missing-encoding",
        category: Parameters,
        severity: Warning,
        profile: Base,
        ms_names: ["PathParameterMissingEncoding"],
        summary: "A path parameter has no x-ms-url-encoding",
        visits: [Parameter],
    }
}

impl Rule for PathParameterMissingEncoding {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("path") || p.node.is_none_or(|n| n.get("x-ms-url-encoding").is_some()) {
            return;
        }
        let name = p.name.map_or("?", |n| n.value);
        cx.report_swagger(p.span(), format!("path parameter `{name}` does not say how it is URL-encoded"))
            .help("add `\"x-ms-url-encoding\": \"single\"` (or `\"double\"` if the API decodes the path twice)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_name() {
        let text = r#"{"paths": {"/i/{id}": {"get": {"parameters": [
  {"name": "id", "in": "path", "required": true, "type": "string"}
]}}}}"#;
        assert_eq!(messages(&PathParameterMissingEncoding, swagger(text)), ["2:12 path parameter `id` does not say how it is URL-encoded"]);
    }

    #[test]
    fn silent_with_encoding_or_outside_the_path() {
        let text = r#"{"paths": {"/i/{id}": {"get": {"parameters": [
  {"name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding": "double"},
  {"name": "q", "in": "query", "type": "string"}
]}}}}"#;
        assert_silent(&PathParameterMissingEncoding, swagger(text));
    }
}
