use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::{self, Value};

declare_rule! {
    /// ## What it does
    /// Checks that a solution connector has custom code (`<customcodeblobcontent>`) exactly
    /// when `<scriptoperations>` lists operations: code without a non-empty list of
    /// operations, and operations without code, are both reported. An unreadable list is left
    /// to `invalid-json`, and unknown operation ids to `script-operation-unknown`.
    ///
    /// ## Why is this bad?
    /// The list says which operations go through the code. Code that no operation uses is
    /// dead weight that still has to compile on import; operations routed to code that the
    /// solution does not carry fail at run time. Either one is half of a change that was not
    /// finished.
    ///
    /// ## Severity
    /// Operations routed to custom code that the solution does not carry have no code to run after
    /// import (https://learn.microsoft.com/connectors/custom-connectors/write-code), so they fail
    /// at run time.
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <scriptoperations>["ListInvoices"]</scriptoperations>
    ///   <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>
    /// </Connector>
    /// ```
    /// Use instead:
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <scriptoperations>["ListInvoices"]</scriptoperations>
    ///   <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>
    ///   <customcodeblobcontent>/Connector/new_5Fcontoso_customcodeblobcontent.csx</customcodeblobcontent>
    /// </Connector>
    /// ```
    pub SolutionScriptMismatch {
        id: "solution-script-mismatch",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A solution connector has custom code without script operations, or the reverse",
        visits: [Connector],
    }
}

