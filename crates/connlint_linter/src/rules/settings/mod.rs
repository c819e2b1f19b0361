//! Rules of the `settings` category.

pub mod settings_file_missing;
pub mod settings_unknown_key;
