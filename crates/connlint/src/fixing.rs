//! `--fix` and `--diff`: apply the safe fixes of a report's findings (see
//! `connlint_linter::fix`), or show them as a unified diff.

use connlint_linter::fix::{apply, fix_for, unified_diff, Fix};
use connlint_linter::Report;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the fixes changed.
pub struct Outcome {
    /// Findings fixed (or, with `--diff`, fixable).
    pub findings: usize,
    pub files: usize,
    /// With `--diff`: the diff of every changed file.
    pub diff: String,
}

/// Computes the fixes of `report`'s findings; unless `dry_run`, writes them (atomically) and
/// removes the fixed findings from `report`. Files that are not UTF-8 are left alone.
pub fn run(report: &mut Report, dry_run: bool) -> std::io::Result<Outcome> {
    let mut texts: BTreeMap<PathBuf, Option<(bool, String)>> = BTreeMap::new();
    let mut fixes: BTreeMap<PathBuf, Vec<Fix>> = BTreeMap::new();
    for finding in report.findings() {
        let text = texts.entry(finding.path.clone()).or_insert_with(|| read_utf8(&finding.path));
        let Some((_, text)) = text else { continue };
        if let Some(fix) = fix_for(finding, text) {
            fixes.entry(finding.path.clone()).or_default().push(fix);
        }
    }
    let mut outcome = Outcome { findings: 0, files: 0, diff: String::new() };
    let mut fixed: Vec<(PathBuf, connlint_core::Span, &'static str)> = Vec::new();
    for (path, file_fixes) in &fixes {
        let Some(Some((bom, text))) = texts.get(path) else { continue };
        let (new_text, applied) = apply(text, file_fixes);
        if applied.is_empty() {
            continue;
        }
        outcome.findings += applied.len();
        outcome.files += 1;
        if dry_run {
            outcome.diff.push_str(&unified_diff(&path.display().to_string().replace('\\', "/"), text, &new_text));
            continue;
        }
        let mut bytes = Vec::with_capacity(new_text.len() + 3);
        if *bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(new_text.as_bytes());
        connlint_linter::write::write_atomically(path, &bytes)
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
        fixed.extend(applied.iter().map(|f| (f.path.clone(), f.span, f.rule)));
    }
    for connector in &mut report.connectors {
        connector.findings.retain(|f| !fixed.iter().any(|(p, s, r)| *p == f.path && *s == f.span && *r == f.rule));
    }
    Ok(outcome)
}

/// The file's text without its UTF-8 byte order mark (and whether it had one); `None` when it
/// cannot be read or is not UTF-8.
fn read_utf8(path: &std::path::Path) -> Option<(bool, String)> {
    let bytes = std::fs::read(path).ok()?;
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, &bytes[..]),
    };
    String::from_utf8(rest.to_vec()).ok().map(|text| (bom, text))
}
