use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::{FileId, FileRole};

declare_rule! {
    /// ## What it does
    /// Reports an XML file of a solution that cannot be read: it is not well-formed, it has a
    /// document type declaration (`<!DOCTYPE`, how entity-expansion attacks start), or it has
    /// more XML nodes than connlint reads from one file.
    ///
    /// ## Why is this bad?
    /// Power Platform refuses to import a solution whose XML is broken, and nothing in the file
    /// (connectors, custom APIs, root components) can be checked until it is fixed. Solution
    /// files never have a document type declaration, so one is either a mistake or an attack.
    ///
    /// ## Severity
    /// Reproduce: break the XML of customizations.xml or solution.xml (an unclosed element) and
    /// import the solution; Power Platform refuses the file before importing anything.
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <connectortype>1</connectortyp>
    /// </Connector>
    /// ```
    /// Use instead:
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <connectortype>1</connectortype>
    /// </Connector>
    /// ```
    pub SolutionXmlInvalid {
        id: "solution-xml-invalid",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "An XML file of the solution cannot be read",
        visits: [Connector],
    }
}

impl Rule for SolutionXmlInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for (i, file) in connector.files.iter().enumerate() {
            if file.role != FileRole::SolutionXml {
                continue;
            }
            let Some(error) = file.xml.as_ref().and_then(|x| x.error.as_ref()) else { continue };
            cx.report(FileId(i as u32), error.span, error.message.clone())
                .help("fix the XML so that it is well-formed, without a `<!DOCTYPE`; re-export or re-unpack the solution if unsure");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::MANIFEST;
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_malformed_xml_at_the_error() {
        let t = solution_folder(&[
            ("Other/Solution.xml", MANIFEST),
            (
                "Connectors/new_5Fcontoso.xml",
                "<Connector>\n  <name>new_5Fcontoso</name>\n  <connectortype>1</connectortyp>\n</Connector>\n",
            ),
        ]);
        assert_eq!(
            t.messages(&SolutionXmlInvalid),
            ["Connectors/new_5Fcontoso.xml:3:19 not well-formed XML: expected 'connectortype' tag, not 'connectortyp'"]
        );
    }

    #[test]
    fn reports_a_doctype_on_its_line() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<ImportExportXml>&lol2;</ImportExportXml>\n";
        let t = solution_folder(&[("Other/Solution.xml", MANIFEST), ("Other/Customizations.xml", bomb)]);
        let found = t.messages(&SolutionXmlInvalid);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("Other/Customizations.xml:2:"), "{found:?}");
        assert!(found[0].contains("document type declaration"), "{found:?}");
    }

    #[test]
    fn silent_on_well_formed_files_with_a_bom_and_a_declaration() {
        let t = solution_folder(&[
            (
                "Other/Solution.xml",
                "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImportExportXml><SolutionManifest /></ImportExportXml>",
            ),
            (
                "Other/Customizations.xml",
                "<ImportExportXml xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Connectors /></ImportExportXml>",
            ),
        ]);
        t.assert_silent(&SolutionXmlInvalid);
    }
}
