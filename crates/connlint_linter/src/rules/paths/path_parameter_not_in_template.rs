use super::has_variable;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Parameter;

declare_rule! {
    /// ## What it does
    /// Reports an `in: path` parameter whose name does not appear as `{name}` in the path
    /// template of the path item it belongs to (its own or its operation's). A parameter used
    /// through `$ref` is reported at the `$ref`, since the problem is where it is used.
    ///
    /// ## Why is this bad?
    /// The value of a path parameter is only sent by substituting it into the URL. With no
    /// matching variable the value the user enters is silently dropped; usually the name has
    /// a typo or a different case than the template. Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// An `in: path` parameter with no `{name}` in the path is refused as
    /// `PathParameterNotDefinedInTemplate`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{itemId}": { "get": { "operationId": "GetItem",
    ///   "parameters": [{ "name": "id", "in": "path", "required": true, "type": "string" }] } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem",
    ///   "parameters": [{ "name": "id", "in": "path", "required": true, "type": "string" }] } } } }
    /// ```
    pub PathParameterNotInTemplate {
        id: "path-parameter-not-in-template",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["PathParameterNotDefinedInTemplate"],
        summary: "A path parameter has no matching variable in the path",
        visits: [Connector],
    }
}

impl Rule for PathParameterNotInTemplate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            let path = item.path();
            let own = swagger.operations[item.operations.clone()].iter().flat_map(|op| &op.parameters);
            for p in item.parameters.iter().chain(own) {
                check(p, path, cx);
            }
        }
    }
}

fn check(p: &Parameter<'_>, path: &str, cx: &mut Context<'_, '_>) {
    if !p.is_in("path") {
        return;
    }
    let Some(name) = p.name else { return };
    if has_variable(path, name.value) {
        return;
    }
    let span = p.reference.as_ref().map_or(name.span, |r| r.target.span);
    let variables: Vec<&str> = super::template_variables(path).collect();
    let close = crate::suggest::closest(name.value, variables.iter().copied());
    let diagnostic = cx.report_swagger(span, format!("path parameter `{}` has no `{{{}}}` in the path `{path}`", name.value, name.value));
    match close {
        Some(variable) => diagnostic.help(format!("the template has `{{{variable}}}`: make the names match exactly (case included)")),
        None => diagnostic.help(format!("add `{{{}}}` to the path, or change `in` if the value is not part of the URL", name.value)),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_name_or_the_ref() {
        let text = r##"{
  "paths": {
    "/items/{itemId}": {
      "parameters": [{"name": "ItemId", "in": "path", "required": true}],
      "get": {"parameters": [{"$ref": "#/parameters/sub"}, {"name": "other", "in": "path", "required": true}]}
    }
  },
  "parameters": {"sub": {"name": "sub", "in": "path", "required": true}}
}"##;
        assert_eq!(
            messages(&PathParameterNotInTemplate, swagger(text)),
            [
                "4:31 path parameter `ItemId` has no `{ItemId}` in the path `/items/{itemId}`",
                "5:39 path parameter `sub` has no `{sub}` in the path `/items/{itemId}`",
                "5:69 path parameter `other` has no `{other}` in the path `/items/{itemId}`",
            ]
        );
    }

    #[test]
    fn suggests_the_variable_with_other_case() {
        let text = r#"{"paths": {"/items/{itemId}": {"get": {"parameters": [{"name": "itemID", "in": "path", "required": true}]}}}}"#;
        let findings = run(&PathParameterNotInTemplate, swagger(text));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].help.as_deref(), Some("the template has `{itemId}`: make the names match exactly (case included)"));
    }

    #[test]
    fn silent_when_every_path_parameter_is_in_the_template() {
        let text = r##"{
  "paths": {
    "/items/{id}/{sub}": {
      "parameters": [{"name": "id", "in": "path", "required": true}],
      "get": {"parameters": [{"$ref": "#/parameters/sub"}, {"name": "q", "in": "query"}]}
    },
    "/other/{sub}": {"post": {"parameters": [{"$ref": "#/parameters/sub"}]}}
  },
  "parameters": {"sub": {"name": "sub", "in": "path", "required": true}, "unused": {"name": "zzz", "in": "path", "required": true}}
}"##;
        assert_silent(&PathParameterNotInTemplate, swagger(text));
    }
}
