//! Operations: identity, summary, description and responses.

pub mod operation_id_missing;
