//! Findings as protocol diagnostics: UTF-16 ranges, severity from the finding's level, the rule
//! id as code with its page as `codeDescription`, and related places as `relatedInformation`.

use crate::position::LineMap;
use crate::LintedFile;
use connlint_linter::{Finding, Severity};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position, Range, Url,
};
use std::path::Path;
use std::sync::Arc;

/// The diagnostics of one file; `texts` gives the text of other files that related places are in.
pub fn to_lsp(file: &LintedFile, texts: &dyn Fn(&Path) -> Option<Arc<str>>) -> Vec<Diagnostic> {
    let map = LineMap::new(&file.text);
    file.findings.iter().map(|finding| diagnostic(finding, &map, texts)).collect()
}

/// The range of `finding` in its file.
pub fn finding_range(finding: &Finding, map: &LineMap) -> Range {
    if map.is_empty() {
        // The file could not be read (an `io-error`): its line and column are all there is.
        let at = Position { line: finding.line.saturating_sub(1), character: finding.column.saturating_sub(1) };
        return Range { start: at, end: at };
    }
    map.range(finding.span.start as usize, finding.span.end as usize)
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn diagnostic(finding: &Finding, map: &LineMap, texts: &dyn Fn(&Path) -> Option<Arc<str>>) -> Diagnostic {
    let code_description = connlint_linter::rule_by_id(finding.rule)
        .and_then(|_| Url::parse(&connlint_linter::docs::rule_help_uri(finding.rule)).ok())
        .map(|href| CodeDescription { href });
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|label| {
            let uri = Url::from_file_path(&label.path).ok()?;
            let text = texts(&label.path).unwrap_or_else(|| "".into());
            let range = if text.is_empty() {
                let at = Position { line: label.line.saturating_sub(1), character: label.column.saturating_sub(1) };
                Range { start: at, end: at }
            } else {
                LineMap::new(&text).range(label.span.start as usize, label.span.end as usize)
            };
            Some(DiagnosticRelatedInformation { location: Location { uri, range }, message: label.message.clone() })
        })
        .collect();
    let message = match &finding.help {
        Some(help) => format!("{}\nhelp: {help}", finding.message),
        None => finding.message.clone(),
    };
    Diagnostic {
        range: finding_range(finding, map),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description,
        source: Some("connlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
