use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports each variable used in a request URL's host (`{{baseUrl}}/items`) that the collection's
    /// own variables do not define, once per variable, at the first request that uses it. Environments
    /// are not part of a collection export.
    ///
    /// ## Why is this bad?
    /// Without its value the converted swagger cannot get its host (and base path) from the request, so
    /// it may have none.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```json
    /// "url": "{{baseUrl}}/items"   (no `baseUrl` in the collection's `variable` list)
    /// ```
    /// Use instead:
    /// ```json
    /// "variable": [{"key": "baseUrl", "value": "https://api.example.com/v1"}]
    /// ```
    pub ConversionVariableUnresolved {
        id: "conversion-variable-unresolved",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A Postman `{{variable}}` in a URL's host is not defined in the collection",
        visits: [Connector],
    }
}

impl Rule for ConversionVariableUnresolved {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::VariableUnresolved);
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
      }
    },
    {
      "name": "Add",
      "request": {
        "method": "POST",
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
  "variable": []
}"#;
        assert_eq!(
            messages(&ConversionVariableUnresolved, converted("collection.json", text)),
            ["8:15 `{{baseUrl}}` in the URL's host is not defined in the collection"]
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
        assert_silent(&ConversionVariableUnresolved, converted("collection.json", text));
    }
}
