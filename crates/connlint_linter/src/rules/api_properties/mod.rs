//! Rules of the `api_properties` category.

pub mod connection_parameter_name;
pub mod connection_parameter_type;
pub mod icon_brand_color_format;
pub mod unknown_policy_template;
