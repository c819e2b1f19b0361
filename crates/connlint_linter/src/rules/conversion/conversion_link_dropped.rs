use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports a response's `links`. They say how a value of this response feeds another operation;
    /// Swagger 2.0 has no such object.
    ///
    /// ## Why is this bad?
    /// Only documentation is lost: a connector chains actions in the flow, not in the swagger. In the
    /// designer, users pick the value from this action's dynamic content themselves.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs from the
    /// input.
    ///
    /// ## Example
    /// ```yaml
    /// responses:
    ///   '201':
    ///     links:
    ///       GetUser: {operationId: getUser}
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// responses:
    ///   '201': {description: Created}
    /// ```
    pub ConversionLinkDropped {
        id: "conversion-link-dropped",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "Response links were dropped: Swagger 2.0 has no links",
        visits: [Connector],
    }
}

impl Rule for ConversionLinkDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::LinkDropped);
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
        '201':
          description: Created
          links:
            GetItem: {operationId: getItem}
"#;
        assert_eq!(
            messages(&ConversionLinkDropped, converted("openapi.yaml", text)),
            ["11:11 link `GetItem` dropped: Swagger 2.0 has no links"]
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
        "responses": {
          "200": {
            "description": "OK",
            "links": {
              "a": {},
              "b": {}
            }
          }
        }
      }
    }
  }
}"#;
        assert_eq!(
            messages(&ConversionLinkDropped, converted("openapi.json", text)),
            ["19:13 links `a`, `b` dropped: Swagger 2.0 has no links"]
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
        assert_silent(&ConversionLinkDropped, converted("openapi.yaml", text));
    }
}
