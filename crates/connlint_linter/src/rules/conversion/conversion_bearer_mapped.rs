use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an HTTP `bearer` security scheme (OpenAPI 3) or Postman `bearer` auth. It becomes an
    /// `apiKey` scheme named `Authorization` in the header, the usual connector pattern, and
    /// apiProperties.json gets a secure connection parameter for it.
    ///
    /// ## Why is this bad?
    /// Users must type `Bearer ` before the token when they create a connection (or the connector needs
    /// a policy that adds it). If the token comes from an OAuth 2.0 sign-in, an oauth2 scheme is the
    /// better mapping.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// securitySchemes:
    ///   token: {type: http, scheme: bearer}
    /// ```
    /// Use instead:
    /// ```yaml
    /// securityDefinitions:
    ///   token: {type: apiKey, name: Authorization, in: header}
    /// ```
    pub ConversionBearerMapped {
        id: "conversion-bearer-mapped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An HTTP bearer scheme became an API key in the `Authorization` header",
        visits: [Connector],
    }
}

impl Rule for ConversionBearerMapped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::BearerMapped);
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
    token: {type: http, scheme: bearer, bearerFormat: JWT}
"#;
        assert_eq!(
            messages(&ConversionBearerMapped, converted("openapi.yaml", text)),
            ["12:12 bearer scheme `token` became an API key sent in the `Authorization` header"]
        );
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
    "type": "bearer",
    "bearer": [
      {
        "key": "token",
        "value": "{{token}}"
      }
    ]
  }
}"#;
        assert_eq!(
            messages(&ConversionBearerMapped, converted("collection.json", text)),
            ["29:11 bearer auth became an API key sent in the `Authorization` header"]
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
    key: {type: apiKey, name: X-Key, in: header}
"#;
        assert_silent(&ConversionBearerMapped, converted("openapi.yaml", text));
    }
}
