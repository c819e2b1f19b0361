use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a key of a `securityDefinitions` entry that its `type` (and, for `oauth2`, its
    /// `flow`) does not use: for example `flow` or `tokenUrl` on an `apiKey` scheme, `name` on
    /// an `oauth2` scheme, or `authorizationUrl` with the `password` flow. `type` and
    /// `description` are valid everywhere, and `x-` extensions are left alone. Unknown types and
    /// flows are reported by `security-scheme-incomplete`.
    ///
    /// ## Why is this bad?
    /// A field the scheme does not use is ignored, which usually means the scheme is not the
    /// one the author meant (an OAuth URL on an API key scheme). Microsoft's validator rejects
    /// it.
    ///
    /// ## Severity
    /// A property that does not belong to the scheme's type or flow is refused as
    /// `SecuritySchemePropertyNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "securityDefinitions": { "key": { "type": "apiKey", "name": "X-Key", "in": "header", "flow": "implicit" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "key": { "type": "apiKey", "name": "X-Key", "in": "header" } } }
    /// ```
    pub SecuritySchemePropertyInvalid {
        id: "security-scheme-property-invalid",
        category: Security,
        severity: Error,
        profile: Base,
        ms_names: ["SecuritySchemePropertyNotValid"],
        summary: "A security scheme has a field its type or flow does not use",
        visits: [Connector],
    }
}

/// The keys a scheme of this type and flow may have besides `type` and `description`.
fn allowed(ty: &str, flow: Option<&str>) -> Option<&'static [&'static str]> {
    Some(match (ty, flow) {
        ("basic", _) => &[],
        ("apiKey", _) => &["name", "in"],
        ("oauth2", Some("implicit")) => &["flow", "authorizationUrl", "scopes"],
        ("oauth2", Some("password" | "application")) => &["flow", "tokenUrl", "scopes"],
        ("oauth2", Some("accessCode")) => &["flow", "authorizationUrl", "tokenUrl", "scopes"],
        ("oauth2", None) => &["flow", "authorizationUrl", "tokenUrl", "scopes"],
        _ => return None,
    })
}

impl Rule for SecuritySchemePropertyInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for scheme in &swagger.security_definitions {
            let Some(ty) = scheme.ty else { continue };
            let Some(keys) = allowed(ty.value, scheme.flow.map(|f| f.value)) else { continue };
            let what = match scheme.flow.filter(|_| ty.value == "oauth2") {
                Some(flow) => format!("oauth2 flow `{}`", flow.value),
                None => format!("type `{}`", ty.value),
            };
            for m in scheme.node.as_object().unwrap_or_default() {
                let key = &*m.key.text;
                if key == "type" || key == "description" || key.starts_with("x-") || keys.contains(&key) {
                    continue;
                }
                let help = if keys.is_empty() {
                    "remove it; a `basic` scheme takes no other fields".to_string()
                } else {
                    format!("remove it; a scheme of {what} uses {}", keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                };
                cx.report_swagger(m.key.span, format!("security scheme `{}` ({what}) does not use `{key}`", scheme.key.text)).help(help);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_fields_of_other_types_and_flows() {
        let text = "{\"securityDefinitions\": {\n\"k\": {\"type\": \"apiKey\", \"name\": \"X\", \"in\": \"header\", \"flow\": \"implicit\"},\n\"o\": {\"type\": \"oauth2\", \"flow\": \"password\", \"tokenUrl\": \"https://t\", \"authorizationUrl\": \"https://a\"},\n\"b\": {\"type\": \"basic\", \"name\": \"u\"}}}";
        assert_eq!(
            messages(&SecuritySchemePropertyInvalid, swagger(text)),
            [
                "2:54 security scheme `k` (type `apiKey`) does not use `flow`",
                "3:70 security scheme `o` (oauth2 flow `password`) does not use `authorizationUrl`",
                "4:24 security scheme `b` (type `basic`) does not use `name`",
            ]
        );
    }

    #[test]
    fn silent_on_valid_schemes_and_unknown_types() {
        let text = r#"{"securityDefinitions": {
            "k": {"type": "apiKey", "name": "X", "in": "query", "description": "d", "x-ms-foo": 1},
            "o": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "a", "tokenUrl": "t", "scopes": {}},
            "i": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "a", "scopes": {}},
            "u": {"type": "custom", "anything": 1},
            "f": {"type": "oauth2", "flow": "weird", "name": 1}}}"#;
        assert_silent(&SecuritySchemePropertyInvalid, swagger(text));
    }
}
