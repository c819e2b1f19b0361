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

use connlint_linter::{Finding, Fix, Label, Summary};
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

/// A correction: edits in the diagnostic's file, applied together.
#[derive(Serialize)]
struct JsonFix<'a> {
    /// `safe` (applied by `--fix`) or `unsafe` (only with `--unsafe-fixes`).
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

/// Replace the text from `line:column` to `end_line:end_column` by `content`.
#[derive(Serialize)]
struct JsonEdit<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: &'a str,
}

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
pub fn diagnostic(f: &Finding) -> String {
    serde_json::to_string(&json_diagnostic(f)).expect("serializable")
}

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
