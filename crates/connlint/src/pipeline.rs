//! Pipeline parity for repositories with legacy connectors: `check --changed-since REV` lints only
//! the connectors changed since REV, and `ci --since REV` also runs the breaking-change diff, as
//! Microsoft's pull-request pipeline (`.pipelines/swagger_validation.yml`) does: only for a
//! changed swagger without errors, and not for a new connector.

use crate::diff_cmd::breaking_since;
use crate::git::{normalize, Changes, Repo};
use crate::{finish, prepare, progress, LintArgs, ReportArgs};
use connlint_core::{Connector, Container, FileRole, LoadOptions};
use connlint_linter::discover::role_of_file_name;
use connlint_linter::{ConnectorReport, InputError, Report, RuleSet, Severity, Target, TargetReport};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CiArgs {
    /// Connector folders, connector files, or folders to search for connectors, in one git work
    /// tree.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// The revision to compare with, e.g. where a pull request's branch left its target
    /// (`$(git merge-base origin/main HEAD)`) or the previous commit (`HEAD~1`). Connectors with
    /// a file added, modified or renamed since REV (the work tree against REV, staged or not),
    /// or a new file that git does not ignore, are linted; each one whose swagger has no error
    /// and existed at REV is also compared with its version at REV by the `breaking` rules.
    /// Deleted connectors are skipped; solutions and records are linted, not compared.
    #[arg(long, value_name = "REV")]
    since: String,
    #[command(flatten)]
    lint: LintArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// The connectors changed since a revision, as `check` would find them.
pub struct Changed {
    pub repo: Repo,
    pub changes: Changes,
    /// The targets of [`connlint_linter::discover()`] that hold a changed file.
    pub targets: Vec<Target>,
    /// Paths that could not be used, as `check` reports them.
    pub errors: Vec<InputError>,
}

/// The line printed when no connector changed.
pub fn nothing_changed(rev: &str) -> String {
    format!("no connector has a file changed since `{rev}`: nothing to lint")
}

/// Finds the connectors under `paths` as `check` does and keeps those holding a file changed
/// since `rev` (see [`Repo::changes_since`]). `flag` names the option in error messages.
pub fn changed_targets(paths: &[PathBuf], rev: &str, flag: &str, load: LoadOptions) -> Result<Changed, String> {
    let mut repo: Option<Repo> = None;
    // Missing paths are left to discovery, which reports them like `check`.
    let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
    let dirs: Vec<PathBuf> = if existing.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        existing
            .iter()
            .map(|p| match p.parent() {
                _ if p.is_dir() => p.to_path_buf(),
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            })
            .collect()
    };
    for dir in dirs {
        let found = Repo::around(&dir).map_err(|e| format!("`{flag}`: {} is not in a git work tree ({e})", dir.display()))?;
        match &repo {
            Some(first) if first.top != found.top => {
                return Err(format!(
                    "`{flag}`: the paths are in different git work trees ({} and {})",
                    first.top.display(),
                    found.top.display()
                ))
            }
            Some(_) => {}
            None => repo = Some(found),
        }
    }
    let repo = repo.expect("at least one folder");
    if !repo.has_revision(rev) {
        return Err(format!("`{flag}`: `{rev}` is not a revision in this repository"));
    }
    let changes = repo.changes_since(rev).map_err(|e| format!("`{flag}`: git cannot list the changes since `{rev}`: {e}"))?;
    let (targets, errors) = connlint_linter::discover(paths);
    let targets = targets.into_iter().filter(|t| touches(t, &changes.files, load)).collect();
    Ok(Changed { repo, changes, targets, errors })
}

/// The changed files at or under `dir` (both [`normalize`]d).
fn under<'a>(changed: &'a BTreeSet<PathBuf>, dir: &'a Path) -> impl Iterator<Item = &'a PathBuf> {
    changed.range(dir.to_path_buf()..).take_while(move |p| p.starts_with(dir))
}

