use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `basePath` that does not start with `/`.
    ///
    /// ## Why is this bad?
    /// Request URLs are `scheme://host` followed by `basePath` and the operation's path. Without
    /// the leading slash the base path runs into the host name, and Microsoft's validator
    /// rejects the definition.
    ///
    /// ## Severity
    /// A `basePath` that does not start with `/` is a Swagger Validator error, `BasePathNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "basePath": "v1", "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "basePath": "/v1", "paths": {} }
    /// ```
    pub BasePathInvalid {
        id: "base-path-invalid",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["BasePathNotValid"],
        summary: "The basePath does not start with a slash",
        visits: [Connector],
    }
}

impl Rule for BasePathInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(base) = cx.swagger().and_then(|s| s.base_path) else { return };
        if base.value.starts_with('/') {
            return;
        }
        let help = if base.value.contains("://") {
            "put the host in `host` and only the path (starting with `/`) in `basePath`".to_string()
        } else {
            format!("write `\"basePath\": \"/{}\"`", base.value.trim())
        };
        cx.report_swagger(base.span, format!("`basePath` `{}` does not start with `/`", base.value)).help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_without_a_leading_slash() {
        let text = "{\n  \"host\": \"api.contoso.com\",\n  \"basePath\": \"v1/api\"\n}";
        assert_eq!(messages(&BasePathInvalid, swagger(text)), ["3:15 `basePath` `v1/api` does not start with `/`"]);
        assert_eq!(positions(&BasePathInvalid, swagger("{\n\"basePath\": \"\"}")), ["apiDefinition.swagger.json:2:13"]);
        assert_eq!(positions(&BasePathInvalid, swagger("{\n\"basePath\": \" /v1\"}")), ["apiDefinition.swagger.json:2:13"]);
    }

    #[test]
    fn silent_on_slash_paths() {
        assert_silent(&BasePathInvalid, swagger("{\"basePath\": \"/\"}"));
        assert_silent(&BasePathInvalid, swagger("{\"basePath\": \"/api/v2\"}"));
        assert_silent(&BasePathInvalid, swagger("{\"basePath\": 1}"));
        assert_silent(&BasePathInvalid, swagger("{\"swagger\": \"2.0\"}"));
    }
}
