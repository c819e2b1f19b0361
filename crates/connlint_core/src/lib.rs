//! connlint's core: read connector files with positions and build their typed model.
//!
//! Data flows one way: bytes → [`source::SourceFile`] (decoded text, line index) →
//! [`json::parse`] (spanned tree, syntax errors, duplicate keys) → [`model`] (typed Swagger 2.0
//! with `x-ms-*` extensions, apiProperties, settings.json) → rules (in `connlint_linter`).
//!
//! Modules depend on each other one way, lowest first (no module imports one above it; the
//! `architecture` test of the `connlint` crate checks that there is no cycle):
//!
//! - [`platform`]: facts about Power Platform shared by the converter and the rules.
//! - [`source`]: text, spans, positions; [`source::origin`] maps assembled text back to files.
//! - [`json`], [`xml`]: parsers into spanned trees; [`yaml`] reads YAML into [`json`]'s tree.
//! - [`spec`]: the Swagger 2.0 specification's schema, checked against a spanned tree.
//! - [`convert`]: OpenAPI 3 and Postman collections turned into Swagger 2.0 trees whose spans
//!   point into the input, with a note for every loss.
//! - [`unit`](mod@unit): file roles, units of parsed files ([`Connector`]), load problems, solution entries.
//! - [`model`]: typed views built from parsed trees; [`ConnectorModel`] for a whole unit.
//! - [`load`]: connector folders read from disk, settings.json followed.
//! - [`solution`]: solutions and records files read into units, their parts decoded.
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

pub mod convert;
pub mod hash;
pub mod json;
pub mod load;
pub mod model;
pub mod platform;
pub mod solution;
pub mod source;
pub mod spec;
pub mod unit;
pub mod xml;
pub mod yaml;

#[cfg(any(test, feature = "test-support"))]
#[doc(hidden)]
pub mod test_corpus;

pub use load::{ConnectorPaths, LoadOptions, Overlay};
pub use model::{ConnectorModel, Spanned, Str};
pub use solution::Container;
pub use source::{Encoding, LineIndex, Position, SharedText, SourceFile, Span};
pub use unit::{
    Connector, ConnectorFile, FileId, FileRole, LoadProblem, LoadProblemKind, SolutionEntries, SolutionLayout, Syntax, UnitKind,
};
