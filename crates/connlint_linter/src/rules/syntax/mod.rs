//! File encoding, JSON syntax and duplicate keys.

pub mod array_duplicate_value;
pub mod array_empty;
pub mod duplicate_key;
pub mod file_encoding;
pub mod invalid_json;
pub mod json_type_incorrect;
pub mod required_value_empty;
pub mod unknown_property;
pub mod unused_suppression;
