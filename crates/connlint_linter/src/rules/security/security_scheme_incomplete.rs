use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::model::swagger::SecurityScheme;
use connlint_core::model::Str;

declare_rule! {
    /// ## What it does
    /// Reports a `securityDefinitions` entry that lacks a field its `type` or `flow` needs:
    /// `apiKey` needs `name` and `in` (`header` or `query`); `oauth2` needs a `flow`; the
    /// `implicit` flow needs `authorizationUrl`, `password` and `application` need `tokenUrl`,
    /// and `accessCode` needs both. A `type` other than `basic`, `apiKey` or `oauth2`, or an
    /// unknown `flow`, is reported too.
    ///
    /// ## Why is this bad?
    /// Without these fields the platform cannot tell where to send the key or how to obtain a
    /// token, so connections cannot be created. Microsoft's Swagger Validator rejects the file.
    ///
    /// ## Severity
    /// A security definition missing what its type needs (`name` and `in` for apiKey, the URLs for
    /// an OAuth flow) is refused as `SecuritySchemePropertyRequired`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "name": "X-API-Key" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "securityDefinitions": { "api_key": { "type": "apiKey", "name": "X-API-Key", "in": "header" } } }
    /// ```
    pub SecuritySchemeIncomplete {
        id: "security-scheme-incomplete",
        category: Security,
        severity: Error,
        profile: Base,
        ms_names: ["SecuritySchemePropertyRequired"],
        summary: "A security scheme lacks a field its type or flow requires",
        visits: [Connector],
    }
}

const TYPES: [&str; 3] = ["basic", "apiKey", "oauth2"];
const FLOWS: [&str; 4] = ["implicit", "password", "application", "accessCode"];
const LOCATIONS: [&str; 2] = ["header", "query"];

/// `` `a` `` or `` `a` and `b` ``.
fn join(fields: &[&str]) -> String {
    fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" and ")
}

