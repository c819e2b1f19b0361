use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports a scope listed in a security requirement for an `oauth2` scheme when that
    /// scheme's `scopes` object does not declare it (names compared exactly).
    ///
    /// ## Why is this bad?
    /// An OAuth requirement may only ask for scopes its scheme offers; an undeclared one is
    /// usually a typo, and Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// An OAuth requirement listing a scope its scheme does not declare is refused as
    /// `OAuthSecurityRequirementValueMustBeScopeName`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "securityDefinitions": { "oauth": { "type": "oauth2", "scopes": { "tasks.read": "Read tasks" } } },
    ///   "security": [ { "oauth": [ "task.read" ] } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "oauth": { "type": "oauth2", "scopes": { "tasks.read": "Read tasks" } } },
    ///   "security": [ { "oauth": [ "tasks.read" ] } ] }
    /// ```
    pub OauthScopeUndeclared {
        id: "oauth-scope-undeclared",
        category: Security,
        severity: Error,
        profile: Base,
        ms_names: ["OAuthSecurityRequirementValueMustBeScopeName"],
        summary: "An OAuth security requirement lists a scope its scheme does not declare",
        visits: [Connector],
    }
}

impl Rule for OauthScopeUndeclared {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for req in swagger.security_requirements() {
            let Some(scheme) = swagger.security_definitions.iter().find(|s| *s.key.text == *req.key.text) else { continue };
            if scheme.ty.is_none_or(|t| t.value != "oauth2") {
                continue;
            }
            let declared: Vec<&str> = scheme.scopes.map(|s| members(s).iter().map(|m| &*m.key.text).collect()).unwrap_or_default();
            for scope in req.value.as_array().unwrap_or_default() {
                let Some(name) = scope.as_str() else { continue };
                if declared.contains(&name) {
                    continue;
                }
                let help = match closest(name, declared.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("declare `{name}` in the `scopes` of `{}`, or remove it", req.key.text),
                };
                cx.report_swagger(scope.span, format!("scope `{name}` is not declared by the OAuth scheme `{}`", req.key.text)).help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_undeclared_scopes() {
        let text = "{\"securityDefinitions\": {\"oauth\": {\"type\": \"oauth2\", \"scopes\": {\"tasks.read\": \"Read\"}}},\n\"security\": [{\"oauth\": [\"tasks.read\", \"task.read\"]}]}";
        let found = run(&OauthScopeUndeclared, swagger(text));
        assert_eq!(messages(&OauthScopeUndeclared, swagger(text)), ["2:39 scope `task.read` is not declared by the OAuth scheme `oauth`"]);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `tasks.read`?"));
        let text = "{\"securityDefinitions\": {\"oauth\": {\"type\": \"oauth2\"}},\n\"paths\": {\"/a\": {\"get\": {\"security\": [{\"oauth\": [\"x\"]}]}}}}";
        assert_eq!(positions(&OauthScopeUndeclared, swagger(text)), ["apiDefinition.swagger.json:2:50"]);
    }

    #[test]
    fn silent_on_declared_scopes_and_other_schemes() {
        let text = r#"{"securityDefinitions": {"oauth": {"type": "oauth2", "scopes": {"a": "A"}}, "key": {"type": "apiKey"}},
            "security": [{"oauth": ["a", 5]}, {"key": ["x"]}, {"unknown": ["y"]}]}"#;
        assert_silent(&OauthScopeUndeclared, swagger(text));
    }
}
