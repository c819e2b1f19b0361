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

#[cfg(test)]
pub(crate) mod fixture {
    //! Files the solution rules' tests share.

    /// A manifest with no root components.
    pub const MANIFEST: &str = "<ImportExportXml>\n  <SolutionManifest />\n</ImportExportXml>\n";
    /// The smallest swagger a connector can reference.
    pub const SWAGGER: &str = "{\"swagger\": \"2.0\", \"info\": {\"title\": \"C\", \"version\": \"1.0\"}, \"paths\": {}}";
}
