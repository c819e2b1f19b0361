//! Output written while the run goes on. Each unit's findings are rendered, in the chosen
//! format, on the thread that linted it ([`UnitRenderer`]); the [`Writer`] merges the rendered
//! findings into output order (file, line, column, rule) and writes each as soon as no later
//! unit can put a finding before it. A unit's sources and findings are freed once it is
//! rendered, so memory is bounded by the units in flight, not by the repository.
//!
//! The output is the same text, byte for byte, as rendering a whole collected [`Report`]
//! ([`super::render`] does exactly that through the same two pieces).

use super::{github, human, json, junit, sarif, statistics, summary_line, Format, RenderOptions};
use connlint_core::source::PathOrder;
use connlint_linter::baseline::{Baseline, BaselineStats};
use connlint_linter::{ConnectorReport, Finding, LintError, LintOptions, Report, Severity, Summary, Target, IO_ERROR};
use std::cmp::{Ordering, Reverse};
use std::collections::binary_heap::PeekMut;
use std::collections::{BinaryHeap, VecDeque};
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// Where a unit stands in the report: its target's index, then its own index in the target
/// (a solution holds several units). Findings that sort equal keep this order, as the stable
/// sort of a collected report does.
pub type UnitOrder = (usize, usize);

/// One finding, rendered.
struct Fragment {
    path: PathBuf,
    line: u32,
    column: u32,
    rule: &'static str,
    severity: Severity,
    /// The unit's order, then the finding's index in its unit.
    order: (UnitOrder, usize),
    text: String,
}

impl Fragment {
    fn key(&self) -> (PathOrder<'_>, u32, u32, &str, (UnitOrder, usize)) {
        (PathOrder(&self.path), self.line, self.column, self.rule, self.order)
    }
}

impl PartialEq for Fragment {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Fragment {}

impl PartialOrd for Fragment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fragment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// One unit's findings not written yet, in order; never empty while pending. Runs compare by
/// their first finding.
struct Run(VecDeque<Fragment>);

impl Run {
    fn head(&self) -> &Fragment {
        self.0.front().expect("runs in the heap are not empty")
    }
}

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        self.head() == other.head()
    }
}

impl Eq for Run {}

impl PartialOrd for Run {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Run {
    fn cmp(&self, other: &Self) -> Ordering {
        self.head().cmp(other.head())
    }
}

/// Totals over what was written: the summary, and what the exit code depends on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    pub summary: Summary,
    /// Units written (connectors, solutions' and records files' own units).
    pub units: usize,
    /// Whether any unit had a file that was read.
    pub any_file_read: bool,
    /// Whether a file could not be read (an `io-error` finding).
    pub io_error: bool,
    /// The highest severity of a finding.
    pub worst: Option<Severity>,
}

impl Tally {
    fn of_unit(report: &ConnectorReport) -> Self {
        let mut summary = Summary::default();
        summary.add(report);
        Tally {
            summary,
            units: 1,
            any_file_read: report.files > 0,
            io_error: report.findings.iter().any(|f| f.rule == IO_ERROR),
            worst: report.findings.iter().map(|f| f.severity).max(),
        }
    }

    fn merge(&mut self, other: Tally) {
        self.summary += other.summary;
        self.units += other.units;
        self.any_file_read |= other.any_file_read;
        self.io_error |= other.io_error;
        self.worst = self.worst.max(other.worst);
    }

    /// Nothing could be linted: no unit, or not one file read (the CLI's exit code 2).
    pub fn nothing_linted(&self) -> bool {
        !self.any_file_read
    }
}

/// One unit's findings rendered in the output format, with its part of the totals.
pub struct RenderedUnit {
    fragments: Vec<Fragment>,
    /// The unit's `<testsuite>` (JUnit only).
    suite: Option<junit::Suite>,
    tally: Tally,
}

impl RenderedUnit {
    /// Sets where the unit stands in the report, once that is known.
    fn place(&mut self, order: UnitOrder) {
        for fragment in &mut self.fragments {
            fragment.order.0 = order;
        }
    }
}

