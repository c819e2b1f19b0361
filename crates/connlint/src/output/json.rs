//! `--format json`: the stable machine contract (version 1).
//!
//! ```json
//! {"version": 1,
//!  "diagnostics": [{"rule", "ms_name", "severity", "file", "line", "column", "end_line",
//!                   "end_column", "pointer", "message", "help",
//!                   "related": [{"file", "line", "column", "end_line", "end_column", "pointer", "message"}],
//!                   "fix": {"applicability", "edits": [{"line", "column", "end_line", "end_column", "content"}]}}],
//!  "summary": {"connectors", "files", "errors", "warnings", "infos", "parse_failures"}}
//! ```
//! Lines and columns are 1-based; columns count characters. `ms_name`, `pointer`, `help` and
//! `fix` may be null; `related` may be empty. Diagnostics are sorted by file, line, column and
//! rule. `related` and `fix` were added within version 1.

use connlint_core::json::push_string;
use connlint_linter::{Finding, Summary};
#[cfg(test)]
use connlint_linter::{Fix, Label};
#[cfg(test)]
use serde::Serialize;

pub const FORMAT_VERSION: u32 = 1;

/// The whole output, serialized in one go (what the pieces must add up to).
#[cfg(test)]
#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    ms_name: Option<&'a str>,
    severity: &'a str,
    file: std::borrow::Cow<'a, str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    pointer: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    related: Vec<JsonLabel<'a>>,
    fix: Option<JsonFix<'a>>,
}

#[cfg(test)]
/// Another place a diagnostic is about.
#[derive(Serialize)]
struct JsonLabel<'a> {
    file: std::borrow::Cow<'a, str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    pointer: Option<&'a str>,
    message: &'a str,
}

#[cfg(test)]
/// A correction: edits in the diagnostic's file, applied together.
#[derive(Serialize)]
struct JsonFix<'a> {
    /// `safe` (applied by `--fix`) or `unsafe` (only with `--unsafe-fixes`).
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[cfg(test)]
/// Replace the text from `line:column` to `end_line:end_column` by `content`.
#[derive(Serialize)]
struct JsonEdit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: &'a str,
}

#[cfg(test)]
fn label(l: &Label) -> JsonLabel<'_> {
    JsonLabel {
        file: l.path.to_string_lossy(),
        line: l.line,
        column: l.column,
        end_line: l.end_line,
        end_column: l.end_column,
        pointer: l.pointer.as_deref(),
        message: &l.message,
    }
}

#[cfg(test)]
fn fix(f: &Fix) -> JsonFix<'_> {
    JsonFix {
        applicability: f.applicability.as_str(),
        edits: f
            .edits
            .iter()
            .map(|e| JsonEdit {
                line: e.start.line,
                column: e.start.column,
                end_line: e.end.line,
                end_column: e.end.column,
                content: &e.content,
            })
            .collect(),
    }
}

/// The text before the first diagnostic.
pub fn head() -> String {
    format!("{{\"version\":{FORMAT_VERSION},\"diagnostics\":[")
}

/// One diagnostic as it appears in the `diagnostics` array (compact, without separator).
///
/// Written field by field: the text serde_json makes of `JsonDiagnostic` (the shape of
/// the format, which a test holds this to), without its per-field calls, since a run writes
/// one for every finding.
pub fn diagnostic(f: &Finding) -> String {
    let mut out = String::with_capacity(256 + f.message.len() + f.help.as_ref().map_or(0, String::len));
    out.push_str("{\"rule\":");
    push_string(&mut out, f.rule);
    out.push_str(",\"ms_name\":");
    push_optional(&mut out, f.ms_name);
    out.push_str(",\"severity\":");
    push_string(&mut out, f.severity.as_str());
    out.push(',');
    push_place(&mut out, &f.path, [f.line, f.column, f.end_line, f.end_column], f.pointer.as_deref());
    out.push_str(",\"message\":");
    push_string(&mut out, &f.message);
    out.push_str(",\"help\":");
    push_optional(&mut out, f.help.as_deref());
    out.push_str(",\"related\":[");
    for (i, label) in f.related.iter().enumerate() {
        out.push_str(if i == 0 { "{" } else { ",{" });
        push_place(&mut out, &label.path, [label.line, label.column, label.end_line, label.end_column], label.pointer.as_deref());
        out.push_str(",\"message\":");
        push_string(&mut out, &label.message);
        out.push('}');
    }
    out.push_str("],\"fix\":");
    match &f.fix {
        None => out.push_str("null"),
        Some(fix) => {
            out.push_str("{\"applicability\":");
            push_string(&mut out, fix.applicability.as_str());
            out.push_str(",\"edits\":[");
            for (i, edit) in fix.edits.iter().enumerate() {
                out.push_str(if i == 0 { "{" } else { ",{" });
                push_numbers(&mut out, [edit.start.line, edit.start.column, edit.end.line, edit.end.column]);
                out.push_str(",\"content\":");
                push_string(&mut out, &edit.content);
                out.push('}');
            }
            out.push_str("]}");
        }
    }
    out.push('}');
    out
}

