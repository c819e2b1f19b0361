//! Rules of the `security` category.
pub mod security_requirement_undefined;
pub mod security_scheme_incomplete;
pub mod security_scopes_not_empty;
