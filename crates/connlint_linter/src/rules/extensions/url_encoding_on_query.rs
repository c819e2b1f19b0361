use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports `x-ms-url-encoding` on an `in: query` parameter. A parameter defined under
    /// `#/parameters` and used through `$ref` is reported once, at its definition.
    ///
    /// ## Why is this bad?
    /// Power Platform always encodes query values exactly once; the extension only applies to
    /// path parameters. On a query parameter it does nothing (whatever its value), which hides
    /// the real problem if the back end expects something else.
    ///
    /// ## Severity
    /// A warning, not an error: Microsoft lists `QueryParameterEncodingNotSupported`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules),
    /// but swaggers with `x-ms-url-encoding` on query parameters passed its pull-request
    /// validation (checked against the validator's messages on real pull requests to Microsoft's
    /// connector repository). The platform encodes query values once whatever the extension says,
    /// so the extension is ignored rather than refused.
    ///
    /// ## Example
    /// ```json
    /// { "name": "filter", "in": "query", "type": "string", "x-ms-url-encoding": "double" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "filter", "in": "query", "type": "string" }
    /// ```
    pub UrlEncodingOnQuery {
        id: "url-encoding-on-query",
        category: Extensions,
        severity: Warning,
        profile: Base,
        ms_names: ["QueryParameterEncodingNotSupported"],
        summary: "x-ms-url-encoding is set on a query parameter",
        visits: [Parameter],
    }
}

impl Rule for UrlEncodingOnQuery {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("query") {
            return;
        }
        let Some(member) = p.node.and_then(|n| n.member("x-ms-url-encoding")) else { return };
        let name = p.name.map_or("?", |n| n.value);
        cx.report_swagger(member.key.span, format!("`x-ms-url-encoding` has no effect on the query parameter `{name}`"))
            .help("remove it; query values are always encoded once (the extension applies to path parameters)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_key() {
        let text = r##"{"paths": {"/a": {"get": {"parameters": [
  {"name": "filter", "in": "query", "x-ms-url-encoding": "double"},
  {"$ref": "#/parameters/q"}
]}}},
"parameters": {"q": {"name": "q", "in": "query", "x-ms-url-encoding": "single"}}}"##;
        assert_eq!(
            messages(&UrlEncodingOnQuery, swagger(text)),
            [
                "2:37 `x-ms-url-encoding` has no effect on the query parameter `filter`",
                "5:50 `x-ms-url-encoding` has no effect on the query parameter `q`",
            ]
        );
    }

    #[test]
    fn silent_on_path_parameters_and_plain_query_parameters() {
        let text = r#"{"paths": {"/a/{p}": {"get": {"parameters": [
  {"name": "p", "in": "path", "required": true, "x-ms-url-encoding": "double"},
  {"name": "q", "in": "query"},
  {"name": "h", "in": "header", "x-ms-summary": "x-ms-url-encoding"}
]}}}}"#;
        assert_silent(&UrlEncodingOnQuery, swagger(text));
    }
}
