use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document without a `paths` object.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 requires `paths`; it holds the connector's operations. Microsoft's validator
    /// refuses a definition without it (an empty object is accepted, for example while a
    /// connector is being written).
    ///
    /// ## Severity
    /// A swagger without `paths` has no operations and fails validation with
    /// `RequiredPropertyMissing`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    pub PathsMissing {
        id: "paths-missing",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyMissing"],
        summary: "The document has no paths object",
        visits: [Connector],
    }
}

impl Rule for PathsMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if swagger.root.as_object().is_some() && swagger.root.get("paths").is_none() {
            cx.report_swagger(Span::empty(swagger.root.span.start), "the document has no `paths` object")
                .help("add `\"paths\": {}` and describe the connector's operations in it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_the_root() {
        let text = "\n {\n  \"swagger\": \"2.0\"\n}";
        assert_eq!(messages(&PathsMissing, swagger(text)), ["2:2 the document has no `paths` object"]);
    }

    #[test]
    fn silent_with_paths_even_empty_or_wrong_typed() {
        assert_silent(&PathsMissing, swagger("{\"paths\": {}}"));
        assert_silent(&PathsMissing, swagger("{\"paths\": []}"));
        assert_silent(&PathsMissing, swagger("\"text\""));
    }

    #[test]
    fn silent_without_a_swagger_file() {
        assert_silent(&PathsMissing, api_properties("{}"));
    }
}
