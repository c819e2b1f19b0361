//! Rules of the `schemas` category.

pub mod enum_empty;
pub mod required_array_empty;
pub mod required_property_undefined;
pub mod schema_bounds_invalid;
pub mod schema_range_inverted;
