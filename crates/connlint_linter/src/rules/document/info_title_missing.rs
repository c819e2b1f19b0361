use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document without an `info` object, an `info` object without a `title`, and a
    /// title that is empty or only spaces.
    ///
    /// ## Why is this bad?
    /// `info.title` is required by Swagger 2.0 and becomes the connector's display name in
    /// Power Automate, Power Apps and Copilot Studio; the connector cannot be created without it.
    ///
    /// ## Severity
    /// The title becomes the connector's name; without it the validator reports
    /// `RequiredPropertyMissing`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules),
    /// and paconn uses it as the display name when it creates the connector.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "version": "1.0" }, "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso Tasks", "version": "1.0" }, "paths": {} }
    /// ```
    pub InfoTitleMissing {
        id: "info-title-missing",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyMissing"],
        summary: "The document has no info.title",
        visits: [Connector],
    }
}

impl Rule for InfoTitleMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if swagger.root.as_object().is_none() {
            return;
        }
        let Some(info) = swagger.root.member("info") else {
            cx.report_swagger(Span::empty(swagger.root.span.start), "the document has no `info` object, so no `info.title`")
                .help("add `\"info\": {\"title\": \"...\", \"version\": \"1.0\"}`; the title is the connector's display name");
            return;
        };
        // A wrong-typed `info` or `title` is reported by `json-type-incorrect`.
        if info.value.as_object().is_none() {
            return;
        }
        match info.value.get("title") {
            None => {
                cx.report_swagger(info.key.span, "`info` has no `title`")
                    .help("add `\"title\"` to `info`; it is the connector's display name");
            }
            Some(title) if is_blank(title) => {
                cx.report_swagger(title.span, "`info.title` is empty").help("give the connector a name; it is shown to every user");
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
    fn fires_on_the_info_key_when_title_is_absent() {
        let text = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"version\": \"1.0\"}\n}";
        assert_eq!(messages(&InfoTitleMissing, swagger(text)), ["3:3 `info` has no `title`"]);
    }

    #[test]
    fn fires_on_an_empty_title() {
        let text = "{\n  \"info\": {\n    \"title\": \"  \"\n  }\n}";
        assert_eq!(messages(&InfoTitleMissing, swagger(text)), ["3:14 `info.title` is empty"]);
    }

    #[test]
    fn fires_at_the_root_without_info() {
        let text = "\n{\"swagger\": \"2.0\", \"paths\": {}}";
        assert_eq!(positions(&InfoTitleMissing, swagger(text)), ["apiDefinition.swagger.json:2:1"]);
    }

    #[test]
    fn silent_with_a_title() {
        assert_silent(&InfoTitleMissing, swagger("{\"info\": {\"title\": \"Contoso\"}}"));
    }

    #[test]
    fn silent_on_wrong_types() {
        assert_silent(&InfoTitleMissing, swagger("{\"info\": {\"title\": 5}}"));
        assert_silent(&InfoTitleMissing, swagger("{\"info\": []}"));
        assert_silent(&InfoTitleMissing, swagger("[]"));
    }
}
