use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `<Connector>` element whose file references (`<openapidefinition>`,
    /// `<connectionparameters>`, `<connectionparametersets>`, `<policytemplateinstances>`,
    /// `<customcodeblobcontent>`, `<iconblob>`) name a file that the solution does not hold,
    /// and a `<Connector>` without an `<openapidefinition>`. References are paths from the root
    /// of the exported zip (`/Connector/…`); in an unpacked solution the file is looked up
    /// beside the connector's XML too, and case is ignored.
    ///
    /// ## Why is this bad?
    /// The import fails when a referenced file is missing, and a connector without its
    /// OpenAPI definition cannot be created at all. Files get lost when a solution is unpacked,
    /// renamed or edited by hand.
    ///
    /// ## Severity
    /// Reproduce: delete a file that customizations.xml names and import the solution; the import
    /// stops because the referenced content is missing. Connectors in solutions:
    /// https://learn.microsoft.com/connectors/custom-connectors/customconnectors-solutions.
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>
    /// </Connector>
    /// <!-- but the solution has no Connector/new_5Fcontoso_openapidefinition.json -->
    /// ```
    /// Use instead: add the file to the solution (`Connector/` in an export, beside the
    /// connector's XML in `Connectors/` when unpacked), or fix the reference.
    pub SolutionFileMissing {
        id: "solution-file-missing",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A solution connector references a file the solution does not hold",
        visits: [Connector],
    }
}

impl Rule for SolutionFileMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        for connector in &solution.connectors {
            let name = connector.name().unwrap_or("(unnamed)");
            if connector.field("openapidefinition").is_none_or(|e| e.text().is_empty()) {
                let at = connector.field("openapidefinition").map_or(connector.element.name_span, |e| e.name_span);
                cx.report(
                    connector.file,
                    at,
                    format!("connector `{name}` has no `<openapidefinition>`: a connector needs its OpenAPI definition"),
                )
                .help("add `<openapidefinition>/Connector/<name>_openapidefinition.json</openapidefinition>` and the file");
            }
            for (element, reference) in connector.references() {
                if solution.entries.resolve(connector.xml_path, reference).is_some() {
                    continue;
                }
                cx.report(
                    connector.file,
                    element.text_span(),
                    format!("`<{}>` names `{reference}`, but the solution has no such file", element.name),
                )
                .help("add the file to the solution (beside the connector's XML when unpacked), or correct the reference");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{MANIFEST, SWAGGER};
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_each_reference_to_a_missing_file() {
        let xml = "<Connector>\n  <name>new_5Fcontoso</name>\n  <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>\n  <connectionparameters>/Connector/new_5Fcontoso_connectionparameters.json</connectionparameters>\n  <iconblob>/Connector/new_5Fcontoso_iconblob.Png</iconblob>\n</Connector>\n";
        let t = solution_folder(&[
            ("Other/Solution.xml", MANIFEST),
            ("Connectors/new_5Fcontoso.xml", xml),
            ("Connectors/new_5Fcontoso_openapidefinition.json", SWAGGER),
        ]);
        assert_eq!(
            t.messages(&SolutionFileMissing),
            [
                "Connectors/new_5Fcontoso.xml:4:25 `<connectionparameters>` names `/Connector/new_5Fcontoso_connectionparameters.json`, but the solution has no such file",
                "Connectors/new_5Fcontoso.xml:5:13 `<iconblob>` names `/Connector/new_5Fcontoso_iconblob.Png`, but the solution has no such file",
            ]
        );
    }

    #[test]
    fn reports_a_connector_without_openapidefinition_in_customizations() {
        let customizations = "<ImportExportXml>\n  <Connectors>\n    <Connector>\n      <name>new_5Fa</name>\n    </Connector>\n    <Connector>\n      <name>new_5Fb</name>\n      <openapidefinition />\n    </Connector>\n  </Connectors>\n</ImportExportXml>\n";
        let t = solution_folder(&[("solution.xml", MANIFEST), ("customizations.xml", customizations)]);
        assert_eq!(
            t.messages(&SolutionFileMissing),
            [
                "customizations.xml:3:6 connector `new_5Fa` has no `<openapidefinition>`: a connector needs its OpenAPI definition",
                "customizations.xml:8:8 connector `new_5Fb` has no `<openapidefinition>`: a connector needs its OpenAPI definition",
            ]
        );
    }

    #[test]
    fn silent_when_files_exist_in_either_layout_whatever_the_case() {
        // Exported: files where the reference says.
        let customizations = "<ImportExportXml><Connectors><Connector><name>new_5Fa</name><openapidefinition>/Connector/new_5Fa_openapidefinition.json</openapidefinition><iconblob>/Connector/new_5Fa_iconblob.Png</iconblob><policytemplateinstances></policytemplateinstances></Connector></Connectors></ImportExportXml>";
        let exported = solution_folder(&[
            ("solution.xml", MANIFEST),
            ("customizations.xml", customizations),
            ("Connector/new_5Fa_openapidefinition.json", SWAGGER),
            ("Connector/new_5Fa_iconblob.png", "png"),
        ]);
        exported.assert_silent(&SolutionFileMissing);
        // Unpacked: beside the XML, although the reference still says /Connector/.
        let xml =
            "<Connector><name>new_5Fa</name><openapidefinition>/Connector/new_5Fa_openapidefinition.json</openapidefinition></Connector>";
        let unpacked = solution_folder(&[
            ("Other/Solution.xml", MANIFEST),
            ("Connectors/new_5Fa.xml", xml),
            ("Connectors/new_5Fa_openapidefinition.json", SWAGGER),
        ]);
        unpacked.assert_silent(&SolutionFileMissing);
    }
}
