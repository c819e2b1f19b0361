//! Rules of the `files` category.

pub mod api_properties_missing;
pub mod folder_name_title_mismatch;
pub mod nonstandard_file_name;
pub mod swagger_missing;
