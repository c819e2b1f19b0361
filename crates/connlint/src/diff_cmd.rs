//! `connlint diff OLD NEW` and `connlint diff --git [REV] [PATH]`: the breaking changes between
//! two versions of a connector, reported with the same formats, configuration and exit codes
//! as `connlint check`.

use crate::output::{self, Format, RenderOptions};
use crate::{print, ColorChoice, FailOn};
use connlint_core::{Connector, ConnectorPaths, FileRole, LoadOptions, LoadProblemKind};
use connlint_linter::config::auto_profile;
use connlint_linter::{Config, Report, RuleSet, Severity};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

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
}

/// Something that stops the comparison (exit code 2).
struct Failure(String);

pub fn run(args: DiffArgs) -> std::io::Result<ExitCode> {
    match compare(&args) {
        Ok(Some(report)) => finish(&args, report),
        Ok(None) => {
            eprintln!("note: new connector: breaking-change rules are waived");
            finish(&args, Report::default())
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
    let (new_path, old) = match &args.git {
        Some(rev) => {
            let [path] = match args.paths.as_slice() {
                [] => [PathBuf::from(".")],
                [one] => [one.clone()],
                _ => return Err(Failure("with --git, give at most one PATH".into())),
            };
            let new = load_connector(&path, load)?;
            let old = if args.new_connector { None } else { load_at_revision(&new, &path, rev)? };
            (path, old.map(|old| (old, new)))
        }
        None => {
            let [old_path, new_path] = args.paths.as_slice() else {
                return Err(Failure("give OLD and NEW, or use --git [REV] [PATH]".into()));
            };
            let new = load_connector(new_path, load)?;
            let old = if args.new_connector || !old_path.exists() { None } else { Some(load_connector(old_path, load)?) };
            (new_path.clone(), old.map(|old| (old, new)))
        }
    };
    let Some((old, new)) = old else { return Ok(None) };
    let rules = rule_set(args, &new_path)?;
    let report = connlint_linter::diff::diff_report(&old, &new, &rules, args.format == Format::Human);
    Ok(Some(Report { connectors: vec![report], input_errors: Vec::new() }))
}

fn finish(args: &DiffArgs, mut report: Report) -> std::io::Result<ExitCode> {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let text = output::render(&mut report, &RenderOptions { format: args.format, color, quiet: false, statistics: false });
    print(&text)?;
    let fail_level = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
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

/// Runs git in `dir`; its stdout, or a failure with its stderr.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// The files of `new` as they were at `rev` (read with `git show`, nothing checked out);
/// `None` when the swagger did not exist then.
fn load_at_revision(new: &Connector, path: &Path, rev: &str) -> Result<Option<Connector>, Failure> {
    let dir = if path.is_dir() { path.to_path_buf() } else { path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf) };
    let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
    let top =
        git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| Failure(format!("{}: not in a git repository ({e})", dir.display())))?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let top = top.canonicalize().unwrap_or(top);
    git(&top, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| Failure(format!("unknown git revision `{rev}`")))?;
    let mut files: Vec<(FileRole, PathBuf)> = new.files.iter().map(|f| (f.role, f.source.path().to_path_buf())).collect();
    for role in [FileRole::Swagger, FileRole::ApiProperties, FileRole::Script, FileRole::Settings] {
        if path.is_dir() && !files.iter().any(|(r, _)| *r == role) {
            files.push((role, dir.join(role.standard_name())));
        }
    }
    let mut old = Connector::default();
    for (role, file) in files {
        let absolute = std::path::absolute(&file).unwrap_or(file.clone());
        let absolute = absolute
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .map_or(absolute.clone(), |p| p.join(absolute.file_name().unwrap_or_default()));
        let Ok(relative) = absolute.strip_prefix(&top) else { continue };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if let Ok(bytes) = git(&top, &["show", &format!("{rev}:{relative}")]) {
            old.add_bytes(role, format!("{rev}:{relative}"), bytes);
        }
    }
    Ok(old.file_with_role(FileRole::Swagger).is_some().then_some(old))
}
