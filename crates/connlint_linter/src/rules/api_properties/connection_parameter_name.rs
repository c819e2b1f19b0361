use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a connection parameter (in `connectionParameters` or in any
    /// `connectionParameterSets` value) whose name is not made of letters, digits and `_`.
    /// The one other form allowed is an OAuth sub-parameter `name:sub` (both parts letters,
    /// digits and `_`), such as `token:clientId`; of those, only `token:TenantId` may use the
    /// sub-name `TenantId`.
    ///
    /// ## Why is this bad?
    /// apiProperties.json's schema rejects other names, so the connector cannot be created or
    /// certified. Policies refer to parameters by name (`@connectionParameters('api_key')`),
    /// so a rename must update them too.
    ///
    /// ## Severity
    /// Microsoft's apiProperties validator checks the file against its schema and fails the build
    /// on `level=Error` findings (https://github.com/microsoft/PowerPlatformConnectors/pull/3097);
    /// the schema only admits names of letters, digits and `_`, plus the `token:` sub-parameters.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "connectionParameters": { "API Key": { "type": "securestring" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "connectionParameters": { "api_key": { "type": "securestring" } } } }
    /// ```
    pub ConnectionParameterName {
        id: "connection-parameter-name",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connection parameter name has characters other than letters, digits and `_`",
        visits: [Connector],
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn sanitize(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

impl Rule for ConnectionParameterName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for param in props.all_connection_parameters() {
            let name = param.name();
            if is_word(name) || name == "token:TenantId" {
                continue;
            }
            match name.split_once(':') {
                Some((prefix, "TenantId")) if is_word(prefix) => {
                    cx.report(
                        props.file,
                        param.key.span,
                        format!("connection parameter `{name}`: only `token:TenantId` may end in `:TenantId`"),
                    )
                    .help("name the tenant parameter `token:TenantId`, or give this parameter another sub-name");
                }
                Some((prefix, sub)) if is_word(prefix) && is_word(sub) => {}
                split => {
                    let suggestion = match split {
                        Some((prefix, sub)) => format!("{}:{}", sanitize(prefix), sanitize(sub)),
                        None => sanitize(name),
                    };
                    let rename = if suggestion.trim_matches([':', '_']).is_empty() {
                        "rename it".to_string()
                    } else {
                        format!("rename it to `{suggestion}`")
                    };
                    cx.report(
                        props.file,
                        param.key.span,
                        format!("connection parameter name `{name}` may hold only letters, digits and `_`"),
                    )
                    .help(format!("{rename}, and update every `@connectionParameters('{name}')` that refers to it"));
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
    fn reports_names_with_other_characters() {
        let text = r#"{"properties": {"connectionParameters": {
  "API Key": {"type": "securestring"},
  "contentgate-DnsName": {"type": "string"},
  "token:client-id": {"type": "string"},
  "": {"type": "string"}
}}}"#;
        assert_eq!(
            messages(&ConnectionParameterName, api_properties(text)),
            [
                "2:3 connection parameter name `API Key` may hold only letters, digits and `_`",
                "3:3 connection parameter name `contentgate-DnsName` may hold only letters, digits and `_`",
                "4:3 connection parameter name `token:client-id` may hold only letters, digits and `_`",
                "5:3 connection parameter name `` may hold only letters, digits and `_`",
            ]
        );
        let found = run(&ConnectionParameterName, api_properties(text));
        assert_eq!(
            found[0].help.as_deref(),
            Some("rename it to `API_Key`, and update every `@connectionParameters('API Key')` that refers to it")
        );
        assert_eq!(found[2].help.as_deref().unwrap().split(',').next(), Some("rename it to `token:client_id`"));
    }

    #[test]
    fn only_token_may_have_a_tenant_id_sub_parameter() {
        let text = r#"{"properties": {"connectionParameterSets": {"values": [{"name": "aad", "parameters": {
  "token": {"type": "oauthSetting"},
  "token:TenantId": {"type": "string"},
  "auth:TenantId": {"type": "string"}
}}]}}}"#;
        assert_eq!(
            messages(&ConnectionParameterName, api_properties(text)),
            ["4:3 connection parameter `auth:TenantId`: only `token:TenantId` may end in `:TenantId`"]
        );
    }

    #[test]
    fn silent_on_valid_names_and_sub_parameters() {
        let text = r#"{"properties": {"connectionParameters": {
            "api_key": {"type": "securestring"}, "Region2": {"type": "string"}, "token": {"type": "oauthSetting"},
            "token:clientId": {"type": "string"}, "token:TenantId": {"type": "string"}, "token:tenantId": {"type": "string"}}}}"#;
        assert_silent(&ConnectionParameterName, api_properties(text));
    }
}
