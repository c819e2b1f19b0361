//! Rules of the `security` category.
pub mod hardcoded_secret;
pub mod oauth_scope_undeclared;
pub mod security_requirement_undefined;
pub mod security_requirement_value;
pub mod security_scheme_incomplete;
pub mod security_scheme_property_invalid;
pub mod security_scopes_not_empty;
