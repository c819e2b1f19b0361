use super::{one_of, report_not_allowed};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-api-annotation.status` on `info` or on an operation whose value is not
    /// `Preview` or `Production` (exact case), and suggests the value it probably meant.
    ///
    /// ## Why is this bad?
    /// The status tells Power Platform how stable the connector or the operation is. Only the
    /// two documented values are accepted; any other spelling, `production` included, is
    /// rejected by Microsoft's Swagger Validator.
    ///
    /// ## Severity
    /// `x-ms-api-annotation.status` takes `Preview` or `Production`; another value is refused as
    /// `JsonValueNotInEnum`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "ListItems", "x-ms-api-annotation": { "status": "production" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "ListItems", "x-ms-api-annotation": { "status": "Production" } }
    /// ```
    pub ApiAnnotationStatus {
        id: "api-annotation-status",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["JsonValueNotInEnum"],
        summary: "x-ms-api-annotation.status is not Preview or Production",
        visits: [Connector],
    }
}

const STATUSES: [&str; 2] = ["Preview", "Production"];

impl Rule for ApiAnnotationStatus {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let annotations = swagger.info.iter().map(|i| i.node).chain(swagger.operations.iter().map(|op| op.node));
        for holder in annotations {
            let Some(status) = holder.get("x-ms-api-annotation").and_then(|a| a.get("status")) else { continue };
            let Some(text) = status.as_str() else { continue };
            if STATUSES.contains(&text) {
                continue;
            }
            report_not_allowed(cx, status.span, "`x-ms-api-annotation` status", text, &STATUSES, format!("use {}", one_of(&STATUSES)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_other_values_with_a_suggestion() {
        let text = r##"{"info": {"title": "T", "x-ms-api-annotation": {"status": "Beta"}},
"paths": {"/a": {
  "get": {"operationId": "A", "x-ms-api-annotation": {"status": "production"}}}}}"##;
        let findings = run(&ApiAnnotationStatus, swagger(text));
        let got: Vec<_> =
            findings.iter().map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "1:59 `x-ms-api-annotation` status is `Beta`; expected `Preview` or `Production` | use `Preview` or `Production`",
                "3:65 `x-ms-api-annotation` status is `production`; expected `Preview` or `Production` | did you mean `Production`? the values are case-sensitive",
            ]
        );
    }

    #[test]
    fn silent_on_valid_values_and_other_places() {
        let text = r##"{"info": {"title": "T", "x-ms-api-annotation": {"status": "Preview"}},
"paths": {"/a": {
  "get": {"operationId": "A", "x-ms-api-annotation": {"status": "Production", "family": "A"}},
  "put": {"operationId": "B", "x-ms-api-annotation": {"family": "A"}}}},
"definitions": {"D": {"type": "object", "properties": {"status": {"type": "string", "example": "bad"}}}}}"##;
        assert_silent(&ApiAnnotationStatus, swagger(text));
    }
}
