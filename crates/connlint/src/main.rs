//! `connlint`: lint Power Platform custom connectors offline.
//!
//! Exit codes: 0 no finding at or above the fail level, 1 findings (or a file that could not be
//! read), 2 usage or configuration error, or nothing could be linted.

mod convert_cmd;
mod diff_cmd;
mod fixing;
mod git;
mod inventory_cmd;
mod output;
mod pipeline;
mod progress;
mod serve_cmd;

/// Parsing allocates many small strings and vectors on two threads; mimalloc's thread-local
/// heaps cut the time spent in the allocator by about a third compared with glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use connlint_core::{ConnectorPaths, LoadOptions};
use connlint_linter::baseline::Baseline;
use connlint_linter::{InputError, LintOptions, Profile, Report, Severity, Target, RULES};
use output::stream::{StreamError, Tally};
use output::{Format, RenderOptions};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "connlint", version, about = "Offline linter for Microsoft Power Platform custom connectors")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
// Parsed once; boxing the options would only complicate the code.
#[allow(clippy::large_enum_variant)]
// Each subcommand's arguments are defined only when it is the one run (or its help is shown):
// defining all of them took about 0.3 ms of every run.
#[command(defer = true)]
enum Command {
    /// Lint connector folders, connector files, or trees holding many connectors.
    Check(CheckArgs),
    /// Report breaking changes between two versions of a connector (OLD NEW, or --git REV).
    Diff(diff_cmd::DiffArgs),
    /// Lint the connectors changed since a git revision and report their breaking changes.
    ///
    /// Does what Microsoft's pull-request pipeline does, offline: lints the connectors changed
    /// since REV with their path's profile, then compares each one whose swagger has no error
    /// with its version at REV (new connectors are not compared). See "Pipeline parity" in the
    /// README.
    Ci(pipeline::CiArgs),
    /// Convert an OpenAPI 3.0/3.1 description, a Swagger 2.0 YAML file or a Postman collection
    /// into a connector folder, reporting every loss at its line in the input.
    Convert(convert_cmd::ConvertArgs),
    /// Describe every connector found as a catalog (JSON in Apideck's Connector API shape, CSV
    /// or one HTML page); see "Connector catalog" in the README.
    Inventory(inventory_cmd::InventoryArgs),
    /// Serve the connector catalog over HTTP (Apideck's Connector API and the HTML page),
    /// read-only, on loopback by default.
    Serve(serve_cmd::ServeArgs),
    /// List every rule.
    Rules,
    /// Show the documentation of one rule.
    Rule {
        /// The rule id, e.g. `operation-id-missing`.
        id: String,
    },
    /// Run as a language server (LSP over standard input and output) for editors.
    Server,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ProfileArg {
    Base,
    Certification,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    /// The lowest severity that fails the run.
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to color output going to a stream that `is_terminal` (or not): `auto` colors
    /// terminals, unless `NO_COLOR` is set to something.
    fn colors(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Connector folders, connector files, or folders to search for connectors.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Lint only the connectors found under PATHS that have a file added, modified or renamed
    /// since this git revision (the work tree against REV, staged or not), or a new file that
    /// git does not ignore. Deleted files and connectors are skipped.
    #[arg(long, value_name = "REV", conflicts_with_all = ["api_def", "api_prop", "icon", "script", "settings"])]
    changed_since: Option<String>,
    /// The swagger file (as with paconn); lints one connector made of the files given.
    #[arg(long, value_name = "FILE")]
    api_def: Option<PathBuf>,
    /// The apiProperties.json file.
    #[arg(long, value_name = "FILE")]
    api_prop: Option<PathBuf>,
    /// The icon file.
    #[arg(long, value_name = "FILE")]
    icon: Option<PathBuf>,
    /// The script file.
    #[arg(long, value_name = "FILE")]
    script: Option<PathBuf>,
    /// A paconn settings.json naming the connector's files.
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    #[command(flatten)]
    lint: LintArgs,
    #[command(flatten)]
    report: ReportArgs,
    /// Record the current findings in this file (JSON) and exit 0; see `--baseline`.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Apply safe fixes (misspelled extension names, enum values in the wrong case) in place.
    #[arg(long)]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of findings; change nothing. Exit 1 if
    /// there is something to fix.
    #[arg(long)]
    diff: bool,
    /// With `--fix` or `--diff`, also apply (or show) the unsafe fixes: those that may change
    /// what the connector does.
    #[arg(long)]
    unsafe_fixes: bool,
}

// How to lint: options shared by `check` and `ci` (a plain comment, like `ReportArgs`').
#[derive(clap::Args)]
struct LintArgs {
    /// Rule profile; by default `certification` under certified-connectors/ or
    /// independent-publisher-connectors/, else `base`.
    #[arg(long, value_enum)]
    profile: Option<ProfileArg>,
    /// Use this configuration file instead of the nearest connlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore connlint.toml files.
    #[arg(long)]
    no_config: bool,
    /// Files larger than this many bytes are reported and not read.
    #[arg(long, value_name = "BYTES", default_value_t = LoadOptions::default().max_file_size)]
    max_file_size: u64,
    /// Run only these rules or categories (comma-separated); a rule named here runs in any profile.
    #[arg(long, value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules or categories (comma-separated).
    #[arg(long, value_name = "RULES")]
    ignore: Vec<String>,
    /// Also validate apiProperties.json and settings.json against Microsoft's JSON Schemas
    /// (corrected copies shipped with connlint): the `json-schema` rules.
    #[arg(long)]
    schema: bool,
}

// What to report and how: options shared by `check` and `ci` (a plain comment: a doc comment
// would become the about text of both, since their arguments are defined last; see `defer`).
#[derive(clap::Args)]
struct ReportArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Exit 0 even when there are findings (files that could not be read still exit 1).
    #[arg(long)]
    exit_zero: bool,
    /// Exit 2 when any file or path could not be read (by default that exits 1, and 2 only
    /// when nothing at all could be linted).
    #[arg(long)]
    fail_on_io_error: bool,
    /// When to color human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Write the output to this file (replaced whole) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print only the findings, without the summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print how many findings each rule has instead of the findings (human and compact formats).
    #[arg(long)]
    statistics: bool,
    /// Report only findings that are not in this baseline file (from `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args).inspect(|_| {
            if let Some(table) = connlint_linter::timings::table() {
                eprint!("{table}");
            }
        }),
        Command::Diff(args) => diff_cmd::run(args),
        Command::Ci(args) => pipeline::ci(args),
        Command::Convert(args) => convert_cmd::run(args),
        Command::Inventory(args) => inventory_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Rules => print(&rules_table()).map(|()| ExitCode::SUCCESS),
        Command::Server => Ok(server()),
        Command::Rule { id } => match connlint_linter::rule_by_id(&id) {
            Some(rule) => print(&connlint_linter::docs::rule_page(rule.meta())).map(|()| ExitCode::SUCCESS),
            None => {
                let hint = connlint_linter::suggest::closest(&id, RULES.iter().map(|r| r.meta().id))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                eprintln!("error: no rule `{id}`{hint}; `connlint rules` lists them");
                Ok(ExitCode::from(2))
            }
        },
    };
    result.unwrap_or_else(|e| {
        // A closed pipe (`connlint check | head`) is not an error worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: {e}");
        }
        ExitCode::from(2)
    })
}

