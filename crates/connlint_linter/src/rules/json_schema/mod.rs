//! Rules of the `json_schema` category: validation against Microsoft's JSON Schemas
//! (corrected copies). Off unless asked for (`connlint check --schema`).

pub mod schema_api_properties;
pub mod schema_settings;
