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

pub mod config;
pub mod context;
pub mod diagnostic;
pub mod discover;
pub mod docs;
pub mod engine;
pub mod microsoft;
pub mod registry;
pub mod rule;
mod rules;
pub mod selection;
pub mod suggest;
#[cfg(test)]
pub(crate) mod testing;
pub mod write;

pub use config::{Config, ConfigError};
pub use diagnostic::{Finding, ReportedFile, IO_ERROR};
pub use discover::{discover, InputError, Target};
pub use engine::{check, rule_by_id, Level, RuleSet};
pub use registry::RULES;
pub use rule::{Category, Profile, Rule, RuleMeta, Severity};
pub use selection::{Selection, SelectionError};

use connlint_core::{Connector, FileRole, LoadOptions, LoadProblemKind, Span};
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
    /// `--select` / `--ignore`, applied after the profile and configuration.
    pub selection: Selection,
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

impl Report {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.connectors.iter().flat_map(|c| c.findings.iter())
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary { connectors: self.connectors.len(), ..Default::default() };
        for c in &self.connectors {
            s.files += c.files;
            s.parse_failures += c.parse_failures;
        }
        for f in self.findings() {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// Whether a file or folder could not be read (exit code 2).
    pub fn has_io_errors(&self) -> bool {
        !self.input_errors.is_empty() || self.findings().any(|f| f.rule == IO_ERROR)
    }
}

/// Lints every connector found under `inputs` (folders or files), in parallel.
pub fn lint_paths(inputs: &[PathBuf], options: &LintOptions) -> Result<Report, LintError> {
    let (targets, input_errors) = discover(inputs);
    let connectors = lint_targets(targets, options)?;
    Ok(Report { connectors, input_errors })
}

/// Lints connectors whose files are already known (see [`discover`]), in parallel; the
/// reports come back in the order of `targets`.
pub fn lint_targets(targets: Vec<Target>, options: &LintOptions) -> Result<Vec<ConnectorReport>, LintError> {
    let explicit = options.config.as_deref().map(Config::load).transpose()?.map(Arc::new);
    let configs = ConfigCache::default();
    // Load every configuration first, so that a bad one stops the run before any output.
    let mut rule_sets = Vec::with_capacity(targets.len());
    for target in &targets {
        let dir = target.paths.dir.clone().unwrap_or_default();
        let config = match (&explicit, options.no_config) {
            (Some(c), _) => Some(c.clone()),
            (None, true) => None,
            (None, false) => configs.for_dir(&dir)?,
        };
        let auto = config::auto_profile(&std::path::absolute(&dir).unwrap_or(dir.clone()));
        let rules = match config {
            Some(c) => c.rule_set_for(&dir, options.profile, auto),
            None => RuleSet::new(options.profile.unwrap_or(auto), &[]),
        };
        rule_sets.push(if options.selection.is_empty() { rules } else { options.selection.apply(&rules) });
    }
    Ok(targets
        .into_par_iter()
        .zip(rule_sets)
        .map(|(target, rules)| {
            let mut connector = Connector::load(&target.paths, options.load);
            let mut problems = target.problems;
            problems.append(&mut connector.problems);
            connector.problems = problems;
            lint_connector(&connector, &rules, options.keep_sources)
        })
        .collect())
}

/// Lints one loaded connector.
pub fn lint_connector(connector: &Connector, rules: &RuleSet, keep_sources: bool) -> ConnectorReport {
    let diagnostics = engine::check(connector, rules);
    let mut findings: Vec<Finding> = diagnostics.iter().map(|d| Finding::resolve(connector, d)).collect();
    findings.extend(io_findings(connector));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let sources = if keep_sources {
        connector
            .files
            .iter()
            .filter(|f| findings.iter().any(|d| d.path == f.source.path()))
            .map(|f| ReportedFile { path: f.source.path().to_path_buf(), text: Arc::from(f.source.text()) })
            .collect()
    } else {
        Vec::new()
    };
    ConnectorReport {
        name: connector.display_name(),
        findings,
        sources,
        files: connector.files.len(),
        parse_failures: connector.files.iter().filter(|f| f.json.as_ref().is_some_and(|j| !j.is_strict())).count(),
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
                LoadProblemKind::TooLarge { size, limit } => format!("file is {size} bytes, over the {limit}-byte limit; it was not read"),
                _ => return None,
            };
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
                help: None,
            })
        })
        .collect()
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