/// Makes this thread one of rayon's, when there are to be two or more. The one connector of
/// `connlint check ./MyConnector` is linted on this thread (see
/// `connlint_linter::lint_in_order_as_found`), and the work it shares out is then taken straight
/// from this thread's queue. Outside the pool, the lint was first sent to a pool thread, which
/// had to be woken: 0.1 to 1.1 ms between sending and starting, on a run of about 10 ms.
/// With a single thread this one would be the whole pool, and work put in its queue for later
/// (freeing a big connector once it is reported) would wait until it next waited on rayon.
fn join_thread_pool() {
    // As rayon counts its threads by default.
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads >= 2 {
        // An error means the pool was already made: it is then used as it is.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(threads).use_current_thread().build_global();
    }
}

/// The lint options from the command line, and the baseline to apply afterwards; on a usage
/// error, the message is printed and the exit code returned.
fn prepare(lint: &LintArgs, report: &ReportArgs, fix_diff: bool) -> Result<(LintOptions, Option<Baseline>), ExitCode> {
    if report.statistics && !report.format.supports_statistics() {
        eprintln!("error: --statistics works with --format human or compact");
        return Err(ExitCode::from(2));
    }
    let selection = connlint_linter::Selection::parse(&lint.select, &lint.ignore).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    let baseline = report.baseline.as_deref().map(Baseline::load).transpose().map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    let options = LintOptions {
        profile: lint.profile.map(|p| match p {
            ProfileArg::Base => Profile::Base,
            ProfileArg::Certification => Profile::Certification,
        }),
        config: lint.config.clone(),
        no_config: lint.no_config,
        load: LoadOptions { max_file_size: lint.max_file_size },
        keep_sources: report.format == Format::Human && !report.statistics,
        schema: lint.schema,
        selection,
        // A bar on a terminal, for people reading human output only.
        progress: progress::wanted(report.format, report.quiet, fix_diff, std::io::stderr().is_terminal())
            .then(|| std::sync::Arc::new(connlint_linter::Progress::default())),
        exits_after: true,
    };
    Ok((options, baseline))
}