/// Whether a changed file belongs to `target`: a file it reads (with those a settings.json
/// names), a file named like a connector file in its folder (one that discovery may pick or
/// report), anything under a solution folder, or the solution zip or records file itself.
fn touches(target: &Target, changed: &BTreeSet<PathBuf>, load: LoadOptions) -> bool {
    match &target.container {
        Some(Container::SolutionFolder(dir)) => under(changed, &normalize(dir)).next().is_some(),
        Some(container) => changed.contains(&normalize(container.path())),
        None => {
            let paths = &target.paths;
            let mut files: Vec<PathBuf> = [&paths.swagger, &paths.api_properties, &paths.settings, &paths.script, &paths.icon]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            if paths.settings.is_some() {
                files.extend(Connector::load(paths, load).files.iter().map(|f| f.source.path().to_path_buf()));
            }
            if files.iter().any(|f| changed.contains(&normalize(f))) {
                return true;
            }
            let Some(dir) = &paths.dir else { return false };
            let dir = normalize(dir);
            let named_like_a_connector_file = under(changed, &dir).any(|f| {
                f.parent() == Some(dir.as_path()) && f.file_name().and_then(|n| n.to_str()).is_some_and(|n| role_of_file_name(n).is_some())
            });
            named_like_a_connector_file
        }
    }
}

pub fn ci(args: CiArgs) -> std::io::Result<ExitCode> {
    let (options, baseline) = match prepare(&args.lint, &args.report, false) {
        Ok(prepared) => prepared,
        Err(code) => return Ok(code),
    };
    let rev = args.since.as_str();
    let changed = match changed_targets(&args.paths, rev, "--since", options.load) {
        Ok(changed) => changed,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let quiet = args.report.quiet;
    if changed.targets.is_empty() && !quiet {
        eprintln!("{}", nothing_changed(rev));
    }
    let bar = options.progress.clone().map(progress::Bar::start);
    let linted = connlint_linter::lint_each(changed.targets, &options);
    drop(bar);
    let linted = match linted {
        Ok(linted) => linted,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut connectors = Vec::new();
    for TargetReport { target, rules, mut reports } in linted {
        let note = match (&target.container, reports.as_mut_slice()) {
            (None, [report]) => {
                let compared =
                    Compared { repo: &changed.repo, changes: &changed.changes, rev, load: options.load, keep: options.keep_sources };
                compared.add_breaking(report, &target, &rules)
            }
            _ => Some(format!("solutions and records are linted, not compared with `{rev}`")),
        };
        if let (Some(note), false, Some(first)) = (note, quiet, reports.first()) {
            eprintln!("note: {}: {note}", first.name);
        }
        connectors.append(&mut reports);
    }
    let report = Report { connectors, input_errors: changed.errors };
    for error in &report.input_errors {
        eprintln!("error: {error}");
    }
    finish(report, &args.report, baseline.as_ref(), true)
}

/// What the breaking-change step of `ci` needs.
struct Compared<'a> {
    repo: &'a Repo,
    changes: &'a Changes,
    rev: &'a str,
    load: LoadOptions,
    keep: bool,
}

impl Compared<'_> {
    /// Adds to `report` the breaking changes since the revision, when its swagger has no error
    /// finding and existed then; otherwise says why it was not compared.
    fn add_breaking(&self, report: &mut ConnectorReport, target: &Target, rules: &RuleSet) -> Option<String> {
        let rev = self.rev;
        let new = Connector::load(&target.paths, self.load);
        let Some((_, swagger)) = new.file_with_role(FileRole::Swagger) else {
            return Some(format!("no swagger, so not compared with `{rev}`"));
        };
        let swagger = swagger.source.path();
        if report.findings.iter().any(|f| f.severity == Severity::Error && f.path == swagger) {
            return Some(format!(
                "{} has errors, so it is not compared with `{rev}` (Microsoft's pipeline runs the Breaking Change Detector only on a swagger without errors)",
                swagger.display()
            ));
        }
        let Some(diff) = breaking_since(self.repo, rev, &new, target.paths.dir.as_deref(), &self.changes.renamed_from, rules, self.keep)
        else {
            return Some(format!("new since `{rev}`: breaking-change rules are waived"));
        };
        report.findings.extend(diff.findings);
        report.findings.sort_by(|a, b| (a.sort_key(), &a.message).cmp(&(b.sort_key(), &b.message)));
        for source in diff.sources {
            if !report.sources.iter().any(|s| s.path == source.path) {
                report.sources.push(source);
            }
        }
        None
    }
}
