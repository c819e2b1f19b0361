//! Validation of apiProperties.json and settings.json against corrected copies of Microsoft's
//! JSON Schemas (see `schemas/README.md` for each correction and the upstream licence).

use connlint_core::json::{Node, Value};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use std::sync::OnceLock;

/// The corrected apiProperties.json schema.
pub const API_PROPERTIES_SCHEMA: &str = include_str!("schemas/api-properties.schema.json");
/// The corrected settings.json schema.
pub const SETTINGS_SCHEMA: &str = include_str!("schemas/settings.schema.json");

/// Which schema to validate against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    ApiProperties,
    Settings,
}

/// One way the document does not match the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer to the offending value in the document ("" for the root).
    pub pointer: String,
    /// For a key the schema does not allow: that key (of the object at `pointer`).
    pub key: Option<String>,
    pub message: String,
}

fn validator(schema: Schema) -> &'static jsonschema::Validator {
    static API_PROPERTIES: OnceLock<jsonschema::Validator> = OnceLock::new();
    static SETTINGS: OnceLock<jsonschema::Validator> = OnceLock::new();
    let (cell, text) = match schema {
        Schema::ApiProperties => (&API_PROPERTIES, API_PROPERTIES_SCHEMA),
        Schema::Settings => (&SETTINGS, SETTINGS_SCHEMA),
    };
    cell.get_or_init(|| {
        // Both are shipped with connlint and tested to compile; a failure here is a build bug.
        let value: serde_json::Value = serde_json::from_str(text).expect("shipped schema is JSON");
        jsonschema::draft4::new(&value).expect("shipped schema compiles")
    })
}

/// Our spanned tree as a `serde_json::Value` (a duplicate key keeps its last value, as
/// serde_json does; numbers that do not fit an `f64` become null).
pub fn to_json(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if n.is_integer && n.value.abs() < 9.0e15 {
                serde_json::Value::from(n.value as i64)
            } else {
                serde_json::Number::from_f64(n.value).map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        }
        Value::String(s) => serde_json::Value::String(s.to_string()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Object(members) => serde_json::Value::Object(members.iter().map(|m| (m.key.text.to_string(), to_json(&m.value))).collect()),
    }
}

/// Every violation of `schema` by the document `root`, in the validator's order.
pub fn validate(schema: Schema, root: &Node) -> Vec<Violation> {
    let instance = to_json(root);
    let mut out = Vec::new();
    for e in validator(schema).iter_errors(&instance) {
        let pointer = e.instance_path.as_str().to_string();
        match &e.kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    out.push(Violation {
                        pointer: pointer.clone(),
                        key: Some(key.clone()),
                        message: format!("the schema allows no key `{key}` here"),
                    });
                }
            }
            kind => out.push(Violation { pointer, key: None, message: describe(kind, &e.instance) }),
        }
    }
    out
}

fn short(value: &serde_json::Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(57).collect::<String>())
    } else {
        text
    }
}

fn type_name(kind: &TypeKind) -> String {
    let name = |t: &jsonschema::JsonType| t.to_string();
    match kind {
        TypeKind::Single(t) => name(t),
        TypeKind::Multiple(set) => set.iter().map(|t| name(&t)).collect::<Vec<_>>().join(" or "),
    }
}

fn describe(kind: &ValidationErrorKind, instance: &serde_json::Value) -> String {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let keys = unexpected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            format!("the schema allows no key {keys} here")
        }
        ValidationErrorKind::Required { property } => format!("required key {} is missing", short(property)),
        ValidationErrorKind::Enum { options } => format!("{} is not one of the allowed values {}", short(instance), short(options)),
        ValidationErrorKind::Type { kind } => format!("{} should be of type {}", short(instance), type_name(kind)),
        ValidationErrorKind::Pattern { pattern } => format!("{} does not match the pattern `{pattern}`", short(instance)),
        ValidationErrorKind::OneOfNotValid { .. } => {
            format!("{} matches none of the shapes the schema allows here", short(instance))
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => format!("{} matches more than one of the shapes allowed here", short(instance)),
        ValidationErrorKind::Format { format } => format!("{} is not a valid `{format}`", short(instance)),
        ValidationErrorKind::MinLength { limit } => format!("{} is shorter than {limit} character(s)", short(instance)),
        ValidationErrorKind::MinItems { limit } => format!("the array needs at least {limit} item(s)"),
        ValidationErrorKind::Not { .. } => format!("{} has a shape the schema forbids here", short(instance)),
        other => format!("{} does not match the schema ({other:?})", short(instance)).chars().take(200).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::json::parse;

    fn check(schema: Schema, text: &str) -> Vec<(String, String)> {
        let root = parse(text).root.unwrap();
        validate(schema, &root).into_iter().map(|v| (v.pointer, v.message)).collect()
    }

    #[test]
    fn shipped_schemas_compile_and_accept_the_documented_features() {
        let text = r##"{"properties": {
            "iconBrandColor": "#da3b01", "publisher": "Contoso", "stackOwner": "Contoso", "capabilities": ["actions"],
            "scriptOperations": ["A"],
            "connectionParameterSets": {"uiDefinition": {"displayName": "Auth", "description": "d"}, "values": [
              {"name": "oauth", "uiDefinition": {"displayName": "OAuth", "description": "d"}, "parameters": {
                "token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2", "redirectMode": "GlobalPerConnector",
                  "customParameters": {"authorizationUrl": {"value": "https://a"}, "tokenUrl": {"value": "https://a"}, "refreshUrl": {"value": "https://a"}}}}}}]},
            "connectionParameters": {"api_key": {"type": "securestring", "uiDefinition": {"displayName": "Key",
              "constraints": {"required": "true", "hidden": false, "clearText": false}}}},
            "policyTemplateInstances": [{"templateId": "setconnectionstatustounauthenticated", "parameters": {"x-ms-apimTemplateParameter.statusCode": 401}},
              {"templateId": "dynamichosturl", "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('host')"}}]
        }}"##;
        assert_eq!(check(Schema::ApiProperties, text), Vec::<(String, String)>::new());
        let settings = r#"{"apiDefinition": "a.json", "script": "script.csx", "environment": "12345678-1234-1234-1234-123456789abc"}"#;
        assert_eq!(check(Schema::Settings, settings), Vec::<(String, String)>::new());
    }

    #[test]
    fn reports_pointers_and_our_own_messages() {
        let text = r##"{"properties": {"iconBrandColor": "#da3b01", "stackowner": "x",
            "connectionParameters": {"api_key": {"type": "securestring", "uiDefinition": {"constraints": {"required": "yes"}}}}}}"##;
        let found = check(Schema::ApiProperties, text);
        assert!(found.contains(&("/properties".into(), "the schema allows no key `stackowner` here".into())), "{found:#?}");
        assert!(found.iter().any(|(p, _)| p == "/properties/connectionParameters/api_key"), "{found:#?}");
        assert_eq!(
            check(Schema::Settings, r#"{"flowApiVersion": "2020-01-01"}"#),
            [("/flowApiVersion".to_string(), "\"2020-01-01\" is not one of the allowed values [\"2016-11-01\"]".to_string())]
        );
        assert_eq!(check(Schema::Settings, "[]"), [("".to_string(), "[] should be of type object".to_string())]);
    }

    #[test]
    fn converts_every_json_type() {
        let root = parse(r#"{"a": [1, 2.5, -3, true, null, "s"], "b": {}}"#).root.unwrap();
        assert_eq!(to_json(&root), serde_json::json!({"a": [1, 2.5, -3, true, null, "s"], "b": {}}));
    }
}
