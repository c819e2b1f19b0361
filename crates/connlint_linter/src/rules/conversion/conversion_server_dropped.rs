use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each server that the connector cannot keep: every server of the document after the
    /// first, and the servers of path items and operations (OpenAPI 3), or a Postman request whose host
    /// is not the one most requests use.
    ///
    /// ## Why is this bad?
    /// A connector sends every request to one host (`host` and `basePath`). Requests meant for another
    /// server go to the first one, which may be a test or regional server the author did not mean.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: https://api.example.com
    ///   - url: https://eu.api.example.com
    /// ```
    /// Use instead:
    /// ```yaml
    /// servers:
    ///   - url: https://api.example.com
    /// # For a host chosen per connection, use the `dynamichosturl` policy.
    /// ```
    pub ConversionServerDropped {
        id: "conversion-server-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A server of the input is not kept: a connector has one host",
        visits: [Connector],
    }
}

impl Rule for ConversionServerDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ServerDropped);
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
servers:
  - url: https://api.example.com/v1
  - url: https://eu.example.com/v1
paths:
  /items:
    post:
      operationId: listItems
      servers: [{url: 'https://other.example.com'}]
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionServerDropped, converted("openapi.yaml", text)),
            [
                "5:5 server `https://eu.example.com/v1` dropped: a connector has one host",
                "10:7 the servers of `POST /items` dropped: a connector has one host"
            ]
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
    },
    {
      "url": "https://eu.example.com/v1"
    }
  ],
  "paths": {
    "/items": {
      "get": {
        "operationId": "listItems",
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
            messages(&ConversionServerDropped, converted("openapi.json", text)),
            ["11:5 server `https://eu.example.com/v1` dropped: a connector has one host"]
        );
    }

    #[test]
    fn fires_in_json_2() {
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
    },
    {
      "name": "Other",
      "request": {
        "method": "GET",
        "url": {
          "raw": "https://other.example.com/x",
          "host": [
            "other",
            "example",
            "com"
          ],
          "path": [
            "x"
          ],
          "protocol": "https"
        }
      }
    }
  ],
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ]
}"#;
        assert_eq!(
            messages(&ConversionServerDropped, converted("collection.json", text)),
            ["23:15 request `Other` goes to `other.example.com`; the connector's host is `api.example.com`"]
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
"#;
        assert_silent(&ConversionServerDropped, converted("openapi.yaml", text));
    }
}
