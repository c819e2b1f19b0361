//! Rules of the `parameters` category.

pub mod allow_empty_value_location;
pub mod body_and_form_data;
pub mod body_parameter_property_invalid;
pub mod body_parameter_schema_missing;
pub mod collection_format_invalid;
pub mod connection_id_parameter;
pub mod default_type_mismatch;
pub mod duplicate_parameter;
pub mod file_parameter_not_in_form_data;
pub mod form_data_name_not_ascii;
pub mod internal_default_not_required;
pub mod multiple_body_parameters;
pub mod non_body_parameter_schema;
pub mod parameter_ref_chain;
pub mod parameter_type_missing;
pub mod path_parameter_missing_encoding;
pub mod reserved_parameter_name;
pub mod webhook_parameter_mismatch;
