//! `--fix` and `--diff`: apply the fixes that rules attached to a report's findings (see
//! `connlint_linter::fix`), or show them as a unified diff.

use connlint_linter::fix::{apply, unified_diff, Applicability, Fix};
use connlint_linter::Report;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// What the fixes changed.
pub struct Outcome {
    /// Findings fixed (or, with `--diff`, fixable).
    pub findings: usize,
    pub files: usize,
    /// With `--diff`: the diff of every changed file.
    pub diff: String,
}

/// A finding of a report: the index of its connector, and its index there.
type FindingIndex = (usize, usize);

/// Applies the safe fixes of `report`'s findings, and the unsafe ones too with `unsafe_fixes`;
/// unless `dry_run`, writes them (atomically) and removes the fixed findings from `report`.
/// Files that are not UTF-8 are left alone.
pub fn run(report: &mut Report, dry_run: bool, unsafe_fixes: bool) -> std::io::Result<Outcome> {
    // Per file: the fixes and the (connector, finding) each belongs to.
    let mut fixes: BTreeMap<PathBuf, Vec<(&Fix, FindingIndex)>> = BTreeMap::new();
    for (c, connector) in report.connectors.iter().enumerate() {
        for (f, finding) in connector.findings.iter().enumerate() {
            let Some(fix) = &finding.fix else { continue };
            if fix.applicability == Applicability::Unsafe && !unsafe_fixes {
                continue;
            }
            fixes.entry(finding.path.clone()).or_default().push((fix, (c, f)));
        }
    }
    let mut outcome = Outcome { findings: 0, files: 0, diff: String::new() };
    let mut fixed: HashSet<FindingIndex> = HashSet::new();
    for (path, file_fixes) in &fixes {
        let Some((bom, text)) = read_utf8(path) else { continue };
        let only: Vec<&Fix> = file_fixes.iter().map(|(fix, _)| *fix).collect();
        let (new_text, applied) = apply(&text, &only);
        if applied.is_empty() {
            continue;
        }
        outcome.findings += applied.len();
        outcome.files += 1;
        if dry_run {
            outcome.diff.push_str(&unified_diff(&path.display().to_string().replace('\\', "/"), &text, &new_text));
            continue;
        }
        let mut bytes = Vec::with_capacity(new_text.len() + 3);
        if bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(new_text.as_bytes());
        connlint_linter::write::write_atomically(path, &bytes)
            .map_err(|e| std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
        // A finding whose fix equals an applied one (two findings at one place) is fixed too.
        fixed.extend(file_fixes.iter().filter(|(fix, _)| applied.iter().any(|&i| only[i] == *fix)).map(|(_, at)| *at));
    }
    for (c, connector) in report.connectors.iter_mut().enumerate() {
        let mut f = 0;
        connector.findings.retain(|_| {
            f += 1;
            !fixed.contains(&(c, f - 1))
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::Span;
    use connlint_linter::fix::Edit;
    use connlint_linter::{ConnectorReport, Finding, Severity};

    fn finding(path: &std::path::Path, start: u32, end: u32, fix: Fix) -> Finding {
        Finding {
            rule: "r",
            ms_name: None,
            severity: Severity::Warning,
            path: path.to_path_buf(),
            span: Span { start, end },
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: end + 1,
            pointer: None,
            message: "m".into(),
            help: None,
            fix: Some(fix),
            related: Vec::new(),
        }
    }

    #[test]
    fn unsafe_fixes_need_the_flag_and_fixed_findings_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "\u{feff}abcdef").unwrap();
        let safe = Fix::safe([Edit::replace(Span { start: 0, end: 1 }, "A")]);
        let risky = Fix::unsafe_edits([Edit::replace(Span { start: 2, end: 3 }, "C"), Edit::insert(6, "!")]);
        let report = || Report {
            connectors: vec![ConnectorReport {
                findings: vec![finding(&path, 0, 1, safe.clone()), finding(&path, 2, 3, risky.clone())],
                ..Default::default()
            }],
            input_errors: Vec::new(),
        };
        let mut shown = report();
        let outcome = run(&mut shown, true, false).unwrap();
        assert_eq!((outcome.findings, outcome.files), (1, 1));
        assert!(outcome.diff.contains("+Abcdef"), "{}", outcome.diff);
        assert_eq!(shown.connectors[0].findings.len(), 2, "--diff changes nothing");
        let mut all = report();
        let outcome = run(&mut all, false, true).unwrap();
        assert_eq!(outcome.findings, 2);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "\u{feff}AbCdef!");
        assert!(all.connectors[0].findings.is_empty());
    }
}
