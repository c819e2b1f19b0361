//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//!
//! ```text
//! ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=connlint (RULE)::MESSAGE
//! ```
//!
//! `warning` findings become `::warning`, `info` findings `::notice`. The message carries the
//! help on a second line. `%`, CR and LF are escaped in the message, and also `:` and `,` in
//! property values, as the runner expects.

use super::display_path;
use connlint_linter::{Finding, Severity};
use std::path::Path;

/// One finding's workflow command, with its line break; paths relative to `base`.
pub fn annotation(f: &Finding, base: &Path) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
        escape_property(&display_path(&f.path, base)),
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        escape_property(&format!("connlint ({})", f.rule)),
        escape_data(&message),
    )
}

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::finding;

    #[test]
    fn escapes_messages_and_properties() {
        assert_eq!(escape_data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }

    #[test]
    fn one_annotation_per_finding_with_the_severity_as_command() {
        let mut error = finding("host-invalid", Severity::Error, "/repo/c,1/api:x.json", 8, 11, "host `a:b` is 100% wrong");
        error.end_column = 39;
        error.help = Some("write `a`,\nthen retry".to_string());
        let warning = finding("w", Severity::Warning, "c/p.json", 1, 2, "m");
        let info = finding("i", Severity::Info, "c/p.json", 3, 4, "m");
        assert_eq!(
            [&error, &warning, &info].iter().map(|f| annotation(f, Path::new("/repo"))).collect::<String>(),
            "::error file=c%2C1/api%3Ax.json,line=8,col=11,endLine=8,endColumn=39,title=connlint (host-invalid)::\
             host `a:b` is 100%25 wrong%0Ahelp: write `a`,%0Athen retry\n\
             ::warning file=c/p.json,line=1,col=2,endLine=1,endColumn=3,title=connlint (w)::m\n\
             ::notice file=c/p.json,line=3,col=4,endLine=3,endColumn=5,title=connlint (i)::m\n"
        );
    }
}
