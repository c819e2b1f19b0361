//! Rules of the `cross_file` category.

pub mod gateway_with_script;
pub mod oauth_without_security_definition;
pub mod policy_connection_parameter_unknown;
pub mod policy_operation_unknown;
pub mod script_missing;
pub mod script_operation_unknown;
pub mod security_definition_without_connection_parameter;
