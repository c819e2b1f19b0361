use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports a `$ref` to another file that connlint does not read: a URL (nothing is ever fetched), a
    /// file outside the input's folder (or the folder given with `--ref-root`), a file that is missing,
    /// too large or not valid JSON or YAML. One finding per file, at its first reference; the others
    /// are related places. What it points to becomes an empty schema.
    ///
    /// ## Why is this bad?
    /// The converted swagger accepts anything where the referenced definition said what is valid, and
    /// documents nothing there.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// schema:
    ///   $ref: 'https://example.com/schemas.yaml#/Pet'
    /// ```
    /// Use instead:
    /// ```yaml
    /// schema:
    ///   $ref: '#/components/schemas/Pet'   # with Pet copied into the description
    /// ```
    pub ConversionExternalRef {
        id: "conversion-external-ref",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A `$ref` to another file could not be followed",
        visits: [Connector],
    }
}

impl Rule for ConversionExternalRef {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ExternalRef);
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
    Pet: {$ref: 'https://example.com/s.yaml#/Pet'}
    Cat: {$ref: '../common.yaml#/Cat'}
"#;
        assert_eq!(
            messages(&ConversionExternalRef, converted("openapi.yaml", text)),
            [
                "12:17 `$ref` to `https://example.com/s.yaml` not followed: it is a URL, and connlint never fetches anything",
                "13:17 `$ref` to `../common.yaml` not followed: the input is not a file on disk, so other files cannot be read"
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
      "A": {
        "$ref": "https://example.com/a.json"
      },
      "B": {
        "$ref": "https://example.com/a.json#/B"
      }
    }
  }
}"#;
        assert_eq!(messages(&ConversionExternalRef, converted("openapi.json", text)), ["27:17 `$ref` to `https://example.com/a.json` not followed: it is a URL, and connlint never fetches anything (2 references to it)"]);
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
    Pet: {$ref: '#/components/schemas/Cat'}
    Cat: {type: object}
"#;
        assert_silent(&ConversionExternalRef, converted("openapi.yaml", text));
    }
}
