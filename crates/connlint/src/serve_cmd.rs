//! `connlint serve`: the connector catalog over HTTP (see `connlint_catalog::server`).
//!
//! Exit codes: 0 stopped by Ctrl-C (or SIGTERM); 2 the address cannot be bound, a path cannot
//! be read, or the configuration is bad.

use connlint_catalog::server::{ServeOptions, Server};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Connector folders, connector files, or folders to search for connectors.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Address to listen on; loopback by default, so only this machine can connect. Port 0
    /// picks a free port (the address is printed).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: String,
}

pub fn run(args: ServeArgs) -> std::io::Result<ExitCode> {
    let server = match Server::bind(&args.addr, args.paths, ServeOptions::default()) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: cannot serve on {}: {e}", args.addr);
            return Ok(ExitCode::from(2));
        }
    };
    let errors = server.input_errors();
    for error in &errors {
        eprintln!("error: {error}");
    }
    if !errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let addr = server.local_addr()?;
    let stop = server.stop_handle()?;
    if let Err(e) = ctrlc::set_handler(move || stop.stop()) {
        eprintln!("error: cannot watch for Ctrl-C: {e}");
        return Ok(ExitCode::from(2));
    }
    let scope = if addr.ip().is_loopback() { "loopback only: other machines cannot connect" } else { "reachable from other machines" };
    // The first line is read by tests and scripts that start the server on port 0. Whoever
    // started the server may stop reading its output: a closed pipe must not stop the server.
    say(&format!("connlint serve: listening on http://{addr} ({scope})"));
    say(&format!("  {} connectors; GET / for the catalog page, /connector/connectors for the API; Ctrl-C stops", server.connectors()));
    server.run()?;
    say("connlint serve: stopped");
    Ok(ExitCode::SUCCESS)
}

/// Prints a line and flushes it, ignoring a closed standard output.
fn say(line: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}
