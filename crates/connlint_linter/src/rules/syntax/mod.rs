//! File encoding, JSON syntax and duplicate keys.

pub mod duplicate_key;
pub mod invalid_json;
