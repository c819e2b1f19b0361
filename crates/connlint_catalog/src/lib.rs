//! A catalog of Power Platform connectors in the shape of Apideck's Connector API.
//!
//! [`Catalog::build`] finds the connectors under some paths as `connlint check` does, lints
//! each with its profile, and describes it as a [`ConnectorRecord`] while its files are loaded
//! (each file is read and parsed once). The rest turns a catalog into output: [`Filter`]s,
//! pages with cursors ([`page`]), CSV ([`csv`]), a self-contained HTML page ([`html`]), and a
//! read-only HTTP server ([`server`]).
//!
//! ```no_run
//! use connlint_catalog::{Catalog, Filter};
//! let catalog = Catalog::build(&["connectors".into()], &Default::default()).unwrap();
//! let mut filter = Filter::default();
//! filter.add("auth_type", "oauth2").unwrap();
//! for record in filter.apply(&catalog.records) {
//!     println!("{} {:?}", record.name, record.oauth_scopes);
//! }
//! ```

pub mod catalog;
pub mod csv;
pub mod filter;
pub mod html;
pub mod page;
pub mod record;
pub mod server;

pub use catalog::Catalog;
pub use filter::{Filter, FilterError, FilterField};
pub use record::ConnectorRecord;

/// The JSON Schema of a record (`schema/connector.schema.json`).
pub const RECORD_SCHEMA: &str = include_str!("../schema/connector.schema.json");
