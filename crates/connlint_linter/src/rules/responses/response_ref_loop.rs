use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports an entry of the top-level `responses` object that is itself only a `$ref`, to
    /// another shared response or to itself.
    ///
    /// ## Why is this bad?
    /// Shared responses are the targets of references; one that points on to another is an
    /// alias chain (or a loop) that Power Platform does not follow, and Microsoft's validator
    /// rejects it.
    ///
    /// ## Severity
    /// A `#/responses/` entry that is only a `$ref` to another is refused as
    /// `ResponseRefLoopNotAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "NotFound": { "$ref": "#/responses/Missing" }, "Missing": { "description": "Not found" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "responses": { "NotFound": { "description": "Not found" } } }
    /// ```
    pub ResponseRefLoop {
        id: "response-ref-loop",
        category: Responses,
        severity: Error,
        profile: Base,
        ms_names: ["ResponseRefLoopNotAllowed"],
        summary: "A shared response is itself a $ref",
        visits: [Connector],
    }
}

impl Rule for ResponseRefLoop {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(responses) = cx.swagger().and_then(|s| s.responses) else { return };
        for entry in members(responses) {
            let Some(target) = entry.value.member("$ref") else { continue };
            let to = target.value.as_str().unwrap_or("?");
            cx.report_swagger(target.key.span, format!("shared response `{}` is a reference to `{to}`", entry.key.text))
                .help("define the response here, or make the operations refer to the target directly");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_shared_responses_that_are_references() {
        let text = "{\"responses\": {\n  \"A\": {\"$ref\": \"#/responses/A\"},\n  \"B\": {\"$ref\": \"#/responses/C\"},\n  \"C\": {\"description\": \"x\"}\n}}";
        assert_eq!(
            messages(&ResponseRefLoop, swagger(text)),
            ["2:9 shared response `A` is a reference to `#/responses/A`", "3:9 shared response `B` is a reference to `#/responses/C`"]
        );
    }

    #[test]
    fn silent_on_operation_references_and_schema_refs() {
        let text = r##"{"responses": {"C": {"description": "x", "schema": {"$ref": "#/definitions/X"}}},
            "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/responses/C"}}}}}}"##;
        assert_silent(&ResponseRefLoop, swagger(text));
    }
}
