//! `connlint convert`: an OpenAPI 3.0/3.1 description (JSON or YAML), a Swagger 2.0 YAML file or
//! a Postman collection into a connector folder, with every loss reported at its input line.
//!
//! Exit codes: 0 nothing at or above `--fail-on` (default: warning), 1 findings at or above it,
//! 2 unreadable or unrecognised input, or an output folder that cannot be used.

use crate::output::{self, Format, RenderOptions};
use crate::{ColorChoice, FailOn};
use connlint_core::convert::{self, write::to_json, InputFormat};
use connlint_core::source::SourceFile;
use connlint_core::{Connector, LoadOptions};
use connlint_linter::{Report, RuleSet, Selection};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct ConvertArgs {
    /// The OpenAPI 3.0/3.1 description (JSON or YAML), Swagger 2.0 YAML file or Postman
    /// collection (v2.0 or v2.1) to convert; told apart by content.
    input: PathBuf,
    /// The connector folder to write (apiDefinition.swagger.json, apiProperties.json,
    /// settings.json); `-` prints the swagger on standard output and writes nothing. By default,
    /// a folder named after the API's title in the current folder.
    #[arg(long, short = 'o', value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write into an existing folder that is not empty, replacing the three files.
    #[arg(long)]
    force: bool,
    /// The folder that files named by relative `$ref`s must be in (by default the input's own
    /// folder). URLs are never fetched.
    #[arg(long, value_name = "DIR")]
    ref_root: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// When to color human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print only the findings, without the summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Files (the input, and files it references) larger than this many bytes are not read.
    #[arg(long, value_name = "BYTES", default_value_t = LoadOptions::default().max_file_size)]
    max_file_size: u64,
}

pub fn run(args: ConvertArgs) -> std::io::Result<ExitCode> {
    let usage = |message: String| {
        eprintln!("error: {message}");
        Ok(ExitCode::from(2))
    };
    let bytes = match connlint_core::load::read_file(&args.input, LoadOptions { max_file_size: args.max_file_size }) {
        Ok(bytes) => bytes,
        Err(problem) => return usage(format!("{}: {}", args.input.display(), describe(&problem))),
    };
    let source = Arc::new(SourceFile::from_bytes(&args.input, bytes));
    let mut connector = Connector::default();
    let id = connector.add_input(source.clone(), args.ref_root.as_deref());
    let file = connector.file(id);
    let parsed = file.json().expect("a swagger is parsed");
    if !parsed.errors.is_empty() {
        for error in &parsed.errors {
            let at = source.position(error.span.start);
            eprintln!("{}:{}:{}: error: {}", args.input.display(), at.line, at.column, error.message());
        }
        return usage(format!("{} is not valid {}; nothing was converted", args.input.display(), file.syntax.name()));
    }
    let Some(root) = parsed.root.as_ref() else { return usage(format!("{} is empty", args.input.display())) };
    // A Swagger 2.0 file is linted as it is (no conversion); only its JSON form and
    // apiProperties.json are written.
    let (swagger, report) = match &file.conversion {
        Some(report) => (root.clone().into_owned(), std::borrow::Cow::Borrowed(&**report)),
        None => match convert::detect(root) {
            Some(InputFormat::Swagger20) => {
                let conversion = convert::convert(root.clone().into_owned(), InputFormat::Swagger20, Default::default());
                (conversion.swagger, std::borrow::Cow::Owned(conversion.report))
            }
            _ => {
                return usage(format!(
                    "{} is not an OpenAPI 3.0 or 3.1 description, a Swagger 2.0 file or a Postman collection (v2.0 or v2.1)",
                    args.input.display()
                ))
            }
        },
    };

    let target = match &args.out {
        Some(dir) if dir.as_os_str() == "-" => None,
        Some(dir) => Some(dir.clone()),
        None => Some(PathBuf::from(folder_name(report.title.as_deref()))),
    };
    if let Some(dir) = &target {
        if let Err(message) = check_target(dir, args.force) {
            return usage(message);
        }
    }

    // The conversion rules report the notes, at their places in the input.
    let selection = Selection::parse(&["conversion".to_string()], &[]).expect("a category");
    let rules = selection.apply(&RuleSet::new(connlint_linter::Profile::Base, &[]));
    let human = args.format == Format::Human;
    let lint_report = Report { connectors: vec![connlint_linter::lint_connector(&connector, &rules, human)], input_errors: Vec::new() };
    let to_stderr = target.is_none();
    let color = args.color.colors(if to_stderr { std::io::stderr().is_terminal() } else { std::io::stdout().is_terminal() });
    let text = output::render(&lint_report, &RenderOptions { format: args.format, color, quiet: args.quiet, statistics: false });

    let swagger_text = to_json(&swagger);
    match &target {
        None => {
            std::io::stderr().write_all(text.as_bytes())?;
            crate::print(&swagger_text)?;
        }
        Some(dir) => {
            let files = [
                ("apiDefinition.swagger.json", swagger_text),
                ("apiProperties.json", to_json(&report.api_properties)),
                ("settings.json", settings_json()),
            ];
            if let Err(e) = std::fs::create_dir_all(dir) {
                return usage(format!("cannot create {}: {e}", dir.display()));
            }
            for (name, contents) in &files {
                let path = dir.join(name);
                if let Err(e) = connlint_linter::write::write_atomically(&path, contents.as_bytes()) {
                    return usage(format!("cannot write {}: {e}", path.display()));
                }
            }
            crate::print(&text)?;
            if !args.quiet && args.format == Format::Human {
                eprintln!(
                    "converted {} ({}): {} of {} operations kept; wrote {}",
                    args.input.display(),
                    report.format.name(),
                    report.operations_kept,
                    report.operations_in,
                    dir.display()
                );
                eprintln!("next: add icon.png, set iconBrandColor and the publisher, then run `connlint check {}`", dir.display());
            }
        }
    }
    let fail_level = args.fail_on.severity();
    let failed = lint_report.findings().any(|f| f.severity >= fail_level);
    Ok(ExitCode::from(u8::from(failed)))
}