/// Renders units; shared by the threads that lint.
pub struct UnitRenderer {
    options: RenderOptions,
    /// The folder paths are written relative to (GitHub and SARIF).
    base: PathBuf,
    human: human::HumanRenderer,
}

impl UnitRenderer {
    pub fn new(options: RenderOptions) -> Self {
        let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        Self { human: human::HumanRenderer::new(options.color), options, base }
    }

    /// Renders one unit's report.
    pub fn render(&self, report: &ConnectorReport) -> RenderedUnit {
        let tally = Tally::of_unit(report);
        let format = if self.options.statistics && self.options.format.supports_statistics() { None } else { Some(self.options.format) };
        let suite = (format == Some(Format::Junit)).then(|| junit::suite(report));
        let texts: Vec<String> = match format {
            // Statistics count rules; JUnit writes suites, not findings.
            None | Some(Format::Junit) => vec![String::new(); report.findings.len()],
            Some(Format::Human) => self.human.blocks(report),
            Some(format) => report.findings.iter().map(|f| self.finding(format, f)).collect(),
        };
        let fragments = report
            .findings
            .iter()
            .zip(texts)
            .enumerate()
            .map(|(i, (f, text))| Fragment {
                path: f.path.clone(),
                line: f.line,
                column: f.column,
                rule: f.rule,
                severity: f.severity,
                order: ((0, 0), i),
                text,
            })
            .collect();
        RenderedUnit { fragments, suite, tally }
    }

    fn finding(&self, format: Format, f: &Finding) -> String {
        match format {
            Format::Json => json::diagnostic(f),
            Format::Sarif => sarif::result(f, &self.base),
            Format::Github => github::annotation(f, &self.base),
            Format::Compact => super::compact::line(f),
            Format::Human | Format::Junit => unreachable!("rendered per unit"),
        }
    }
}

