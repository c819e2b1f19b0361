//! `--format junit`: JUnit XML, as CI systems (GitLab, Jenkins, Azure DevOps) render test
//! reports.
//!
//! One `<testsuite>` per connector (named after its folder); in it, one `<testcase>` per file
//! and rule with findings (`name` the rule id, `classname` and `file` the file), failing with
//! a `<failure>` whose `type` is the highest severity, whose `message` is the finding's message
//! (or the count, for several) and whose text lists every finding as
//! `file:line:col: severity message` with its help. A connector without findings has one
//! passing test case named `connlint`.

use connlint_linter::{ConnectorReport, Finding};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// One connector's `<testsuite>`, rendered on the thread that linted it.
pub struct Suite {
    /// The connector's name: suites are written in name order.
    pub name: String,
    pub text: String,
    pub tests: usize,
    pub failures: usize,
}

pub fn suite(connector: &ConnectorReport) -> Suite {
    let cases = cases(connector);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\">",
        escape(&connector.name),
        cases.len().max(1),
        cases.len()
    );
    if cases.is_empty() {
        let _ = writeln!(out, "    <testcase name=\"connlint\" classname=\"{}\" time=\"0\"/>", escape(&connector.name));
    }
    for ((path, rule), findings) in &cases {
        let file = escape(&path.display().to_string());
        let _ = writeln!(out, "    <testcase name=\"{}\" classname=\"{file}\" file=\"{file}\" time=\"0\">", escape(rule));
        let severity = findings.iter().map(|f| f.severity).max().expect("a case has findings");
        let message = match findings.as_slice() {
            [one] => one.message.clone(),
            many => format!("{} findings of {rule}", many.len()),
        };
        let mut body = String::new();
        for f in findings {
            let _ = writeln!(body, "{}:{}:{}: {} {}", f.path.display(), f.line, f.column, f.severity, f.message);
            if let Some(help) = &f.help {
                let _ = writeln!(body, "  help: {help}");
            }
        }
        let _ = writeln!(out, "      <failure type=\"{severity}\" message=\"{}\">{}</failure>", escape(&message), escape_text(&body));
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    Suite { name: connector.name.clone(), tests: cases.len().max(1), failures: cases.len(), text: out }
}

/// The document of `suites`, given in report order: sorted by name (a stable sort, so
/// connectors of the same name keep that order), under totals.
pub fn assemble(mut suites: Vec<Suite>) -> String {
    suites.sort_by(|a, b| a.name.cmp(&b.name));
    let total: usize = suites.iter().map(|s| s.tests).sum();
    let failures: usize = suites.iter().map(|s| s.failures).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"connlint\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\" time=\"0\">");
    for suite in suites {
        out.push_str(&suite.text);
    }
    out.push_str("</testsuites>\n");
    out
}

/// The connector's findings grouped by file and rule, in that order.
fn cases(connector: &ConnectorReport) -> BTreeMap<(&Path, &str), Vec<&Finding>> {
    let mut cases: BTreeMap<(&Path, &str), Vec<&Finding>> = BTreeMap::new();
    for f in &connector.findings {
        cases.entry((f.path.as_path(), f.rule)).or_default().push(f);
    }
    for findings in cases.values_mut() {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    cases
}

/// Escapes an attribute value: markup characters and quotes as entities, line breaks and tabs
/// as character references (so that they survive attribute normalization), and characters XML
/// 1.0 forbids as U+FFFD.
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Escapes element text: like [`escape`], but line breaks, tabs and quotes stay as they are.
pub fn escape_text(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(escape("a<b>&\"c'\u{1}\n"), "a&lt;b&gt;&amp;&quot;c&apos;\u{fffd}&#10;");
        assert_eq!(escape("plain `text` ü"), "plain `text` ü");
        assert_eq!(escape_text("a<b>&\"c'\u{1}\n\r\t"), "a&lt;b&gt;&amp;\"c'\u{fffd}\n&#13;\t");
    }
}
