//! Rules of the `schemas` category.

pub mod discriminator_invalid;
pub mod editor_dictionary_invalid;
pub mod enum_empty;
pub mod enum_value_type;
pub mod enum_values_extension_invalid;
pub mod example_invalid;
pub mod filter_functions_invalid;
pub mod keyword_not_supported;
pub mod pattern_invalid;
pub mod ref_sibling_keys;
pub mod required_array_empty;
pub mod required_loop;
pub mod required_on_non_object;
pub mod required_property_undefined;
pub mod required_read_only_input;
pub mod schema_bounds_invalid;
pub mod schema_range_inverted;
pub mod schema_too_large;
pub mod schema_type_file_misplaced;
pub mod string_binary_nested;
pub mod type_format_unrecognized;
