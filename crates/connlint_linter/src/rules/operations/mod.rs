//! Operations: identity, summary, description and responses.

pub mod operation_id_characters;
pub mod operation_id_duplicate;
pub mod operation_id_missing;
pub mod operation_response_missing;
pub mod operation_success_response_missing;
pub mod operation_summary_missing;
pub mod operation_summary_punctuation;
pub mod operation_summary_restricted_characters;
pub mod operation_summary_too_long;
