use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::members;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports a key of a response's `examples` object (a MIME type) that is not among the
    /// media types the operation produces: its own `produces`, or the document's when it has
    /// none. Media types are compared without case and without parameters (`; charset=utf-8`).
    /// Operations that produce nothing declared are skipped.
    ///
    /// ## Why is this bad?
    /// An example is shown for a response format the operation returns; one for a format it
    /// never produces is dead documentation, and Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// A response example for a media type the operation does not produce is refused as
    /// `ResponseExampleMustBeProducedByOperation`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "produces": ["application/json"],
    ///   "responses": { "200": { "description": "OK", "examples": { "application/xml": "<task/>" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "produces": ["application/json"],
    ///   "responses": { "200": { "description": "OK", "examples": { "application/json": { "id": 1 } } } } }
    /// ```
    pub ResponseExampleNotProduced {
        id: "response-example-not-produced",
        category: Responses,
        severity: Error,
        profile: Base,
        ms_names: ["ResponseExampleMustBeProducedByOperation"],
        summary: "A response example is for a media type the operation does not produce",
        visits: [Operation],
    }
}

fn essence(mime: &str) -> String {
    mime.split(';').next().unwrap_or(mime).trim().to_ascii_lowercase()
}

impl Rule for ResponseExampleNotProduced {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let Some(produces) = op.produces.as_ref().or(swagger.produces.as_ref()) else { return };
        let produced: Vec<String> = produces.iter().map(|p| essence(p.value)).collect();
        for response in op.responses.iter().filter(|r| r.reference.is_none()) {
            let Some(examples) = response.site.get("examples") else { continue };
            for example in members(examples) {
                let mime = essence(&example.key.text);
                if produced.contains(&mime) || produced.iter().any(|p| p == "*/*") {
                    continue;
                }
                let list = produces.iter().map(|p| format!("`{}`", p.value)).collect::<Vec<_>>().join(", ");
                let list = if list.is_empty() { "nothing".to_string() } else { list };
                cx.report_swagger(
                    example.key.span,
                    format!(
                        "example for `{}` in response `{}`, but operation `{}` produces {list}",
                        example.key.text,
                        response.code(),
                        op.display_name()
                    ),
                )
                .help(format!("add `{}` to `produces`, or key the example by a produced media type", example.key.text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_unproduced_media_types() {
        let text = "{\"produces\": [\"application/json\"], \"paths\": {\"/a\": {\"get\": {\"operationId\": \"A\", \"responses\": {\"200\": {\"examples\": {\n  \"application/xml\": \"<a/>\"\n}}}}}}}";
        assert_eq!(
            messages(&ResponseExampleNotProduced, swagger(text)),
            ["2:3 example for `application/xml` in response `200`, but operation `A` produces `application/json`"]
        );
        let text = "{\"produces\": [\"application/json\"], \"paths\": {\"/a\": {\"get\": {\"produces\": [\"text/plain\"], \"responses\": {\"200\": {\"examples\": {\"application/json\": 1}}}}}}}";
        assert_eq!(positions(&ResponseExampleNotProduced, swagger(text)).len(), 1);
    }

    #[test]
    fn silent_on_produced_types_and_without_produces() {
        let text = r#"{"produces": ["application/json; charset=utf-8"], "paths": {"/a": {
            "get": {"responses": {"200": {"examples": {"Application/JSON": {}}}}},
            "post": {"produces": ["*/*"], "responses": {"200": {"examples": {"text/csv": ""}}}}}}}"#;
        assert_silent(&ResponseExampleNotProduced, swagger(text));
        assert_silent(
            &ResponseExampleNotProduced,
            swagger(r#"{"paths": {"/a": {"get": {"responses": {"200": {"examples": {"text/csv": ""}}}}}}}"#),
        );
    }
}
