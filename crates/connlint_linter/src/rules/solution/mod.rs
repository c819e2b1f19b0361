//! Rules for a Power Platform solution's own files: its manifest (`solution.xml`), and the
//! `<Connector>` XML of its custom connectors (the connectors' swaggers and apiProperties are
//! checked by every other rule, as connectors of their own).

pub mod solution_connector_id_invalid;
pub mod solution_connector_name_mismatch;
pub mod solution_connector_type_invalid;
pub mod solution_file_missing;
pub mod solution_file_unreferenced;
pub mod solution_root_component_missing;
pub mod solution_script_mismatch;
pub mod solution_xml_invalid;

use connlint_core::model::solution::SolutionConnector;
use connlint_core::xml::Element;

/// The `<Connector>` children that name a file of the solution.
pub(crate) const FILE_FIELDS: [&str; 6] = [
    "openapidefinition",
    "connectionparameters",
    "connectionparametersets",
    "policytemplateinstances",
    "customcodeblobcontent",
    "iconblob",
];

/// Each file reference of a connector: the element and its (non-empty) reference text.
pub(crate) fn references<'a>(connector: &SolutionConnector<'a>) -> Vec<(&'a Element, &'a str)> {
    FILE_FIELDS.iter().filter_map(|field| connector.field(field)).map(|e| (e, e.text())).filter(|(_, r)| !r.is_empty()).collect()
}

/// The last segment of a reference or path (`/Connector/x_openapidefinition.json` → `x_openapidefinition.json`).
pub(crate) fn file_name(reference: &str) -> &str {
    reference.rsplit(['/', '\\']).next().unwrap_or(reference)
}

#[cfg(test)]
pub(crate) mod fixture {
    //! Files the solution rules' tests share.

    /// A manifest with no root components.
    pub const MANIFEST: &str = "<ImportExportXml>\n  <SolutionManifest />\n</ImportExportXml>\n";
    /// The smallest swagger a connector can reference.
    pub const SWAGGER: &str = "{\"swagger\": \"2.0\", \"info\": {\"title\": \"C\", \"version\": \"1.0\"}, \"paths\": {}}";
}