/// `connlint server`: exit 0 when the client shut the server down properly, 1 when it exited
/// without `shutdown` (as the protocol asks), 2 when the connection failed.
fn server() -> ExitCode {
    match connlint_lsp::run_stdio() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> std::io::Result<ExitCode> {
    let (options, baseline) = match prepare(&args.lint, &args.report, args.diff) {
        Ok(prepared) => prepared,
        Err(code) => return Ok(code),
    };
    join_thread_pool();
    // While this thread finds the connectors, another compiles what the rules will need.
    connlint_linter::warm_up(&options);
    let explicit = [&args.api_def, &args.api_prop, &args.icon, &args.script, &args.settings].iter().any(|p| p.is_some());
    let changed = match &args.changed_since {
        Some(rev) => match pipeline::changed_targets(&args.paths, rev, "--changed-since", options.load) {
            Ok(changed) => {
                if changed.targets.is_empty() && !args.report.quiet {
                    eprintln!("{}", pipeline::nothing_changed(rev));
                }
                Some(changed)
            }
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    // The targets, unless they are to be found under PATHS (which streaming does while it lints).
    let given = if let Some(changed) = changed {
        Some((changed.targets, changed.errors))
    } else if explicit {
        if args.paths != [PathBuf::from(".")] {
            eprintln!("error: give either PATHS or the file options (--api-def, --api-prop, --icon, --script, --settings), not both");
            return Ok(ExitCode::from(2));
        }
        let missing: Vec<_> = [&args.api_def, &args.api_prop, &args.icon, &args.script, &args.settings]
            .into_iter()
            .flatten()
            .filter(|p| !p.is_file())
            .collect();
        if let Some(path) = missing.first() {
            eprintln!("error: {}: no such file", path.display());
            return Ok(ExitCode::from(2));
        }
        let first = [&args.api_def, &args.settings, &args.api_prop].into_iter().flatten().next();
        let dir = first.and_then(|p| p.parent()).map(PathBuf::from);
        let paths = ConnectorPaths {
            dir,
            swagger: args.api_def.clone(),
            api_properties: args.api_prop.clone(),
            settings: args.settings.clone(),
            script: args.script.clone(),
            icon: args.icon.clone(),
        };
        Some((vec![Target { paths, problems: Vec::new(), container: None }], Vec::new()))
    } else {
        None
    };
    let changed_only = args.changed_since.is_some();
    if !(args.fix || args.diff || args.write_baseline.is_some()) {
        let find = |found: &mut dyn FnMut(&Target)| match given {
            Some(given) => given,
            None => connlint_linter::discover_each(&args.paths, found),
        };
        return stream(find, &options, &args.report, baseline.as_ref(), changed_only);
    }
    let (targets, input_errors) = given.unwrap_or_else(|| connlint_linter::discover(&args.paths));
    // Fixing and recording a baseline need every finding first.
    let bar = options.progress.clone().map(progress::Bar::start);
    let result = connlint_linter::lint_targets(targets, &options).map(|connectors| Report { connectors, input_errors });
    drop(bar);
    let mut report = match result {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    for error in &report.input_errors {
        eprintln!("error: {error}");
    }
    if args.fix || args.diff {
        let outcome = match fixing::run(&mut report, args.diff, args.unsafe_fixes) {
            Ok(outcome) => outcome,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(2));
            }
        };
        if args.diff {
            print(&outcome.diff)?;
            return Ok(ExitCode::from(u8::from(outcome.findings > 0)));
        }
        if !args.report.quiet {
            eprintln!("fixed {} in {} file{}", plural_findings(outcome.findings), outcome.files, if outcome.files == 1 { "" } else { "s" });
        }
    }
    if let Some(path) = &args.write_baseline {
        let written = record_baseline(&report, path);
        return Ok(ExitCode::from(if !written || report.has_io_errors() { 2 } else { 0 }));
    }
    finish(report, &args.report, baseline.as_ref(), changed_only)
}

/// Lints the targets `find` finds (handing connector folders to its argument as it goes) and
/// writes the output as the findings come ([`output::stream`]), then decides the exit code:
/// `check` without `--fix`, `--diff` or `--write-baseline`. The paths that could not be used
/// are reported once all targets are found, before any finding.
fn stream(
    find: impl FnOnce(&mut dyn FnMut(&Target)) -> (Vec<Target>, Vec<InputError>),
    options: &LintOptions,
    args: &ReportArgs,
    baseline: Option<&Baseline>,
    changed_only: bool,
) -> std::io::Result<ExitCode> {
    let mut input_errors = Vec::new();
    let find = |found: &mut dyn FnMut(&Target)| {
        let (targets, errors) = find(found);
        for error in &errors {
            eprintln!("error: {error}");
        }
        input_errors = errors;
        targets
    };
    let render = render_options(args);
    let lint_and_write = |out: &mut (dyn Write + Send)| output::stream::lint_and_write_as_found(find, options, render, baseline, out);
    let written = match (&options.progress, &args.output) {
        // A progress bar is drawn on the terminal while linting: the output waits for it to end.
        (Some(progress), None) => {
            let bar = progress::Bar::start(progress.clone());
            let mut text = Vec::new();
            let written = lint_and_write(&mut text);
            drop(bar);
            written.and_then(|written| print_bytes(&text).map(|()| written).map_err(Into::into))
        }
        _ => write_output(args, lint_and_write),
    };
    let (tally, stats) = match written {
        Ok(written) => written,
        Err(StreamError::Lint(e)) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(StreamError::Write(e)) => return written_error(args, e),
    };
    if let (Some(stats), false) = (stats, args.quiet) {
        print_baseline_stats(stats);
    }
    Ok(exit_code(&tally, !input_errors.is_empty(), args, changed_only))
}

fn render_options(args: &ReportArgs) -> RenderOptions {
    let color = args.color.colors(args.output.is_none() && std::io::stdout().is_terminal());
    RenderOptions { format: args.format, color, quiet: args.quiet, statistics: args.statistics }
}

/// Runs `write` on standard output, or on the `--output` file, which is replaced only when
/// `write` succeeds.
fn write_output<T, E: From<std::io::Error>>(
    args: &ReportArgs,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<T, E>,
) -> Result<T, E> {
    match &args.output {
        Some(path) => {
            let mut result = None;
            let written = connlint_linter::write::write_atomically_with(path, |file| {
                let mut out = std::io::BufWriter::new(file);
                match write(&mut out) {
                    Ok(value) => {
                        out.flush()?;
                        result = Some(Ok(value));
                        Ok(())
                    }
                    Err(e) => {
                        result = Some(Err(e));
                        Err(std::io::Error::other("not written"))
                    }
                }
            });
            match (result, written) {
                (Some(Ok(value)), Ok(())) => Ok(value),
                (Some(Err(e)), _) => Err(e),
                (_, Err(e)) => Err(e.into()),
                (None, Ok(())) => unreachable!("the file is filled before it is kept"),
            }
        }
        None => {
            // Not `stdout().lock()`: the output is written from the threads that lint.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            let value = write(&mut out)?;
            out.flush()?;
            Ok(value)
        }
    }
}

/// Applies the baseline, writes the output and decides the exit code, for `check` (with
/// `--fix`) and `ci`. With `changed_only`, a run that found no changed connector (and no bad
/// path) exits 0.
fn finish(mut report: Report, args: &ReportArgs, baseline: Option<&Baseline>, changed_only: bool) -> std::io::Result<ExitCode> {
    if let Some(baseline) = baseline {
        let stats = baseline.filter(&mut report);
        if !args.quiet {
            print_baseline_stats(stats);
        }
    }
    let render = render_options(args);
    let tally = match write_output(args, |out| output::stream::write_report(&report, render, out)) {
        Ok(tally) => tally,
        Err(e) => return written_error(args, e),
    };
    Ok(exit_code(&tally, !report.input_errors.is_empty(), args, changed_only))
}

/// What a failure to write the output means: with `--output`, exit 2 after a message; on
/// standard output, the error itself (a closed pipe is not worth a message).
fn written_error(args: &ReportArgs, e: std::io::Error) -> std::io::Result<ExitCode> {
    match &args.output {
        Some(path) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            Ok(ExitCode::from(2))
        }
        None => Err(e),
    }
}

/// The exit code of `check` and `ci` from what was written.
fn exit_code(tally: &Tally, input_errors: bool, args: &ReportArgs, changed_only: bool) -> ExitCode {
    let has_io_errors = input_errors || tally.io_error;
    let nothing_changed = changed_only && tally.units == 0 && !input_errors;
    let fails = !args.exit_zero && tally.worst.is_some_and(|worst| worst >= args.fail_on.severity());
    // 2 only when nothing could be linted (or when asked); a file that could not be read among
    // others is an error finding like any other, and `--exit-zero` does not hide it.
    let code = if (tally.nothing_linted() && !nothing_changed) || (args.fail_on_io_error && has_io_errors) {
        2
    } else if has_io_errors || fails {
        1
    } else {
        0
    };
    ExitCode::from(code)
}

/// Writes the findings of `report` to the baseline file `path` (`--write-baseline` of `check` and
/// `diff`) and says so on standard error; false, after an error message, when it cannot be written.
fn record_baseline(report: &Report, path: &Path) -> bool {
    let recorded = Baseline::from_findings(report.findings(), path);
    if let Err(e) = recorded.write(path) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return false;
    }
    eprintln!("recorded {} in the baseline {}", plural_findings(recorded.len()), path.display());
    true
}

