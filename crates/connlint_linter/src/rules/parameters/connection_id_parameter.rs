use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter named `connectionId` (compared without regard to case).
    ///
    /// ## Why is this bad?
    /// Power Platform routes every call through `/{connectionId}/...` and fills that value
    /// itself; a parameter of the same name clashes with it, and Microsoft's Swagger
    /// Validator rejects the connector.
    ///
    /// ## Severity
    /// The platform reserves `connectionId` for itself; a parameter with that name is refused as
    /// `ConnectionIdParameterNotAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "connectionId", "in": "query", "type": "string" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "accountConnectionId", "in": "query", "type": "string" }
    /// ```
    pub ConnectionIdParameter {
        id: "connection-id-parameter",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["ConnectionIdParameterNotAllowed"],
        summary: "A parameter is named connectionId, which the platform reserves",
        visits: [Parameter],
    }
}

impl Rule for ConnectionIdParameter {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(name) = p.name.filter(|n| n.value.eq_ignore_ascii_case("connectionId")) else { return };
        cx.report_swagger(name.span, format!("parameter name `{}` is reserved by Power Platform for the connection", name.value))
            .help("rename the parameter (the wire name can differ only if the API accepts it), e.g. `accountConnectionId`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_name_in_any_case() {
        let text = r#"{"paths": {"/c": {"get": {"parameters": [
  {"name": "connectionId", "in": "query", "type": "string"},
  {"name": "ConnectionID", "in": "header", "type": "string"}
]}}}}"#;
        assert_eq!(
            messages(&ConnectionIdParameter, swagger(text)),
            [
                "2:12 parameter name `connectionId` is reserved by Power Platform for the connection",
                "3:12 parameter name `ConnectionID` is reserved by Power Platform for the connection",
            ]
        );
    }

    #[test]
    fn silent_on_similar_names() {
        let text = r#"{"paths": {"/c": {"get": {"parameters": [
  {"name": "connection", "in": "query", "type": "string"},
  {"name": "connectionIds", "in": "query", "type": "string"}
]}}}}"#;
        assert_silent(&ConnectionIdParameter, swagger(text));
    }
}
