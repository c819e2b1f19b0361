//! Rules of the `references` category: `$ref`s that cannot be followed, that leave the file,
//! and definitions nothing refers to. They read the `$ref` members found by the walk the
//! rules share ([`crate::semantic::Semantic::keywords`]).

pub mod external_ref;
pub mod unresolved_ref;
pub mod unused_definition;
