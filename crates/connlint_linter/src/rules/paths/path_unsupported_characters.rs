use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a path containing the wildcard `*`.
    ///
    /// ## Why is this bad?
    /// Connector paths are templates matched literally; a `*` does not match "anything", it
    /// is sent as a star (or rejected by the routing layer). Microsoft's Swagger Validator
    /// rejects paths with wildcards. Use a path variable for the part that varies.
    ///
    /// ## Severity
    /// The wildcard `*` in a path is refused as `OperationPathContainsUnsupportedCharacters`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/files/*": { "get": { "operationId": "GetFile" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/files/{path}": { "get": { "operationId": "GetFile" } } } }
    /// ```
    pub PathUnsupportedCharacters {
        id: "path-unsupported-characters",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["OperationPathContainsUnsupportedCharacters"],
        summary: "A path contains the wildcard character *",
        visits: [Connector],
    }
}

impl Rule for PathUnsupportedCharacters {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            let path = item.path();
            if path.contains('*') {
                cx.report_swagger(item.key.span, format!("path `{path}` contains the wildcard `*`"))
                    .help("replace the wildcard with a path variable such as `{path}` and a matching `in: path` parameter");
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
        let text = "{\"paths\": {\n  \"/ok\": {},\n  \"/files/*\": {\"get\": {}}\n}}";
        assert_eq!(messages(&PathUnsupportedCharacters, swagger(text)), ["3:3 path `/files/*` contains the wildcard `*`"]);
    }

    #[test]
    fn silent_on_variables() {
        assert_silent(&PathUnsupportedCharacters, swagger(r#"{"paths": {"/files/{path}": {}, "/a%2A": {}}}"#));
    }
}
