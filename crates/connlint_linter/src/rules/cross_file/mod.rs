//! Rules of the `cross_file` category.

pub mod oauth_without_security_definition;
pub mod script_missing;
pub mod script_operation_unknown;
