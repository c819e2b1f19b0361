//! Rules of the `api_properties` category.

pub mod api_properties_unknown_key;
pub mod capability_value;
pub mod connection_parameter_name;
pub mod connection_parameter_set_invalid;
pub mod connection_parameter_type;
pub mod connection_parameter_unknown_key;
pub mod icon_brand_color_certification;
pub mod icon_brand_color_format;
pub mod oauth_identity_provider;
pub mod oauth_redirect_mode;
pub mod policy_template_id_case;
pub mod policy_template_parameter_missing;
pub mod policy_template_parameter_unknown;
pub mod policy_template_parameter_value;
pub mod publisher_missing;
pub mod stack_owner_missing;
pub mod tenant_id_parameter_shape;
pub mod ui_constraint_value;
pub mod unknown_policy_template;
