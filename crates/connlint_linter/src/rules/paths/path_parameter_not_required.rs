use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports an `in: path` parameter that does not say `"required": true`. A parameter
    /// defined under `#/parameters` and used through `$ref` is reported once, at its
    /// definition.
    ///
    /// ## Why is this bad?
    /// A path variable is part of the URL and cannot be left out; Swagger 2.0 requires path
    /// parameters to be marked required, and Microsoft's Swagger Validator rejects the
    /// connector otherwise. Power Automate would also show the field as optional.
    ///
    /// ## Severity
    /// A path parameter must be required (a URL cannot leave out a segment); the validator reports
    /// `PathParameterMustBeRequired`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "id", "in": "path", "type": "string" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "id", "in": "path", "required": true, "type": "string" }
    /// ```
    pub PathParameterNotRequired {
        id: "path-parameter-not-required",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["PathParameterMustBeRequired"],
        summary: "A path parameter is not marked required",
        visits: [Parameter],
    }
}

impl Rule for PathParameterNotRequired {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("path") || p.is_required() {
            return;
        }
        let Some(node) = p.node else { return };
        let name = p.name.map_or("", |n| n.value);
        // `required` of the wrong type is a shape error reported elsewhere.
        match node.get("required") {
            Some(value) if value.as_bool().is_some() => {
                cx.report_swagger(value.span, format!("path parameter `{name}` has `\"required\": false`"))
                    .help("change it to `\"required\": true`; a path variable is always part of the URL");
            }
            Some(_) => {}
            None => {
                cx.report_swagger(p.span(), format!("path parameter `{name}` is not marked `\"required\": true`"))
                    .help("add `\"required\": true`; a path variable is always part of the URL");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_missing_or_false_required() {
        let text = r##"{"paths": {
  "/items/{id}/{sub}": {
    "get": {"parameters": [
      {"name": "id", "in": "path", "type": "string"},
      {"name": "sub", "in": "path", "required": false}
    ]}
  }
}}"##;
        assert_eq!(
            messages(&PathParameterNotRequired, swagger(text)),
            ["4:16 path parameter `id` is not marked `\"required\": true`", "5:49 path parameter `sub` has `\"required\": false`",]
        );
    }

    #[test]
    fn a_referenced_parameter_is_reported_once_at_its_definition() {
        let text = r##"{
  "paths": {
    "/a/{id}": {"get": {"parameters": [{"$ref": "#/parameters/id"}]}, "put": {"parameters": [{"$ref": "#/parameters/id"}]}},
    "/b/{id}": {"parameters": [{"$ref": "#/parameters/id"}]}
  },
  "parameters": {
    "id": {"name": "id", "in": "path"}
  }
}"##;
        assert_eq!(positions(&PathParameterNotRequired, swagger(text)), ["apiDefinition.swagger.json:7:20"]);
    }

    #[test]
    fn silent_on_required_path_parameters_and_other_locations() {
        let text = r##"{"paths": {"/items/{id}": {
  "parameters": [{"name": "id", "in": "path", "required": true}],
  "get": {"parameters": [{"name": "q", "in": "query"}, {"name": "h", "in": "header", "required": false}, {"name": "x", "in": "Path"}]}
}}}"##;
        assert_silent(&PathParameterNotRequired, swagger(text));
    }
}
