//! paconn's `settings.json`.

use super::{members, Fields, FileId, ShapeErrors, Str};
use crate::json::{Key, Node};

/// The keys paconn reads from settings.json.
pub const SETTINGS_KEYS: [&str; 11] = [
    "$schema",
    "connectorId",
    "environment",
    "apiProperties",
    "apiDefinition",
    "icon",
    "script",
    "powerAppsUrl",
    "powerAppsApiVersion",
    "flowUrl",
    "flowApiVersion",
];

/// paconn's defaults for the file names when settings.json does not give them (the standard
/// names of [`crate::unit::FileRole`]).
pub use crate::unit::{DEFAULT_API_DEFINITION, DEFAULT_API_PROPERTIES, DEFAULT_ICON, DEFAULT_SCRIPT};
pub const DEFAULT_POWER_APPS_URL: &str = "https://api.powerapps.com";
pub const DEFAULT_FLOW_URL: &str = "https://api.flow.microsoft.com";
pub const DEFAULT_API_VERSION: &str = "2016-11-01";

#[derive(Debug)]
pub struct Settings<'a> {
    pub file: FileId,
    pub root: &'a Node<'a>,
    pub connector_id: Option<Str<'a>>,
    pub environment: Option<Str<'a>>,
    pub api_properties: Option<Str<'a>>,
    pub api_definition: Option<Str<'a>>,
    pub icon: Option<Str<'a>>,
    pub script: Option<Str<'a>>,
    pub power_apps_url: Option<Str<'a>>,
    pub power_apps_api_version: Option<Str<'a>>,
    pub flow_url: Option<Str<'a>>,
    pub flow_api_version: Option<Str<'a>>,
    /// Keys paconn does not know.
    pub unknown_keys: Vec<&'a Key<'a>>,
    pub shape_errors: ShapeErrors,
}

impl<'a> Settings<'a> {
    pub fn build(file: FileId, root: &'a Node<'a>) -> Self {
        let mut errors = ShapeErrors::new(file);
        let mut s = Settings {
            file,
            root,
            connector_id: None,
            environment: None,
            api_properties: None,
            api_definition: None,
            icon: None,
            script: None,
            power_apps_url: None,
            power_apps_api_version: None,
            flow_url: None,
            flow_api_version: None,
            unknown_keys: Vec::new(),
            shape_errors: ShapeErrors::new(file),
        };
        if let Some(mut f) = Fields::of(root, "settings.json root", &mut errors) {
            s.connector_id = f.str("connectorId", "connectorId");
            s.environment = f.str("environment", "environment");
            s.api_properties = f.str("apiProperties", "apiProperties");
            s.api_definition = f.str("apiDefinition", "apiDefinition");
            s.icon = f.str("icon", "icon");
            s.script = f.str("script", "script");
            s.power_apps_url = f.str("powerAppsUrl", "powerAppsUrl");
            s.power_apps_api_version = f.str("powerAppsApiVersion", "powerAppsApiVersion");
            s.flow_url = f.str("flowUrl", "flowUrl");
            s.flow_api_version = f.str("flowApiVersion", "flowApiVersion");
            s.unknown_keys = members(root).iter().filter(|m| !SETTINGS_KEYS.contains(&&*m.key.text)).map(|m| &m.key).collect();
        }
        s.shape_errors = errors;
        s
    }

    pub fn api_definition_path(&self) -> &str {
        self.api_definition.map_or(DEFAULT_API_DEFINITION, |s| s.value)
    }

    pub fn api_properties_path(&self) -> &str {
        self.api_properties.map_or(DEFAULT_API_PROPERTIES, |s| s.value)
    }

    pub fn icon_path(&self) -> &str {
        self.icon.map_or(DEFAULT_ICON, |s| s.value)
    }

    pub fn power_apps_url(&self) -> &str {
        self.power_apps_url.map_or(DEFAULT_POWER_APPS_URL, |s| s.value)
    }

    pub fn flow_url(&self) -> &str {
        self.flow_url.map_or(DEFAULT_FLOW_URL, |s| s.value)
    }

    pub fn power_apps_api_version(&self) -> &str {
        self.power_apps_api_version.map_or(DEFAULT_API_VERSION, |s| s.value)
    }

    pub fn flow_api_version(&self) -> &str {
        self.flow_api_version.map_or(DEFAULT_API_VERSION, |s| s.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn defaults_and_unknown_keys() {
        let root = parse(r#"{"apiDefinition": "api.json", "iconn": "x.png"}"#).root.unwrap();
        let s = Settings::build(FileId(2), &root);
        assert_eq!(s.api_definition_path(), "api.json");
        assert_eq!(s.api_properties_path(), DEFAULT_API_PROPERTIES);
        assert_eq!(s.flow_api_version(), DEFAULT_API_VERSION);
        assert_eq!(s.unknown_keys.len(), 1);
        assert_eq!(&*s.unknown_keys[0].text, "iconn");
    }
}
