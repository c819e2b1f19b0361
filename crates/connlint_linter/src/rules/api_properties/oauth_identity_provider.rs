use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports an `oAuthSettings` object (of any connection parameter or parameter set) whose
    /// `identityProvider` is missing or is not one that custom connectors may use: `oauth2`,
    /// `oauth2generic`, `aad`, `aadcertificate`, `facebook` or `DocuSign`. Case matters.
    ///
    /// ## Why is this bad?
    /// The identity provider decides how sign-in works; without a known one the connector
    /// cannot be created. The portal's first-party providers (GitHub, Google, ...) belong to
    /// Microsoft's own connectors and are not accepted in submissions.
    ///
    /// ## Severity
    /// The identity provider is a closed list
    /// (https://learn.microsoft.com/connectors/custom-connectors/connection-parameters);
    /// Microsoft's apiProperties validator fails the build on values outside its enums
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3097).
    ///
    /// ## Example
    /// ```json
    /// { "token": { "type": "oauthSetting", "oAuthSettings": { "identityProvider": "OAuth2" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "token": { "type": "oauthSetting", "oAuthSettings": { "identityProvider": "oauth2" } } }
    /// ```
    pub OauthIdentityProvider {
        id: "oauth-identity-provider",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "oAuthSettings has a missing or unknown identityProvider",
        visits: [Connector],
    }
}

/// Identity providers custom connectors use.
pub const IDENTITY_PROVIDERS: [&str; 6] = ["oauth2", "oauth2generic", "aad", "aadcertificate", "facebook", "DocuSign"];

impl Rule for OauthIdentityProvider {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let allowed = IDENTITY_PROVIDERS.map(|p| format!("`{p}`")).join(", ");
        for param in props.all_connection_parameters() {
            let Some(oauth) = &param.oauth_settings else { continue };
            match oauth.identity_provider {
                Some(p) if IDENTITY_PROVIDERS.contains(&p.value) => {}
                Some(p) => {
                    let hint = closest(p.value, IDENTITY_PROVIDERS).map(|k| format!("; did you mean `{k}`?")).unwrap_or_default();
                    cx.report(
                        props.file,
                        p.span,
                        format!("identity provider `{}` of `{}` is not one custom connectors can use{hint}", p.value, param.name()),
                    )
                    .help(format!("use one of {allowed} (case matters)"));
                }
                None if oauth.node.get("identityProvider").is_some() => {}
                None => {
                    let at = param.node.member("oAuthSettings").map_or(param.key.span, |m| m.key.span);
                    cx.report(props.file, at, format!("`oAuthSettings` of `{}` has no `identityProvider`", param.name()))
                        .help(format!("add `identityProvider`: one of {allowed}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_missing_and_unknown_providers() {
        let text = r#"{"properties": {"connectionParameters": {
  "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "OAuth2"}},
  "other": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "github"}},
  "third": {"type": "oauthSetting", "oAuthSettings": {"clientId": "x"}}
}}}"#;
        assert_eq!(
            messages(&OauthIdentityProvider, api_properties(text)),
            [
                "2:75 identity provider `OAuth2` of `token` is not one custom connectors can use; did you mean `oauth2`?",
                "3:75 identity provider `github` of `other` is not one custom connectors can use",
                "4:37 `oAuthSettings` of `third` has no `identityProvider`",
            ]
        );
    }

    #[test]
    fn silent_on_every_known_provider() {
        let params: Vec<String> = IDENTITY_PROVIDERS
            .iter()
            .enumerate()
            .map(|(i, p)| format!(r#""t{i}": {{"type": "oauthSetting", "oAuthSettings": {{"identityProvider": "{p}"}}}}"#))
            .collect();
        let text = format!(
            r#"{{"properties": {{"connectionParameters": {{{}, "bad": {{"oAuthSettings": {{"identityProvider": 1}}}}}}}}}}"#,
            params.join(", ")
        );
        assert_silent(&OauthIdentityProvider, api_properties(&text));
    }
}
