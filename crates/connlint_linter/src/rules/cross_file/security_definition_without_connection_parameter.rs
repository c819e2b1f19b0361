use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Compares the swagger's `securityDefinitions` with apiProperties.json's connection
    /// parameters: an `oauth2` scheme needs an `oauthSetting` parameter, an `apiKey` scheme a
    /// `securestring` parameter, and a `basic` scheme a `username`/`password` pair (two
    /// parameters, the password a `securestring`). Parameter sets are searched too. Only
    /// checked when apiProperties.json defines connection parameters.
    ///
    /// ## Why is this bad?
    /// The connection dialog is built from apiProperties.json: without the matching parameter
    /// users are never asked for the credential the API requires, so every call fails.
    ///
    /// ## Example
    /// A swagger with `{"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}}` and:
    /// ```json
    /// { "properties": { "connectionParameters": { "region": { "type": "string" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "connectionParameters": { "region": { "type": "string" }, "api_key": { "type": "securestring" } } } }
    /// ```
    pub SecurityDefinitionWithoutConnectionParameter {
        id: "security-definition-without-connection-parameter",
        category: CrossFile,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A swagger security scheme has no matching connection parameter in apiProperties.json",
        visits: [Connector],
    }
}

impl Rule for SecurityDefinitionWithoutConnectionParameter {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let (Some(swagger), Some(props)) = (cx.swagger(), cx.api_properties()) else { return };
        if props.connection_parameters.is_none() && props.connection_parameter_sets.is_none() {
            return;
        }
        let types: Vec<&str> = props.all_connection_parameters().filter_map(|p| p.ty.map(|t| t.value)).collect();
        let count = |t: &str| types.iter().filter(|x| **x == t).count();
        let secrets = count("securestring");
        let texts = count("string") + secrets;
        for scheme in &swagger.security_definitions {
            let Some(ty) = scheme.ty else { continue };
            let (ok, needed) = match ty.value {
                "oauth2" => (count("oauthSetting") > 0, "an `oauthSetting` connection parameter"),
                "apiKey" => (secrets > 0, "a `securestring` connection parameter for the key"),
                "basic" => (secrets > 0 && texts >= 2, "a user name (`string`) and a password (`securestring`) connection parameter"),
                _ => continue,
            };
            if !ok {
                cx.report_swagger(
                    scheme.key.span,
                    format!(
                        "security scheme `{}` ({}) has no matching connection parameter in apiProperties.json",
                        scheme.key.text, ty.value
                    ),
                )
                .help(format!("add {needed} to apiProperties.json, or remove the scheme if the API does not use it"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const SWAGGER: &str = r#"{"securityDefinitions": {
  "oauth": {"type": "oauth2", "flow": "accessCode"},
  "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
  "basic_auth": {"type": "basic"}
}}"#;

    #[test]
    fn reports_schemes_without_parameters() {
        let props = r#"{"properties": {"connectionParameters": {"user": {"type": "string"}}}}"#;
        assert_eq!(
            messages(&SecurityDefinitionWithoutConnectionParameter, swagger(SWAGGER).with_api_properties(props)),
            [
                "2:3 security scheme `oauth` (oauth2) has no matching connection parameter in apiProperties.json",
                "3:3 security scheme `key` (apiKey) has no matching connection parameter in apiProperties.json",
                "4:3 security scheme `basic_auth` (basic) has no matching connection parameter in apiProperties.json",
            ]
        );
    }

    #[test]
    fn silent_when_each_scheme_has_its_parameter() {
        let props = r#"{"properties": {"connectionParameters": {"username": {"type": "string"}, "password": {"type": "securestring"}},
            "connectionParameterSets": {"values": [{"name": "o", "parameters": {"token": {"type": "oauthSetting"}}}]}}}"#;
        assert_silent(&SecurityDefinitionWithoutConnectionParameter, swagger(SWAGGER).with_api_properties(props));
        // apiProperties.json without connection parameters is not compared.
        assert_silent(&SecurityDefinitionWithoutConnectionParameter, swagger(SWAGGER).with_api_properties(r#"{"properties": {}}"#));
    }
}
