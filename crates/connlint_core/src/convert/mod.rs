//! Turning what connector authors start from (OpenAPI 3.0 and 3.1, Postman collections v2.0
//! and v2.1) into what Power Platform accepts (a Swagger 2.0 swagger and an apiProperties.json).
//!
//! The converter works on the spanned tree that [`crate::json`] and [`crate::yaml`] build, and
//! its output is the same kind of tree: every output node carries the span of the input node it
//! came from (a node made up by the converter carries the span of what caused it). So the model
//! and every rule run on a converted document unchanged, and their findings point at lines of the
//! input. Content that a `$ref` brought in from another file carries the span of that `$ref`.
//!
//! Every step that loses something or makes a judgement is a [`Note`] with a [`NoteKind`] and the
//! input span it is about; the linter's `conversion` rules report them, one rule per kind.
//!
//! - [`detect`] tells the input's format from its content.
//! - [`convert`] converts a parsed input; [`write::to_json`] prints an output tree.
//! - `openapi` and `postman` hold the two converters; `schema_infer` turns example JSON
//!   into a schema (for Postman bodies and saved responses).
//! - `refs` reads the other files of a multi-file description, inside its folder only.

mod build;
mod connection;
mod converter;
mod openapi;
mod postman;
mod refs;
mod schema;
mod schema_infer;
pub mod write;

use crate::json::{self, owned::Node};
use crate::source::Span;
use std::path::Path;

/// The operations of a Swagger 2.0 path item (OpenAPI 3 adds `trace`; Postman allows any).
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// What an input is, told from its content (never from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    OpenApi30,
    OpenApi31,
    /// Swagger 2.0 (needs no conversion, only JSON output).
    Swagger20,
    Postman20,
    Postman21,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::OpenApi30 => "OpenAPI 3.0",
            InputFormat::OpenApi31 => "OpenAPI 3.1",
            InputFormat::Swagger20 => "Swagger 2.0",
            InputFormat::Postman20 => "Postman collection v2.0",
            InputFormat::Postman21 => "Postman collection v2.1",
        }
    }

    /// Whether the input must be converted before Power Platform can read it (Swagger 2.0 needs
    /// only to be written as JSON).
    pub fn needs_conversion(self) -> bool {
        self != InputFormat::Swagger20
    }
}

/// The format of a parsed document, or `None` when it is none of those [`convert`] reads.
///
/// `openapi: 3.0.x` / `3.1.x` (a string, as the specification requires, or a number such as
/// `3.0`, which YAML authors write by mistake); `swagger: "2.0"`; a Postman collection by its
/// `info.schema` URL (`.../collection/v2.0.0/...` or `v2.1.0`), or, without one, by
/// `info._postman_id` with an `item` list (taken as v2.1).
pub fn detect(root: &json::Node<'_>) -> Option<InputFormat> {
    let version = |key: &str| -> Option<String> {
        let node = root.get(key)?;
        match &node.value {
            json::Value::String(s) => Some(s.to_string()),
            json::Value::Number(n) => Some(format!("{}", n.value)),
            _ => None,
        }
    };
    if let Some(v) = version("openapi") {
        if v.starts_with("3.0") || v == "3" {
            return Some(InputFormat::OpenApi30);
        }
        if v.starts_with("3.1") {
            return Some(InputFormat::OpenApi31);
        }
        return None;
    }
    if let Some(v) = version("swagger") {
        return v.starts_with('2').then_some(InputFormat::Swagger20);
    }
    let info = root.get("info")?;
    if let Some(schema) = info.get("schema").and_then(json::Node::as_str) {
        if schema.contains("v2.0") {
            return Some(InputFormat::Postman20);
        }
        if schema.contains("v2.1") || schema.contains("getpostman.com") {
            return Some(InputFormat::Postman21);
        }
    }
    (info.get("_postman_id").is_some() && root.get("item").is_some()).then_some(InputFormat::Postman21)
}

