use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

use connlint_core::platform::RESERVED_HEADERS;

declare_rule! {
    /// ## What it does
    /// Reports a header parameter whose name (compared without regard to case) is one the
    /// platform manages itself: `Authorization`, `Proxy-Authorization`, `Host`,
    /// `Content-Length`, `Connection`, `Transfer-Encoding`, `Keep-Alive`, `Upgrade`, `Expect`
    /// and `TE`. Microsoft does not publish its list of reserved names; this list is inferred
    /// (credentials come from the connection's security definition, the others are set by
    /// the HTTP stack). `connectionId` is checked by `connection-id-parameter`.
    ///
    /// ## Why is this bad?
    /// The gateway overwrites or strips these headers, so the value the user types is lost
    /// (or, for `Authorization`, a secret ends up in flow run history). Microsoft's Swagger
    /// Validator rejects reserved parameter names.
    ///
    /// ## Severity
    /// Parameter names the platform sets itself are refused as `ReservedParameterIsUsed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "Authorization", "in": "header", "type": "string", "required": true }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "Authorization" } } }
    /// ```
    pub ReservedParameterName {
        id: "reserved-parameter-name",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["ReservedParameterIsUsed"],
        summary: "A header parameter uses a name the platform reserves",
        visits: [Parameter],
    }
}

impl Rule for ReservedParameterName {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("header") {
            return;
        }
        let Some(name) = p.name else { return };
        let Some(reserved) = RESERVED_HEADERS.iter().find(|r| r.eq_ignore_ascii_case(name.value)) else { return };
        let help = if reserved.ends_with("Authorization") {
            "remove the parameter and describe the credential in `securityDefinitions` (or a connection parameter)"
        } else {
            "remove the parameter; the HTTP stack sets this header itself"
        };
        cx.report_swagger(name.span, format!("header `{}` is reserved and cannot be a parameter", name.value)).help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_reserved_headers_in_any_case() {
        let text = r#"{"paths": {"/c": {"get": {"parameters": [
  {"name": "authorization", "in": "header", "type": "string"},
  {"name": "Content-Length", "in": "header", "type": "integer"}
]}}}}"#;
        assert_eq!(
            messages(&ReservedParameterName, swagger(text)),
            [
                "2:12 header `authorization` is reserved and cannot be a parameter",
                "3:12 header `Content-Length` is reserved and cannot be a parameter",
            ]
        );
    }

    #[test]
    fn silent_on_ordinary_headers_and_other_locations() {
        let text = r#"{"paths": {"/c": {"get": {"parameters": [
  {"name": "Content-Type", "in": "header", "type": "string"},
  {"name": "X-Authorization", "in": "header", "type": "string"},
  {"name": "host", "in": "query", "type": "string"}
]}}}}"#;
        assert_silent(&ReservedParameterName, swagger(text));
    }
}
