//! Rules of the `script` category.

pub mod script_class_missing;
pub mod script_execute_async_missing;
pub mod script_namespace_not_allowed;
pub mod script_new_http_client;
pub mod script_operation_id_unknown;
pub mod script_too_large;
