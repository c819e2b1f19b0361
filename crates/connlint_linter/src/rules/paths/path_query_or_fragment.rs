use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a path (a key under `paths`) containing a literal `?` or `#`.
    ///
    /// ## Why is this bad?
    /// A path key is only the path part of the URL. A query string written into it (e.g.
    /// `/items?type=open`) is not a query parameter the designers know about, a `#` fragment
    /// is never sent to the server, and two operations that differ only in their "query"
    /// collide. Microsoft's Swagger Validator rejects such paths.
    ///
    /// ## Severity
    /// A literal `?` or `#` in a path key is refused as `OperationPathMayNotContainQueryOrFragment`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items?type=open": { "get": { "operationId": "ListOpenItems" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get": { "operationId": "ListOpenItems",
    ///   "parameters": [ { "name": "type", "in": "query", "type": "string", "default": "open",
    ///                     "required": true, "x-ms-visibility": "internal" } ] } } } }
    /// ```
    pub PathQueryOrFragment {
        id: "path-query-or-fragment",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["OperationPathMayNotContainQueryOrFragment"],
        summary: "A path contains a query string or a fragment",
        visits: [Connector],
    }
}

impl Rule for PathQueryOrFragment {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            let path = item.path();
            let Some(at) = path.find(['?', '#']) else { continue };
            let (what, fix) = if path.as_bytes()[at] == b'?' {
                ("a query string", "declare the query values as `in: query` parameters (hidden, with a default, if they are fixed)")
            } else {
                ("a fragment", "remove the fragment, or write `#` as `%23` if it is part of the path")
            };
            cx.report_swagger(item.key.span, format!("path `{path}` contains {what} (`{}`)", &path[at..])).help(fix);
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
  "/items?type=open": {"get": {}},
  "/page#top": {"get": {}}
}}"#;
        assert_eq!(
            messages(&PathQueryOrFragment, swagger(text)),
            ["2:3 path `/items?type=open` contains a query string (`?type=open`)", "3:3 path `/page#top` contains a fragment (`#top`)"]
        );
    }

    #[test]
    fn silent_on_encoded_characters() {
        assert_silent(&PathQueryOrFragment, swagger(r#"{"paths": {"/items%3Ftype": {"get": {}}, "/a/{b}": {}, "x-q?": {}}}"#));
    }
}
