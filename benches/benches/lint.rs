//! Criterion benchmarks over Microsoft's connector corpus (read from ../shared, never copied):
//! each stage on the largest connector (Encodian, 1.1 MB), and a full lint of the whole corpus
//! from disk. Skips with a message when the corpus is absent.
//!
//! `cargo bench -p connlint_bench`

use connlint_core::model::swagger::Swagger;
use connlint_core::{json, Connector, LoadOptions, SourceFile};
use connlint_linter::{lint_connector, lint_paths, LintOptions, Profile, RuleSet};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/PowerPlatformConnectors");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipping benchmarks: {} is absent", path.display());
        None
    }
}

fn encodian(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("certified-connectors/Encodian");
    let bytes = std::fs::read(dir.join("apiDefinition.swagger.json")).expect("Encodian swagger");
    let source = SourceFile::from_bytes("apiDefinition.swagger.json", bytes.clone());
    let mut group = c.benchmark_group("encodian");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("parse", |b| b.iter(|| json::parse(black_box(source.text()))));
    let parsed = json::parse(source.text());
    let root = parsed.root.as_ref().expect("Encodian parses");
    group.bench_function("model", |b| b.iter(|| Swagger::build(connlint_core::FileId(0), black_box(root))));
    let connector = Connector::load_dir(&dir, LoadOptions::default());
    let rules = RuleSet::new(Profile::Certification, &[]);
    group.bench_function("lint", |b| b.iter(|| lint_connector(black_box(&connector), &rules, false)));
    group.bench_function("read_parse_model_lint", |b| {
        b.iter(|| {
            let connector = Connector::load_dir(&dir, LoadOptions::default());
            lint_connector(&connector, &rules, false)
        })
    });
    group.finish();
}

fn whole_corpus(c: &mut Criterion) {
    let Some(corpus) = corpus() else { return };
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.bench_function("lint_from_disk", |b| b.iter(|| lint_paths(black_box(std::slice::from_ref(&corpus)), &LintOptions::default())));
    group.finish();
}

criterion_group!(benches, encodian, whole_corpus);
criterion_main!(benches);
