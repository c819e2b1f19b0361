use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Checks that every `<Connector>` of a solution has a `<connectortype>` of `0` (not
    /// specified), `1` (custom connector) or `2` (connection-less).
    ///
    /// ## Why is this bad?
    /// `connectortype` is a required choice of the connector's Dataverse record: the import
    /// rejects a connector without it or with a value outside the choice.
    ///
    /// ## Severity
    /// `connectortype` is a required choice column of the connector table
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector);
    /// Dataverse refuses a value outside the choice, so the import fails.
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <connectortype>custom</connectortype>
    /// </Connector>
    /// ```
    /// Use instead:
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <connectortype>1</connectortype>
    /// </Connector>
    /// ```
    pub SolutionConnectorTypeInvalid {
        id: "solution-connector-type-invalid",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A solution connector's `<connectortype>` is missing or not 0, 1 or 2",
        visits: [Connector],
    }
}

impl Rule for SolutionConnectorTypeInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        for connector in &solution.connectors {
            let name = connector.name().unwrap_or("(unnamed)");
            match connector.field("connectortype") {
                None => {
                    cx.report(connector.file, connector.element.name_span, format!("connector `{name}` has no `<connectortype>`"))
                        .help("add `<connectortype>1</connectortype>` (1 is a custom connector)");
                }
                Some(element) if !matches!(element.text(), "0" | "1" | "2") => {
                    cx.report(
                        connector.file,
                        element.text_span(),
                        format!("`<connectortype>` is `{}`; expected 0, 1 or 2", element.text()),
                    )
                    .help("use 1 for a custom connector (0 is not specified, 2 connection-less)");
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::MANIFEST;
    use super::*;
    use crate::testing::*;

    fn customizations(types: &[&str]) -> String {
        let connectors: String = types
            .iter()
            .enumerate()
            .map(|(i, t)| format!("    <Connector>\n      <name>new_5F{i}</name>\n      {t}\n    </Connector>\n"))
            .collect();
        format!("<ImportExportXml>\n  <Connectors>\n{connectors}  </Connectors>\n</ImportExportXml>\n")
    }

    #[test]
    fn reports_missing_and_unknown_types() {
        let xml = customizations(&[
            "",
            "<connectortype>3</connectortype>",
            "<connectortype>custom</connectortype>",
            "<connectortype />",
            "<connectortype>1.0</connectortype>",
        ]);
        let t = solution_folder(&[("solution.xml", MANIFEST), ("customizations.xml", &xml)]);
        assert_eq!(
            t.messages(&SolutionConnectorTypeInvalid),
            [
                "customizations.xml:3:6 connector `new_5F0` has no `<connectortype>`",
                "customizations.xml:9:22 `<connectortype>` is `3`; expected 0, 1 or 2",
                "customizations.xml:13:22 `<connectortype>` is `custom`; expected 0, 1 or 2",
                "customizations.xml:17:21 `<connectortype>` is ``; expected 0, 1 or 2",
                "customizations.xml:21:22 `<connectortype>` is `1.0`; expected 0, 1 or 2",
            ]
        );
    }

    #[test]
    fn silent_on_known_types_with_spaces_around() {
        let xml =
            customizations(&["<connectortype>0</connectortype>", "<connectortype> 1 </connectortype>", "<ConnectorType>2</ConnectorType>"]);
        solution_folder(&[("solution.xml", MANIFEST), ("customizations.xml", &xml)]).assert_silent(&SolutionConnectorTypeInvalid);
    }
}
