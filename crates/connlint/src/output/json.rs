//! `--format json`: the stable machine contract (version 1).
//!
//! ```json
//! {"version": 1,
//!  "diagnostics": [{"rule", "ms_name", "severity", "file", "line", "column", "end_line",
//!                   "end_column", "pointer", "message", "help"}],
//!  "summary": {"connectors", "files", "errors", "warnings", "infos", "parse_failures"}}
//! ```
//! Lines and columns are 1-based; columns count characters. `ms_name`, `pointer` and `help` may
//! be null. Diagnostics are sorted by file, line, column and rule.

use connlint_linter::{Finding, Summary};
use serde::Serialize;

pub const FORMAT_VERSION: u32 = 1;

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
}

pub fn render<'a>(findings: impl Iterator<Item = &'a Finding>, summary: Summary) -> String {
    let diagnostics = findings
        .map(|f| JsonDiagnostic {
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
        })
        .collect();
    let mut text = serde_json::to_string(&Output { version: FORMAT_VERSION, diagnostics, summary }).expect("serializable");
    text.push('\n');
    text
}
