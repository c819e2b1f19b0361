use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Checks that every `<Connector>` of a solution has a `<connectorid>` that is a GUID
    /// (`5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f`, braces allowed).
    ///
    /// ## Why is this bad?
    /// `connectorid` is the key of the connector's Dataverse record: the import cannot create
    /// or update the connector without a valid one. A hand-written placeholder or a copied
    /// API path lands here by mistake.
    ///
    /// ## Severity
    /// `connectorid` is the primary key (a GUID) of the Dataverse connector table
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector);
    /// an import cannot create or match the record without a valid one.
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <connectorid>contoso-connector</connectorid>
    ///   <name>new_5Fcontoso</name>
    /// </Connector>
    /// ```
    /// Use instead:
    /// ```xml
    /// <Connector>
    ///   <connectorid>5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f</connectorid>
    ///   <name>new_5Fcontoso</name>
    /// </Connector>
    /// ```
    pub SolutionConnectorIdInvalid {
        id: "solution-connector-id-invalid",
        category: Solution,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A solution connector's `<connectorid>` is missing or not a GUID",
        visits: [Connector],
    }
}

/// Whether `text` is a GUID: 8-4-4-4-12 hexadecimal digits, optionally in braces.
pub(crate) fn is_guid(text: &str) -> bool {
    let inner = match text.strip_prefix('{') {
        Some(rest) => match rest.strip_suffix('}') {
            Some(inner) => inner,
            None => return false,
        },
        None => text,
    };
    inner.len() == 36
        && inner.bytes().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { b == b'-' } else { b.is_ascii_hexdigit() })
}

impl Rule for SolutionConnectorIdInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        for connector in &solution.connectors {
            let name = connector.name().unwrap_or("(unnamed)");
            match connector.field("connectorid") {
                None => {
                    cx.report(connector.file, connector.element.name_span, format!("connector `{name}` has no `<connectorid>`"))
                        .help("add `<connectorid>` with the connector's GUID (a new one for a new connector)");
                }
                Some(id) if !is_guid(id.text()) => {
                    cx.report(connector.file, id.text_span(), format!("`<connectorid>` is `{}`, not a GUID", id.text()))
                        .help("use a GUID such as `5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f`");
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

    fn customizations(ids: &[&str]) -> String {
        let connectors: String = ids
            .iter()
            .enumerate()
            .map(|(i, id)| format!("    <Connector>\n      {id}\n      <name>new_5F{i}</name>\n    </Connector>\n"))
            .collect();
        format!("<ImportExportXml>\n  <Connectors>\n{connectors}  </Connectors>\n</ImportExportXml>\n")
    }

    #[test]
    fn reports_missing_empty_and_malformed_ids() {
        let xml = customizations(&[
            "<description />",
            "<connectorid></connectorid>",
            "<connectorid>contoso-connector</connectorid>",
            "<connectorid>5f2b8d0e1c3a4b6e9f7d2a4c6e8b0d1f</connectorid>",
            "<connectorid>{5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f</connectorid>",
        ]);
        let t = solution_folder(&[("solution.xml", MANIFEST), ("customizations.xml", &xml)]);
        assert_eq!(
            t.messages(&SolutionConnectorIdInvalid),
            [
                "customizations.xml:3:6 connector `new_5F0` has no `<connectorid>`",
                "customizations.xml:8:19 `<connectorid>` is ``, not a GUID",
                "customizations.xml:12:20 `<connectorid>` is `contoso-connector`, not a GUID",
                "customizations.xml:16:20 `<connectorid>` is `5f2b8d0e1c3a4b6e9f7d2a4c6e8b0d1f`, not a GUID",
                "customizations.xml:20:20 `<connectorid>` is `{5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f`, not a GUID",
            ]
        );
    }

    #[test]
    fn silent_on_guids_in_any_case_with_or_without_braces() {
        let xml = customizations(&[
            "<connectorid>5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f</connectorid>",
            "<connectorid>{5F2B8D0E-1C3A-4B6E-9F7D-2A4C6E8B0D1F}</connectorid>",
            "<connectorid>\n        5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f\n      </connectorid>",
        ]);
        solution_folder(&[("solution.xml", MANIFEST), ("customizations.xml", &xml)]).assert_silent(&SolutionConnectorIdInvalid);
    }

    #[test]
    fn guid_shape() {
        assert!(is_guid("00000000-0000-0000-0000-000000000000"));
        assert!(!is_guid("00000000-0000-0000-0000-00000000000g"));
        assert!(!is_guid("00000000-0000-0000-0000-0000000000000"));
        assert!(!is_guid("{00000000-0000-0000-0000-000000000000"));
        assert!(!is_guid("00000000-0000-0000-0000-000000000000}"));
    }
}
