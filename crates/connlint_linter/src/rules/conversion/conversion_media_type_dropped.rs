use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports a request body whose `content` has several media types. JSON is kept first, then
    /// `application/x-www-form-urlencoded`, then `multipart/form-data`, then the first listed; the
    /// message names the one kept and those dropped.
    ///
    /// ## Why is this bad?
    /// A connector operation sends one media type (`consumes`). Callers who need another cannot send it
    /// through this operation.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// requestBody:
    ///   content:
    ///     application/json: {schema: {$ref: '#/components/schemas/Pet'}}
    ///     application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
    /// ```
    /// Use instead:
    /// ```yaml
    /// requestBody:
    ///   content:
    ///     application/json: {schema: {$ref: '#/components/schemas/Pet'}}
    /// ```
    pub ConversionMediaTypeDropped {
        id: "conversion-media-type-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A request body offers several media types; one was kept",
        visits: [Connector],
    }
}

impl Rule for ConversionMediaTypeDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::MediaTypeDropped);
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
      requestBody:
        content:
          application/xml: {schema: {type: object}}
          application/json: {schema: {type: object}}
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionMediaTypeDropped, converted("openapi.yaml", text)),
            ["9:9 the request body has 2 media types; kept `application/json`, dropped `application/xml`"]
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
      "post": {
        "operationId": "add",
        "requestBody": {
          "content": {
            "text/plain": {
              "schema": {
                "type": "string"
              }
            },
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object",
                "properties": {
                  "a": {
                    "type": "string"
                  }
                }
              }
            }
          }
        },
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
            messages(&ConversionMediaTypeDropped, converted("openapi.json", text)),
            ["17:11 the request body has 2 media types; kept `application/x-www-form-urlencoded`, dropped `text/plain`"]
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
      requestBody:
        content:
          application/json: {schema: {type: object}}
      responses:
        '200': {description: OK}
"#;
        assert_silent(&ConversionMediaTypeDropped, converted("openapi.yaml", text));
    }
}
