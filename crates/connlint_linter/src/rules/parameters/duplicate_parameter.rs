use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Parameter;

declare_rule! {
    /// ## What it does
    /// Reports a parameter with the same `name` and `in` as an earlier one in the same list:
    /// an operation's own `parameters` or a path item's `parameters`. (An operation parameter
    /// that repeats a path item parameter is an override, which is allowed.)
    ///
    /// ## Why is this bad?
    /// Both would fill the same query key, header or path variable, so one of them is ignored
    /// or the request carries the value twice. Power Automate shows two fields with the same
    /// name, and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// Two parameters with the same name and location are refused:
    /// `OperationParametersContainDuplicateParameter`, `PathParametersContainDuplicateParameter`
    /// and `OperationParametersAreNotUnique` on
    /// https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules.
    ///
    /// ## Example
    /// ```json
    /// { "parameters": [
    ///   { "name": "top", "in": "query", "type": "integer" },
    ///   { "name": "top", "in": "query", "type": "integer", "x-ms-visibility": "advanced" } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "parameters": [ { "name": "top", "in": "query", "type": "integer", "x-ms-visibility": "advanced" } ] }
    /// ```
    pub DuplicateParameter {
        id: "duplicate-parameter",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParametersContainDuplicateParameter", "PathParametersContainDuplicateParameter", "OperationParametersAreNotUnique"],
        summary: "A parameter list has the same name and location twice",
        visits: [Connector],
    }
}

impl Rule for DuplicateParameter {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            check_list(&item.parameters, cx);
            for op in &swagger.operations[item.operations.clone()] {
                check_list(&op.parameters, cx);
            }
        }
    }
}

fn check_list(list: &[Parameter<'_>], cx: &mut Context<'_, '_>) {
    for (i, p) in list.iter().enumerate() {
        let (Some(name), Some(location)) = (p.name, p.location) else { continue };
        let same =
            |q: &&Parameter<'_>| q.name.is_some_and(|n| n.value == name.value) && q.location.is_some_and(|l| l.value == location.value);
        let Some(first) = list[..i].iter().find(same) else { continue };
        let cx_file = cx.swagger_file();
        let at = cx.connector().file(cx_file).source.position(first.use_span().start);
        cx.report_swagger(
            p.use_span(),
            format!(
                "parameter `{}` (`in: {}`) is declared twice in this list; the first is at line {}",
                p.display_name(),
                location.value,
                at.line
            ),
        )
        .help("remove one of them; if they differ, keep the one with the right type and description")
        .label(cx_file, first.use_span(), "first declared here");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_the_later_duplicate() {
        let text = r##"{
  "paths": {
    "/items": {
      "parameters": [{"name": "h", "in": "header"}, {"name": "h", "in": "header"}],
      "get": {"parameters": [
        {"$ref": "#/parameters/top"},
        {"name": "top", "in": "query"}
      ]}
    }
  },
  "parameters": {"top": {"name": "top", "in": "query"}}
}"##;
        assert_eq!(
            messages(&DuplicateParameter, swagger(text)),
            [
                "4:62 parameter `h` (`in: header`) is declared twice in this list; the first is at line 4",
                "7:18 parameter `top` (`in: query`) is declared twice in this list; the first is at line 6",
            ]
        );
    }

    #[test]
    fn silent_on_overrides_and_different_locations() {
        let text = r##"{"paths": {
  "/items/{id}": {
    "parameters": [{"name": "id", "in": "path", "required": true}, {"name": "id", "in": "query"}],
    "get": {"parameters": [{"name": "id", "in": "path", "required": true}, {"name": "Id", "in": "query"}]},
    "put": {"parameters": [{"name": "id", "in": "path", "required": true}]}
  }
}}"##;
        assert_silent(&DuplicateParameter, swagger(text));
    }
}
