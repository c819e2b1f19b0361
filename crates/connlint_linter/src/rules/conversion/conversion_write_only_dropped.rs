use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each `writeOnly: true`. Swagger 2.0 has `readOnly` (kept) but nothing for a property
    /// that is sent and never returned.
    ///
    /// ## Why is this bad?
    /// The property now also appears in responses' schemas, so the designer offers it as dynamic
    /// content that is always empty.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// password: {type: string, writeOnly: true}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// password: {type: string}   # and describe responses with their own schema
    /// ```
    pub ConversionWriteOnlyDropped {
        id: "conversion-write-only-dropped",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "`writeOnly` has no Swagger 2.0 equivalent and was dropped",
        visits: [Connector],
    }
}

impl Rule for ConversionWriteOnlyDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::WriteOnlyDropped);
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
  schemas:
    User:
      properties:
        password: {type: string, writeOnly: true}
"#;
        assert_eq!(
            messages(&ConversionWriteOnlyDropped, converted("openapi.yaml", text)),
            ["14:45 `writeOnly` dropped: Swagger 2.0 cannot mark a property as sent but never returned"]
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
        "operationId": "listItems",
        "responses": {
          "200": {
            "description": "OK"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Secret": {
        "type": "string",
        "writeOnly": true
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionWriteOnlyDropped, converted("openapi.json", text)),
            ["28:22 `writeOnly` dropped: Swagger 2.0 cannot mark a property as sent but never returned"]
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
  schemas:
    User:
      properties:
        id: {type: string, readOnly: true}
"#;
        assert_silent(&ConversionWriteOnlyDropped, converted("openapi.yaml", text));
    }
}
