//! Conversion speed: the largest input of `../shared/convert-inputs` (OpenAI's OpenAPI 3.1
//! description, 2.97 MB of YAML) read alone, read and converted, and read, converted and
//! written as JSON, so the conversion's cost can be stated against reading the file. Also the
//! largest JSON input (Twilio, 1.87 MB). Skips with a message when the inputs are absent.
//!
//! `cargo bench -p connlint_bench --bench convert`

use connlint_core::convert::{self, write::to_json, InputPlace};
use connlint_core::{json, yaml, SourceFile};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn input(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/convert-inputs").join(relative);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

fn bench_input(c: &mut Criterion, name: &str, relative: &str, parse: fn(&str) -> json::ParsedJson) {
    let Some(path) = input(relative) else { return };
    let source = SourceFile::from_bytes(&path, std::fs::read(&path).expect("readable"));
    let text = source.text();
    let mut group = c.benchmark_group(name);
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse", |b| b.iter(|| parse(black_box(text))));
    let convert_once = |root: json::Node<'_>| {
        let format = convert::detect(&root).expect("a recognised input");
        convert::convert(root.into_owned(), format, InputPlace::default())
    };
    group.bench_function("parse_convert", |b| b.iter(|| convert_once(parse(black_box(text)).root.expect("parses"))));
    group.bench_function("parse_convert_write", |b| {
        b.iter(|| {
            let conversion = convert_once(parse(black_box(text)).root.expect("parses"));
            (to_json(&conversion.swagger), to_json(&conversion.report.api_properties))
        })
    });
    group.finish();
}

fn openai(c: &mut Criterion) {
    bench_input(c, "convert_openai_yaml", "openapi3/openai/openapi.yaml", yaml::parse);
}

fn twilio(c: &mut Criterion) {
    bench_input(c, "convert_twilio_json", "openapi3/twilio-api-v2010/twilio_api_v2010.json", json::parse);
}

criterion_group!(benches, openai, twilio);
criterion_main!(benches);
