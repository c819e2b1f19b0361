use super::template_variables;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a path template variable that gives itself a default with `=`, as in
    /// `/items/{version=v1}`.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 templates have no default syntax: `version=v1` becomes the variable's
    /// name, so no parameter matches it and the URL is built wrongly. Microsoft's Swagger
    /// Validator rejects it. Put the default on the path parameter instead.
    ///
    /// ## Severity
    /// Default values written into a path template (`{id=1}`) are refused as
    /// `OperationPathVariablesContainDefaults`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/{version=v1}/items": { "get": { "operationId": "ListItems" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/{version}/items": { "get": { "operationId": "ListItems", "parameters": [
    ///   { "name": "version", "in": "path", "required": true, "type": "string", "default": "v1" } ] } } } }
    /// ```
    pub PathVariableDefault {
        id: "path-variable-default",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["OperationPathVariablesContainDefaults"],
        summary: "A path template variable declares a default with =",
        visits: [Connector],
    }
}

impl Rule for PathVariableDefault {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            let path = item.path();
            for variable in template_variables(path) {
                let Some((name, default)) = variable.split_once('=') else { continue };
                cx.report_swagger(item.key.span, format!("path variable `{{{variable}}}` of `{path}` declares a default"))
                    .help(format!("write `{{{name}}}` and put `\"default\": \"{default}\"` on the `{name}` path parameter"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_path_key() {
        let text = "{\"paths\": {\n  \"/{version=v1}/items/{id}\": {}\n}}";
        assert_eq!(
            messages(&PathVariableDefault, swagger(text)),
            ["2:3 path variable `{version=v1}` of `/{version=v1}/items/{id}` declares a default"]
        );
    }

    #[test]
    fn silent_on_plain_variables_and_equals_outside_them() {
        assert_silent(&PathVariableDefault, swagger(r#"{"paths": {"/{version}/items": {}, "/a=b/{c}": {}}}"#));
    }
}
