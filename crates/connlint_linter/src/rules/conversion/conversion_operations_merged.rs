use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports Postman requests that become the same operation (same method, same path after `:param`
    /// and `{{variable}}` segments become `{param}`). The first request names the operation; the
    /// parameters and saved responses of all are merged. The finding is at the first request, with the
    /// others as related places.
    ///
    /// ## Why is this bad?
    /// A connector has one operation per method and path. Requests that differ only in their query or
    /// body ("List open issues", "List closed issues") become one action whose parameters are the
    /// union, so the others' names and descriptions are lost.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```json
    /// {"name": "Open issues", "request": {"method": "GET", "url": "{{baseUrl}}/issues?state=open"}},
    /// {"name": "Closed issues", "request": {"method": "GET", "url": "{{baseUrl}}/issues?state=closed"}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"name": "List issues", "request": {"method": "GET", "url": "{{baseUrl}}/issues?state=open"}}
    /// ```
    pub ConversionOperationsMerged {
        id: "conversion-operations-merged",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "Postman requests with the same method and path became one operation",
        visits: [Connector],
    }
}

impl Rule for ConversionOperationsMerged {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::OperationsMerged);
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
      "name": "Open items",
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
      "name": "Closed items",
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
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ]
}"#;
        assert_eq!(
            messages(&ConversionOperationsMerged, converted("collection.json", text)),
            ["8:15 2 requests are `GET /items`; they became one operation with the parameters and responses of all"]
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
  "variable": [
    {
      "key": "baseUrl",
      "value": "https://api.example.com/v1"
    }
  ]
}"#;
        assert_silent(&ConversionOperationsMerged, converted("collection.json", text));
    }
}
