//! connlint's rule engine and rules, and the library API for linting connectors.
//!
//! ```
//! use connlint_linter::{lint_documents, Profile};
//!
//! let swagger = r#"{"swagger": "2.0", "info": {"title": "Demo", "version": "1.0"},
//!     "host": "api.example.com", "paths": {"/items": {"get": {
//!         "summary": "List items", "responses": {"200": {"description": "OK"}}}}}}"#;
//! let findings = lint_documents(swagger, None, Profile::Base);
//! let missing_id = findings.iter().find(|f| f.rule == "operation-id-missing").unwrap();
//! assert_eq!((missing_id.line, missing_id.column), (2, 53));
//! ```

pub mod baseline;
pub mod change;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod docs;
pub mod engine;
pub mod fix;
#[cfg(test)]
mod hook_probe;
pub mod meta;
pub mod microsoft;
pub mod ordered;
pub mod registry;
pub mod rule;
pub mod rule_id;
pub mod rule_set;
mod rules;
pub mod selection;
pub(crate) mod semantic;
pub mod side_files;
pub mod suggest;
pub mod suppression;
#[cfg(test)]
pub(crate) mod testing;
pub mod timings;
pub mod write;

pub use config::{Config, ConfigError};
pub use diagnostic::{Finding, Label, ReportedFile, IO_ERROR};
pub use discover::{discover, discover_each, InputError, Target};
pub use engine::check;
pub use fix::{Applicability, Edit, Fix, FixAvailability};
pub use meta::{Category, Profile, RuleMeta, Severity};
pub use ordered::{lint_in_order, lint_in_order_as_found};
pub use registry::{rule_by_id, RULES};
pub use rule::Rule;
pub use rule_id::RuleId;
pub use rule_set::{Level, RuleSet};
pub use selection::{Selection, SelectionError};

use connlint_core::{Connector, FileRole, LoadOptions, LoadProblemKind, Overlay, Span};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How to lint.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Overrides the profile from configuration and from the path.
    pub profile: Option<Profile>,
    /// Use this configuration file instead of searching for `connlint.toml`.
    pub config: Option<PathBuf>,
    /// Ignore every `connlint.toml`.
    pub no_config: bool,
    pub load: LoadOptions,
    /// Keep the text of files with findings, for output that shows source code.
    pub keep_sources: bool,
    /// Also run the opt-in rules: validation against Microsoft's JSON Schemas (`--schema`).
    pub schema: bool,
    /// `--select` / `--ignore`, applied after the profile and configuration.
    pub selection: Selection,
    /// Counts the connectors linted so far, for a progress bar.
    pub progress: Option<Arc<Progress>>,
    /// The process ends when the run does (the command line). The last connector of a run in
    /// order ([`lint_in_order`]) is then left to the system, which takes its memory back at
    /// exit, instead of being freed: freeing the tree of a big swagger takes a millisecond or
    /// two, and the allocator then hands the freed pages back to the system one by one.
    pub exits_after: bool,
}

/// How far a run is: `total` connectors to lint, `done` of them linted (read from another thread).
#[derive(Debug, Default)]
pub struct Progress {
    pub total: std::sync::atomic::AtomicUsize,
    pub done: std::sync::atomic::AtomicUsize,
}

/// What went wrong before any connector could be linted.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// The findings for one connector.
#[derive(Debug, Clone, Default)]
pub struct ConnectorReport {
    /// The connector's folder (or its first file).
    pub name: String,
    /// Sorted by file, line, column and rule.
    pub findings: Vec<Finding>,
    /// Files that findings point into, when sources were kept.
    pub sources: Vec<ReportedFile>,
    /// How many files were read.
    pub files: usize,
    /// How many JSON files were not strict JSON.
    pub parse_failures: usize,
    /// A connector, or a solution's or records file's own unit.
    pub kind: connlint_core::UnitKind,
}

