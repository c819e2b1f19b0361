use super::{effective_consumes, essence};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose body parameter's schema is an `object` or an `array` (after
    /// following a `$ref`) while none of the MIME types in its `consumes` can carry
    /// structured data: it has only types such as `text/plain` or `application/octet-stream`
    /// and no JSON (`application/json`, `text/json`, `*/*+json`), XML, form or wildcard
    /// type. Operations without `consumes` are left to `consumes-missing`.
    ///
    /// ## Why is this bad?
    /// The platform serializes the body according to the `Content-Type`; an object sent as
    /// `text/plain` arrives as an unusable string (or the call fails). Microsoft's Swagger
    /// Validator rejects the mismatch.
    ///
    /// ## Severity
    /// When `consumes` cannot carry the body's schema type the validator reports
    /// `MimeTypeNotCompatibleWithRequestContentSchemaType`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "consumes": ["text/plain"], "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "consumes": ["application/json"], "parameters": [ { "name": "body", "in": "body", "schema": { "type": "object" } } ] }
    /// ```
    pub MimeTypeIncompatibleWithBody {
        id: "mime-type-incompatible-with-body",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["MimeTypeNotCompatibleWithRequestContentSchemaType"],
        summary: "An operation's consumes types cannot carry its object or array body",
        visits: [Operation],
    }
}

/// Whether a MIME type can carry an object or an array.
fn structured(mime: &str) -> bool {
    let e = essence(mime);
    e.contains("json")
        || e.contains("xml")
        || e.starts_with("multipart/")
        || e.starts_with('*')
        || e.ends_with("/*")
        || e == "application/x-www-form-urlencoded"
}

impl Rule for MimeTypeIncompatibleWithBody {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let consumes = effective_consumes(op, swagger);
        if consumes.is_empty() || consumes.iter().any(|c| structured(c.value)) {
            return;
        }
        let Some(body) = op.effective_parameters(swagger).find(|p| p.is_in("body")) else { return };
        let Some(mut schema) = body.schema else { return };
        if let Some(target) = schema.get("$ref").and_then(Node::as_str) {
            let Ok(resolved) = swagger.resolve_ref(target) else { return };
            schema = resolved;
        }
        let Some(ty) = schema.get("type").and_then(Node::as_str).filter(|t| *t == "object" || *t == "array") else { return };
        let listed: Vec<&str> = consumes.iter().map(|c| c.value).collect();
        cx.report_swagger(
            body.use_span(),
            format!("body `{}` is an `{ty}`, but `{}` only consumes `{}`", body.display_name(), op.display_name(), listed.join("`, `")),
        )
        .help("add `application/json` to `consumes`, or make the body schema a string if the API really takes plain text");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_body_parameter() {
        let text = r##"{"consumes": ["text/plain", "application/octet-stream"], "paths": {"/a": {"post": {"operationId": "Send", "parameters": [
  {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/D"}}
]}}},
"definitions": {"D": {"type": "object"}}}"##;
        assert_eq!(
            messages(&MimeTypeIncompatibleWithBody, swagger(text)),
            ["2:12 body `body` is an `object`, but `Send` only consumes `text/plain`, `application/octet-stream`"]
        );
    }

    #[test]
    fn silent_on_compatible_types() {
        for consumes in [r#"["text/plain", "application/json"]"#, r#"["application/xml"]"#, r#"["*/*"]"#, r#"["application/*+json"]"#, "[]"]
        {
            let text = format!(
                r#"{{"paths": {{"/a": {{"post": {{"consumes": {consumes}, "parameters": [{{"name": "b", "in": "body", "schema": {{"type": "array"}}}}]}}}}}}}}"#
            );
            assert_silent(&MimeTypeIncompatibleWithBody, swagger(&text));
        }
        let text = r#"{"paths": {"/a": {"post": {"consumes": ["text/plain"], "parameters": [{"name": "b", "in": "body", "schema": {"type": "string"}}]}}}}"#;
        assert_silent(&MimeTypeIncompatibleWithBody, swagger(text));
    }
}
