//! Rules of the `responses` category.
pub mod default_response_schema;
pub mod response_code_invalid;
pub mod response_example_not_produced;
pub mod response_header_duplicate;
pub mod response_ref_loop;
pub mod response_schema_multiple;
