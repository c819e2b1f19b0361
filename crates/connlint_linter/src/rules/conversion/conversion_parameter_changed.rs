use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports a query, header, path or form parameter whose schema Swagger 2.0 cannot express outside
    /// a body: an object, a schema without a type, `content` instead of `schema`, or `style:
    /// deepObject`, `label` or `matrix`. It becomes a string parameter.
    ///
    /// ## Why is this bad?
    /// The connector sends whatever string the user types, where the API expected structured or
    /// specially encoded values, so calls may fail or mean something else.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// parameters:
    ///   - name: filter
    ///     in: query
    ///     style: deepObject
    ///     schema: {type: object}
    /// ```
    /// Use instead:
    /// ```yaml
    /// parameters:
    ///   - {name: filter[status], in: query, type: string}
    /// ```
    pub ConversionParameterChanged {
        id: "conversion-parameter-changed",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A parameter that Swagger 2.0 cannot describe as written was changed",
        visits: [Connector],
    }
}

impl Rule for ConversionParameterChanged {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::ParameterChanged);
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
        - name: filter
          in: query
          style: deepObject
          schema: {type: object, properties: {a: {type: string}}}
        - {name: q, in: query, content: {application/json: {schema: {type: object}}}}
      responses:
        '200': {description: OK}
"#;
        assert_eq!(
            messages(&ConversionParameterChanged, converted("openapi.yaml", text)),
            [
                "9:11 parameter `filter` uses `style: deepObject`, which Swagger 2.0 cannot describe; it is sent as a plain value",
                "13:11 parameter `q` is described by `content` (a serialised document), so it is sent as a string"
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
        "operationId": "list",
        "parameters": [
          {
            "name": "any",
            "in": "query",
            "schema": {}
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
            messages(&ConversionParameterChanged, converted("openapi.json", text)),
            ["17:11 parameter `any` has no type; it is a string"]
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
        - {name: ids, in: query, schema: {type: array, items: {type: string}}}
      responses:
        '200': {description: OK}
"#;
        assert_silent(&ConversionParameterChanged, converted("openapi.yaml", text));
    }
}
