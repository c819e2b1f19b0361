use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an operation's `callbacks` and a document's `webhooks` (OpenAPI 3.1). Swagger 2.0 has
    /// neither.
    ///
    /// ## Why is this bad?
    /// The connector cannot receive these events until the subscribing operation is made a webhook
    /// trigger: `x-ms-trigger: single`, with the callback URL's property marked `x-ms-notification-url:
    /// true`.
    ///
    /// ## Severity
    /// A warning: the connector works, but differently from the input, and the author should decide;
    /// Power Platform itself never sees the input, so this is not an error.
    ///
    /// ## Example
    /// ```yaml
    /// callbacks:
    ///   onEvent:
    ///     '{$request.body#/callbackUrl}': {post: {responses: {'200': {description: OK}}}}
    /// ```
    /// Use instead:
    /// ```yaml
    /// x-ms-trigger: single
    /// parameters:
    ///   - in: body
    ///     schema: {properties: {callbackUrl: {type: string, x-ms-notification-url: true}}}
    /// ```
    pub ConversionCallbackDropped {
        id: "conversion-callback-dropped",
        category: Conversion,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "Callbacks or webhooks were dropped: a connector needs a trigger instead",
        visits: [Connector],
    }
}

impl Rule for ConversionCallbackDropped {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::CallbackDropped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_yaml_0() {
        let text = r#"openapi: 3.1.0
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com/v1'}]
paths:
  /items:
    post:
      operationId: listItems
      callbacks:
        onEvent: {}
      responses:
        '200': {description: OK}
webhooks:
  newItem: {}
"#;
        assert_eq!(
            messages(&ConversionCallbackDropped, converted("openapi.yaml", text)),
            ["8:7 callback `onEvent` dropped", "12:1 1 webhook dropped"]
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
        "operationId": "sub",
        "callbacks": {
          "done": {}
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
        assert_eq!(messages(&ConversionCallbackDropped, converted("openapi.json", text)), ["16:9 callback `done` dropped"]);
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
        assert_silent(&ConversionCallbackDropped, converted("openapi.yaml", text));
    }
}
