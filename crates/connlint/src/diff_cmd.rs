//! `connlint diff OLD NEW` and `connlint diff --git [REV] [PATH]`: the breaking changes between
//! two versions of a connector, reported with the same formats, configuration, suppressions,
//! baselines and exit codes as `connlint check`.

use crate::git::Repo;
use crate::output::{self, Format, RenderOptions};
use crate::{print, record_baseline, ColorChoice, FailOn};
use connlint_core::{Connector, ConnectorPaths, FileRole, LoadOptions, LoadProblemKind};
use connlint_linter::baseline::Baseline;
use connlint_linter::config::auto_profile;
use connlint_linter::{Config, ConnectorReport, Report, RuleSet};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct DiffArgs {
    /// OLD and NEW (connector folders or swagger files); with --git, the connector folder or
    /// swagger file in the working tree (default `.`).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Compare the working tree with the same files at this git revision (default HEAD).
    #[arg(long, value_name = "REV", num_args = 0..=1, default_missing_value = "HEAD")]
    git: Option<String>,
    /// The connector is new: breaking-change rules are waived (as when OLD does not exist).
    #[arg(long)]
    new_connector: bool,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Use this configuration file instead of the nearest connlint.toml (searched from NEW).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore connlint.toml files.
    #[arg(long)]
    no_config: bool,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    exit_zero: bool,
    /// When to color human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Files larger than this many bytes are reported and not read.
    #[arg(long, value_name = "BYTES", default_value_t = LoadOptions::default().max_file_size)]
    max_file_size: u64,
    /// Report only breaking changes that are not in this baseline file (from `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current breaking changes in this file (JSON) and exit 0; see `--baseline`.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

/// Something that stops the comparison (exit code 2).
struct Failure(String);

pub fn run(args: DiffArgs) -> std::io::Result<ExitCode> {
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    match compare(&args) {
        Ok(Some(report)) => finish(&args, report, baseline.as_ref()),
        Ok(None) => {
            eprintln!("note: new connector: breaking-change rules are waived");
            finish(&args, Report::default(), baseline.as_ref())
        }
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The report, or `None` when the connector is new.
fn compare(args: &DiffArgs) -> Result<Option<Report>, Failure> {
    let load = LoadOptions { max_file_size: args.max_file_size };
    let keep_sources = args.format == Format::Human;
    let report = match &args.git {
        Some(rev) => {
            let [path] = match args.paths.as_slice() {
                [] => [PathBuf::from(".")],
                [one] => [one.clone()],
                _ => return Err(Failure("with --git, give at most one PATH".into())),
            };
            let new = load_connector(&path, load)?;
            if args.new_connector {
                return Ok(None);
            }
            let dir = if path.is_dir() { path.clone() } else { path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf) };
            let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
            let repo = Repo::around(&dir).map_err(|e| Failure(format!("{}: not in a git repository ({e})", dir.display())))?;
            if !repo.has_revision(rev) {
                return Err(Failure(format!("unknown git revision `{rev}`")));
            }
            let rules = rule_set(args, &path)?;
            let folder = path.is_dir().then_some(path.as_path());
            breaking_since(&repo, rev, &new, folder, &HashMap::new(), &rules, keep_sources)
        }
        None => {
            let [old_path, new_path] = args.paths.as_slice() else {
                return Err(Failure("give OLD and NEW, or use --git [REV] [PATH]".into()));
            };
            let new = load_connector(new_path, load)?;
            if args.new_connector || !old_path.exists() {
                return Ok(None);
            }
            let old = load_connector(old_path, load)?;
            let rules = rule_set(args, new_path)?;
            Some(connlint_linter::diff::diff_report(&old, &new, &rules, keep_sources))
        }
    };
    Ok(report.map(|report| Report { connectors: vec![report], input_errors: Vec::new() }))
}

/// Records or applies the baseline, prints the report and decides the exit code.
fn finish(args: &DiffArgs, mut report: Report, baseline: Option<&Baseline>) -> std::io::Result<ExitCode> {
    if let Some(path) = &args.write_baseline {
        return Ok(ExitCode::from(if record_baseline(&report, path) { 0 } else { 2 }));
    }
    if let Some(baseline) = baseline {
        crate::print_baseline_stats(baseline.filter(&mut report));
    }
    let color = args.color.colors(std::io::stdout().is_terminal());
    let text = output::render(&report, &RenderOptions { format: args.format, color, quiet: false, statistics: false });
    print(&text)?;
    let fail_level = args.fail_on.severity();
    let failed = !args.exit_zero && report.findings().any(|f| f.severity >= fail_level);
    Ok(ExitCode::from(u8::from(failed)))
}

/// The rules and levels from the configuration that applies to NEW.
fn rule_set(args: &DiffArgs, new_path: &Path) -> Result<RuleSet, Failure> {
    let dir = if new_path.is_dir() { new_path.to_path_buf() } else { new_path.parent().map_or_else(PathBuf::new, Path::to_path_buf) };
    let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
    let config = match (&args.config, args.no_config) {
        (Some(path), _) => Some(Config::load(path).map_err(|e| Failure(e.to_string()))?),
        (None, true) => None,
        (None, false) => Config::find_upwards(&dir).map(|p| Config::load(&p)).transpose().map_err(|e| Failure(e.to_string()))?,
    };
    let auto = auto_profile(&std::path::absolute(&dir).unwrap_or(dir.clone()));
    Ok(match config {
        Some(c) => c.rule_set_for(&dir, None, auto),
        None => RuleSet::new(auto, &[]),
    })
}

/// A connector folder, or a swagger file on its own.
fn load_connector(path: &Path, load: LoadOptions) -> Result<Connector, Failure> {
    let connector = if path.is_dir() {
        Connector::load_dir(path, load)
    } else if path.is_file() {
        let paths = ConnectorPaths { dir: path.parent().map(Path::to_path_buf), swagger: Some(path.to_path_buf()), ..Default::default() };
        Connector::load(&paths, load)
    } else {
        return Err(Failure(format!("{}: no such file or folder", path.display())));
    };
    if let Some(problem) =
        connector.problems.iter().find(|p| matches!(p.kind, LoadProblemKind::Unreadable { .. } | LoadProblemKind::TooLarge { .. }))
    {
        return Err(Failure(format!("{}: cannot be read ({:?})", problem.path.display(), problem.kind)));
    }
    if connector.file_with_role(FileRole::Swagger).is_none() {
        return Err(Failure(format!("{}: no swagger file (apiDefinition.swagger.json) found", path.display())));
    }
    Ok(connector)
}

/// The breaking changes from the connector's version at `rev` to `new`, the one in the work
/// tree, with `rules` (only its `breaking` rules run); `None` when its swagger did not exist at
/// `rev` (a new connector). See [`Repo::connector_at`] for `dir` and `renamed_from`. Used by
/// `diff --git` and `ci --since`.
pub(crate) fn breaking_since(
    repo: &Repo,
    rev: &str,
    new: &Connector,
    dir: Option<&Path>,
    renamed_from: &HashMap<PathBuf, String>,
    rules: &RuleSet,
    keep_sources: bool,
) -> Option<ConnectorReport> {
    let old = repo.connector_at(rev, new, dir, renamed_from)?;
    Some(connlint_linter::diff::diff_report(&old, new, rules, keep_sources))
}
