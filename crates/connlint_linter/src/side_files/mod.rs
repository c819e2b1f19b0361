//! Knowledge about a connector's files other than the swagger, shared by several rules:
//! the policy templates, a minimal PNG reader for the icon, a comment- and string-aware scan
//! of `script.csx`, and the corrected JSON Schemas of apiProperties.json and settings.json.

pub mod csx;
pub mod png;
pub mod policy;
pub mod schema;

use connlint_core::Connector;

/// Whether the connector lives under `independent-publisher-connectors/` (Microsoft's
/// repository layout), where the brand colour is fixed and no icon may be submitted.
pub fn is_independent_publisher(connector: &Connector) -> bool {
    connector.dir.as_deref().is_some_and(|d| d.components().any(|c| c.as_os_str() == "independent-publisher-connectors"))
}

/// Whether a publisher or owner name is blank or a placeholder from Microsoft's templates.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    v.is_empty()
        || v.starts_with("name of ")
        || v.starts_with("full name or ")
        || v.contains("[[")
        || v.contains("<<")
        || matches!(v.as_str(), "todo" | "tbd" | "publisher" | "stackowner" | "stack owner" | "your name" | "company name" | "n/a")
}
