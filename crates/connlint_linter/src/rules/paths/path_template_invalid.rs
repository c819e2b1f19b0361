use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a path whose `{` and `}` do not pair up into variables inside a single
    /// segment: a `}` without `{`, a `{` that is not closed before the next `/` or the end,
    /// a `{` inside a variable, or an empty `{}`.
    ///
    /// ## Why is this bad?
    /// The platform cannot tell which part of the path is a variable, so the request URL is
    /// built wrongly (or the variable's parameter is never used). Microsoft's Swagger
    /// Validator rejects such templates. A literal brace must be percent-encoded (`%7B`,
    /// `%7D`).
    ///
    /// ## Severity
    /// Unbalanced or misplaced braces in a path are refused as `OperationPathTemplateNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{id/parts": { "get": { "operationId": "GetParts" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items/{id}/parts": { "get": { "operationId": "GetParts" } } } }
    /// ```
    pub PathTemplateInvalid {
        id: "path-template-invalid",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["OperationPathTemplateNotValid"],
        summary: "A path's braces do not form valid template variables",
        visits: [Connector],
    }
}

/// What is wrong with the template's braces, if anything.
pub(crate) fn template_problem(path: &str) -> Option<&'static str> {
    let mut open = None;
    for (i, c) in path.char_indices() {
        match (c, open) {
            ('{', None) => open = Some(i),
            ('{', Some(_)) => return Some("has a `{` inside a variable"),
            ('}', None) => return Some("has a `}` that closes no variable"),
            ('}', Some(start)) if start + 1 == i => return Some("has an empty variable `{}`"),
            ('}', Some(_)) => open = None,
            ('/', Some(_)) => return Some("has a variable that spans a `/`"),
            _ => {}
        }
    }
    open.map(|_| "has a `{` that is never closed")
}

impl Rule for PathTemplateInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            let path = item.path();
            if let Some(problem) = template_problem(path) {
                cx.report_swagger(item.key.span, format!("path `{path}` {problem}"))
                    .help("write each variable as `{name}` within one segment; encode literal braces as `%7B` and `%7D`");
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
        let text = r#"{"paths": {
  "/a/{id/b": {},
  "/a/id}": {},
  "/a/{{id}}": {},
  "/a/{}": {},
  "/a/{id": {}
}}"#;
        assert_eq!(
            messages(&PathTemplateInvalid, swagger(text)),
            [
                "2:3 path `/a/{id/b` has a variable that spans a `/`",
                "3:3 path `/a/id}` has a `}` that closes no variable",
                "4:3 path `/a/{{id}}` has a `{` inside a variable",
                "5:3 path `/a/{}` has an empty variable `{}`",
                "6:3 path `/a/{id` has a `{` that is never closed",
            ]
        );
    }

    #[test]
    fn silent_on_valid_templates() {
        assert_silent(&PathTemplateInvalid, swagger(r#"{"paths": {"/a/{id}/b/{x}.{ext}": {}, "/a%7Bb%7D": {}, "/": {}}}"#));
    }
}