/// Writes rendered units in output order.
pub struct Writer<'w> {
    out: &'w mut (dyn Write + Send),
    options: RenderOptions,
    base: PathBuf,
    /// Rendered findings not written yet: each unit's, in its order, the unit whose next
    /// finding is the smallest first. A merge of runs: units rarely interleave, so a finding
    /// costs a comparison or two, not a heap's worth.
    pending: BinaryHeap<Reverse<Run>>,
    written: usize,
    /// SARIF results, kept until the end: each one's `ruleIndex` points into the list of the
    /// rules of the whole run.
    sarif: Vec<(&'static str, String)>,
    /// JUnit suites, kept until the end: the document starts with the totals, and suites are
    /// in name order.
    suites: Vec<(UnitOrder, junit::Suite)>,
    /// `--statistics`: each finding's rule and severity.
    counted: Vec<(&'static str, Severity)>,
    tally: Tally,
    /// Whether the start of the output is written: not before the first finding, so that a
    /// run that stops early (a bad configuration) writes nothing.
    started: bool,
}

impl<'w> Writer<'w> {
    pub fn new(out: &'w mut (dyn Write + Send), options: RenderOptions) -> Self {
        let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        Self {
            out,
            options,
            base,
            pending: BinaryHeap::new(),
            written: 0,
            sarif: Vec::new(),
            suites: Vec::new(),
            counted: Vec::new(),
            tally: Tally::default(),
            started: false,
        }
    }

    fn start(&mut self) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            if self.options.format == Format::Json && !self.statistics() {
                self.out.write_all(json::head().as_bytes())?;
            }
        }
        Ok(())
    }

    fn statistics(&self) -> bool {
        self.options.statistics && self.options.format.supports_statistics()
    }

    /// Takes a rendered unit at its place in the report.
    pub fn add(&mut self, order: UnitOrder, mut unit: RenderedUnit) {
        unit.place(order);
        self.tally.merge(unit.tally);
        if let Some(suite) = unit.suite {
            self.suites.push((order, suite));
        }
        debug_assert!(unit.fragments.is_sorted(), "a unit's findings come sorted");
        if !unit.fragments.is_empty() {
            self.pending.push(Reverse(Run(unit.fragments.into())));
        }
    }

    /// Writes the pending findings that sort before `bound`: every unit still to come reports
    /// only on paths at or after it. `None` writes them all.
    pub fn write_before(&mut self, bound: Option<&Path>) -> std::io::Result<()> {
        loop {
            // Usually one unit is pending and all of it can go: one comparison for the unit
            // instead of one per finding.
            if self.pending.len() == 1 {
                let run = &self.pending.peek().expect("one run").0 .0;
                if bound.is_none_or(|bound| run.back().is_some_and(|last| PathOrder(&last.path) < PathOrder(bound))) {
                    let Some(Reverse(Run(run))) = self.pending.pop() else { break };
                    for fragment in run {
                        self.write(fragment)?;
                    }
                    break;
                }
            }
            let fragment = {
                let Some(mut run) = self.pending.peek_mut() else { break };
                if bound.is_some_and(|bound| PathOrder(&run.0.head().path) >= PathOrder(bound)) {
                    break;
                }
                let fragment = run.0 .0.pop_front().expect("runs in the heap are not empty");
                if run.0 .0.is_empty() {
                    PeekMut::pop(run);
                }
                // Dropping the handle puts the run back in its place, by its new first finding.
                fragment
            };
            self.write(fragment)?;
        }
        Ok(())
    }

    fn write(&mut self, fragment: Fragment) -> std::io::Result<()> {
        self.start()?;
        if self.statistics() {
            self.counted.push((fragment.rule, fragment.severity));
            return Ok(());
        }
        match self.options.format {
            Format::Json => {
                if self.written > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(fragment.text.as_bytes())?;
            }
            Format::Sarif => self.sarif.push((fragment.rule, fragment.text)),
            Format::Junit => {}
            _ => self.out.write_all(fragment.text.as_bytes())?,
        }
        self.written += 1;
        Ok(())
    }

    /// Writes what is left and the end of the output; returns the totals.
    pub fn finish(mut self) -> std::io::Result<Tally> {
        self.write_before(None)?;
        self.start()?;
        let summary = self.tally.summary;
        let line = |quiet: bool| if quiet { String::new() } else { summary_line(summary) + "\n" };
        let end = if self.statistics() {
            statistics(self.counted.iter().copied()) + &line(self.options.quiet)
        } else {
            match self.options.format {
                Format::Json => json::tail(summary),
                Format::Sarif => sarif::assemble(std::mem::take(&mut self.sarif), &self.base),
                Format::Junit => {
                    self.suites.sort_by_key(|(order, _)| *order);
                    junit::assemble(std::mem::take(&mut self.suites).into_iter().map(|(_, suite)| suite).collect())
                }
                Format::Human | Format::Compact | Format::Github => line(self.options.quiet),
            }
        };
        self.out.write_all(end.as_bytes())?;
        self.out.flush()?;
        Ok(self.tally)
    }
}

