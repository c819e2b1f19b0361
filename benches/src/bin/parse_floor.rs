//! The parse-only floor: reads every swagger and apiProperties.json that `connlint check` would
//! lint under the given paths and parses each into a `serde_json::Value`, with rayon over files
//! (the same thread pool size as connlint). Prints files, bytes and wall time, so the linter's
//! cost can be stated as a multiple of merely reading the JSON.
//!
//! `cargo run --release -p connlint_bench --bin parse-floor -- ../shared/corpus/PowerPlatformConnectors`

use rayon::prelude::*;

/// The same allocator as the `connlint` binary, so the floor is not slowed by a different one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if inputs.is_empty() {
        eprintln!("usage: parse-floor PATH...");
        std::process::exit(2);
    }
    let start = Instant::now();
    let (targets, _) = connlint_linter::discover(&inputs);
    let files: Vec<PathBuf> = targets.into_iter().flat_map(|t| [t.paths.swagger, t.paths.api_properties]).flatten().collect();
    let (bytes, parsed) = files
        .par_iter()
        .map(|path| {
            let data = std::fs::read(path).unwrap_or_default();
            let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&data);
            let ok = serde_json::from_slice::<serde_json::Value>(data).is_ok();
            (data.len(), usize::from(ok))
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let elapsed = start.elapsed();
    println!(
        "parse-floor: {} files ({} parsed by serde_json), {:.1} MB, {:.1} ms wall, {} threads",
        files.len(),
        parsed,
        bytes as f64 / 1e6,
        elapsed.as_secs_f64() * 1e3,
        rayon::current_num_threads()
    );
}
