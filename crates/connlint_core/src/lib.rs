//! connlint's core: read connector files with positions and build their typed model.
//!
//! Data flows one way: bytes → [`source::SourceFile`] (decoded text, line index) →
//! [`json::parse`] (spanned tree, syntax errors, duplicate keys) → [`model`] (typed Swagger 2.0
//! with `x-ms-*` extensions, apiProperties, settings.json) → rules (in `connlint_linter`).
//!
//! ```
//! use connlint_core::json;
//! use connlint_core::model::{swagger::Swagger, FileId};
//!
//! let text = r#"{"swagger": "2.0", "info": {"title": "Demo", "version": "1.0"}, "paths": {}}"#;
//! let parsed = json::parse(text);
//! assert!(parsed.is_strict());
//! let root = parsed.root.unwrap();
//! let swagger = Swagger::build(FileId(0), &root);
//! assert_eq!(swagger.info.unwrap().title.unwrap().value, "Demo");
//! ```

pub mod connector;
pub mod json;
pub mod model;
pub mod origin;
pub mod solution;
pub mod source;
pub mod spec;
pub mod xml;

pub use connector::{
    Connector, ConnectorFile, ConnectorModel, ConnectorPaths, FileRole, LoadOptions, LoadProblem, LoadProblemKind, SolutionEntries,
    SolutionLayout, UnitKind,
};
pub use model::{FileId, Spanned, Str};
pub use solution::Container;
pub use source::{Encoding, LineIndex, Position, SourceFile, Span};
