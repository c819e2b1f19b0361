//! Findings: as rules report them (file id + byte span) and as users read them (path,
//! 1-based line and column, JSON pointer).

use crate::meta::{RuleMeta, Severity};
use connlint_core::{Connector, FileId, Span};
use std::path::PathBuf;
use std::sync::Arc;

/// A finding as a rule reports it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub file: FileId,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// A safe correction: the text that replaces `span`.
    pub replacement: Option<String>,
}

impl Diagnostic {
    /// Adds advice on how to fix the finding.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Offers `text` as a safe replacement of the finding's span (applied by `--fix`).
    pub fn replace_with(&mut self, text: impl Into<String>) -> &mut Self {
        self.replacement = Some(text.into());
        self
    }
}

/// The rule id of a problem that is not a rule's finding: a file or folder that could not be
/// read. It cannot be turned off, and makes the exit code 2.
pub const IO_ERROR: &str = "io-error";

/// A finding with its position resolved, ready for any output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (or [`IO_ERROR`]).
    pub rule: &'static str,
    pub ms_name: Option<&'static str>,
    pub severity: Severity,
    pub path: PathBuf,
    /// Byte span in the decoded text of `path`.
    pub span: Span,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// RFC 6901 pointer of the node at the span, for JSON files.
    pub pointer: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// A safe correction: the text that replaces `span` in `path` (see [`Diagnostic::replace_with`]).
    pub replacement: Option<String>,
}

impl Finding {
    /// The order of output: file, line, column, rule.
    pub fn sort_key(&self) -> (&std::path::Path, u32, u32, &str) {
        (&self.path, self.line, self.column, self.rule)
    }

    /// Resolves a rule's diagnostic against the connector's files.
    pub fn resolve(connector: &Connector, diagnostic: &Diagnostic) -> Self {
        let file = connector.files.get(diagnostic.file.0 as usize);
        let (path, span, start, end, pointer, mapped) = match file {
            Some(file) => {
                let root = file.json.as_ref().and_then(|j| j.root.as_ref());
                // For an assembled file, the pointer is made relative to the part the finding
                // is in: into the connection parameters file, or the swagger stored as a string.
                let pointer = root.and_then(|r| r.pointer_to(diagnostic.span));
                let (source, span, pointer) = match file.source.origin() {
                    Some(origin) => match origin.locate(diagnostic.span) {
                        Some(location) => {
                            let pointer = pointer.and_then(|p| location.relative_pointer(&p));
                            (&**location.file, location.span, pointer)
                        }
                        None => (&*file.source, diagnostic.span, None),
                    },
                    None => (&*file.source, diagnostic.span, pointer),
                };
                let start = source.position(span.start);
                let end = source.position(span.end);
                let mapped = file.source.origin().is_some();
                (source.path().to_path_buf(), span, start, end, pointer, mapped)
            }
            None => {
                let p = connlint_core::Position { line: 1, column: 1 };
                (PathBuf::from(connector.display_name()), diagnostic.span, p, p, None, false)
            }
        };
        Finding {
            rule: diagnostic.rule.id,
            ms_name: diagnostic.rule.ms_name(),
            severity: diagnostic.severity,
            path,
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            pointer,
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            // Text assembled from other files (a solution's parts, a record's strings) is not
            // what a replacement would be written into.
            replacement: if mapped { None } else { diagnostic.replacement.clone() },
        }
    }
}

/// A file that findings point into, with its text kept for rendering code frames.
#[derive(Debug, Clone)]
pub struct ReportedFile {
    pub path: PathBuf,
    pub text: Arc<str>,
}