/// The findings for a whole run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub connectors: Vec<ConnectorReport>,
    /// Command-line paths that could not be used.
    pub input_errors: Vec<InputError>,
}

/// Totals over a report, as in the JSON output's `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub connectors: usize,
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub parse_failures: usize,
}

impl Summary {
    /// Counts one unit's report in: a connector (not a solution's or records file's own unit),
    /// its files and its findings by severity.
    pub fn add(&mut self, unit: &ConnectorReport) {
        self.connectors += usize::from(unit.kind == connlint_core::UnitKind::Connector);
        self.files += unit.files;
        self.parse_failures += unit.parse_failures;
        for f in &unit.findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

impl std::ops::AddAssign for Summary {
    fn add_assign(&mut self, other: Summary) {
        self.connectors += other.connectors;
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.parse_failures += other.parse_failures;
    }
}

impl Report {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.connectors.iter().flat_map(|c| c.findings.iter())
    }

    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for connector in &self.connectors {
            summary.add(connector);
        }
        summary
    }

    /// Whether a file or folder could not be read.
    pub fn has_io_errors(&self) -> bool {
        !self.input_errors.is_empty() || self.findings().any(|f| f.rule == IO_ERROR)
    }

    /// Whether nothing could be linted: no connector was found, or not one file could be read
    /// (the CLI's exit code 2).
    pub fn nothing_linted(&self) -> bool {
        self.connectors.iter().all(|c| c.files == 0)
    }
}

/// Starts compiling, on rayon's pool, the Swagger 2.0 schema that the `spec` rules check
/// against (once per process, about 10 million instructions: a few milliseconds), so that it is
/// ready when the first connector needs it instead of being built while that connector waits.
/// Call it before finding the connectors, which keeps one thread busy and leaves the others
/// free. A rule that needs the schema before it is done waits for it. Nothing is started when
/// `options` select no `spec` rule.
pub fn warm_up(options: &LintOptions) {
    if may_run_spec_rules(options) {
        rayon::spawn(|| {
            connlint_core::spec::swagger_2_0();
        });
    }
}

/// Whether `--select` and `--ignore` leave a `spec` rule in any profile.
fn may_run_spec_rules(options: &LintOptions) -> bool {
    let every_rule = RuleSet::new(Profile::Certification, &[]).with_opt_in();
    let rules = if options.selection.is_empty() { every_rule } else { options.selection.apply(&every_rule) };
    rules.has_category(Category::Spec)
}

/// Lints every connector found under `inputs` (folders or files), in parallel.
pub fn lint_paths(inputs: &[PathBuf], options: &LintOptions) -> Result<Report, LintError> {
    let (targets, input_errors) = discover(inputs);
    let connectors = lint_targets(targets, options)?;
    Ok(Report { connectors, input_errors })
}

/// Lints connectors whose files are already known (see [`discover()`]), in parallel; the
/// reports come back in the order of `targets`.
pub fn lint_targets(targets: Vec<Target>, options: &LintOptions) -> Result<Vec<ConnectorReport>, LintError> {
    Ok(lint_each(targets, options)?.into_iter().flat_map(|t| t.reports).collect())
}

/// One target linted by [`lint_each`]: the rules it was linted with and its reports (one for a
/// connector folder; for a solution or records file, its own unit's then each connector's).
#[derive(Debug, Clone)]
pub struct TargetReport {
    pub target: Target,
    pub rules: RuleSet,
    pub reports: Vec<ConnectorReport>,
}

/// [`lint_targets`], keeping each target with its rules and reports, in the order of `targets`.
pub fn lint_each(targets: Vec<Target>, options: &LintOptions) -> Result<Vec<TargetReport>, LintError> {
    Ok(lint_each_with(targets, options, |_, _, _, report| report)?
        .into_iter()
        .map(|(target, rules, reports)| TargetReport { target, rules, reports })
        .collect())
}

