use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a `security` requirement, at the top level or on an operation, that names a scheme
    /// not declared in `securityDefinitions`.
    ///
    /// ## Why is this bad?
    /// A requirement refers to a scheme by its `securityDefinitions` key. An unknown name means
    /// the connection cannot be set up as intended, and Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// A `security` entry naming a scheme that `securityDefinitions` does not declare is refused as
    /// `SecurityRequirementMustBeDefined`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    /// Connectors merged long ago may carry it, but the pipeline checks a swagger again whenever a
    /// pull request changes it, so a new edit has to fix it.
    ///
    /// ## Example
    /// ```json
    /// { "securityDefinitions": { "oauth2_auth": { "type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.contoso.com/authorize", "tokenUrl": "https://login.contoso.com/token", "scopes": {} } },
    ///   "security": [ { "oauth2": [] } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "oauth2_auth": { "type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://login.contoso.com/authorize", "tokenUrl": "https://login.contoso.com/token", "scopes": {} } },
    ///   "security": [ { "oauth2_auth": [] } ] }
    /// ```
    pub SecurityRequirementUndefined {
        id: "security-requirement-undefined",
        category: Security,
        severity: Error,
        profile: Base,
        ms_names: ["SecurityRequirementMustBeDefined"],
        summary: "A security requirement names a scheme missing from securityDefinitions",
        visits: [Connector],
    }
}

impl Rule for SecurityRequirementUndefined {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let defined: Vec<&str> = swagger.security_definitions.iter().map(|s| &*s.key.text).collect();
        for req in swagger.security_requirements() {
            let name = &*req.key.text;
            if defined.contains(&name) {
                continue;
            }
            let help = match closest(name, defined.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if defined.is_empty() => "declare the scheme under `securityDefinitions`, or remove the requirement".to_string(),
                None => {
                    format!("use one of the declared schemes: {}", defined.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", "))
                }
            };
            cx.report_swagger(req.key.span, format!("security requirement `{name}` is not declared in `securityDefinitions`")).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const DEFS: &str = r#""securityDefinitions": {"oauth2_auth": {"type": "oauth2"}, "api_key": {"type": "apiKey"}}"#;

    #[test]
    fn fires_at_top_level_and_on_operations() {
        let text = format!(
            "{{{DEFS},\n\"security\": [{{\"oauth_auth\": []}}],\n\"paths\": {{\"/a\": {{\"get\": {{\n  \"security\": [{{\"api_key\": []}}, {{\"basic\": [], \"oauth2_auth\": []}}]\n}}}}}}}}"
        );
        let found = run(&SecurityRequirementUndefined, swagger(&text));
        assert_eq!(
            messages(&SecurityRequirementUndefined, swagger(&text)),
            [
                "2:15 security requirement `oauth_auth` is not declared in `securityDefinitions`",
                "4:34 security requirement `basic` is not declared in `securityDefinitions`",
            ]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `oauth2_auth`?"));
        assert_eq!(found[1].help.as_deref(), Some("use one of the declared schemes: `oauth2_auth`, `api_key`"));
    }

    #[test]
    fn fires_when_nothing_is_declared() {
        let text = "{\n\"security\": [{\"basic\": []}]}";
        assert_eq!(positions(&SecurityRequirementUndefined, swagger(text)), ["apiDefinition.swagger.json:2:15"]);
    }

    #[test]
    fn silent_when_every_requirement_is_declared() {
        let text = format!(
            r#"{{{DEFS}, "security": [{{"oauth2_auth": []}}, {{}}], "paths": {{"/a": {{"get": {{"security": []}}, "post": {{"security": [{{"api_key": []}}]}}}}}}}}"#
        );
        assert_silent(&SecurityRequirementUndefined, swagger(&text));
        assert_silent(
            &SecurityRequirementUndefined,
            swagger(r#"{"security": {"basic": []}, "paths": {"/a": {"x-security": [{"nope": []}]}}}"#),
        );
    }
}