fn did_you_mean(value: &str, candidates: &[&'static str]) -> String {
    match closest(value, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("use one of {}", candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")),
    }
}

impl SecuritySchemeIncomplete {
    fn missing(cx: &mut Context<'_, '_>, scheme: &SecurityScheme<'_>, what: &str, fields: &[&str], help: String) {
        let name = &scheme.key.text;
        cx.report_swagger(scheme.key.span, format!("security scheme `{name}` ({what}) has no {}", join(fields))).help(help);
    }

    fn bad_value(cx: &mut Context<'_, '_>, scheme: &SecurityScheme<'_>, field: &str, value: Str<'_>, candidates: &[&'static str]) {
        let expected = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        cx.report_swagger(
            value.span,
            format!("security scheme `{}` has `{field}` `{}`; expected one of {expected}", scheme.key.text, value.value),
        )
        .help(did_you_mean(value.value, candidates));
    }
}

impl Rule for SecuritySchemeIncomplete {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for scheme in &swagger.security_definitions {
            let Some(ty) = scheme.ty else {
                // A `type` of the wrong JSON type is reported by `json-type-incorrect`.
                if scheme.node.get("type").is_none() {
                    Self::missing(cx, scheme, "no type", &["type"], "add `\"type\"`: `basic`, `apiKey` or `oauth2`".to_string());
                }
                continue;
            };
            match ty.value {
                "basic" => {}
                "apiKey" => {
                    let mut absent = Vec::new();
                    if scheme.name.is_none() && scheme.node.get("name").is_none() {
                        absent.push("name");
                    }
                    if scheme.location.is_none() && scheme.node.get("in").is_none() {
                        absent.push("in");
                    }
                    if !absent.is_empty() {
                        let help = "add the header or query parameter `name` of the key and `\"in\": \"header\"` or `\"in\": \"query\"`";
                        Self::missing(cx, scheme, "type `apiKey`", &absent, help.to_string());
                    }
                    if let Some(location) = scheme.location.filter(|l| !LOCATIONS.contains(&l.value)) {
                        Self::bad_value(cx, scheme, "in", location, &LOCATIONS);
                    }
                }
                "oauth2" => {
                    let Some(flow) = scheme.flow else {
                        if scheme.node.get("flow").is_none() {
                            let help = "add `\"flow\"`; most connectors use `accessCode` with `authorizationUrl` and `tokenUrl`";
                            Self::missing(cx, scheme, "type `oauth2`", &["flow"], help.to_string());
                        }
                        continue;
                    };
                    let needs: &[&str] = match flow.value {
                        "implicit" => &["authorizationUrl"],
                        "password" | "application" => &["tokenUrl"],
                        "accessCode" => &["authorizationUrl", "tokenUrl"],
                        _ => {
                            Self::bad_value(cx, scheme, "flow", flow, &FLOWS);
                            continue;
                        }
                    };
                    let absent: Vec<&str> = needs.iter().copied().filter(|f| scheme.node.get(f).is_none()).collect();
                    if !absent.is_empty() {
                        let help = format!("add {} (the identity provider's endpoint URLs)", join(&absent));
                        Self::missing(cx, scheme, &format!("oauth2 flow `{}`", flow.value), &absent, help);
                    }
                }
                _ => Self::bad_value(cx, scheme, "type", ty, &TYPES),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn check(defs: &str) -> Vec<String> {
        messages(&SecuritySchemeIncomplete, swagger(&format!("{{\"securityDefinitions\": {{\n{defs}\n}}}}")))
    }

    #[test]
    fn fires_on_api_keys_without_name_or_location() {
        assert_eq!(
            check("\"k1\": {\"type\": \"apiKey\"},\n  \"k2\": {\"type\": \"apiKey\", \"name\": \"X-Key\", \"in\": \"cookie\"},\n\"k3\": {\"type\": \"apiKey\", \"in\": \"header\"}"),
            [
                "2:1 security scheme `k1` (type `apiKey`) has no `name` and `in`",
                "3:51 security scheme `k2` has `in` `cookie`; expected one of `header`, `query`",
                "4:1 security scheme `k3` (type `apiKey`) has no `name`",
            ]
        );
    }

    #[test]
    fn fires_on_oauth_flows_missing_urls() {
        assert_eq!(
            check(
                "\"a\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"tokenUrl\": \"https://t\"},\n\"b\": {\"type\": \"oauth2\", \"flow\": \"accessCode\"},\n\"c\": {\"type\": \"oauth2\", \"flow\": \"implicit\", \"tokenUrl\": \"https://t\"},\n\"d\": {\"type\": \"oauth2\", \"flow\": \"password\"},\n\"e\": {\"type\": \"oauth2\", \"flow\": \"application\", \"authorizationUrl\": \"https://a\"},\n\"f\": {\"type\": \"oauth2\", \"scopes\": {}}"
            ),
            [
                "2:1 security scheme `a` (oauth2 flow `accessCode`) has no `authorizationUrl`",
                "3:1 security scheme `b` (oauth2 flow `accessCode`) has no `authorizationUrl` and `tokenUrl`",
                "4:1 security scheme `c` (oauth2 flow `implicit`) has no `authorizationUrl`",
                "5:1 security scheme `d` (oauth2 flow `password`) has no `tokenUrl`",
                "6:1 security scheme `e` (oauth2 flow `application`) has no `tokenUrl`",
                "7:1 security scheme `f` (type `oauth2`) has no `flow`",
            ]
        );
    }

    #[test]
    fn fires_on_unknown_types_and_flows() {
        let text = "{\"securityDefinitions\": {\n\"a\": {\"type\": \"ApiKey\", \"name\": \"k\", \"in\": \"header\"},\n\"b\": {\"type\": \"oauth2\", \"flow\": \"authorizationCode\"},\n\"c\": {\"name\": \"k\"}}}";
        let found = run(&SecuritySchemeIncomplete, swagger(text));
        assert_eq!(
            messages(&SecuritySchemeIncomplete, swagger(text)),
            [
                "2:15 security scheme `a` has `type` `ApiKey`; expected one of `basic`, `apiKey`, `oauth2`",
                "3:33 security scheme `b` has `flow` `authorizationCode`; expected one of `implicit`, `password`, `application`, `accessCode`",
                "4:1 security scheme `c` (no type) has no `type`",
            ]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `apiKey`?"));
    }

    #[test]
    fn silent_on_complete_schemes() {
        let defs = r#""basic": {"type": "basic"},
            "header": {"type": "apiKey", "name": "X-Key", "in": "header"},
            "query": {"type": "apiKey", "name": "key", "in": "query"},
            "code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}},
            "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a"},
            "password": {"type": "oauth2", "flow": "password", "tokenUrl": "https://t"},
            "app": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t"},
            "wrong_json_type": {"type": 5},
            "wrong_flow_type": {"type": "oauth2", "flow": ["accessCode"]}"#;
        assert!(check(defs).is_empty(), "{:#?}", check(defs));
        assert_silent(&SecuritySchemeIncomplete, swagger(r#"{"securityDefinitions": []}"#));
    }
}
