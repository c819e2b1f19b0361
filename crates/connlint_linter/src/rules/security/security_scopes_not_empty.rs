use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `security` requirement for a `basic` or `apiKey` scheme whose scope list is not
    /// empty.
    ///
    /// ## Why is this bad?
    /// Only OAuth 2.0 has scopes. For basic authentication and API keys the value of a
    /// requirement must be the empty list `[]`; anything in it has no meaning, and Microsoft's
    /// Swagger Validator rejects the file.
    ///
    /// ## Severity
    /// Basic and apiKey requirements must list no scopes; otherwise the validator reports
    /// `SecurityRequirementMustHaveEmptyValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "name": "X-Key", "in": "header" } },
    ///   "security": [ { "api_key": [ "read" ] } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "name": "X-Key", "in": "header" } },
    ///   "security": [ { "api_key": [] } ] }
    /// ```
    pub SecurityScopesNotEmpty {
        id: "security-scopes-not-empty",
        category: Security,
        severity: Error,
        profile: Base,
        ms_names: ["SecurityRequirementMustHaveEmptyValue"],
        summary: "A requirement for a basic or apiKey scheme lists scopes",
        visits: [Connector],
    }
}

impl Rule for SecurityScopesNotEmpty {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for req in swagger.security_requirements() {
            let Some(scheme) = swagger.security_definitions.iter().rev().find(|s| s.key.text == req.key.text) else { continue };
            let Some(ty) = scheme.ty.filter(|t| matches!(t.value, "basic" | "apiKey")) else { continue };
            let Some(scopes) = req.value.as_array().filter(|a| !a.is_empty()) else { continue };
            cx.report_swagger(
                req.value.span,
                format!(
                    "security requirement `{}` lists {} scope(s), but its scheme has type `{}`; expected `[]`",
                    req.key.text,
                    scopes.len(),
                    ty.value
                ),
            )
            .help("write `[]`; only oauth2 schemes have scopes");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const DEFS: &str = r#""securityDefinitions": {"key": {"type": "apiKey", "name": "k", "in": "header"}, "basic": {"type": "basic"}, "oauth": {"type": "oauth2"}}"#;

    #[test]
    fn fires_on_scopes_for_api_key_and_basic() {
        let text = format!(
            "{{{DEFS},\n\"security\": [{{\"key\": [\"read\"]}}],\n\"paths\": {{\"/a\": {{\"get\": {{\n  \"security\": [{{\"basic\": [\"a\", \"b\"], \"oauth\": [\"read\"]}}]\n}}}}}}}}"
        );
        assert_eq!(
            messages(&SecurityScopesNotEmpty, swagger(&text)),
            [
                "2:22 security requirement `key` lists 1 scope(s), but its scheme has type `apiKey`; expected `[]`",
                "4:26 security requirement `basic` lists 2 scope(s), but its scheme has type `basic`; expected `[]`",
            ]
        );
    }

    #[test]
    fn silent_on_empty_lists_oauth_scopes_and_unknown_schemes() {
        let text = format!(
            r#"{{{DEFS}, "security": [{{"key": [], "basic": [], "oauth": ["read", "write"], "other": ["x"]}}],
            "paths": {{"/a": {{"get": {{"security": [{{"key": null}}]}}}}}}}}"#
        );
        assert_silent(&SecurityScopesNotEmpty, swagger(&text));
    }
}
