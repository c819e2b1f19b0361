use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document whose `info` object has no `description`, and a document without
    /// `info` at all.
    ///
    /// ## Why is this bad?
    /// The `paconn` command-line tool reads `info.description` when it creates or updates a
    /// connector and stops with an error when the key is absent. The description is also what
    /// users see about the connector in the connector gallery.
    ///
    /// ## Severity
    /// A warning under `base` and an error under `certification`: with certification rules on,
    /// Microsoft's validator reports a missing `info.description` as `RequiredPropertyMissing`, an
    /// error in the pipeline's output on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3841.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0", "description": "Manage Contoso tasks." }, "paths": {} }
    /// ```
    pub InfoDescriptionMissing {
        id: "info-description-missing",
        category: Document,
        severity: Warning,
        certification_severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The document has no info.description, which paconn requires",
        visits: [Connector],
    }
}

impl Rule for InfoDescriptionMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if swagger.root.as_object().is_none() {
            return;
        }
        match swagger.root.member("info") {
            None => {
                cx.report_swagger(Span::empty(swagger.root.span.start), "the document has no `info` object, so no `info.description`")
                    .help("add an `info` object with `title`, `version` and `description`");
            }
            Some(info) if info.value.as_object().is_some() && info.value.get("description").is_none() => {
                cx.report_swagger(info.key.span, "`info` has no `description`; paconn fails without one")
                    .help("add `\"description\"` to `info`: a sentence or two about what the connector does");
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
        let text = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"T\", \"version\": \"1.0\"}\n}";
        assert_eq!(messages(&InfoDescriptionMissing, swagger(text)), ["3:3 `info` has no `description`; paconn fails without one"]);
    }

    #[test]
    fn fires_at_the_root_without_info() {
        assert_eq!(positions(&InfoDescriptionMissing, swagger("\n\n{}")), ["apiDefinition.swagger.json:3:1"]);
    }

    #[test]
    fn silent_with_any_description() {
        assert_silent(&InfoDescriptionMissing, swagger("{\"info\": {\"description\": \"Tasks\"}}"));
        // paconn only needs the key; an empty or wrong-typed value is another rule's business.
        assert_silent(&InfoDescriptionMissing, swagger("{\"info\": {\"description\": \"\"}}"));
        assert_silent(&InfoDescriptionMissing, swagger("{\"info\": {\"description\": 3}}"));
        assert_silent(&InfoDescriptionMissing, swagger("{\"info\": null}"));
    }
}
