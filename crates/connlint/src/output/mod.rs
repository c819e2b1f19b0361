//! Output formats of `connlint check` (`--format`), `--quiet` and `--statistics`.
//!
//! Every format but `human` is plain text without color codes: `human` is the only one that may
//! color, and only when asked (`--color`) or when writing to a terminal.

pub mod compact;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod stream;

use connlint_linter::{Report, Severity, Summary};
use std::collections::HashMap;
use std::path::Path;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames for people.
    Human,
    /// The stable JSON contract (see the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
    /// JUnit XML: a test suite per connector, a failing test case per file and rule.
    Junit,
    /// One line per finding: `file:line:col: severity [rule] message`.
    Compact,
}

impl Format {
    /// Whether `--statistics` can replace the findings in this format.
    pub fn supports_statistics(self) -> bool {
        matches!(self, Format::Human | Format::Compact)
    }
}

/// How to render a report.
#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    pub format: Format,
    /// Color codes in human output.
    pub color: bool,
    /// No summary line (human, compact and github).
    pub quiet: bool,
    /// Counts per rule instead of the findings (human and compact).
    pub statistics: bool,
}

/// Renders the report in the chosen format (through [`stream`]'s pieces, as `check` writes).
pub fn render(report: &Report, options: &RenderOptions) -> String {
    let mut out = Vec::new();
    stream::write_report(report, *options, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every format writes UTF-8")
}

/// The closing line of human, compact and github output, e.g.
/// `5 errors, 2 warnings, 0 infos in 2 files of 1 connector (1 not strict JSON)`.
pub fn summary_line(summary: Summary) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {} of {} ({} not strict JSON)",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
        plural(summary.files, "file"),
        plural(summary.connectors, "connector"),
        summary.parse_failures,
    )
}

/// `--statistics`: one line per rule with findings (given as their rule and severity), sorted
/// by count (most first), then rule id: the count right-aligned, the rule id padded, and the
/// rule's highest severity, e.g. `    3  operation-id-missing  error`.
pub fn statistics(findings: impl Iterator<Item = (&'static str, Severity)>) -> String {
    let mut counts: HashMap<&str, (usize, Severity)> = HashMap::new();
    for (rule, severity) in findings {
        let entry = counts.entry(rule).or_insert((0, severity));
        entry.0 += 1;
        entry.1 = entry.1.max(severity);
    }
    let mut rows: Vec<(&str, usize, Severity)> = counts.into_iter().map(|(rule, (n, s))| (rule, n, s)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let count_width = rows.iter().map(|r| r.1.to_string().len()).max().unwrap_or(1).max(5);
    let rule_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    rows.iter().map(|(rule, n, severity)| format!("{n:>count_width$}  {rule:<rule_width$}  {severity}\n")).collect()
}

/// A path as it appears in machine output: relative to `base` when under it, with `/` between
/// components.
pub fn display_path(path: &Path, base: &Path) -> String {
    let path = if path.is_absolute() { path.strip_prefix(base).unwrap_or(path) } else { path };
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::Span;
    use connlint_linter::Finding;
    use std::path::PathBuf;

    pub(crate) fn finding(rule: &'static str, severity: Severity, path: &str, line: u32, column: u32, message: &str) -> Finding {
        Finding {
            rule,
            ms_name: None,
            severity,
            path: PathBuf::from(path),
            span: Span { start: 0, end: 1 },
            line,
            column,
            end_line: line,
            end_column: column + 1,
            pointer: None,
            message: message.to_string(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    #[test]
    fn statistics_sorts_by_count_then_id_and_shows_the_highest_severity() {
        let findings = [
            finding("b-rule", Severity::Warning, "a.json", 1, 1, "m"),
            finding("a-rule", Severity::Info, "a.json", 2, 1, "m"),
            finding("c-rule", Severity::Warning, "a.json", 3, 1, "m"),
            finding("c-rule", Severity::Error, "a.json", 4, 1, "m"),
        ];
        assert_eq!(
            statistics(findings.iter().map(|f| (f.rule, f.severity))),
            "    2  c-rule  error\n    1  a-rule  info\n    1  b-rule  warning\n"
        );
        assert_eq!(statistics(std::iter::empty()), "");
    }

    #[test]
    fn paths_are_relative_with_forward_slashes() {
        let base = Path::new("/repo");
        assert_eq!(display_path(Path::new("/repo/c/api.json"), base), "c/api.json");
        assert_eq!(display_path(Path::new("/elsewhere/api.json"), base), "/elsewhere/api.json");
        assert_eq!(display_path(Path::new("./c/api.json"), base), "c/api.json");
        assert_eq!(display_path(Path::new("c/api.json"), base), "c/api.json");
    }

    #[test]
    fn summary_line_uses_singulars() {
        let summary = Summary { connectors: 1, files: 1, errors: 1, warnings: 0, infos: 2, parse_failures: 0 };
        assert_eq!(summary_line(summary), "1 error, 0 warnings, 2 infos in 1 file of 1 connector (0 not strict JSON)");
    }
}
