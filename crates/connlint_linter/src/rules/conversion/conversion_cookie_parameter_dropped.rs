use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each parameter with `in: cookie`. Swagger 2.0 has no cookie parameters, so it is not in
    /// the converted operation.
    ///
    /// ## Why is this bad?
    /// If the API needs the cookie, calls through the connector fail until it is sent another way: as a
    /// `Cookie` header parameter, or from custom code.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   - {name: session, in: cookie, schema: {type: string}}
    /// ```
    /// Use instead:
    /// ```yaml
    /// parameters:
    ///   - {name: Cookie, in: header, type: string}   # if the API accepts it
    /// ```
    pub ConversionCookieParameterDropped {
        id: "conversion-cookie-parameter-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A cookie parameter was dropped: Swagger 2.0 cannot send cookies",
        visits: [Connector],
    }
}

impl Rule for ConversionCookieParameterDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::CookieParameterDropped);
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
      parameters:
        - {name: session, in: cookie, schema: {type: string}}
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionCookieParameterDropped, converted("openapi.yaml", text)),
            ["9:11 cookie parameter `session` dropped: Swagger 2.0 cannot send cookies"]
        );
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{
  "openapi": "3.0.3",
  "info": {
    "title": "T",
    "version": "1"
  },
  "servers": [
    {
      "url": "https://api.example.com/v1"
    }
  ],
  "paths": {
    "/items": {
      "get": {
        "operationId": "list",
        "parameters": [
          {
            "name": "sid",
            "in": "cookie",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK"
          }
        }
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionCookieParameterDropped, converted("openapi.json", text)),
            ["17:11 cookie parameter `sid` dropped: Swagger 2.0 cannot send cookies"]
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
      parameters:
        - {name: session, in: header, schema: {type: string}}
      responses:
        '200': {description: OK}
"#;
        assert_silent(&ConversionCookieParameterDropped, converted("openapi.yaml", text));
    }
}
