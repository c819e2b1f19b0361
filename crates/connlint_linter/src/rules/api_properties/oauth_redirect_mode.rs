use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `oAuthSettings.redirectMode` that is not `Global`, `Direct` or
    /// `GlobalPerConnector` (case matters, so `global` is reported too).
    ///
    /// ## Why is this bad?
    /// The redirect mode decides which redirect URL the OAuth app must allow. An unknown
    /// value is rejected by Microsoft's apiProperties validator. New submissions are asked to
    /// use `GlobalPerConnector`, which gives each connector its own redirect URL.
    ///
    /// ## Severity
    /// Microsoft's apiProperties validator checks `redirectMode` against its enum and reports other
    /// values as `level=Error`, which fails the pull request
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3097).
    ///
    /// ## Example
    /// ```json
    /// { "oAuthSettings": { "identityProvider": "oauth2", "redirectMode": "global" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "oAuthSettings": { "identityProvider": "oauth2", "redirectMode": "GlobalPerConnector" } }
    /// ```
    pub OauthRedirectMode {
        id: "oauth-redirect-mode",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "oAuthSettings.redirectMode is not Global, Direct or GlobalPerConnector",
        visits: [Connector],
    }
}

const MODES: [&str; 3] = ["Global", "Direct", "GlobalPerConnector"];

impl Rule for OauthRedirectMode {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for param in props.all_connection_parameters() {
            let Some(mode) = param.oauth_settings.as_ref().and_then(|o| o.redirect_mode) else { continue };
            if MODES.contains(&mode.value) {
                continue;
            }
            let hint =
                MODES.iter().find(|m| m.eq_ignore_ascii_case(mode.value)).map(|m| format!("; did you mean `{m}`?")).unwrap_or_default();
            cx.report(
                props.file,
                mode.span,
                format!("redirect mode `{}` of `{}` is not `Global`, `Direct` or `GlobalPerConnector`{hint}", mode.value, param.name()),
            )
            .help("use `GlobalPerConnector` for new connectors (case matters)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_unknown_and_miscased_modes() {
        let text = r#"{"properties": {"connectionParameters": {
  "token": {"type": "oauthSetting", "oAuthSettings": {"redirectMode": "global"}}
}, "connectionParameterSets": {"values": [{"name": "a", "parameters": {
  "token": {"type": "oauthSetting", "oAuthSettings": {"redirectMode": "PerConnector"}}}}]}}}"#;
        assert_eq!(
            messages(&OauthRedirectMode, api_properties(text)),
            [
                "2:71 redirect mode `global` of `token` is not `Global`, `Direct` or `GlobalPerConnector`; did you mean `Global`?",
                "4:71 redirect mode `PerConnector` of `token` is not `Global`, `Direct` or `GlobalPerConnector`",
            ]
        );
    }

    #[test]
    fn silent_on_the_three_modes() {
        let text = r#"{"properties": {"connectionParameters": {
  "a": {"oAuthSettings": {"redirectMode": "Global"}}, "b": {"oAuthSettings": {"redirectMode": "Direct"}},
  "c": {"oAuthSettings": {"redirectMode": "GlobalPerConnector"}}, "d": {"oAuthSettings": {}}}}}"#;
        assert_silent(&OauthRedirectMode, api_properties(text));
    }
}
