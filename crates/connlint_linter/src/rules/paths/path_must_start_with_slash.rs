use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports a key under `paths` that does not start with `/`. Extension keys (`x-...`) are
    /// not paths and are left alone.
    ///
    /// ## Why is this bad?
    /// A path is appended to the `basePath` to build the request URL; without the leading
    /// slash the URL is malformed, and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// Every key under `paths` must begin with `/`; otherwise the validator reports
    /// `OperationPathMustStartWithSlash`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "items/{id}": { "get": { "operationId": "GetItem" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem" } } } }
    /// ```
    pub PathMustStartWithSlash {
        id: "path-must-start-with-slash",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["OperationPathMustStartWithSlash"],
        summary: "A path does not start with a slash",
        visits: [Connector],
    }
}

impl Rule for PathMustStartWithSlash {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(paths) = cx.swagger().and_then(|s| s.paths_node) else { return };
        for member in members(paths) {
            let path = &*member.key.text;
            if path.starts_with('/') || path.starts_with("x-") {
                continue;
            }
            cx.report_swagger(member.key.span, format!("path `{path}` does not start with `/`"))
                .help(format!("write it as `/{}`; paths are appended to the basePath", path.trim_start()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_path_key() {
        let text = "{\"paths\": {\n  \"/ok\": {},\n  \"items/{id}\": {\"get\": {}},\n  \"\": {}\n}}";
        assert_eq!(
            messages(&PathMustStartWithSlash, swagger(text)),
            ["3:3 path `items/{id}` does not start with `/`", "4:3 path `` does not start with `/`"]
        );
    }

    #[test]
    fn silent_on_slashes_and_extensions() {
        assert_silent(&PathMustStartWithSlash, swagger(r#"{"paths": {"/": {}, "/items/{id}": {}, "x-ms-notes": {}, "x-custom": 1}}"#));
    }
}