/// What went wrong while linting and writing at once.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error(transparent)]
    Lint(#[from] LintError),
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

/// Lints the targets `find` finds and writes the findings to `out` as they come (see the
/// module docs); `baseline` hides the findings it holds. Returns the totals and the baseline's
/// counts. `find` hands each connector folder to its argument as soon as it is known, so that
/// linting starts while the search goes on (see [`connlint_linter::lint_in_order_as_found`]).
pub fn lint_and_write_as_found(
    find: impl FnOnce(&mut dyn FnMut(&Target)) -> Vec<Target>,
    options: &LintOptions,
    render: RenderOptions,
    baseline: Option<&Baseline>,
    out: &mut (dyn Write + Send),
) -> Result<(Tally, Option<BaselineStats>), StreamError> {
    // Where each target's findings start, and its place among the targets found.
    let places: OnceLock<(Vec<PathBuf>, Vec<usize>)> = OnceLock::new();
    // Linted in the order of the first path each target can report on; the findings of one
    // target then come after those of the targets before it, except where folders nest or a
    // settings.json names files elsewhere, which the writer's merge puts in order.
    let find_in_order = |found: &mut dyn FnMut(&Target)| {
        // The baseline's filter counts the findings it hides, so it must see only the targets
        // that are kept: none is linted early.
        let targets = if baseline.is_some() { find(&mut |_| {}) } else { find(found) };
        let mut order: Vec<(PathBuf, usize, Target)> =
            targets.into_iter().enumerate().map(|(index, target)| (target.first_reported_path(), index, target)).collect();
        order.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        let (mut bounds, mut indexes, mut targets) = (Vec::new(), Vec::new(), Vec::new());
        for (bound, index, target) in order {
            bounds.push(bound);
            indexes.push(index);
            targets.push(target);
        }
        let _ = places.set((bounds, indexes));
        targets
    };
    let renderer = UnitRenderer::new(render);
    let filter = baseline.map(|b| Mutex::new(b.start_filter()));
    let mut writer = Writer::new(out, render);
    let mut done = 0;
    let mut failed = None;
    connlint_linter::lint_in_order_as_found(
        find_in_order,
        options,
        |_, _, _, mut report| {
            if let Some(filter) = &filter {
                filter.lock().unwrap_or_else(PoisonError::into_inner).apply(&mut report.findings);
            }
            // The report, with its kept sources, is dropped here, once rendered.
            renderer.render(&report)
        },
        |_, units| {
            let (bounds, indexes) = places.get().expect("the targets are placed before any is handed over");
            for (i, unit) in units.into_iter().enumerate() {
                writer.add((indexes[done], i), unit);
            }
            done += 1;
            match writer.write_before(bounds.get(done).map(PathBuf::as_path)) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failed = Some(e);
                    ControlFlow::Break(())
                }
            }
        },
    )?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let stats = filter.map(|f| f.into_inner().unwrap_or_else(PoisonError::into_inner).stats());
    Ok((writer.finish()?, stats))
}