/// Everything that can be lost or decided in a conversion; each kind is reported by one rule
/// of the linter's `conversion` category (its id is [`NoteKind::rule_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteKind {
    /// A server beyond the first, or a server of a path item or operation, is not kept.
    ServerDropped,
    /// A server URL has variables; their defaults were put in.
    ServerVariable,
    /// No absolute URL to take the host from.
    HostUnresolved,
    /// A request body or response with several media types; one was kept.
    MediaTypeDropped,
    /// `oneOf`, `anyOf` or `not`, which Swagger 2.0 lacks.
    CompositionDropped,
    /// An OpenAPI 3 `discriminator` object became a Swagger 2.0 property name.
    DiscriminatorChanged,
    /// `nullable`, or `null` in a list of types, became `x-nullable`.
    NullableMapped,
    /// `const` became a one-value `enum`.
    ConstMapped,
    /// `writeOnly` has no Swagger 2.0 equivalent.
    WriteOnlyDropped,
    /// A schema keyword with no Swagger 2.0 equivalent was dropped.
    SchemaKeywordDropped,
    /// A cookie parameter (Swagger 2.0 cannot send cookies).
    CookieParameterDropped,
    /// A parameter that Swagger 2.0 cannot describe as written (an object in a query, `content`,
    /// a `style` without equivalent) was changed.
    ParameterChanged,
    /// Callbacks and webhooks: a connector needs a trigger instead.
    CallbackDropped,
    /// Response links.
    LinkDropped,
    /// An HTTP bearer scheme became an API key in the `Authorization` header.
    BearerMapped,
    /// A security scheme or OAuth flow that Power Platform cannot use.
    SecurityUnsupported,
    /// A `$ref` to a URL, outside the input's folder, or that could not be read.
    ExternalRef,
    /// An operation (or Postman request) that could not be converted.
    OperationDropped,
    /// An operationId was made up, or changed to be valid and unique.
    OperationIdChanged,
    /// A summary was shortened to its first line, or lost characters Power Platform refuses.
    SummaryChanged,
    /// Postman requests with the same method and path became one operation.
    OperationsMerged,
    /// Postman pre-request scripts and tests.
    ScriptDropped,
    /// A response that could not be kept as it was (a status-code range, a second example for
    /// the same status code).
    ResponseChanged,
    /// A Postman `{{variable}}` in the URL's host that the collection does not define.
    VariableUnresolved,
    /// The input has no operation to convert.
    NoOperations,
}

impl NoteKind {
    pub const ALL: [NoteKind; 25] = [
        NoteKind::ServerDropped,
        NoteKind::ServerVariable,
        NoteKind::HostUnresolved,
        NoteKind::MediaTypeDropped,
        NoteKind::CompositionDropped,
        NoteKind::DiscriminatorChanged,
        NoteKind::NullableMapped,
        NoteKind::ConstMapped,
        NoteKind::WriteOnlyDropped,
        NoteKind::SchemaKeywordDropped,
        NoteKind::CookieParameterDropped,
        NoteKind::ParameterChanged,
        NoteKind::CallbackDropped,
        NoteKind::LinkDropped,
        NoteKind::BearerMapped,
        NoteKind::SecurityUnsupported,
        NoteKind::ExternalRef,
        NoteKind::OperationDropped,
        NoteKind::OperationIdChanged,
        NoteKind::SummaryChanged,
        NoteKind::OperationsMerged,
        NoteKind::ScriptDropped,
        NoteKind::ResponseChanged,
        NoteKind::VariableUnresolved,
        NoteKind::NoOperations,
    ];

