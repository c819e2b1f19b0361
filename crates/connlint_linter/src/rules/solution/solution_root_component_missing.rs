use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::solution::CONNECTOR_COMPONENT_TYPE;

declare_rule! {
    /// ## What it does
    /// Checks that the solution's manifest (`solution.xml`, or `Other/Solution.xml` when
    /// unpacked) lists each connector as a root component,
    /// `<RootComponent type="372" schemaName="<name>" …/>`, and that every root component of
    /// type 372 (custom connector) names a connector the solution has.
    ///
    /// ## Why is this bad?
    /// The manifest says what the solution contains. A connector missing from it is left out
    /// when the solution is imported; a root component without its connector makes the import
    /// fail. Both come from editing one file of the solution and not the other.
    ///
    /// ## Severity
    /// The manifest's root components decide what the import brings in
    /// (https://learn.microsoft.com/power-platform/alm/solution-concepts-alm); a connector left out
    /// of it is not imported, and a root component whose connector is missing makes the import
    /// fail.
    ///
    /// ## Example
    /// ```xml
    /// <RootComponents>
    ///   <RootComponent type="372" schemaName="new_5Ffabrikam" behavior="0" />
    /// </RootComponents>
    /// <!-- while the connector's <name> is new_5Fcontoso -->
    /// ```
    /// Use instead:
    /// ```xml
    /// <RootComponents>
    ///   <RootComponent type="372" schemaName="new_5Fcontoso" behavior="0" />
    /// </RootComponents>
    /// ```
    pub SolutionRootComponentMissing {
        id: "solution-root-component-missing",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A solution connector and the manifest's root components disagree",
        visits: [Connector],
    }
}

impl Rule for SolutionRootComponentMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        let Some(manifest) = solution.manifest.as_ref() else { return };
        let schema_names: Vec<_> = manifest
            .root_components
            .iter()
            .filter(|c| c.attribute("type").is_some_and(|t| t.value.trim() == CONNECTOR_COMPONENT_TYPE))
            .filter_map(|c| c.attribute("schemaName"))
            .collect();
        for connector in &solution.connectors {
            let (Some(name), Some(element)) = (connector.name(), connector.field("name")) else { continue };
            if !schema_names.iter().any(|s| s.value.trim().eq_ignore_ascii_case(name)) {
                cx.report(
                    connector.file,
                    element.text_span(),
                    format!("the manifest has no `<RootComponent type=\"372\" schemaName=\"{name}\">` for this connector"),
                )
                .help(format!(
                    "add `<RootComponent type=\"372\" schemaName=\"{name}\" behavior=\"0\" />` under `<RootComponents>` of the manifest"
                ));
            }
        }
        for schema_name in schema_names {
            let value = schema_name.value.trim();
            if !solution.connectors.iter().any(|c| c.name().is_some_and(|n| n.eq_ignore_ascii_case(value))) {
                cx.report(
                    manifest.file,
                    schema_name.value_span,
                    format!("root component `{value}` (type 372, a custom connector) names no connector of the solution"),
                )
                .help("add the connector's XML and files, or remove the root component");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn manifest(components: &str) -> String {
        format!("<ImportExportXml>\n  <SolutionManifest>\n    <RootComponents>\n{components}    </RootComponents>\n  </SolutionManifest>\n</ImportExportXml>\n")
    }

    const XML: &str = "<Connector>\n  <name>new_5Fcontoso</name>\n</Connector>\n";

    #[test]
    fn reports_both_sides_of_a_mismatch() {
        let m = manifest("      <RootComponent type=\"372\" id=\"{5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f}\" schemaName=\"new_5Ffabrikam\" behavior=\"0\" />\n      <RootComponent type=\"1\" schemaName=\"account\" />\n");
        let t = solution_folder(&[("Other/Solution.xml", &m), ("Connectors/new_5Fcontoso.xml", XML)]);
        assert_eq!(
            t.messages(&SolutionRootComponentMissing),
            [
                "Connectors/new_5Fcontoso.xml:2:9 the manifest has no `<RootComponent type=\"372\" schemaName=\"new_5Fcontoso\">` for this connector",
                "Other/Solution.xml:4:89 root component `new_5Ffabrikam` (type 372, a custom connector) names no connector of the solution",
            ]
        );
    }

    #[test]
    fn a_component_of_another_type_does_not_count() {
        let m = manifest("      <RootComponent type=\"1\" schemaName=\"new_5Fcontoso\" />\n");
        let t = solution_folder(&[("Other/Solution.xml", &m), ("Connectors/new_5Fcontoso.xml", XML)]);
        assert_eq!(t.positions(&SolutionRootComponentMissing), ["Connectors/new_5Fcontoso.xml:2:9"]);
    }

    #[test]
    fn silent_when_they_agree_ignoring_case_or_without_manifest_components() {
        let m = manifest("      <RootComponent type=\"372\" schemaName=\"NEW_5FContoso\" behavior=\"0\" />\n");
        solution_folder(&[("Other/Solution.xml", &m), ("Connectors/new_5Fcontoso.xml", XML)]).assert_silent(&SolutionRootComponentMissing);
        // An export's contents without solution.xml is not a solution folder; with a
        // customizations.xml but no connectors there is nothing to compare.
        let empty = solution_folder(&[
            ("solution.xml", &manifest("")),
            ("customizations.xml", "<ImportExportXml><Connectors /></ImportExportXml>"),
        ]);
        empty.assert_silent(&SolutionRootComponentMissing);
    }
}
