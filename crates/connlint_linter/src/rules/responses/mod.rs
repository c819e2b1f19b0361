//! Rules of the `responses` category.
pub mod default_response_schema;
pub mod response_code_invalid;
