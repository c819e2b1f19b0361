//! Findings: as rules report them (file id + byte span) and as users read them (path,
//! 1-based line and column, JSON pointer).

use crate::change::Side;
use crate::fix::Fix;
use crate::meta::{RuleMeta, Severity};
use connlint_core::source::PathOrder;
use connlint_core::{Connector, FileId, Position, Span};
use std::path::PathBuf;

/// A finding as a rule reports it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// Which connector `file` belongs to: always [`Side::New`], the connector being linted,
    /// except in `connlint diff`, where a finding about something removed is in the old version.
    pub side: Side,
    pub file: FileId,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// A correction: edits in `file` (see [`Diagnostic::fix`]).
    pub fix: Option<Fix>,
    /// Other places the finding is about (see [`Diagnostic::label`]).
    pub related: Vec<Related>,
}

/// Sorts diagnostics by side, file, start, rule, message and end: the order of every run's
/// result, whatever order the rules ran in.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.side, a.file, a.span.start, a.rule.id, &a.message, a.span.end).cmp(&(
            b.side,
            b.file,
            b.span.start,
            b.rule.id,
            &b.message,
            b.span.end,
        ))
    });
}

/// Another place a diagnostic is about, such as the first of two duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Which connector `file` belongs to (see [`Diagnostic::side`]).
    pub side: Side,
    pub file: FileId,
    pub span: Span,
    /// What is there, e.g. ``first used here``.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic without help, fix or related places.
    pub fn new(rule: &'static RuleMeta, severity: Severity, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { rule, severity, side: Side::New, file, span, message: message.into(), help: None, fix: None, related: Vec::new() }
    }

    /// Adds advice on how to fix the finding.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches a correction, whose edits are in the diagnostic's file (applied by `--fix`, or
    /// by `--fix --unsafe-fixes` when unsafe). A rule that attaches fixes declares it with
    /// `fix: Always` or `fix: Sometimes` in `declare_rule!`.
    pub fn fix(&mut self, fix: impl Into<Option<Fix>>) -> &mut Self {
        self.fix = fix.into();
        self
    }

    /// Points at another place the finding is about, in any file of the diagnostic's connector.
    pub fn label(&mut self, file: FileId, span: Span, message: impl Into<String>) -> &mut Self {
        self.label_on(self.side, file, span, message)
    }

    /// Points at another place the finding is about, in a file of the `side` version (`connlint
    /// diff`: the counterpart in the other version).
    pub fn label_on(&mut self, side: Side, file: FileId, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push(Related { side, file, span, message: message.into() });
        self
    }
}

/// Another place of a finding, resolved like the finding's own position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The file, which may be another than the finding's (even another connector's).
    pub path: PathBuf,
    /// Byte span in the decoded text of `path`.
    pub span: Span,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub pointer: Option<String>,
    pub message: String,
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
    /// A correction whose edits are in `path`, their positions resolved; never for a file
    /// assembled from others (a solution's parts, a record's strings).
    pub fix: Option<Fix>,
    /// Other places the finding is about.
    pub related: Vec<Label>,
}

impl Finding {
    /// The order of output: file, line, column, rule.
    pub fn sort_key(&self) -> (PathOrder<'_>, u32, u32, &str) {
        (PathOrder(&self.path), self.line, self.column, self.rule)
    }

    /// Resolves a rule's diagnostic against the connector's files.
    pub fn resolve(connector: &Connector, diagnostic: &Diagnostic) -> Self {
        Self::resolve_in(diagnostic, |_| connector)
    }

    /// Resolves a diagnostic whose files (its own and its related places') may be in either
    /// version of a connector: `connector_of` gives the connector of each [`Side`].
    pub fn resolve_in<'c>(diagnostic: &Diagnostic, connector_of: impl Fn(Side) -> &'c Connector) -> Self {
        let (connector, file) = (connector_of(diagnostic.side), diagnostic.file);
        let at = locate(connector, file, diagnostic.span);
        // Text assembled from other files (a solution's parts, a record's strings) is not
        // what a fix would be written into.
        let fix = diagnostic.fix.as_ref().filter(|_| !at.mapped).map(|fix| {
            let source = connector.files.get(file.0 as usize).map(|f| &*f.source);
            let mut fix = fix.clone();
            for edit in &mut fix.edits {
                let position = |offset| source.map_or(Position { line: 1, column: 1 }, |s| s.position(offset));
                edit.start = position(edit.span.start);
                edit.end = position(edit.span.end);
            }
            fix
        });
        let related = diagnostic
            .related
            .iter()
            .map(|r| {
                let place = locate(connector_of(r.side), r.file, r.span);
                Label {
                    path: place.path,
                    span: place.span,
                    line: place.start.line,
                    column: place.start.column,
                    end_line: place.end.line,
                    end_column: place.end.column,
                    pointer: place.pointer,
                    message: r.message.clone(),
                }
            })
            .collect();
        Finding {
            rule: diagnostic.rule.id,
            ms_name: diagnostic.rule.ms_name(),
            severity: diagnostic.severity,
            path: at.path,
            span: at.span,
            line: at.start.line,
            column: at.start.column,
            end_line: at.end.line,
            end_column: at.end.column,
            pointer: at.pointer,
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            fix,
            related,
        }
    }
}

/// A span of a connector's file as users read it.
struct Located {
    path: PathBuf,
    span: Span,
    start: Position,
    end: Position,
    pointer: Option<String>,
    /// Whether the file was assembled from others and the place is in one of them.
    mapped: bool,
}

fn locate(connector: &Connector, file: FileId, span: Span) -> Located {
    let Some(file) = connector.files.get(file.0 as usize) else {
        let p = Position { line: 1, column: 1 };
        return Located { path: PathBuf::from(connector.display_name()), span, start: p, end: p, pointer: None, mapped: false };
    };
    // A converted file's tree is the output; its spans point into the input, so the pointer is
    // the input's (a JSON pointer, or the YAML path written as one).
    let root = match &file.conversion {
        Some(report) => Some(&report.input),
        None => file.json().and_then(|j| j.root.as_ref()),
    };
    // For an assembled file, the pointer is made relative to the part the span is in: into
    // the connection parameters file, or the swagger stored as a string.
    let pointer = root.and_then(|r| r.pointer_to(span));
    let (source, span, pointer) = match file.source.origin() {
        Some(origin) => match origin.locate(span) {
            Some(location) => {
                let pointer = pointer.and_then(|p| location.relative_pointer(&p));
                (&**location.file, location.span, pointer)
            }
            None => (&*file.source, span, None),
        },
        None => (&*file.source, span, pointer),
    };
    Located {
        path: source.path().to_path_buf(),
        span,
        start: source.position(span.start),
        end: source.position(span.end),
        pointer,
        mapped: file.source.origin().is_some(),
    }
}

/// A file that findings point into, with its text kept for rendering code frames.
#[derive(Debug, Clone)]
pub struct ReportedFile {
    pub path: PathBuf,
    /// Shared with the loaded file: keeping it copies nothing.
    pub text: connlint_core::SharedText,
}