/// [`lint_each`], handing each unit to `visit` right after it is linted, while it is still
/// loaded: tools that want more than the findings (the connector catalog reads the model)
/// then read and parse every file once. `visit` gets the target, the rules it was linted with,
/// the loaded unit and its report; its results come back per target, in the order of `targets`.
#[allow(clippy::type_complexity)]
pub fn lint_each_with<R: Send>(
    targets: Vec<Target>,
    options: &LintOptions,
    visit: impl Fn(&Target, &RuleSet, &Connector, ConnectorReport) -> R + Sync,
) -> Result<Vec<(Target, RuleSet, Vec<R>)>, LintError> {
    let configs = configs_before_linting(&targets, options, &ConfigCache::default())?;
    let no_overlay = Overlay::default();
    Ok(targets
        .into_par_iter()
        .zip(configs)
        .map(|(target, config)| {
            let rules = rules_with(&target, options, config);
            let results =
                lint_loaded(&target, &rules, options, &no_overlay, &|unit, report| visit(&target, &rules, unit, report), Release::Free);
            if let Some(progress) = &options.progress {
                progress.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            (target, rules, results)
        })
        .collect())
}

/// Lints one target as [`lint_each`] does (same configuration lookup, rules and suppressions),
/// reading a connector folder's files from `overlay` where it has them (an editor's open
/// buffers) and from disk otherwise. Solutions and records files are read from disk.
pub fn lint_target_overlaid(target: Target, options: &LintOptions, overlay: &Overlay) -> Result<TargetReport, LintError> {
    let explicit = explicit_config(options)?;
    let rules = rules_for(&target, options, explicit.as_ref(), &ConfigCache::default())?;
    // On one of rayon's threads, so that a big connector's work is shared out over them (see
    // `engine::spreads`): the caller (an editor's server) waits for this one target.
    let reports = rayon::scope(|_| lint_loaded(&target, &rules, options, overlay, &|_, report| report, Release::Free));
    Ok(TargetReport { target, rules, reports })
}

/// The configuration of each target, every one loaded before any target is linted, so that a
/// bad one stops the run before any output; the targets are counted into the progress.
fn configs_before_linting(targets: &[Target], options: &LintOptions, cache: &ConfigCache) -> Result<Vec<Option<Arc<Config>>>, LintError> {
    let explicit = explicit_config(options)?;
    let configs = targets.iter().map(|target| config_for(target, options, explicit.as_ref(), cache)).collect::<Result<Vec<_>, _>>()?;
    if let Some(progress) = &options.progress {
        progress.total.fetch_add(targets.len(), std::sync::atomic::Ordering::Relaxed);
    }
    Ok(configs)
}

/// The configuration file given with `--config`, if any.
fn explicit_config(options: &LintOptions) -> Result<Option<Arc<Config>>, LintError> {
    Ok(options.config.as_deref().map(Config::load).transpose()?.map(Arc::new))
}

/// The rules for `target`: the profile and levels of its configuration (the explicit one, else
/// the nearest `connlint.toml`), then `--schema` and `--select`/`--ignore`.
fn rules_for(target: &Target, options: &LintOptions, explicit: Option<&Arc<Config>>, configs: &ConfigCache) -> Result<RuleSet, LintError> {
    let config = config_for(target, options, explicit, configs)?;
    Ok(rules_with(target, options, config))
}

/// The configuration that applies to `target`, if any (see [`rules_for`]).
fn config_for(
    target: &Target,
    options: &LintOptions,
    explicit: Option<&Arc<Config>>,
    configs: &ConfigCache,
) -> Result<Option<Arc<Config>>, LintError> {
    Ok(match (explicit, options.no_config) {
        (Some(c), _) => Some(c.clone()),
        (None, true) => None,
        (None, false) => configs.for_dir(&target.config_dir())?,
    })
}

/// The rules for `target` under `config` (see [`rules_for`]).
fn rules_with(target: &Target, options: &LintOptions, config: Option<Arc<Config>>) -> RuleSet {
    let auto = auto_profile_of(target);
    let rules = match config {
        Some(c) => c.rule_set_for(&target.config_dir(), options.profile, auto),
        None => RuleSet::new(options.profile.unwrap_or(auto), &[]),
    };
    with_options(rules, options)
}

/// The profile `target`'s place implies (see [`config::auto_profile`]).
fn auto_profile_of(target: &Target) -> Profile {
    let dir = target.config_dir();
    config::auto_profile(&std::path::absolute(&dir).unwrap_or(dir))
}

/// `rules` with `--schema` and `--select`/`--ignore` applied.
fn with_options(rules: RuleSet, options: &LintOptions) -> RuleSet {
    let rules = if options.schema { rules.with_opt_in() } else { rules };
    if options.selection.is_empty() {
        rules
    } else {
        options.selection.apply(&rules)
    }
}

/// Rule sets for targets, as [`rules_with`] makes them, one shared by all the targets of a
/// profile without a configuration file (most of a repository's, which differ only by
/// profile): making one for every target took half a percent of a run over the corpus.
#[derive(Default)]
pub(crate) struct RuleSets {
    unconfigured: Mutex<Vec<(Profile, Arc<RuleSet>)>>,
}

impl RuleSets {
    pub(crate) fn for_target(&self, target: &Target, options: &LintOptions, config: Option<Arc<Config>>) -> Arc<RuleSet> {
        if config.is_some() {
            return Arc::new(rules_with(target, options, config));
        }
        let profile = options.profile.unwrap_or_else(|| auto_profile_of(target));
        let mut sets = self.unconfigured.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, rules)) = sets.iter().find(|(p, _)| *p == profile) {
            return rules.clone();
        }
        let rules = Arc::new(with_options(RuleSet::new(profile, &[]), options));
        sets.push((profile, rules.clone()));
        rules
    }
}