/// `"file":…,"line":…,"column":…,"end_line":…,"end_column":…,"pointer":…`
fn push_place(out: &mut String, path: &std::path::Path, numbers: [u32; 4], pointer: Option<&str>) {
    out.push_str("\"file\":");
    // Paths are almost always valid UTF-8, which `to_str` checks at a fraction of the cost of
    // `to_string_lossy` (measured: that was 0.4% of all instructions of a run over the corpus).
    match path.to_str() {
        Some(text) => push_string(out, text),
        None => push_string(out, &path.to_string_lossy()),
    }
    out.push(',');
    push_numbers(out, numbers);
    out.push_str(",\"pointer\":");
    push_optional(out, pointer);
}

/// `"line":…,"column":…,"end_line":…,"end_column":…`
fn push_numbers(out: &mut String, [line, column, end_line, end_column]: [u32; 4]) {
    let mut buffer = itoa::Buffer::new();
    for (name, value) in [("\"line\":", line), (",\"column\":", column), (",\"end_line\":", end_line), (",\"end_column\":", end_column)] {
        out.push_str(name);
        out.push_str(buffer.format(value));
    }
}

fn push_optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => push_string(out, text),
        None => out.push_str("null"),
    }
}

#[cfg(test)]
fn json_diagnostic(f: &Finding) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        rule: f.rule,
        ms_name: f.ms_name,
        severity: f.severity.as_str(),
        file: f.path.to_string_lossy(),
        line: f.line,
        column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        pointer: f.pointer.as_deref(),
        message: &f.message,
        help: f.help.as_deref(),
        related: f.related.iter().map(label).collect(),
        fix: f.fix.as_ref().map(fix),
    }
}

/// The text after the last diagnostic: the summary and the closing brace.
pub fn tail(summary: Summary) -> String {
    format!("],\"summary\":{}}}\n", serde_json::to_string(&summary).expect("serializable"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::finding;
    use connlint_linter::Severity;

    #[test]
    fn a_diagnostic_written_by_hand_is_the_text_serde_json_makes_of_it() {
        use connlint_core::{Position, Span};
        use connlint_linter::{Applicability, Edit, Fix, Label};
        let odd = "quote \" backslash \\ tab \t\u{1} é \u{7f} 😀 </script>";
        let mut full = finding("host-invalid", Severity::Warning, "c/sub dir/apiDefinition.swagger.json", 8, 11, odd);
        full.ms_name = Some("HostInvalid");
        full.pointer = Some("/paths/~1items~1{id}/get".into());
        full.help = Some("write `a\nb`".into());
        let place = |line, column| Position { line, column };
        let label = |path: &str, pointer: Option<&str>, message: &str| Label {
            path: path.into(),
            span: Span { start: 3, end: 4 },
            line: 2,
            column: 4_000_000_000,
            end_line: 10,
            end_column: 1,
            pointer: pointer.map(Into::into),
            message: message.into(),
        };
        full.related = vec![label("c/apiProperties.json", None, "declared here"), label("d\\e.json", Some(""), odd)];
        let edit = |content: &str| Edit { span: Span { start: 0, end: 1 }, content: content.into(), start: place(1, 2), end: place(3, 40) };
        full.fix = Some(Fix { applicability: Applicability::Unsafe, edits: vec![edit("\"x\""), edit("")] });
        let mut one_edit = finding("r", Severity::Error, "a.json", 1, 1, "");
        one_edit.fix = Some(Fix { applicability: Applicability::Safe, edits: vec![edit("y")] });
        let mut plain = finding("x", Severity::Info, "c/p.json", 0, 0, "m");
        for f in [&full, &one_edit, &plain] {
            assert_eq!(diagnostic(f), serde_json::to_string(&json_diagnostic(f)).unwrap());
        }
        #[cfg(unix)]
        {
            // A file name that is not UTF-8 is written as `to_string_lossy` shows it.
            use std::os::unix::ffi::OsStringExt;
            plain.path = std::ffi::OsString::from_vec(b"c/\xffp.json".to_vec()).into();
            assert!(diagnostic(&plain).contains("\"file\":\"c/\u{fffd}p.json\""));
            assert_eq!(diagnostic(&plain), serde_json::to_string(&json_diagnostic(&plain)).unwrap());
        }
    }

    #[test]
    fn pieces_make_the_same_text_as_the_whole_output_serialized() {
        let a = finding("host-invalid", Severity::Error, "c/api.json", 8, 11, "bad host");
        let b = finding("x", Severity::Info, "c/p.json", 1, 2, "two\r\nlines \"quoted\"");
        let summary = Summary { connectors: 1, files: 2, errors: 1, warnings: 0, infos: 1, parse_failures: 0 };
        for findings in [vec![], vec![&a], vec![&a, &b]] {
            let whole = Output { version: FORMAT_VERSION, diagnostics: findings.iter().map(|f| json_diagnostic(f)).collect(), summary };
            let expected = serde_json::to_string(&whole).unwrap() + "\n";
            let pieces: Vec<String> = findings.iter().map(|f| diagnostic(f)).collect();
            assert_eq!(head() + &pieces.join(",") + &tail(summary), expected);
        }
    }
}
