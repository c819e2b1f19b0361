//! apiProperties.json for a converted connector: connection parameters from its security
//! definitions, a placeholder brand colour, no invented values.

use super::build::{self, Object};
use crate::json::owned::Node;
use crate::source::Span;

/// apiProperties.json: the connection parameters of the first security scheme that the
/// document's `security` names (else the first defined), and a placeholder brand colour.
pub(super) fn api_properties_from_definitions(definitions: Option<&Node>, security: Option<&Node>, span: Span) -> Node {
    let schemes = definitions.and_then(Node::as_object).unwrap_or_default();
    let wanted: Option<(&str, Vec<String>)> = security.and_then(Node::as_array).and_then(|list| {
        list.iter().filter_map(Node::as_object).flatten().find(|m| schemes.iter().any(|s| s.key.text == m.key.text)).map(|m| {
            let scopes = m.value.as_array().unwrap_or_default().iter().filter_map(Node::as_str).map(str::to_string).collect();
            (&*m.key.text, scopes)
        })
    });
    let scheme = match &wanted {
        Some((name, _)) => schemes.iter().find(|s| &*s.key.text == *name),
        None => schemes.first(),
    };
    let mut parameters = Object::new(span);
    if let Some(scheme) = scheme {
        let s = &scheme.value;
        let at = s.span;
        match s.get("type").and_then(Node::as_str).unwrap_or_default() {
            "apiKey" => {
                let name = s.get("name").and_then(Node::as_str).unwrap_or("API key");
                parameters.put("api_key", connection_parameter(at, "securestring", name, &format!("The value sent as `{name}`"), true));
            }
            "basic" => {
                parameters
                    .put("username", connection_parameter(at, "securestring", "Username", "The user name for basic authentication", true));
                parameters
                    .put("password", connection_parameter(at, "securestring", "Password", "The password for basic authentication", true));
            }
            "oauth2" => {
                let mut settings = Object::new(at);
                settings.put("identityProvider", build::string(at, "oauth2"));
                settings.put("clientId", build::string(at, ""));
                let scopes: Vec<String> = match &wanted {
                    Some((_, scopes)) if !scopes.is_empty() => scopes.clone(),
                    _ => s.get("scopes").and_then(Node::as_object).unwrap_or_default().iter().map(|m| m.key.text.to_string()).collect(),
                };
                settings.put("scopes", build::strings(at, scopes.iter().map(String::as_str)));
                settings.put("redirectMode", build::string(at, "GlobalPerConnector"));
                settings.put("redirectUrl", build::string(at, "https://global.consent.azure-apim.net/redirect"));
                let mut properties = Object::new(at);
                properties.put("IsFirstParty", build::string(at, "False"));
                settings.put("properties", properties.build());
                let mut custom = Object::new(at);
                for (key, from) in [("authorizationUrl", "authorizationUrl"), ("tokenUrl", "tokenUrl"), ("refreshUrl", "tokenUrl")] {
                    if let Some(url) = s.get(from) {
                        let mut value = Object::new(url.span);
                        value.put("value", url.clone());
                        custom.put(key, value.build());
                    }
                }
                settings.put("customParameters", custom.build());
                let mut token = Object::new(at);
                token.put("type", build::string(at, "oauthSetting"));
                token.put("oAuthSettings", settings.build());
                parameters.put("token", token.build());
            }
            _ => {}
        }
    }
    let mut properties = Object::new(span);
    properties.put("connectionParameters", parameters.build());
    // The default colour of the custom connector wizard: the linter asks for the brand's own.
    properties.put("iconBrandColor", build::string(span, "#007ee5"));
    properties.put("capabilities", build::array(span, Vec::new()));
    let mut out = Object::new(span);
    out.put("properties", properties.build());
    out.build()
}

fn connection_parameter(span: Span, ty: &str, display_name: &str, description: &str, required: bool) -> Node {
    let mut constraints = Object::new(span);
    constraints.put("tabIndex", build::integer(span, 2));
    constraints.put("clearText", build::boolean(span, false));
    constraints.put("required", build::string(span, if required { "true" } else { "false" }));
    let mut ui = Object::new(span);
    ui.put("displayName", build::string(span, display_name));
    ui.put("description", build::string(span, description));
    ui.put("tooltip", build::string(span, description));
    ui.put("constraints", constraints.build());
    let mut parameter = Object::new(span);
    parameter.put("type", build::string(span, ty));
    parameter.put("uiDefinition", ui.build());
    parameter.build()
}