/// Reads `target` and lints it with `rules`, handing each unit and its report to `visit` while
/// the unit is loaded: one for a connector folder; for a solution or records file, its own
/// unit's then each connector's.
/// `release` says what becomes of a connector folder's unit afterwards; a container's units are
/// freed as each is done.
fn lint_loaded<R: Send>(
    target: &Target,
    rules: &RuleSet,
    options: &LintOptions,
    overlay: &Overlay,
    visit: &(impl Fn(&Connector, ConnectorReport) -> R + Sync),
    release: Release,
) -> Vec<R> {
    compile_spec_schema_ahead(rules);
    let lint = |unit: &Connector| visit(unit, lint_connector(unit, rules, options.keep_sources));
    match &target.container {
        Some(container) => container.load(options.load).into_par_iter().map(|unit| lint(&unit)).collect(),
        None => {
            let mut connector = Connector::load_overlaid(&target.paths, options.load, overlay);
            let mut problems = target.problems.clone();
            problems.append(&mut connector.problems);
            connector.problems = problems;
            let results = vec![lint(&connector)];
            release.apply(connector);
            results
        }
    }
}

/// Starts compiling the Swagger 2.0 schema on rayon's pool, once per process, as soon as a
/// target's rules include a `spec` rule. The compile (about 2 ms) then overlaps the reading and
/// parsing of the first connector on this thread, instead of holding up the first `spec` rule:
/// for a single connector, that is time off the whole run.
fn compile_spec_schema_ahead(rules: &RuleSet) {
    static STARTED: std::sync::Once = std::sync::Once::new();
    if !STARTED.is_completed() && rules.has_category(Category::Spec) {
        STARTED.call_once(|| {
            rayon::spawn(|| {
                connlint_core::spec::swagger_2_0();
            })
        });
    }
}

/// What becomes of a connector once its findings are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Release {
    /// Freed: a big one on rayon's pool when its work is spread there (see `engine::spreads`),
    /// since freeing the tree of a 1 MB swagger takes a millisecond or two, which the writing
    /// of its findings need not wait for. Others are freed at once: a task would cost more.
    Free,
    /// Not freed: the process ends next (see [`LintOptions::exits_after`]).
    LeaveToExit,
}

