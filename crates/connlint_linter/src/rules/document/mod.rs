//! Rules of the `document` category.

pub mod base_path_invalid;
pub mod contact_email_invalid;
pub mod host_invalid;
pub mod info_description_missing;
pub mod info_title_missing;
pub mod info_version_missing;
pub mod paths_missing;
pub mod scheme_invalid;
pub mod scheme_not_https;
pub mod swagger_version;
pub mod tag_duplicate;
pub mod url_invalid;