/// What a baseline hid, on standard error (`check`, `ci` and `diff`).
fn print_baseline_stats(stats: connlint_linter::baseline::BaselineStats) {
    eprintln!("baseline: {} hidden, {} no longer found", plural_findings(stats.baselined), plural_findings(stats.fixed));
}

fn plural_findings(n: usize) -> String {
    format!("{n} finding{}", if n == 1 { "" } else { "s" })
}

fn print(text: &str) -> std::io::Result<()> {
    print_bytes(text.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

fn rules_table() -> String {
    let mut rules: Vec<_> = RULES.iter().map(|r| r.meta()).collect();
    rules.sort_by_key(|m| m.id);
    let width = rules.iter().map(|m| m.id.len()).max().unwrap_or(4);
    // A rule whose level differs under the certification profile shows both.
    let severity_width = rules.iter().map(|m| m.severity_label().len()).max().unwrap_or(8).max(8);
    let mut out = format!("{:width$}  {:severity_width$}  {:13}  {:14}  {}\n", "RULE", "SEVERITY", "PROFILE", "CATEGORY", "MICROSOFT NAME");
    for m in rules {
        out.push_str(&format!(
            "{:width$}  {:severity_width$}  {:13}  {:14}  {}\n",
            m.id,
            m.severity_label(),
            m.profile.as_str(),
            m.category.as_str(),
            if m.ms_names.is_empty() { "-".to_string() } else { m.ms_names.join(", ") }
        ));
    }
    out
}
