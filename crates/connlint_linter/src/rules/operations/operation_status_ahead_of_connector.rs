use super::api_in_production;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose `x-ms-api-annotation.status` is `Production` while the
    /// connector is not: `info.x-ms-api-annotation.status` is `Preview` or absent (absent
    /// means `Preview`).
    ///
    /// ## Why is this bad?
    /// An operation cannot be more mature than the connector it belongs to; makers see the
    /// connector as preview anyway, and the contradiction usually means one of the two
    /// statuses was forgotten. Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// An operation in `Production` status inside a `Preview` connector is refused as
    /// `OperationStatusAheadOfConnector`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "info": { "x-ms-api-annotation": { "status": "Preview" } },
    ///   "paths": { "/items": { "get": { "operationId": "ListItems", "x-ms-api-annotation": { "status": "Production" } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "x-ms-api-annotation": { "status": "Production" } },
    ///   "paths": { "/items": { "get": { "operationId": "ListItems", "x-ms-api-annotation": { "status": "Production" } } } } }
    /// ```
    pub OperationStatusAheadOfConnector {
        id: "operation-status-ahead-of-connector",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationStatusAheadOfConnector"],
        summary: "An operation is in Production while the connector is in Preview",
        visits: [Operation],
    }
}

impl Rule for OperationStatusAheadOfConnector {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let Some(status) = op.api_annotation.as_ref().and_then(|a| a.status) else { return };
        if !status.value.eq_ignore_ascii_case("Production") || api_in_production(swagger) {
            return;
        }
        cx.report_swagger(status.span, format!("operation `{}` is in Production but the connector is in Preview", op.display_name()))
            .help("set `info.x-ms-api-annotation.status` to `Production`, or the operation's status to `Preview`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_status() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List", "x-ms-api-annotation": {"status": "Production"}}
}}}"#;
        assert_eq!(
            messages(&OperationStatusAheadOfConnector, swagger(text)),
            ["2:68 operation `List` is in Production but the connector is in Preview"]
        );
        let text = r#"{"info": {"x-ms-api-annotation": {"status": "Preview"}}, "paths": {"/a": {
  "get": {"operationId": "List", "x-ms-api-annotation": {"status": "production"}}
}}}"#;
        assert_eq!(positions(&OperationStatusAheadOfConnector, swagger(text)), ["apiDefinition.swagger.json:2:68"]);
    }

    #[test]
    fn silent_when_the_connector_is_in_production() {
        let text = r#"{"info": {"x-ms-api-annotation": {"status": "Production"}}, "paths": {"/a": {
  "get": {"operationId": "List", "x-ms-api-annotation": {"status": "Production"}},
  "put": {"operationId": "Put", "x-ms-api-annotation": {"status": "Preview"}}
}}}"#;
        assert_silent(&OperationStatusAheadOfConnector, swagger(text));
        assert_silent(
            &OperationStatusAheadOfConnector,
            swagger(r#"{"paths": {"/a": {"get": {"x-ms-api-annotation": {"status": "Preview"}}}}}"#),
        );
    }
}