/// Renders a collected report through the same pieces, its units in parallel.
pub fn write_report(report: &Report, options: RenderOptions, out: &mut (dyn Write + Send)) -> std::io::Result<Tally> {
    use rayon::prelude::*;
    let renderer = UnitRenderer::new(options);
    let units: Vec<RenderedUnit> = report.connectors.par_iter().map(|c| renderer.render(c)).collect();
    let mut writer = Writer::new(out, options);
    for (i, unit) in units.into_iter().enumerate() {
        writer.add((i, 0), unit);
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Lints targets already found.
    fn lint_and_write(
        targets: Vec<Target>,
        options: &LintOptions,
        render: RenderOptions,
        baseline: Option<&Baseline>,
        out: &mut (dyn Write + Send),
    ) -> Result<(Tally, Option<BaselineStats>), StreamError> {
        lint_and_write_as_found(|_| targets, options, render, baseline, out)
    }

    /// Targets whose findings interleave: a connector folder nested between two files of
    /// another (`a/b/apiE/` sorts between `a/b/apiDefinition.swagger.json` and
    /// `a/b/apiProperties.json`), a sibling that sorts after it as a path but before it as text
    /// (`a/b-c`), a settings.json naming a swagger outside its folder, a solution and a records
    /// file.
    fn tangled() -> (tempfile::TempDir, Vec<Target>) {
        let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
        let sample = testdata.join("connectors/sample");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["a/b", "a/b/apiE", "a/b-c", "s"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        for folder in ["a/b", "a/b/apiE", "a/b-c"] {
            std::fs::copy(sample.join("apiDefinition.swagger.json"), root.join(folder).join("apiDefinition.swagger.json")).unwrap();
        }
        std::fs::copy(sample.join("apiProperties.json"), root.join("a/b/apiProperties.json")).unwrap();
        std::fs::copy(sample.join("apiDefinition.swagger.json"), root.join("0.json")).unwrap();
        std::fs::write(root.join("s/settings.json"), r#"{"apiDefinition": "../0.json"}"#).unwrap();
        let paths = [root.to_path_buf(), testdata.join("solutions/unpacked"), testdata.join("records")];
        let (targets, errors) = connlint_linter::discover(&paths);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(targets.len(), 6, "{targets:#?}");
        (dir, targets)
    }

    fn options(format: Format, statistics: bool) -> RenderOptions {
        RenderOptions { format, color: false, quiet: false, statistics }
    }

    fn lint_options(format: Format) -> LintOptions {
        LintOptions { no_config: true, keep_sources: format == Format::Human, ..Default::default() }
    }

    #[test]
    fn written_while_linting_is_the_same_text_as_rendered_at_the_end() {
        let (_dir, targets) = tangled();
        let formats = [Format::Json, Format::Human, Format::Sarif, Format::Github, Format::Junit, Format::Compact];
        for (format, statistics) in formats.into_iter().map(|f| (f, false)).chain([(Format::Compact, true)]) {
            let report = Report {
                connectors: connlint_linter::lint_targets(targets.clone(), &lint_options(format)).unwrap(),
                input_errors: Vec::new(),
            };
            let collected = super::super::render(&report, &options(format, statistics));
            let mut streamed = Vec::new();
            let (tally, stats) =
                lint_and_write(targets.clone(), &lint_options(format), options(format, statistics), None, &mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), collected, "{format:?}");
            assert_eq!(tally.summary, report.summary());
            assert_eq!(tally.units, report.connectors.len());
            assert!(stats.is_none());
        }
    }

    #[test]
    fn findings_of_later_targets_are_merged_into_place() {
        let (dir, targets) = tangled();
        let mut out = Vec::new();
        lint_and_write(targets, &lint_options(Format::Compact), options(Format::Compact, false), None, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let root = dir.path().display().to_string();
        let first = |file: &str| out.find(&format!("{root}/{file}:")).unwrap_or_else(|| panic!("no finding in {file}:\n{out}"));
        // The nested connector's findings sit between the two files of the connector around
        // it; `a/b-c` follows all of `a/b`. The settings.json's connector is linted first (it
        // may name files anywhere), but its swagger, named `s/../0.json`, sorts last.
        assert!(first("a/b/apiDefinition.swagger.json") < first("a/b/apiE/apiDefinition.swagger.json"));
        assert!(first("a/b/apiE/apiDefinition.swagger.json") < first("a/b/apiProperties.json"));
        assert!(first("a/b/apiProperties.json") < first("a/b-c/apiDefinition.swagger.json"));
        assert!(first("a/b-c/apiDefinition.swagger.json") < first("s/../0.json"));
    }

    #[test]
    fn a_baseline_hides_its_findings_while_streaming() {
        let (dir, targets) = tangled();
        let report = Report {
            connectors: connlint_linter::lint_targets(targets.clone(), &lint_options(Format::Json)).unwrap(),
            input_errors: Vec::new(),
        };
        let path = dir.path().join("baseline.json");
        let recorded = Baseline::from_findings(report.findings(), &path);
        recorded.write(&path).unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let mut out = Vec::new();
        let (tally, stats) =
            lint_and_write(targets, &lint_options(Format::Json), options(Format::Json, false), Some(&baseline), &mut out).unwrap();
        let stats = stats.unwrap();
        assert_eq!((stats.baselined, stats.fixed), (report.findings().filter(|f| f.rule != IO_ERROR).count(), 0));
        assert_eq!(
            tally.summary.errors + tally.summary.warnings + tally.summary.infos,
            report.findings().filter(|f| f.rule == IO_ERROR).count()
        );
        assert!(String::from_utf8(out).unwrap().starts_with("{\"version\":1,\"diagnostics\":[]"));
    }

    /// A writer that fails after `room` bytes, as a closed pipe does.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if buf.len() > self.room {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.room -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_ends_the_run_with_the_error() {
        let (_dir, targets) = tangled();
        let result = lint_and_write(targets, &lint_options(Format::Compact), options(Format::Compact, false), None, &mut Full { room: 64 });
        assert!(matches!(result, Err(StreamError::Write(ref e)) if e.kind() == std::io::ErrorKind::BrokenPipe), "{result:?}");
    }

    #[test]
    fn nothing_is_written_when_the_configuration_is_bad() {
        let (dir, targets) = tangled();
        let config = dir.path().join("connlint.toml");
        std::fs::write(&config, "[rules\n").unwrap();
        let options = LintOptions { config: Some(config), ..Default::default() };
        let mut out = Vec::new();
        let result = lint_and_write(targets, &options, super::tests::options(Format::Json, false), None, &mut out);
        assert!(matches!(result, Err(StreamError::Lint(_))), "{result:?}");
        assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
    }
}
