use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::SyntaxErrorKind;
use connlint_core::{FileId, Syntax};

declare_rule! {
    /// ## What it does
    /// Reports every place where a JSON file of the connector is not strict JSON (RFC 8259):
    /// trailing or missing commas, comments, single quotes, unquoted keys, stray or missing
    /// brackets, raw control characters in strings, and text after the end of the document.
    /// In a swagger written in YAML (`*.swagger.yaml`, `*.swagger.yml`), it reports the YAML
    /// syntax errors instead: reading stops at the first one, and the rest of the file is not
    /// linted.
    ///
    /// ## Why is this bad?
    /// Microsoft's services read connectors with a lenient parser, so broken files get merged,
    /// but paconn, editors and every other tool reject them. connlint recovers what it can and
    /// lints the rest of the file, so one stray comma does not hide the other findings.
    ///
    /// ## Severity
    /// An error although Microsoft's services parse leniently: Microsoft's own CLI does not.
    /// Reproduce: add a trailing comma to apiDefinition.swagger.json and run `paconn validate` or
    /// `paconn create`; paconn's JSON reader stops with a decode error and nothing is uploaded.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0", }, "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "info": { "title": "Contoso", "version": "1.0" }, "paths": {} }
    /// ```
    pub InvalidJson {
        id: "invalid-json",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connector JSON file is not strict JSON",
        visits: [Connector],
    }
}

impl Rule for InvalidJson {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for (i, file) in connector.files.iter().enumerate() {
            let Some(json) = file.json() else { continue };
            for error in &json.errors {
                let message = match (&error.kind, file.syntax) {
                    (SyntaxErrorKind::EmptyDocument, Syntax::Yaml) => "the file is empty; expected a YAML document".into(),
                    _ => error.message(),
                };
                cx.report(FileId(i as u32), error.span, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use connlint_core::FileRole;

    #[test]
    fn reports_each_syntax_error_at_its_position() {
        let text = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"A\",},\n  \"paths\": {} // end\n}";
        assert_eq!(
            messages(&InvalidJson, swagger(text)),
            ["3:24 trailing comma: JSON allows no comma after the last element", "4:15 comments are not allowed in JSON",]
        );
    }

    #[test]
    fn reports_errors_in_every_json_file() {
        let c = swagger("{\"swagger\": \"2.0\"\n\"paths\": {}}").with_api_properties("{\"properties\": {}}}");
        assert_eq!(positions(&InvalidJson, c), ["apiDefinition.swagger.json:2:1", "apiProperties.json:1:19"]);
    }

    #[test]
    fn reports_yaml_syntax_errors_in_a_yaml_swagger() {
        let yaml = |text: &str| TestConnector::default().file(FileRole::Swagger, "apiDefinition.swagger.yaml", text.as_bytes());
        let found = messages(&InvalidJson, yaml("swagger: '2.0'\ninfo:\n  title: [A\npaths: {}\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("invalid YAML"), "{found:?}");
        assert_eq!(messages(&InvalidJson, yaml("# nothing\n")), ["2:1 the file is empty; expected a YAML document"]);
        assert_silent(&InvalidJson, yaml("swagger: '2.0'\npaths: {}\n"));
    }

    #[test]
    fn silent_on_strict_json() {
        assert_silent(&InvalidJson, swagger("{\"swagger\": \"2.0\", \"paths\": {}}").with_api_properties("{}"));
    }
}
