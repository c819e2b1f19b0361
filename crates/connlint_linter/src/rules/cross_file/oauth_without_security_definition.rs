use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an OAuth connection parameter (`type: oauthSetting` with an
    /// `oAuthSettings.identityProvider`) in apiProperties.json when the swagger's
    /// `securityDefinitions` has no scheme of `type: oauth2`.
    ///
    /// ## Why is this bad?
    /// The two files describe the same authentication. When the swagger does not declare OAuth,
    /// tools that read only the swagger (the import wizard, SDK generators, Microsoft's
    /// validator) see a connector without sign-in, and the two files drift apart on updates.
    ///
    /// ## Example
    /// apiProperties.json:
    /// ```json
    /// { "properties": { "connectionParameters": { "token": { "type": "oauthSetting", "oAuthSettings": { "identityProvider": "aad" } } } } }
    /// ```
    /// with a swagger that declares only an API key:
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "in": "header", "name": "X-Key" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "oauth2_auth": { "type": "oauth2", "flow": "accessCode",
    ///   "authorizationUrl": "https://login.windows.net/common/oauth2/authorize",
    ///   "tokenUrl": "https://login.windows.net/common/oauth2/authorize", "scopes": {} } } }
    /// ```
    pub OauthWithoutSecurityDefinition {
        id: "oauth-without-security-definition",
        category: CrossFile,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An OAuth connection parameter has no oauth2 security definition in the swagger",
        visits: [Connector],
    }
}

impl Rule for OauthWithoutSecurityDefinition {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let (Some(swagger), Some(props)) = (cx.swagger(), cx.api_properties()) else { return };
        if swagger.security_definitions.iter().any(|s| s.ty.is_some_and(|t| t.value == "oauth2")) {
            return;
        }
        for param in props.all_connection_parameters() {
            if param.ty.is_none_or(|t| t.value != "oauthSetting") {
                continue;
            }
            let Some(provider) = param.oauth_settings.as_ref().and_then(|o| o.identity_provider) else { continue };
            let message = format!(
                "connection parameter `{}` signs in with OAuth (`{}`), but the swagger has no `oauth2` security definition",
                param.name(),
                provider.value
            );
            cx.report(props.file, provider.span, message)
                .help("declare an `oauth2` scheme (flow, authorizationUrl, tokenUrl, scopes) in the swagger's securityDefinitions");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const PROPS: &str = r#"{"properties": {"connectionParameters": {
  "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad", "clientId": "x"}}
}}}"#;

    #[test]
    fn reports_at_the_identity_provider() {
        let api_key = r#"{"securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}}"#;
        assert_eq!(
            messages(&OauthWithoutSecurityDefinition, swagger(api_key).with_api_properties(PROPS)),
            ["2:75 connection parameter `token` signs in with OAuth (`aad`), but the swagger has no `oauth2` security definition"]
        );
        assert_eq!(positions(&OauthWithoutSecurityDefinition, swagger("{}").with_api_properties(PROPS)), ["apiProperties.json:2:75"]);
    }

    #[test]
    fn checks_parameter_sets() {
        let props = r#"{"properties": {"connectionParameterSets": {"values": [
  {"name": "key", "parameters": {"api_key": {"type": "securestring"}}},
  {"name": "oauth", "parameters": {"token": {"type": "oauthSetting", "oAuthSettings": {
    "identityProvider": "oauth2"}}}}
]}}}"#;
        assert_eq!(positions(&OauthWithoutSecurityDefinition, swagger("{}").with_api_properties(props)), ["apiProperties.json:4:25"]);
    }

    #[test]
    fn silent_with_an_oauth2_scheme() {
        let oauth = r#"{"securityDefinitions": {"oauth2_auth": {"type": "oauth2", "flow": "accessCode"}}}"#;
        assert_silent(&OauthWithoutSecurityDefinition, swagger(oauth).with_api_properties(PROPS));
    }

    #[test]
    fn silent_without_oauth_parameters_or_without_a_swagger() {
        let props = r#"{"properties": {"connectionParameters": {"api_key": {"type": "securestring"},
            "token": {"type": "oauthSetting"}, "other": {"type": "string", "oAuthSettings": {"identityProvider": "aad"}}}}}"#;
        assert_silent(&OauthWithoutSecurityDefinition, swagger("{}").with_api_properties(props));
        assert_silent(&OauthWithoutSecurityDefinition, api_properties(PROPS));
    }
}