    /// The id of the linter rule that reports this kind.
    pub fn rule_id(self) -> &'static str {
        match self {
            NoteKind::ServerDropped => "conversion-server-dropped",
            NoteKind::ServerVariable => "conversion-server-variable",
            NoteKind::HostUnresolved => "conversion-host-unresolved",
            NoteKind::MediaTypeDropped => "conversion-media-type-dropped",
            NoteKind::CompositionDropped => "conversion-composition-dropped",
            NoteKind::DiscriminatorChanged => "conversion-discriminator-changed",
            NoteKind::NullableMapped => "conversion-nullable-mapped",
            NoteKind::ConstMapped => "conversion-const-mapped",
            NoteKind::WriteOnlyDropped => "conversion-write-only-dropped",
            NoteKind::SchemaKeywordDropped => "conversion-schema-keyword-dropped",
            NoteKind::CookieParameterDropped => "conversion-cookie-parameter-dropped",
            NoteKind::ParameterChanged => "conversion-parameter-changed",
            NoteKind::CallbackDropped => "conversion-callback-dropped",
            NoteKind::LinkDropped => "conversion-link-dropped",
            NoteKind::BearerMapped => "conversion-bearer-mapped",
            NoteKind::SecurityUnsupported => "conversion-security-unsupported",
            NoteKind::ExternalRef => "conversion-external-ref",
            NoteKind::OperationDropped => "conversion-operation-dropped",
            NoteKind::OperationIdChanged => "conversion-operation-id-changed",
            NoteKind::SummaryChanged => "conversion-summary-changed",
            NoteKind::OperationsMerged => "conversion-operations-merged",
            NoteKind::ScriptDropped => "conversion-script-dropped",
            NoteKind::ResponseChanged => "conversion-response-changed",
            NoteKind::VariableUnresolved => "conversion-variable-unresolved",
            NoteKind::NoOperations => "conversion-no-operations",
        }
    }
}

/// One lossy or judgement step of a conversion, at the input span it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    pub span: Span,
    pub message: String,
    /// What to do about it, when there is something to say.
    pub help: Option<String>,
    /// Other input places the note is about (the other requests of a merge, say).
    pub related: Vec<(Span, String)>,
}

/// What a conversion produced: output trees whose spans point into the input.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The Swagger 2.0 document.
    pub swagger: Node,
    pub report: ConversionReport,
}

/// Everything a conversion produced besides the swagger.
#[derive(Debug, Clone)]
pub struct ConversionReport {
    pub format: InputFormat,
    /// The input as it was read: the places of notes and findings are in it (their JSON pointers
    /// are computed in it).
    pub input: Node,
    /// apiProperties.json: connection parameters from the security schemes, and a placeholder
    /// brand colour.
    pub api_properties: Node,
    /// The API's title, for naming the output folder.
    pub title: Option<String>,
    /// In input order of the places they are about (by span start, then kind).
    pub notes: Vec<Note>,
    /// Operations in the input (path × method, or Postman requests), and how many of them are in
    /// the output (merged Postman requests count as kept).
    pub operations_in: usize,
    pub operations_kept: usize,
}

/// Where the input is, for following relative `$ref`s to other files.
#[derive(Debug, Clone, Copy, Default)]
pub struct InputPlace<'p> {
    /// The input file on disk; `None` for input that is not a file (no other file is then read).
    pub path: Option<&'p Path>,
    /// The folder that referenced files must be inside; the input's own folder when `None`.
    pub ref_root: Option<&'p Path>,
    /// Largest other file that is read, and the most bytes of other files in all.
    pub max_file_size: u64,
}

/// Converts a parsed input of format `format` (see [`detect`]); the input tree ends in the
/// report. Never fails: what cannot be converted is left out and named by a note.
pub fn convert(root: Node, format: InputFormat, place: InputPlace<'_>) -> Conversion {
    let mut conversion = match format {
        InputFormat::OpenApi30 | InputFormat::OpenApi31 | InputFormat::Swagger20 => openapi::convert(&root, format, place),
        InputFormat::Postman20 | InputFormat::Postman21 => postman::convert(&root, format),
    };
    conversion.report.notes.sort_by_key(|n| (n.span.start, n.kind));
    conversion.report.input = root;
    conversion
}

/// The most bytes of other files that one conversion reads, whatever the per-file limit.
pub const MAX_REFERENCED_BYTES: u64 = 256 * 1024 * 1024;
/// The per-file limit when [`InputPlace::max_file_size`] is 0 (as connector files' default).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;
/// The most other files one conversion reads.
pub const MAX_REFERENCED_FILES: usize = 64;
