use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Parameter;

declare_rule! {
    /// ## What it does
    /// Reports a second (third, ...) `in: body` parameter in one parameter list, and an
    /// operation that has its own body parameter while also inheriting one from its path item.
    ///
    /// ## Why is this bad?
    /// A request has exactly one body, so Swagger 2.0 allows at most one body parameter per
    /// operation. Power Platform cannot tell which one to send, and Microsoft's Swagger
    /// Validator rejects the connector. Describe several fields as properties of one body
    /// schema instead.
    ///
    /// ## Severity
    /// A request has one body, so a second body parameter is refused:
    /// `OperationParametersContainMultipleBodyParameters` and
    /// `PathParametersContainMultipleBodyParameters`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "parameters": [
    ///   { "name": "item", "in": "body", "schema": { "$ref": "#/definitions/Item" } },
    ///   { "name": "options", "in": "body", "schema": { "$ref": "#/definitions/Options" } } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "parameters": [
    ///   { "name": "body", "in": "body", "schema": { "type": "object", "properties": {
    ///     "item": { "$ref": "#/definitions/Item" }, "options": { "$ref": "#/definitions/Options" } } } } ] }
    /// ```
    pub MultipleBodyParameters {
        id: "multiple-body-parameters",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParametersContainMultipleBodyParameters", "PathParametersContainMultipleBodyParameters"],
        summary: "An operation or path item has more than one body parameter",
        visits: [Connector],
    }
}

impl Rule for MultipleBodyParameters {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            check_list(&item.parameters, cx);
            for op in &swagger.operations[item.operations.clone()] {
                check_list(&op.parameters, cx);
                let Some(own) = op.parameters.iter().find(|p| p.is_in("body")) else { continue };
                // The path item's body, unless the operation overrides it (same name and `in`).
                let inherited = op.effective_parameters(swagger).skip(op.parameters.len()).find(|p| p.is_in("body"));
                if let Some(inherited) = inherited {
                    let file = swagger.file;
                    cx.report_swagger(
                        op.span(),
                        format!(
                            "operation `{}` has the body parameter `{}` and also inherits the body parameter `{}` from its path item",
                            op.display_name(),
                            own.display_name(),
                            inherited.display_name()
                        ),
                    )
                    .help("keep a single body parameter: remove one of them, or give both the same name so the operation's overrides the path item's")
                    .label(file, own.use_span(), "the operation's body parameter")
                    .label(file, inherited.use_span(), "the path item's body parameter");
                }
            }
        }
    }
}

fn check_list(list: &[Parameter<'_>], cx: &mut Context<'_, '_>) {
    let mut bodies = list.iter().filter(|p| p.is_in("body"));
    let Some(first) = bodies.next() else { return };
    let file = cx.swagger_file();
    for extra in bodies {
        cx.report_swagger(
            extra.use_span(),
            format!("`{}` is a second `in: body` parameter; `{}` is already the body", extra.display_name(), first.display_name()),
        )
        .help("a request has one body: merge the fields into the schema of a single body parameter")
        .label(file, first.use_span(), "the first body parameter");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_each_extra_body_parameter() {
        let text = r##"{
  "paths": {
    "/items": {
      "parameters": [{"name": "a", "in": "body"}, {"$ref": "#/parameters/b"}],
      "post": {"parameters": [{"name": "c", "in": "body"}, {"name": "d", "in": "body"}, {"name": "e", "in": "body"}]},
      "put": {"parameters": [{"name": "q", "in": "query"}]}
    }
  },
  "parameters": {"b": {"name": "b", "in": "body"}}
}"##;
        assert_eq!(
            messages(&MultipleBodyParameters, swagger(text)),
            [
                "4:60 `b` is a second `in: body` parameter; `a` is already the body",
                "5:7 operation `POST /items` has the body parameter `c` and also inherits the body parameter `a` from its path item",
                "5:69 `d` is a second `in: body` parameter; `c` is already the body",
                "5:98 `e` is a second `in: body` parameter; `c` is already the body",
            ]
        );
    }

    #[test]
    fn silent_with_one_body_or_an_override() {
        let text = r##"{"paths": {
  "/items": {
    "parameters": [{"name": "body", "in": "body"}, {"name": "q", "in": "query"}],
    "post": {"parameters": [{"name": "body", "in": "body"}, {"name": "f", "in": "formData"}]},
    "put": {"parameters": [{"name": "h", "in": "header"}]}
  },
  "/other": {"post": {"parameters": [{"name": "x", "in": "body"}, {"name": "y", "in": "Body"}]}}
}}"##;
        assert_silent(&MultipleBodyParameters, swagger(text));
    }
}
