use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Reports a key that a connection parameter (or its `uiDefinition`, `constraints` or
    /// `oAuthSettings`) does not take, with the key it most likely means. A parameter takes
    /// `type` and `uiDefinition`; a primitive one (`string`, `securestring`, `int`, `bool`) also
    /// `allowedValues`, `defaultValue` and `metadata`; an `oauthSetting` one `oAuthSettings`.
    /// `uiDefinition` takes `displayName`, `description`, `tooltip`, `tabIndex`, `constraints`
    /// and `schema`; `constraints` takes `required`, `hidden`, `clearText`, `tabIndex`,
    /// `capability`, `allowedValues` and `dependencies`.
    ///
    /// ## Why is this bad?
    /// A misspelt key (`oauthSettings`, `displayname`) is ignored, so the setting it carries is
    /// lost, and Microsoft's schema rejects the file.
    ///
    /// ## Example
    /// ```json
    /// { "token": { "type": "oauthSetting", "oauthSettings": { "identityProvider": "aad" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "token": { "type": "oauthSetting", "oAuthSettings": { "identityProvider": "aad" } } }
    /// ```
    pub ConnectionParameterUnknownKey {
        id: "connection-parameter-unknown-key",
        category: ApiProperties,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A connection parameter has a key its type does not take",
        visits: [Connector],
    }
}

const PRIMITIVE: &[&str] = &["type", "uiDefinition", "allowedValues", "defaultValue", "metadata"];
const OAUTH: &[&str] = &["type", "uiDefinition", "oAuthSettings"];
const GATEWAY: &[&str] = &["type", "uiDefinition"];
const UI: &[&str] = &["displayName", "description", "tooltip", "tabIndex", "constraints", "schema"];
const CONSTRAINTS: &[&str] = &["required", "hidden", "clearText", "tabIndex", "capability", "allowedValues", "dependencies"];
const OAUTH_SETTINGS: &[&str] = &[
    "identityProvider",
    "clientId",
    "ClientId",
    "clientSecret",
    "ClientSecret",
    "scopes",
    "redirectMode",
    "redirectUrl",
    "properties",
    "customParameters",
    "additionalParameters",
];

fn check(cx: &mut Context<'_, '_>, file: connlint_core::FileId, node: &Node, allowed: &[&str], what: &str) {
    for member in node.as_object().unwrap_or_default() {
        let key = &*member.key.text;
        if allowed.contains(&key) {
            continue;
        }
        let message = match closest(key, allowed.iter().copied()) {
            Some(near) => format!("{what} takes no key `{key}`; did you mean `{near}`?"),
            None => format!("{what} takes no key `{key}`"),
        };
        cx.report(file, member.key.span, message)
            .help(format!("use only {}", allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")));
    }
}

impl Rule for ConnectionParameterUnknownKey {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for param in props.all_connection_parameters() {
            let name = param.name();
            let allowed = match param.ty.map(|t| t.value) {
                Some("oauthSetting") => OAUTH,
                Some("gatewaySetting") => GATEWAY,
                Some("string" | "securestring" | "int" | "bool") => PRIMITIVE,
                // Unknown or missing types are connection-parameter-type's.
                _ => continue,
            };
            check(cx, props.file, param.node, allowed, &format!("connection parameter `{name}`"));
            if let Some(ui) = &param.ui_definition {
                check(cx, props.file, ui.node, UI, &format!("`uiDefinition` of `{name}`"));
                if let Some(c) = ui.constraints {
                    check(cx, props.file, c, CONSTRAINTS, &format!("`constraints` of `{name}`"));
                }
            }
            if let Some(o) = &param.oauth_settings {
                check(cx, props.file, o.node, OAUTH_SETTINGS, &format!("`oAuthSettings` of `{name}`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_keys_the_type_does_not_take() {
        let text = r#"{"properties": {"connectionParameters": {
  "token": {"type": "oauthSetting", "oauthSettings": {}, "defaultValue": "x"},
  "key": {"type": "securestring", "uiDefinition": {"displayname": "Key", "constraints": {"requried": "true"}}},
  "gw": {"type": "gatewaySetting", "gatewaySettings": {}},
  "t2": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad", "redirectURL": "x"}}
}}}"#;
        assert_eq!(
            messages(&ConnectionParameterUnknownKey, api_properties(text)),
            [
                "2:37 connection parameter `token` takes no key `oauthSettings`; did you mean `oAuthSettings`?",
                "2:58 connection parameter `token` takes no key `defaultValue`",
                "3:52 `uiDefinition` of `key` takes no key `displayname`; did you mean `displayName`?",
                "3:90 `constraints` of `key` takes no key `requried`; did you mean `required`?",
                "4:36 connection parameter `gw` takes no key `gatewaySettings`",
                "5:79 `oAuthSettings` of `t2` takes no key `redirectURL`; did you mean `redirectUrl`?",
            ]
        );
    }

    #[test]
    fn silent_on_documented_keys_and_unknown_types() {
        let text = r#"{"properties": {"connectionParameters": {
  "token": {"type": "oauthSetting", "uiDefinition": {"displayName": "Login"}, "oAuthSettings": {"identityProvider": "aad", "ClientId": "x",
    "clientSecret": null, "scopes": [], "redirectMode": "Global", "redirectUrl": "https://x", "properties": {}, "customParameters": {}}},
  "token:TenantId": {"type": "string", "metadata": {}, "uiDefinition": {"displayName": "Tenant", "description": "d", "tooltip": "t", "tabIndex": 1,
    "schema": {}, "constraints": {"required": "false", "hidden": "true", "clearText": false, "tabIndex": 1, "capability": [], "allowedValues": [], "dependencies": {}}}},
  "region": {"type": "string", "allowedValues": [], "defaultValue": "eu"},
  "odd": {"type": "password", "whatever": 1}}}}"#;
        assert_silent(&ConnectionParameterUnknownKey, api_properties(text));
    }
}
