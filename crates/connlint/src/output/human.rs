//! Human output: miette code frames, rendered from a line-indexed source so that thousands of
//! findings in one large file stay fast.

use connlint_core::LineIndex;
use connlint_linter::{ConnectorReport, Finding, ReportedFile, Severity};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::path::PathBuf;

/// A file's text with a line-start table. miette's own `SourceCode` for strings scans from the
/// start of the file for every finding; this one cuts out the few lines around the span first.
pub struct IndexedSource {
    name: String,
    text: connlint_core::SharedText,
    index: LineIndex,
}

impl IndexedSource {
    pub fn new(file: &ReportedFile) -> Self {
        Self { name: file.path.display().to_string(), index: LineIndex::new(&file.text), text: file.text.clone() }
    }
}

impl SourceCode for IndexedSource {
    fn read_span<'a>(&'a self, span: &SourceSpan, before: usize, after: usize) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (span.offset() + span.len()).min(self.text.len());
        let first_line = self.index.line_of(start as u32).saturating_sub(before);
        let last_line = self.index.line_of(end as u32) + after;
        let window_start = self.index.line_start(first_line) as usize;
        let window_end =
            if last_line + 1 < self.index.line_count() { self.index.line_start(last_line + 1) as usize } else { self.text.len() };
        let window = &self.text[window_start..window_end];
        let local = SourceSpan::new((start - window_start).into(), end - start);
        let contents = window.read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new((contents.span().offset() + window_start).into(), contents.span().len()),
            contents.line() + first_line,
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// One finding as a miette diagnostic.
struct Rendered<'f> {
    finding: &'f Finding,
    source: Option<&'f IndexedSource>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = self.finding.help.as_deref();
        let ms = self.finding.ms_name.map(|m| format!("Microsoft Swagger Validator: {m}"));
        match (help, ms) {
            (Some(h), Some(m)) => Some(Box::new(format!("{h}\n{m}"))),
            (Some(h), None) => Some(Box::new(h)),
            (None, Some(m)) => Some(Box::new(m)),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
        let span = self.finding.span;
        let label = self.finding.pointer.as_deref().filter(|p| !p.is_empty()).map(str::to_string);
        let primary = LabeledSpan::new_primary_with_span(label, (span.start as usize, span.len() as usize));
        // Related places in the same file are secondary labels; the others are note lines.
        let secondary = self
            .finding
            .related
            .iter()
            .filter(|r| r.path == self.finding.path)
            .map(|r| LabeledSpan::new_with_span(Some(r.message.clone()), (r.span.start as usize, r.span.len() as usize)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Renders findings as code frames.
pub struct HumanRenderer {
    handler: GraphicalReportHandler,
}

impl HumanRenderer {
    pub fn new(color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        Self { handler: GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false) }
    }

    /// Appends one finding as miette's frame; without a source, as a one-line message. Related
    /// places that the frame cannot show (in another file, or all of them without a source)
    /// follow as `related: path:line:column: message` lines.
    pub fn render(&self, out: &mut String, finding: &Finding, source: Option<&IndexedSource>) {
        use std::fmt::Write;
        let notes = finding.related.iter().filter(|r| source.is_none() || r.path != finding.path);
        if source.is_none() {
            let _ = writeln!(out, "{}: {} [{}] {}", finding.path.display(), finding.severity, finding.rule, finding.message);
            if let Some(help) = &finding.help {
                let _ = writeln!(out, "  help: {help}");
            }
            for r in notes {
                let _ = writeln!(out, "  related: {}:{}:{}: {}", r.path.display(), r.line, r.column, r.message);
            }
            return;
        }
        let rendered = Rendered { finding, source };
        if self.handler.render_report(out, &rendered).is_err() {
            let _ = writeln!(out, "  {}", finding.message);
        }
        for r in notes {
            let _ = writeln!(out, "  related: {}:{}:{}: {}", r.path.display(), r.line, r.column, r.message);
        }
        out.push('\n');
    }
}

impl HumanRenderer {
    /// Each finding of `connector` as its block of text, in the connector's order, framed in
    /// the connector's kept sources.
    pub fn blocks(&self, connector: &ConnectorReport) -> Vec<String> {
        let sources: Vec<(&PathBuf, IndexedSource)> = connector.sources.iter().map(|f| (&f.path, IndexedSource::new(f))).collect();
        connector
            .findings
            .iter()
            .map(|finding| {
                let source = sources.iter().find(|(p, _)| **p == finding.path).map(|(_, s)| s);
                let mut text = String::new();
                self.render(&mut text, finding, source);
                text
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::Span;
    use connlint_linter::Label;
    use std::sync::Arc;

    #[test]
    fn related_places_in_other_files_are_note_lines() {
        let label = |path: &str, start: u32, message: &str| Label {
            path: PathBuf::from(path),
            span: Span { start, end: start + 1 },
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: start + 2,
            pointer: None,
            message: message.into(),
        };
        let finding = Finding {
            rule: "r",
            ms_name: None,
            severity: Severity::Error,
            path: PathBuf::from("a.json"),
            span: Span { start: 4, end: 5 },
            line: 1,
            column: 5,
            end_line: 1,
            end_column: 6,
            pointer: None,
            message: "the finding".into(),
            help: None,
            fix: None,
            related: vec![label("a.json", 0, "here first"), label("b.json", 2, "and there")],
        };
        let source = IndexedSource::new(&ReportedFile { path: PathBuf::from("a.json"), text: Arc::new("abcdefgh\n".to_string()) });
        let mut out = String::new();
        HumanRenderer::new(false).render(&mut out, &finding, Some(&source));
        assert!(out.contains("here first"), "{out}");
        assert!(!out.contains("related: a.json"), "{out}");
        assert!(out.contains("  related: b.json:1:3: and there\n"), "{out}");
        let mut out = String::new();
        HumanRenderer::new(false).render(&mut out, &finding, None);
        assert_eq!(out, "a.json: error [r] the finding\n  related: a.json:1:1: here first\n  related: b.json:1:3: and there\n");
    }
}
