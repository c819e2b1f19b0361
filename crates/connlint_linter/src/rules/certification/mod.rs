//! Rules of Microsoft's certification review: they run in the `certification` profile, which is
//! chosen for connectors under `certified-connectors/` and `independent-publisher-connectors/`.

pub mod brand_color_default;
pub mod connector_category_invalid;
pub mod connector_metadata_missing;
pub mod contact_incomplete;
pub mod host_not_production;
pub mod info_description_length;
pub mod info_title_too_long;
pub mod operation_description_missing;
pub mod parameter_description_missing;
pub mod parameter_summary_missing;
pub mod response_schema_missing;
pub mod restricted_words;
pub mod swagger_too_large;
pub mod value_not_english;