fn describe(problem: &connlint_core::unit::LoadProblemKind) -> String {
    use connlint_core::unit::LoadProblemKind;
    match problem {
        LoadProblemKind::TooLarge { size, limit } => format!("the file is {size} bytes, over the limit of {limit} (see --max-file-size)"),
        LoadProblemKind::Unreadable { error } => error.clone(),
        other => format!("{other:?}"),
    }
}

/// A folder name from the API's title: letters, digits, `.`, `_` and `-` kept, other runs
/// become one `-` (`Swagger Petstore - OpenAPI 3.0` → `Swagger-Petstore-OpenAPI-3.0`).
fn folder_name(title: Option<&str>) -> String {
    let mut name = String::new();
    for c in title.unwrap_or_default().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    let name = name.trim_matches(['-', '.']).to_string();
    if name.is_empty() {
        "connector".into()
    } else {
        name
    }
}

/// An existing folder that is not empty is refused unless `--force`; a file in the way always.
fn check_target(dir: &Path, force: bool) -> Result<(), String> {
    match std::fs::metadata(dir) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => Err(format!("{} exists and is not a folder", dir.display())),
        Ok(_) => {
            let empty = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?.next().is_none();
            if empty || force {
                Ok(())
            } else {
                Err(format!("{} exists and is not empty; pass --force to replace its connector files, or choose another -o", dir.display()))
            }
        }
    }
}

/// paconn's settings.json naming the two files written (no icon: none is written).
fn settings_json() -> String {
    "{\n  \"apiDefinition\": \"apiDefinition.swagger.json\",\n  \"apiProperties\": \"apiProperties.json\"\n}\n".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_from_titles() {
        assert_eq!(folder_name(Some("Swagger Petstore - OpenAPI 3.0")), "Swagger-Petstore-OpenAPI-3.0");
        assert_eq!(folder_name(Some("  ")), "connector");
        assert_eq!(folder_name(None), "connector");
        assert_eq!(folder_name(Some("../../etc")), "etc");
    }
}
