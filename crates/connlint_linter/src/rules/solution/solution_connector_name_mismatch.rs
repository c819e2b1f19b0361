use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::solution::XmlFileKind;
use connlint_core::unit::reference_file_name;

declare_rule! {
    /// ## What it does
    /// Checks that a solution connector's files carry its `<name>`: every file it references
    /// must be named `<name>_…` (`new_5Fcontoso_openapidefinition.json`), and in an unpacked
    /// solution its XML must be `Connectors/<name>.xml`. Case is ignored; the name is compared
    /// as written, escapes (`_5F`, `-20`) included.
    ///
    /// ## Why is this bad?
    /// Power Platform names a connector's files after its `<name>` when it exports a solution,
    /// and `pac solution pack` finds a connector's XML by that name. A mismatch comes from a
    /// rename or a copy made by hand, and the packed or imported solution then mixes up or
    /// loses files.
    ///
    /// ## Severity
    /// Solutions carry connectors as records of the connector table
    /// (https://learn.microsoft.com/connectors/custom-connectors/customconnectors-solutions), and
    /// the files of a connector are found through its `<name>`. Reproduce: rename the `<name>`
    /// element only and pack the folder with `pac solution pack`; the connector's definition and
    /// icon files are no longer matched to it.
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <openapidefinition>/Connector/new_5Ffabrikam_openapidefinition.json</openapidefinition>
    /// </Connector>
    /// ```
    /// Use instead:
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>
    /// </Connector>
    /// ```
    pub SolutionConnectorNameMismatch {
        id: "solution-connector-name-mismatch",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A solution connector's files are not named after its `<name>`",
        visits: [Connector],
    }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len() && text.is_char_boundary(prefix.len()) && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

impl Rule for SolutionConnectorNameMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        for connector in &solution.connectors {
            let (Some(name), Some(name_element)) = (connector.name(), connector.field("name")) else { continue };
            let prefix = format!("{name}_");
            for (element, reference) in connector.references() {
                let file = reference_file_name(reference);
                if !starts_with_ignore_case(file, &prefix) {
                    cx.report(
                        connector.file,
                        element.text_span(),
                        format!("`{file}` does not start with `{prefix}`, the connector's name"),
                    )
                    .help(format!("rename the file to `{prefix}{}` and update the reference", element.name));
                }
            }
            if XmlFileKind::of(connector.xml_path) == Some(XmlFileKind::ConnectorXml) {
                let xml_name = reference_file_name(connector.xml_path);
                let stem = xml_name.get(..xml_name.len().saturating_sub(4)).unwrap_or(xml_name);
                if !stem.eq_ignore_ascii_case(name) {
                    cx.report(
                        connector.file,
                        name_element.text_span(),
                        format!("the connector `{name}` is in `{xml_name}`; its XML must be `{name}.xml`"),
                    )
                    .help(format!("rename the file to `Connectors/{name}.xml`, or correct `<name>`"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::MANIFEST;
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_files_named_after_another_connector() {
        let xml = "<Connector>\n  <name>new_5Fcontoso</name>\n  <openapidefinition>/Connector/new_5Ffabrikam_openapidefinition.json</openapidefinition>\n  <iconblob>/Connector/new_5Fcontosoiconblob.Png</iconblob>\n</Connector>\n";
        let t = solution_folder(&[("Other/Solution.xml", MANIFEST), ("Connectors/new_5Fcontoso.xml", xml)]);
        assert_eq!(
            t.messages(&SolutionConnectorNameMismatch),
            [
                "Connectors/new_5Fcontoso.xml:3:22 `new_5Ffabrikam_openapidefinition.json` does not start with `new_5Fcontoso_`, the connector's name",
                "Connectors/new_5Fcontoso.xml:4:13 `new_5Fcontosoiconblob.Png` does not start with `new_5Fcontoso_`, the connector's name",
            ]
        );
    }

    #[test]
    fn reports_an_unpacked_xml_named_otherwise() {
        let xml = "<Connector>\n  <name>new_5Fcontoso</name>\n  <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>\n</Connector>\n";
        let t = solution_folder(&[("Other/Solution.xml", MANIFEST), ("Connectors/contoso.xml", xml)]);
        assert_eq!(
            t.messages(&SolutionConnectorNameMismatch),
            ["Connectors/contoso.xml:2:9 the connector `new_5Fcontoso` is in `contoso.xml`; its XML must be `new_5Fcontoso.xml`"]
        );
    }

    #[test]
    fn silent_on_matching_names_in_any_case() {
        let xml = "<Connector>\n  <name>new_5Fcontoso</name>\n  <openapidefinition>/Connector/NEW_5FContoso_openapidefinition.json</openapidefinition>\n  <policytemplateinstances />\n</Connector>\n";
        let t = solution_folder(&[("Other/Solution.xml", MANIFEST), ("Connectors/new_5fcontoso.xml", xml)]);
        t.assert_silent(&SolutionConnectorNameMismatch);
        let customizations = "<ImportExportXml><Connectors><Connector><name>new_5Fa</name><openapidefinition>/Connector/new_5Fa_openapidefinition.json</openapidefinition></Connector></Connectors></ImportExportXml>";
        solution_folder(&[("solution.xml", MANIFEST), ("customizations.xml", customizations)])
            .assert_silent(&SolutionConnectorNameMismatch);
    }
}
