use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports `openIdConnect`, `mutualTLS`, HTTP schemes other than basic and bearer, API keys in
    /// cookies, OAuth 2.0 schemes without an authorization-code flow (client credentials, implicit,
    /// password) or with other flows beside it, and Postman auth kinds such as `awsv4`, `digest`,
    /// `hawk`, `ntlm` and `oauth1`.
    ///
    /// ## Why is this bad?
    /// Custom connectors sign in with basic authentication, an API key, or OAuth 2.0's authorization-
    /// code flow; Microsoft's custom connector FAQ says client credentials are not supported
    /// (https://learn.microsoft.com/connectors/custom-connectors/faq). Operations that need a dropped
    /// scheme have no working sign-in.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// securitySchemes:
    ///   oidc: {type: openIdConnect, openIdConnectUrl: https://id.example.com/.well-known/openid-configuration}
    /// ```
    /// Use instead:
    /// ```yaml
    /// securitySchemes:
    ///   oauth:
    ///     type: oauth2
    ///     flows:
    ///       authorizationCode: {authorizationUrl: https://id.example.com/authorize, tokenUrl: https://id.example.com/token, scopes: {}}
    /// ```
    pub ConversionSecurityUnsupported {
        id: "conversion-security-unsupported",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A security scheme or OAuth flow that Power Platform cannot use was dropped or changed",
        visits: [Connector],
    }
}

impl Rule for ConversionSecurityUnsupported {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::SecurityUnsupported);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_yaml_0() {
        let text = r#"openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
components:
  securitySchemes:
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://id.example.com'}
    app:
      type: oauth2
      flows:
        clientCredentials: {tokenUrl: 'https://id.example.com/t', scopes: {}}
"#;
        assert_eq!(messages(&ConversionSecurityUnsupported, converted("openapi.yaml", text)), ["12:11 security scheme `oidc` (openIdConnect) dropped: Swagger 2.0 and Power Platform have no such scheme", "16:9 security scheme `app` uses the OAuth 2.0 `clientCredentials` flow; Power Platform connectors sign in with the authorization-code flow"]);
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{
  "info": {
    "name": "P",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "item": [
    {
      "name": "List",
      "request": {
        "method": "GET",
        "url": {
          "raw": "{{baseUrl}}/items",
          "host": [
            "{{baseUrl}}"
          ],
          "path": [
            "items"
          ]
        }
      }
    }
  ],
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ],
  "auth": {
    "type": "awsv4",
    "awsv4": []
  }
}"#;
        assert_eq!(
            messages(&ConversionSecurityUnsupported, converted("collection.json", text)),
            ["29:11 `awsv4` auth dropped: Power Platform supports basic, API key and OAuth 2.0"]
        );
    }

    #[test]
    fn silent_when_nothing_is_lost() {
        let text = r#"openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      responses:
        '200': {description: OK}
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode: {authorizationUrl: 'https://id.example.com/a', tokenUrl: 'https://id.example.com/t', scopes: {}}
"#;
        assert_silent(&ConversionSecurityUnsupported, converted("openapi.yaml", text));
    }
}
