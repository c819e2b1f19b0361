use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each Postman `event` with code, on the collection, a folder or a request: pre-request
    /// scripts and tests.
    ///
    /// ## Why is this bad?
    /// A connector does not run Postman scripts. What a pre-request script computes (a signature, a
    /// timestamp, a token) is missing from the connector's calls until custom code (script.csx) or a
    /// policy does it.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```json
    /// "event": [{"listen": "prerequest", "script": {"exec": ["pm.request.headers.add(sign())"]}}]
    /// ```
    /// Use instead:
    /// ```json
    /// // the same work in script.csx
    /// ```
    pub ConversionScriptDropped {
        id: "conversion-script-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A Postman pre-request or test script was dropped",
        visits: [Connector],
    }
}

impl Rule for ConversionScriptDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ScriptDropped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_json_0() {
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
      },
      "event": [
        {
          "listen": "test",
          "script": {
            "exec": [
              "pm.test('ok')"
            ]
          }
        }
      ]
    }
  ],
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ],
  "event": [
    {
      "listen": "prerequest",
      "script": {
        "exec": [
          "sign()"
        ]
      }
    }
  ]
}"#;
        assert_eq!(
            messages(&ConversionScriptDropped, converted("collection.json", text)),
            [
                "22:9 test script dropped: a connector does not run Postman scripts",
                "40:5 pre-request script dropped: a connector does not run Postman scripts"
            ]
        );
    }

    #[test]
    fn silent_when_nothing_is_lost() {
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
      },
      "event": [
        {
          "listen": "test",
          "script": {
            "exec": [
              ""
            ]
          }
        }
      ]
    }
  ],
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ]
}"#;
        assert_silent(&ConversionScriptDropped, converted("collection.json", text));
    }
}