impl Release {
    fn apply(self, connector: Connector) {
        match self {
            Release::LeaveToExit => std::mem::forget(connector),
            Release::Free if engine::spreads(&connector) => rayon::spawn(move || drop(connector)),
            Release::Free => drop(connector),
        }
    }
}

/// Lints one loaded connector.
pub fn lint_connector(connector: &Connector, rules: &RuleSet, keep_sources: bool) -> ConnectorReport {
    let diagnostics = engine::check(connector, rules);
    // Positioning findings walks the tree to each one's pointer: a few hundred findings of a big
    // connector are shared out over the threads, like its rules.
    let resolve = |d: &diagnostic::Diagnostic| Finding::resolve(connector, d);
    let mut findings: Vec<Finding> =
        if engine::spreads(connector) { diagnostics.par_iter().map(resolve).collect() } else { diagnostics.iter().map(resolve).collect() };
    findings.extend(io_findings(connector));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let sources = if keep_sources {
        // Findings in an assembled file point into the files it was assembled from.
        let mut files: Vec<&connlint_core::SourceFile> = Vec::new();
        for file in &connector.files {
            match file.source.origin() {
                Some(origin) => files.extend(origin.files().into_iter().map(|f| &**f)),
                None => files.push(&file.source),
            }
        }
        let mut sources: Vec<ReportedFile> = Vec::new();
        for file in files {
            let pointed_at = findings.iter().any(|d| d.path == file.path() || d.related.iter().any(|r| r.path == file.path()));
            if pointed_at && !sources.iter().any(|s| s.path == file.path()) {
                sources.push(ReportedFile { path: file.path().to_path_buf(), text: Arc::clone(file.shared_text()) });
            }
        }
        sources
    } else {
        Vec::new()
    };
    ConnectorReport {
        name: connector.display_name(),
        findings,
        sources,
        // Files read; not those assembled from parts of them (a record's swagger, say).
        files: connector.files.iter().filter(|f| f.source.origin().is_none()).count(),
        parse_failures: connector.files.iter().filter(|f| f.json().is_some_and(|j| !j.is_strict())).count(),
        kind: connector.kind,
    }
}

/// Files that could not be read become `io-error` findings.
fn io_findings(connector: &Connector) -> Vec<Finding> {
    connector
        .problems
        .iter()
        .filter_map(|p| {
            let message = match &p.kind {
                LoadProblemKind::Unreadable { error } => format!("cannot read this file: {error}"),
                LoadProblemKind::BrokenArchive { error } => format!("cannot read this solution: {error}"),
                LoadProblemKind::TooLarge { size, limit } => {
                    format!(
                        "this file is {} bytes ({}), over the {} limit, so it was not read",
                        thousands(*size),
                        human_size(*size),
                        human_size(*limit)
                    )
                }
                _ => return None,
            };
            let help = matches!(p.kind, LoadProblemKind::TooLarge { .. })
                .then(|| "connector files are far smaller; if this one is right, raise the limit with `--max-file-size`".to_string());
            Some(Finding {
                rule: IO_ERROR,
                ms_name: None,
                severity: Severity::Error,
                path: p.path.clone(),
                span: Span::empty(0),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                pointer: None,
                message,
                help,
                fix: None,
                related: Vec::new(),
            })
        })
        .collect()
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `67108864` → `64.0 MiB`, `2048` → `2.0 KiB`, `1000` → `1,000 bytes`.
fn human_size(n: u64) -> String {
    match n {
        0..1024 => format!("{} bytes", thousands(n)),
        1024..1_048_576 => format!("{:.1} KiB", n as f64 / 1024.0),
        _ => format!("{:.1} MiB", n as f64 / 1_048_576.0),
    }
}

/// Lints a swagger (and optionally an apiProperties.json) given as text.
pub fn lint_documents(swagger: &str, api_properties: Option<&str>, profile: Profile) -> Vec<Finding> {
    let mut files = vec![(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), swagger.as_bytes().to_vec())];
    if let Some(props) = api_properties {
        files.push((FileRole::ApiProperties, PathBuf::from("apiProperties.json"), props.as_bytes().to_vec()));
    }
    let connector = Connector::from_memory(files);
    lint_connector(&connector, &RuleSet::new(profile, &[]), false).findings
}

