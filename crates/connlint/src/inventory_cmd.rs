//! `connlint inventory`: the connector catalog as JSON (Apideck's List or Get envelope), CSV or
//! one self-contained HTML page.
//!
//! Exit codes: 0 the catalog was written; 1 `--id` names no connector; 2 usage error (an
//! unknown filter field, a path that cannot be read, a bad configuration).

use clap::ValueEnum;
use connlint_catalog::{page, Catalog, Filter};
use connlint_linter::LintOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    Json,
    Csv,
    Html,
}

#[derive(clap::Args)]
pub struct InventoryArgs {
    /// Connector folders, connector files, or folders to search for connectors.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = InventoryFormat::Json)]
    format: InventoryFormat,
    /// Write to this file (replaced whole, atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Keep only connectors with FIELD=VALUE; repeat to combine (all must hold). Fields:
    /// auth_type, status, profile, publisher (exact), name (substring, any case).
    #[arg(long, value_name = "FIELD=VALUE")]
    filter: Vec<String>,
    /// Print one connector in Apideck's Get Connector envelope (JSON only).
    #[arg(long, value_name = "ID", conflicts_with = "filter")]
    id: Option<String>,
}

pub fn run(args: InventoryArgs) -> std::io::Result<ExitCode> {
    let mut filter = Filter::default();
    for pair in &args.filter {
        if let Err(e) = filter.add_pair(pair) {
            eprintln!("error: --filter {e}");
            return Ok(ExitCode::from(2));
        }
    }
    if args.id.is_some() && args.format != InventoryFormat::Json {
        eprintln!("error: --id prints JSON; drop --format or use --format json");
        return Ok(ExitCode::from(2));
    }
    let catalog = match Catalog::build(&args.paths, &LintOptions::default()) {
        Ok(catalog) => catalog,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    for error in &catalog.input_errors {
        eprintln!("error: {error}");
    }
    if !catalog.input_errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let text = if let Some(id) = &args.id {
        match catalog.get(id) {
            Some(record) => to_json(&page::GetEnvelope::new(record))?,
            None => {
                eprintln!("error: no connector has the id `{id}`; `connlint inventory --format csv` lists the ids");
                return Ok(ExitCode::from(1));
            }
        }
    } else {
        let records = filter.apply(&catalog.records);
        match args.format {
            InventoryFormat::Json => to_json(&page::whole_list(records))?,
            InventoryFormat::Csv => connlint_catalog::csv::render(&records),
            InventoryFormat::Html => connlint_catalog::html::render(&records),
        }
    };
    match &args.output {
        Some(path) => connlint_linter::write::write_atomically(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json(value: &impl serde::Serialize) -> std::io::Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}