impl Rule for SolutionScriptMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        for connector in &solution.connectors {
            let script = connector.field("customcodeblobcontent").filter(|e| !e.text().is_empty());
            let operations_element = connector.field("scriptoperations").filter(|e| !e.text().is_empty());
            // `Some(n)`: a JSON array of n items; `None`: absent or empty; unreadable: skip.
            let count = match operations_element {
                None => 0,
                Some(element) => {
                    let parsed = json::parse(element.text());
                    match parsed.root.map(|n| n.value) {
                        Some(Value::Array(items)) => items.len(),
                        Some(Value::Null) => 0,
                        _ => continue,
                    }
                }
            };
            match (script, operations_element) {
                (Some(script), _) if count == 0 => {
                    cx.report(
                        connector.file,
                        script.text_span(),
                        "the connector has custom code, but `<scriptoperations>` lists no operation to run it for",
                    )
                    .help("list the operationIds the code handles in `<scriptoperations>` (a JSON array), or remove `<customcodeblobcontent>`");
                }
                (None, Some(operations)) if count > 0 => {
                    cx.report(
                        connector.file,
                        operations.text_span(),
                        format!("`<scriptoperations>` sends {count} operation(s) through custom code, but the connector has no `<customcodeblobcontent>`"),
                    )
                    .help("add `<customcodeblobcontent>/Connector/<name>_customcodeblobcontent.csx</customcodeblobcontent>` and the file, or empty the list");
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::MANIFEST;
    use super::*;
    use crate::testing::*;

    const SCRIPT: &str = "<customcodeblobcontent>/Connector/new_5Fc_customcodeblobcontent.csx</customcodeblobcontent>";

    fn connector(children: &str) -> String {
        format!("<Connector>\n  <name>new_5Fc</name>\n  {children}\n</Connector>\n")
    }

    fn run(children: &str) -> Vec<String> {
        solution_folder(&[("Other/Solution.xml", MANIFEST), ("Connectors/new_5Fc.xml", &connector(children))])
            .messages(&SolutionScriptMismatch)
    }

    #[test]
    fn reports_operations_without_code() {
        assert_eq!(
            run("<scriptoperations>[&quot;ListInvoices&quot;, &quot;GetInvoice&quot;]</scriptoperations>"),
            ["Connectors/new_5Fc.xml:3:21 `<scriptoperations>` sends 2 operation(s) through custom code, but the connector has no `<customcodeblobcontent>`"]
        );
    }

    #[test]
    fn reports_code_without_operations() {
        let expected = "the connector has custom code, but `<scriptoperations>` lists no operation to run it for";
        assert_eq!(run(SCRIPT), [format!("Connectors/new_5Fc.xml:3:26 {expected}")]);
        assert_eq!(
            run(&format!("<scriptoperations>[]</scriptoperations>\n  {SCRIPT}")),
            [format!("Connectors/new_5Fc.xml:4:26 {expected}")]
        );
        assert_eq!(run(&format!("<scriptoperations />\n  {SCRIPT}")), [format!("Connectors/new_5Fc.xml:4:26 {expected}")]);
    }

    #[test]
    fn silent_when_both_or_neither_are_there_or_the_list_is_unreadable() {
        assert!(run(&format!("<scriptoperations>[\"ListInvoices\"]</scriptoperations>\n  {SCRIPT}")).is_empty());
        assert!(run("<scriptoperations>[]</scriptoperations>").is_empty());
        assert!(run("<description />").is_empty());
        // Not JSON: `invalid-json` reports it on the assembled apiProperties.
        assert!(run(&format!("<scriptoperations>[\"A\",</scriptoperations>\n  {SCRIPT}")).is_empty());
    }

    // What the existing connector rules already report on a solution's connectors, through the
    // apiProperties.json assembled from the connector's XML and files (so no solution rule
    // repeats them).
    mod covered_by_connector_rules {
        use super::*;
        use crate::rules::api_properties::icon_brand_color_format::IconBrandColorFormat;
        use crate::rules::api_properties::unknown_policy_template::UnknownPolicyTemplate;
        use crate::rules::cross_file::script_operation_unknown::ScriptOperationUnknown;
        use crate::rules::solution::solution_file_missing::SolutionFileMissing;
        use crate::rules::solution::solution_xml_invalid::SolutionXmlInvalid;
        use crate::rules::syntax::invalid_json::InvalidJson;

        const SWAGGER: &str = "{\"swagger\": \"2.0\", \"info\": {\"title\": \"C\", \"version\": \"1.0\"}, \"host\": \"contoso.com\",\n \"paths\": {\"/i\": {\"get\": {\"operationId\": \"ListInvoices\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}}}";

        fn solution(xml: &str, extra: &[(&str, &str)]) -> TestContainer {
            let mut files = vec![
                ("Other/Solution.xml", MANIFEST),
                ("Connectors/new_5Fc.xml", xml),
                ("Connectors/new_5Fc_openapidefinition.json", SWAGGER),
            ];
            files.extend_from_slice(extra);
            solution_folder(&files)
        }

        #[test]
        fn unknown_script_operations_are_reported_in_the_xml() {
            let xml = "<Connector>\n  <name>new_5Fc</name>\n  <scriptoperations>[&quot;ListInvoices&quot;, &quot;Nope&quot;]</scriptoperations>\n  <openapidefinition>/Connector/new_5Fc_openapidefinition.json</openapidefinition>\n  <customcodeblobcontent>/Connector/new_5Fc_customcodeblobcontent.csx</customcodeblobcontent>\n</Connector>\n";
            let t = solution(xml, &[("Connectors/new_5Fc_customcodeblobcontent.csx", "// code")]);
            // At the `&quot;` that opens the string "Nope".
            assert_eq!(
                t.messages(&ScriptOperationUnknown),
                ["Connectors/new_5Fc.xml:3:48 scriptOperations names `Nope`, which is not an operationId in the swagger"]
            );
            t.assert_silent(&SolutionScriptMismatch);
        }

        #[test]
        fn brand_colours_are_checked_and_reported_in_the_xml() {
            let xml = "<Connector>\n  <iconbrandcolor>blue</iconbrandcolor>\n  <name>new_5Fc</name>\n  <openapidefinition>/Connector/new_5Fc_openapidefinition.json</openapidefinition>\n</Connector>\n";
            // The assembled string's quotes map onto the value: the finding is on `blue`.
            assert_eq!(
                solution(xml, &[]).messages(&IconBrandColorFormat),
                ["Connectors/new_5Fc.xml:2:19 iconBrandColor `blue` is not a colour of the form `#RRGGBB`"]
            );
            let good = xml.replace("blue", "#007ee5");
            solution(&good, &[]).assert_silent(&IconBrandColorFormat);
            // Solutions often leave the colour empty, which import accepts.
            let empty = xml.replace("blue", "");
            solution(&empty, &[]).assert_silent(&IconBrandColorFormat);
        }

        #[test]
        fn a_null_policytemplateinstances_file_is_silent() {
            let xml = "<Connector>\n  <name>new_5Fc</name>\n  <openapidefinition>/Connector/new_5Fc_openapidefinition.json</openapidefinition>\n  <policytemplateinstances>/Connector/new_5Fc_policytemplateinstances.json</policytemplateinstances>\n</Connector>\n";
            let t = solution(xml, &[("Connectors/new_5Fc_policytemplateinstances.json", "null\n")]);
            t.assert_silent(&InvalidJson);
            t.assert_silent(&UnknownPolicyTemplate);
            t.assert_silent(&SolutionFileMissing);
        }

        #[test]
        fn files_with_a_utf8_bom_are_accepted_and_positions_skip_it() {
            let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Connector>\n  <name>new_5Fc</name>\n  <scriptoperations>[\"Nope\"]</scriptoperations>\n  <openapidefinition>/Connector/new_5Fc_openapidefinition.json</openapidefinition>\n  <customcodeblobcontent>/Connector/new_5Fc_customcodeblobcontent.csx</customcodeblobcontent>\n</Connector>\n";
            let swagger = format!("\u{feff}{SWAGGER}");
            let files = [
                ("Other/Solution.xml", "\u{feff}<ImportExportXml><SolutionManifest /></ImportExportXml>"),
                ("Connectors/new_5Fc.xml", xml),
                ("Connectors/new_5Fc_openapidefinition.json", swagger.as_str()),
                ("Connectors/new_5Fc_customcodeblobcontent.csx", "\u{feff}// code"),
            ];
            let t = solution_folder(&files);
            t.assert_silent(&SolutionXmlInvalid);
            t.assert_silent(&InvalidJson);
            t.assert_silent(&SolutionFileMissing);
            assert_eq!(t.positions(&ScriptOperationUnknown), ["Connectors/new_5Fc.xml:4:22"]);
        }
    }
}