/// Caches, per folder, which `connlint.toml` applies and the loaded configurations. Sibling
/// connectors share their ancestors, so each folder is looked at once.
#[derive(Default)]
struct ConfigCache {
    found: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    loaded: Mutex<HashMap<PathBuf, Arc<Config>>>,
}

impl ConfigCache {
    fn for_dir(&self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        let Some(path) = self.find(dir) else { return Ok(None) };
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(config) = loaded.get(&path) {
            return Ok(Some(config.clone()));
        }
        let config = Arc::new(Config::load(&path)?);
        loaded.insert(path, config.clone());
        Ok(Some(config))
    }

    /// The nearest `connlint.toml` at or above `dir`.
    fn find(&self, dir: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(dir).ok()?;
        let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let mut unknown = Vec::new();
        let mut result = None;
        for ancestor in start.ancestors() {
            if let Some(known) = found.get(ancestor) {
                result = known.clone();
                break;
            }
            unknown.push(ancestor.to_path_buf());
            let candidate = ancestor.join(config::CONFIG_FILE_NAME);
            if candidate.is_file() {
                result = Some(candidate);
                break;
            }
        }
        for dir in unknown {
            found.insert(dir, result.clone());
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_warmed_up_only_for_a_selection_with_a_spec_rule() {
        let with = |select: &[&str], ignore: &[&str]| {
            let strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
            let selection = Selection::parse(&strings(select), &strings(ignore)).expect("known names");
            may_run_spec_rules(&LintOptions { selection, ..LintOptions::default() })
        };
        assert!(with(&[], &[]), "every profile has the spec rules");
        assert!(with(&["spec-constraint-violated"], &[]));
        assert!(!with(&["url-invalid"], &[]));
        assert!(!with(&[], &["spec"]));
    }

    #[test]
    fn targets_without_a_configuration_share_the_rule_set_of_their_profile() {
        let tmp = tempfile::tempdir().unwrap();
        let target = |dir: &str| Target {
            paths: connlint_core::ConnectorPaths { dir: Some(tmp.path().join(dir)), ..Default::default() },
            problems: Vec::new(),
            container: None,
        };
        let (a, b, certified) = (target("a"), target("b"), target("certified-connectors/c"));
        let options = LintOptions { selection: Selection::parse(&[], &["url-invalid".to_string()]).unwrap(), ..LintOptions::default() };
        let sets = RuleSets::default();
        let ids = |rules: &RuleSet| rules.entries().iter().map(|(rule, severity)| (rule.meta().id, *severity)).collect::<Vec<_>>();
        for t in [&a, &b, &certified] {
            assert_eq!(ids(&sets.for_target(t, &options, None)), ids(&rules_with(t, &options, None)), "as rules_with makes them");
        }
        assert!(Arc::ptr_eq(&sets.for_target(&a, &options, None), &sets.for_target(&b, &options, None)));
        assert!(!Arc::ptr_eq(&sets.for_target(&a, &options, None), &sets.for_target(&certified, &options, None)));
        // One with a configuration file has its own, made from it.
        std::fs::write(tmp.path().join("connlint.toml"), "[rules]\nurl-invalid = \"error\"\n").unwrap();
        let config = Arc::new(Config::load(&tmp.path().join("connlint.toml")).unwrap());
        let configured = sets.for_target(&a, &options, Some(config.clone()));
        assert!(!Arc::ptr_eq(&configured, &sets.for_target(&a, &options, None)));
        assert_eq!(ids(&configured), ids(&rules_with(&a, &options, Some(config))));
    }
}
