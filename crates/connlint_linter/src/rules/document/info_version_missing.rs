use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document whose `info` object has no `version` (or an empty one), and a
    /// document without `info` at all.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 requires `info.version`, and Microsoft's validator refuses definitions without
    /// it. It is the version of the API the connector describes, not of the connector file.
    ///
    /// ## Severity
    /// Swagger 2.0 requires `info.version`; the validator reports its absence as
    /// `RequiredPropertyMissing`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso" }, "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    pub InfoVersionMissing {
        id: "info-version-missing",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyMissing"],
        summary: "The document has no info.version",
        visits: [Connector],
    }
}

impl Rule for InfoVersionMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if swagger.root.as_object().is_none() {
            return;
        }
        let Some(info) = swagger.root.member("info") else {
            cx.report_swagger(Span::empty(swagger.root.span.start), "the document has no `info` object, so no `info.version`")
                .help("add `\"info\": {\"title\": \"...\", \"version\": \"1.0\"}`");
            return;
        };
        if info.value.as_object().is_none() {
            return;
        }
        match info.value.get("version") {
            None => {
                cx.report_swagger(info.key.span, "`info` has no `version`")
                    .help("add the API's version to `info`, e.g. `\"version\": \"1.0\"`");
            }
            Some(version) if is_blank(version) => {
                cx.report_swagger(version.span, "`info.version` is empty").help("write the API's version, e.g. `\"1.0\"`");
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_info_key() {
        let text = "{\n  \"swagger\": \"2.0\",\n    \"info\": {\"title\": \"T\"}\n}";
        assert_eq!(messages(&InfoVersionMissing, swagger(text)), ["3:5 `info` has no `version`"]);
    }

    #[test]
    fn fires_on_an_empty_version() {
        let text = "{\"info\": {\"title\": \"T\",\n \"version\": \"\"}}";
        assert_eq!(messages(&InfoVersionMissing, swagger(text)), ["2:13 `info.version` is empty"]);
    }

    #[test]
    fn fires_at_the_root_without_info() {
        assert_eq!(positions(&InfoVersionMissing, swagger("  {\"swagger\": \"2.0\"}")), ["apiDefinition.swagger.json:1:3"]);
    }

    #[test]
    fn silent_with_a_version_or_a_wrong_type() {
        assert_silent(&InfoVersionMissing, swagger("{\"info\": {\"version\": \"1.0\"}}"));
        assert_silent(&InfoVersionMissing, swagger("{\"info\": {\"version\": 1.0}}"));
        assert_silent(&InfoVersionMissing, swagger("{\"info\": \"1.0\"}"));
    }
}
