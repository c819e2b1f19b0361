//! Time spent by each rule over a set of connectors, slowest first, to find the rule that makes
//! a run slow. Connectors are loaded once; each rule then runs alone over all of them.
//!
//! `cargo run --release -p connlint_bench --bin rule-timings -- ../shared/corpus/PowerPlatformConnectors`

use connlint_core::{Connector, LoadOptions};
use connlint_linter::{check, RuleSet, RULES};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if inputs.is_empty() {
        eprintln!("usage: rule-timings PATH...");
        std::process::exit(2);
    }
    let (targets, _) = connlint_linter::discover(&inputs);
    let connectors: Vec<Connector> = targets.par_iter().map(|t| Connector::load(&t.paths, LoadOptions::default())).collect();
    let mut timings: Vec<(f64, &str, usize)> = RULES
        .iter()
        .map(|rule| {
            let rules = RuleSet::only(*rule);
            let start = Instant::now();
            let findings: usize = connectors.par_iter().map(|c| check(c, &rules).len()).sum();
            (start.elapsed().as_secs_f64() * 1e3, rule.meta().id, findings)
        })
        .collect();
    timings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = timings.iter().map(|t| t.0).sum();
    println!("{} connectors, {} rules, {total:.0} ms in all", connectors.len(), timings.len());
    for (ms, id, findings) in timings.iter().take(25) {
        println!("{ms:>9.1} ms  {id:<45} {findings:>6} findings");
    }
}
