//! File encoding, JSON syntax and duplicate keys.

pub mod duplicate_key;
pub mod file_encoding;
pub mod invalid_json;
pub mod json_type_incorrect;
