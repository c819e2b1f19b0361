//! `--format compact`: one line per finding, `file:line:col: severity [rule] message`, the
//! form editors and `grep` understand. Line breaks in a message are written as spaces so that
//! a finding stays on one line.

use connlint_linter::Finding;

/// One finding's line, with its line break.
pub fn line(f: &Finding) -> String {
    let message: String = f.message.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    format!("{}:{}:{}: {} [{}] {}\n", f.path.display(), f.line, f.column, f.severity, f.rule, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::finding;
    use connlint_linter::Severity;

    #[test]
    fn one_line_per_finding() {
        let a = finding("host-invalid", Severity::Error, "c/api.json", 8, 11, "bad host");
        let b = finding("x", Severity::Info, "c/p.json", 1, 2, "two\r\nlines");
        assert_eq!(line(&a) + &line(&b), "c/api.json:8:11: error [host-invalid] bad host\nc/p.json:1:2: info [x] two  lines\n");
    }
}
