//! Structured fuzzing on the stable toolchain, run by `cargo test`.
//!
//! Real connector files (from `../shared/corpus` when it is present, else from `testdata/`) are
//! mutated by a seeded xorshift generator: byte flips, truncation at every nesting depth, deleted,
//! duplicated and renamed keys, values swapped for other types, huge numbers, deep nesting,
//! `$ref`s (cyclic, external, URLs), grafts from other files, stray tokens and invalid UTF-8.
//! Three targets run on each input:
//!
//! - the JSON reader: no panic, every span inside the text and on character boundaries,
//!   children inside their parents and in order, and agreement with `serde_json` on strictness;
//! - the model builder: no panic while building and walking the typed model and resolving refs;
//! - the full lint of one connector (swagger + apiProperties + settings bytes): no panic and no
//!   `internal-error`, every finding at a real position.
//!
//! `CONNLINT_FUZZ_ITERATIONS` sets the number of mutated connectors (default 2,000, about 50 s
//! on two idle cores in a debug build); `CONNLINT_FUZZ_MAX_SECONDS` stops the run earlier on a
//! busy machine (default 90; 0 for no limit); `CONNLINT_FUZZ_SEED` changes the generator's seed.
//! Iteration `i` depends only on the seed and `i`, so a failure is reproduced by its number.
//! A failing input is written to `target/fuzz-failures/`; once fixed, it goes into
//! `testdata/fuzz/<name>/` and is linted by `fuzz_regression_fixtures_lint_cleanly`.

use connlint_core::json::{self, Node, Value};
use connlint_core::{Connector, FileRole, SourceFile};
use connlint_linter::{lint_connector, lint_paths, LintOptions, Profile, RuleSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const DEFAULT_ITERATIONS: usize = 2_000;
const DEFAULT_SEED: u64 = 0x5eed_c011_1e57_2024;
const DEFAULT_MAX_SECONDS: u64 = 90;
/// Seeds larger than this are skipped: mutating and linting them in a debug build is slow, and
/// the small files exercise the same code.
const MAX_SEED_BYTES: usize = 120_000;
/// How many corpus connectors are used as seeds (spread evenly over the sorted list).
const CORPUS_SEEDS: usize = 80;

/// xorshift64* (Vigna): tiny, fast and good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 scrambles the seed so nearby seeds give unrelated streams (and never 0).
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One connector's files, as bytes.
#[derive(Clone)]
struct Seed {
    name: String,
    swagger: Vec<u8>,
    api_properties: Option<Vec<u8>>,
    settings: Option<Vec<u8>>,
}

const SETTINGS_TEMPLATE: &str = r#"{
  "connectorId": "shared_demo-5f1e2a3b4c",
  "environment": "00000000-0000-0000-0000-000000000000",
  "apiProperties": "apiProperties.json",
  "apiDefinition": "apiDefinition.swagger.json",
  "icon": "icon.png",
  "script": "script.csx",
  "powerAppsUrl": "https://api.powerapps.com",
  "flowUrl": "https://api.flow.microsoft.com",
  "powerAppsApiVersion": "2016-11-01",
  "flowApiVersion": "2016-11-01"
}
"#;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_seed(dir: &Path, name: String, max_bytes: usize) -> Option<Seed> {
    let swagger = std::fs::read(dir.join("apiDefinition.swagger.json")).ok()?;
    if swagger.len() > max_bytes {
        return None;
    }
    Some(Seed {
        name,
        swagger,
        api_properties: std::fs::read(dir.join("apiProperties.json")).ok(),
        settings: std::fs::read(dir.join("settings.json")).ok(),
    })
}

/// Connector folders directly under `dir` (sorted), or `dir` itself when it is one.
fn connector_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("apiDefinition.swagger.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn seeds() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let root = repo_root();
    for dir in connector_dirs(&root.join("testdata/connectors")).into_iter().chain(connector_dirs(&root.join("testdata/fuzz"))) {
        let name = dir.strip_prefix(&root).unwrap_or(&dir).display().to_string();
        seeds.extend(read_seed(&dir, name, MAX_SEED_BYTES));
    }
    let corpus = root.join("../shared/corpus/PowerPlatformConnectors");
    if corpus.is_dir() {
        let mut dirs = Vec::new();
        for group in ["certified-connectors", "independent-publisher-connectors", "custom-connectors"] {
            dirs.extend(connector_dirs(&corpus.join(group)));
        }
        // The few connectors with a settings.json come first; the rest are spread evenly.
        let (with_settings, others): (Vec<_>, Vec<_>) = dirs.into_iter().partition(|d| d.join("settings.json").is_file());
        let step = (others.len() / CORPUS_SEEDS).max(1);
        for dir in with_settings.into_iter().chain(others.into_iter().step_by(step)) {
            let name = dir.strip_prefix(&corpus).unwrap_or(&dir).display().to_string();
            seeds.extend(read_seed(&dir, name, MAX_SEED_BYTES));
        }
    } else {
        eprintln!("fuzz: {} is absent; seeding from testdata only", corpus.display());
    }
    seeds
}

/// A place in a JSON text that mutations can target.
#[derive(Clone, Copy)]
struct Site {
    /// The value's span.
    start: usize,
    end: usize,
    /// For an object member: where its key starts.
    key_start: Option<usize>,
    depth: usize,
    container: bool,
}

fn sites(root: &Node) -> Vec<Site> {
    let mut out = Vec::new();
    let mut stack = vec![(root, None, 0usize)];
    while let Some((node, key_start, depth)) = stack.pop() {
        let container = matches!(node.value, Value::Array(_) | Value::Object(_));
        out.push(Site { start: node.span.start as usize, end: node.span.end as usize, key_start, depth, container });
        match &node.value {
            Value::Array(items) => stack.extend(items.iter().map(|n| (n, None, depth + 1))),
            Value::Object(members) => stack.extend(members.iter().map(|m| (&m.value, Some(m.key.span.start as usize), depth + 1))),
            _ => {}
        }
    }
    out
}

const TYPE_SWAPS: &[&str] = &["null", "true", "false", "0", "-1", "\"\"", "\"text\"", "[]", "{}", "[null]", "{\"\": null}", "[[]]"];
const HUGE_NUMBERS: &[&str] = &[
    "1e999999",
    "-1e999999",
    "1e-999999",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890123456789012345678901234567890",
    "1.7976931348623157e309",
    "4294967296",
    "-0",
    "0.0000000000000000000000000000000000000001",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "1.",
    ".5",
    "+1",
    "01",
];
const INTERESTING_KEYS: &[&str] = &[
    "$ref",
    "allOf",
    "items",
    "properties",
    "additionalProperties",
    "required",
    "enum",
    "type",
    "format",
    "schema",
    "parameters",
    "responses",
    "definitions",
    "paths",
    "in",
    "name",
    "operationId",
    "summary",
    "host",
    "basePath",
    "schemes",
    "securityDefinitions",
    "security",
    "x-ms-visibility",
    "x-ms-trigger",
    "x-ms-dynamic-values",
    "x-ms-dynamic-schema",
    "x-ms-url-encoding",
    "x-ms-pageable",
    "x-ms-notification-content",
    "x-ms-capabilities",
    "x-ms-connector-metadata",
    "properties",
    "connectionParameters",
    "policyTemplateInstances",
    "iconBrandColor",
    "apiDefinition",
    "",
    "~/",
];
const REF_TARGETS: &[&str] = &[
    "#",
    "#/",
    "#/definitions",
    "#/definitions/",
    "#/paths",
    "#/definitions/Self",
    "#/definitions/A/properties/b",
    "#/parameters/p",
    "#/responses/r",
    "#/definitions/%ZZ",
    "#/definitions/a~2b",
    "#/definitions/a~1b~0c",
    "#/paths/~1items/get",
    "common.json#/definitions/Error",
    "../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "https://example.com/schema.json",
    "",
    "##",
];
const STRAY_TOKENS: &[&str] = &[
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "\\uDFFF",
    "/*",
    "//",
    "*/",
    ",",
    ",,",
    ":",
    "}",
    "]",
    "{",
    "[",
    "'",
    "\u{2028}",
    "\u{feff}",
    "\t",
    "\0",
    "\u{1}",
    "=",
    "\"$ref\":",
    "true",
    "nul",
];
const INVALID_UTF8: &[&[u8]] = &[
    &[0xff],
    &[0xfe, 0xff],
    &[0xc3],
    &[0xc3, 0x28],
    &[0xe2, 0x82],
    &[0xed, 0xa0, 0x80],
    &[0xf0, 0x9f, 0x98],
    &[0xf8, 0x88, 0x80, 0x80, 0x80],
    &[0xc0, 0xaf],
    &[0x80],
];

/// Mutates `bytes` in place; `donor` is another file to graft pieces from.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, donor: &[u8]) {
    let text = std::str::from_utf8(bytes).ok();
    let parsed = text.map(json::parse);
    let all = parsed.as_ref().and_then(|p| p.root.as_ref()).map(sites).unwrap_or_default();
    let structured = !all.is_empty() && rng.chance(80);
    if !structured {
        byte_mutation(rng, bytes);
        return;
    }
    let site = *rng.pick(&all);
    let replace = |bytes: &mut Vec<u8>, start: usize, end: usize, with: &[u8]| {
        bytes.splice(start..end, with.iter().copied());
    };
    match rng.below(11) {
        // Truncation inside a container at a random depth.
        0 => {
            let depth = rng.below(all.iter().map(|s| s.depth).max().unwrap_or(0) + 1);
            let at_depth: Vec<&Site> = all.iter().filter(|s| s.depth == depth && s.end > s.start).collect();
            if let Some(s) = at_depth.get(rng.below(at_depth.len().max(1))) {
                let cut = s.start + 1 + rng.below(s.end - s.start);
                bytes.truncate(cut.min(bytes.len()));
            }
        }
        // Delete a member (key and value), sometimes with the comma after it.
        1 => {
            let start = site.key_start.unwrap_or(site.start);
            let mut end = site.end;
            if rng.chance(50) && bytes.get(end) == Some(&b',') {
                end += 1;
            }
            replace(bytes, start, end, b"");
        }
        // Duplicate a member (or an array item), once or many times.
        2 => {
            let start = site.key_start.unwrap_or(site.start);
            let piece = bytes[start..site.end].to_vec();
            let copies = if rng.chance(10) { 1 + rng.below(2_000) } else { 1 };
            let mut insert = Vec::with_capacity((piece.len() + 2) * copies);
            for _ in 0..copies {
                insert.extend_from_slice(b", ");
                insert.extend_from_slice(&piece);
            }
            replace(bytes, site.end, site.end, &insert);
        }
        // Swap a value for one of another type.
        3 => replace(bytes, site.start, site.end, rng.pick(TYPE_SWAPS).as_bytes()),
        // Huge and non-JSON numbers.
        4 => {
            let number = if rng.chance(10) { "9".repeat(1 + rng.below(100_000)) } else { rng.pick(HUGE_NUMBERS).to_string() };
            replace(bytes, site.start, site.end, number.as_bytes());
        }
        // Deep nesting, balanced or not.
        5 => {
            let n = *rng.pick(&[8usize, 100, 255, 256, 257, 1_000, 30_000]);
            let mut nested = Vec::new();
            if rng.chance(50) {
                nested.extend(std::iter::repeat_n(b'[', n));
                if rng.chance(80) {
                    nested.extend(std::iter::repeat_n(b']', n));
                }
            } else {
                for _ in 0..n {
                    nested.extend_from_slice(b"{\"schema\":");
                }
                nested.extend_from_slice(b"{}");
                if rng.chance(80) {
                    nested.extend(std::iter::repeat_n(b'}', n));
                }
            }
            replace(bytes, site.start, site.end, &nested);
        }
        // Rename a key.
        6 => {
            if let Some(key_start) = site.key_start {
                let key_end = bytes[key_start + 1..].iter().position(|&b| b == b'"').map_or(key_start + 1, |i| key_start + 2 + i);
                let key = format!("\"{}\"", rng.pick(INTERESTING_KEYS));
                replace(bytes, key_start, key_end.min(site.start), key.as_bytes());
            }
        }
        // A `$ref`, possibly a cycle or pointing outside the file.
        7 => {
            let target = rng.pick(REF_TARGETS);
            let value = match rng.below(4) {
                0 => format!("{{\"$ref\": \"{target}\"}}"),
                1 => format!("{{\"allOf\": [{{\"$ref\": \"{target}\"}}, {{\"$ref\": \"#/definitions/Self\"}}]}}"),
                2 => format!("{{\"items\": {{\"$ref\": \"{target}\"}}, \"type\": \"array\"}}"),
                _ => "{\"Self\": {\"$ref\": \"#/definitions/Self\"}, \"A\": {\"allOf\": [{\"$ref\": \"#/definitions/B\"}]}, \
                      \"B\": {\"properties\": {\"a\": {\"$ref\": \"#/definitions/A\"}}, \"required\": [\"a\", \"b\"]}}"
                    .to_string(),
            };
            replace(bytes, site.start, site.end, value.as_bytes());
        }
        // Graft a piece of another file.
        8 => {
            let donor_sites = std::str::from_utf8(donor).ok().map(json::parse).and_then(|p| p.root.map(|r| sites(&r))).unwrap_or_default();
            if !donor_sites.is_empty() {
                let d = rng.pick(&donor_sites);
                replace(bytes, site.start, site.end, &donor[d.start..d.end]);
            }
        }
        // A stray token, or invalid UTF-8, inside or beside a value.
        9 => {
            let at = site.start + rng.below(site.end - site.start + 1);
            if rng.chance(50) {
                replace(bytes, at, at, rng.pick(STRAY_TOKENS).as_bytes());
            } else {
                replace(bytes, at, at, rng.pick::<&[u8]>(INVALID_UTF8));
            }
        }
        // A very long string.
        _ => {
            let mut long = vec![b'"'];
            long.extend(std::iter::repeat_n(*rng.pick(b"a/{\\ \xc3\xa9"), 1 + rng.below(200_000)));
            long.push(b'"');
            replace(bytes, site.start, site.end, &long);
        }
    }
}

fn byte_mutation(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        bytes.extend_from_slice(rng.pick(STRAY_TOKENS).as_bytes());
        return;
    }
    match rng.below(5) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let cut = rng.below(bytes.len());
            bytes.truncate(cut);
        }
        2 => {
            let at = rng.below(bytes.len() + 1);
            bytes.splice(at..at, rng.pick(INVALID_UTF8).iter().copied());
        }
        3 => {
            // A byte order mark, a UTF-16 one, or none at all.
            let boms: [&[u8]; 3] = [&[0xef, 0xbb, 0xbf], &[0xff, 0xfe], &[0xfe, 0xff]];
            let bom = *rng.pick(&boms);
            bytes.splice(0..0, bom.iter().copied());
        }
        _ => {
            let start = rng.below(bytes.len());
            let len = rng.below((bytes.len() - start).min(64) + 1);
            bytes.drain(start..start + len);
        }
    }
}

/// The JSON reader: no panic and a well-formed tree.
fn check_json(bytes: &[u8]) {
    let source = SourceFile::from_bytes("fuzz.json", bytes.to_vec());
    let text = source.text();
    let parsed = json::parse(text);
    let in_text = |start: u32, end: u32, what: &str| {
        assert!(
            start <= end && text.get(start as usize..end as usize).is_some(),
            "{what} span {start}..{end} outside the text or splits a character"
        );
    };
    for e in &parsed.errors {
        in_text(e.span.start, e.span.end, "error");
        let _ = e.message();
    }
    for d in &parsed.duplicate_keys {
        in_text(d.first.start, d.first.end, "duplicate key");
        in_text(d.duplicate.start, d.duplicate.end, "duplicate key");
        assert!(d.first.start < d.duplicate.start, "the first of a duplicate key comes first");
    }
    if parsed.errors.is_empty() {
        assert!(parsed.root.is_some(), "strict JSON has a tree");
    }
    if let Some(root) = &parsed.root {
        let mut stack = vec![root];
        let mut count = 0usize;
        while let Some(node) = stack.pop() {
            count += 1;
            in_text(node.span.start, node.span.end, "node");
            let mut last_end = node.span.start;
            let mut check_child = |start: u32, end: u32| {
                assert!(node.span.start <= start && end <= node.span.end, "child {start}..{end} outside its parent {:?}", node.span);
                assert!(last_end <= start, "children overlap or are out of order at {start}");
                last_end = end;
            };
            match &node.value {
                Value::Array(items) => {
                    for n in items {
                        check_child(n.span.start, n.span.end);
                        stack.push(n);
                    }
                }
                Value::Object(members) => {
                    for m in members {
                        check_child(m.key.span.start, m.key.span.end);
                        check_child(m.value.span.start, m.value.span.end);
                        stack.push(&m.value);
                    }
                }
                _ => {}
            }
            // Pointers to and from nodes resolve. With duplicate keys a pointer names the last
            // member of that key (as readers do), which need not hold the node.
            if count.is_multiple_of(7) {
                if let Some(pointer) = root.pointer_to(node.span) {
                    let resolved = root.pointer(&pointer);
                    assert!(resolved.is_some() || !parsed.duplicate_keys.is_empty(), "pointer {pointer} from pointer_to does not resolve");
                }
            }
        }
    }
    // Whatever serde_json accepts is strict JSON for connlint too; and strict JSON is accepted
    // by serde_json unless it hits one of serde_json's own limits.
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => assert!(parsed.is_strict(), "serde_json accepts the text but connlint reports {:?}", parsed.errors.first()),
        Err(e) => {
            let message = e.to_string();
            // A lone surrogate escape (`"\ud800"`) is valid JSON text (RFC 8259 section 8.2; .NET
            // and Python read it); serde_json refuses it as a Rust string.
            let lone_surrogate =
                (message.contains("surrogate") || message.contains("hex escape")) && text.to_ascii_lowercase().contains("\\ud");
            let serde_limit = ["recursion limit", "number out of range"].iter().any(|m| message.contains(m)) || lone_surrogate;
            assert!(!parsed.is_strict() || serde_limit, "connlint finds strict JSON where serde_json says: {message}");
        }
    }
}

/// The model builder: building and walking the model, and resolving every `$ref`.
fn check_model(connector: &Connector) {
    let model = connector.model();
    let _ = model.shape_errors().count();
    if let Some(swagger) = &model.swagger {
        let mut schemas = 0usize;
        swagger.visit_schemas(|_| schemas += 1);
        for op in &swagger.operations {
            let _ = (op.display_name(), op.span(), op.is_trigger(), op.effective_parameters(swagger).count());
        }
        for target in REF_TARGETS {
            let _ = swagger.resolve_ref(target);
        }
        let mut stack = vec![swagger.root];
        while let Some(node) = stack.pop() {
            match &node.value {
                Value::Array(items) => stack.extend(items),
                Value::Object(members) => {
                    for m in members {
                        if &*m.key.text == "$ref" {
                            if let Some(target) = m.value.as_str() {
                                let _ = swagger.resolve_ref(target);
                            }
                        }
                        stack.push(&m.value);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(props) = &model.api_properties {
        let _ = props.all_connection_parameters().count();
    }
}

/// The full lint: no rule crashes and every finding has a real position.
fn check_lint(connector: &Connector, rules: &RuleSet) {
    let report = lint_connector(connector, rules, false);
    for f in &report.findings {
        assert_ne!(f.rule, "internal-error", "{}", f.message);
        assert!(f.line >= 1 && f.column >= 1 && (f.end_line, f.end_column) >= (f.line, f.column), "bad position in {f:?}");
        let file = connector.files.iter().find(|file| file.source.path() == f.path).expect("finding in a connector file");
        let lines = file.source.line_index().line_count() as u32;
        assert!(f.end_line <= lines, "{}:{} past the end ({lines} lines)", f.rule, f.end_line);
    }
}

fn connector_of(swagger: &[u8], props: Option<&[u8]>, settings: Option<&[u8]>) -> Connector {
    let mut files = vec![(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), swagger.to_vec())];
    if let Some(p) = props {
        files.push((FileRole::ApiProperties, PathBuf::from("apiProperties.json"), p.to_vec()));
    }
    if let Some(s) = settings {
        files.push((FileRole::Settings, PathBuf::from("settings.json"), s.to_vec()));
    }
    Connector::from_memory(files)
}

/// Runs the three targets; returns the panic message of the first that fails.
fn run_targets(swagger: &[u8], props: Option<&[u8]>, settings: Option<&[u8]>, rules: &RuleSet) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        check_json(swagger);
        props.into_iter().chain(settings).for_each(check_json);
        let connector = connector_of(swagger, props, settings);
        check_model(&connector);
        check_lint(&connector, rules);
    }))
    .map_err(|payload| {
        payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default()
    })
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let value = value.trim();
    let parsed = match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.replace('_', "").parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={value} is not a number")))
}

/// Writes a failing input where a developer can lint it (`connlint check <dir>`).
fn save_failure(name: &str, swagger: &[u8], props: Option<&[u8]>, settings: Option<&[u8]>) -> PathBuf {
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo_root().join("target"));
    let dir = target_dir.join("fuzz-failures").join(name);
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("apiDefinition.swagger.json"), swagger);
    if let Some(p) = props {
        let _ = std::fs::write(dir.join("apiProperties.json"), p);
    }
    if let Some(s) = settings {
        let _ = std::fs::write(dir.join("settings.json"), s);
    }
    dir
}

#[test]
fn fuzz_json_reader_model_and_lint() {
    let iterations = env_number("CONNLINT_FUZZ_ITERATIONS").map_or(DEFAULT_ITERATIONS, |n| n as usize);
    let base_seed = env_number("CONNLINT_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let max_seconds = env_number("CONNLINT_FUZZ_MAX_SECONDS").unwrap_or(DEFAULT_MAX_SECONDS);
    let deadline = (max_seconds > 0).then(|| std::time::Instant::now() + std::time::Duration::from_secs(max_seconds));
    let seeds = seeds();
    assert!(!seeds.is_empty(), "no seed connectors found");
    let rules = RuleSet::new(Profile::Certification, &[]);
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let report = |what: String| failures.lock().unwrap().push(what);

    // Deterministic sweep: each testdata seed truncated inside its first container at every depth.
    for seed in seeds.iter().filter(|s| s.name.starts_with("testdata")) {
        let Ok(text) = std::str::from_utf8(&seed.swagger) else { continue };
        let Some(root) = json::parse(text).root else { continue };
        let all = sites(&root);
        for depth in 0..=all.iter().map(|s| s.depth).max().unwrap_or(0) {
            for site in all.iter().filter(|s| s.depth == depth && s.container).take(1) {
                for cut in [site.start + 1, site.end - 1] {
                    let swagger = &seed.swagger[..cut];
                    if let Err(message) = run_targets(swagger, seed.api_properties.as_deref(), seed.settings.as_deref(), &rules) {
                        let dir = save_failure(&format!("truncate-{depth}-{cut}"), swagger, seed.api_properties.as_deref(), None);
                        report(format!("{} truncated at byte {cut} (depth {depth}): {message} (saved in {})", seed.name, dir.display()));
                    }
                }
            }
        }
    }

    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let settings_template = SETTINGS_TEMPLATE.as_bytes();
    let started = std::time::Instant::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= iterations {
                    break;
                }
                done.fetch_add(1, Ordering::Relaxed);
                let mut rng = Rng::new(base_seed ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                let seed = rng.pick(&seeds);
                let donor = rng.pick(&seeds);
                let mut swagger = seed.swagger.clone();
                let mut props = seed.api_properties.clone();
                let mut settings = seed.settings.clone().or_else(|| rng.chance(30).then(|| settings_template.to_vec()));
                // Most iterations mutate the swagger; some the other files; a few all of them.
                for _ in 0..1 + rng.below(3) {
                    let which = rng.below(10);
                    let (file, donor_file) = match which {
                        0..=6 => (Some(&mut swagger), donor.swagger.as_slice()),
                        7 | 8 => (props.as_mut(), donor.api_properties.as_deref().unwrap_or(&donor.swagger)),
                        _ => (settings.as_mut(), settings_template),
                    };
                    if let Some(file) = file {
                        mutate(&mut rng, file, donor_file);
                    }
                }
                if let Err(message) = run_targets(&swagger, props.as_deref(), settings.as_deref(), &rules) {
                    let dir = save_failure(&format!("iteration-{i}"), &swagger, props.as_deref(), settings.as_deref());
                    report(format!("iteration {i} (seed file {}): {message} (saved in {})", seed.name, dir.display()));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let done = done.into_inner();
    eprintln!(
        "fuzz: {done} of {iterations} iterations{} from {} seeds (seed {base_seed:#x}) in {:.1} s on {threads} threads, {} failures",
        if done < iterations { " (time limit reached)" } else { "" },
        seeds.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{} fuzz failures:\n{}", failures.len(), failures.join("\n"));
}

/// Every input the fuzzer once crashed on (testdata/fuzz/<case>/) lints without a crash.
#[test]
fn fuzz_regression_fixtures_lint_cleanly() {
    let dir = repo_root().join("testdata/fuzz");
    if connector_dirs(&dir).is_empty() {
        eprintln!("no fuzz regression fixtures in {}", dir.display());
        return;
    }
    let report = lint_paths(std::slice::from_ref(&dir), &LintOptions::default()).expect("no configuration");
    assert!(report.input_errors.is_empty(), "{:?}", report.input_errors);
    assert_eq!(report.connectors.len(), connector_dirs(&dir).len());
    let crashes: Vec<_> = report.findings().filter(|f| f.rule == "internal-error").collect();
    assert!(crashes.is_empty(), "{crashes:#?}");
    for case in connector_dirs(&dir) {
        let seed = read_seed(&case, String::new(), usize::MAX).expect("fixture readable");
        let rules = RuleSet::new(Profile::Certification, &[]);
        run_targets(&seed.swagger, seed.api_properties.as_deref(), seed.settings.as_deref(), &rules)
            .unwrap_or_else(|message| panic!("{}: {message}", case.display()));
    }
}

#[test]
fn the_generator_is_deterministic() {
    let mut a = Rng::new(7);
    let mut b = Rng::new(7);
    let first: Vec<u64> = (0..4).map(|_| a.next()).collect();
    assert_eq!(first, (0..4).map(|_| b.next()).collect::<Vec<_>>());
    assert_ne!(Rng::new(8).next(), first[0]);
    let mut seed = br#"{"a": [1, {"b": "c"}], "d": null}"#.to_vec();
    let mut again = seed.clone();
    mutate(&mut Rng::new(3), &mut seed, b"{}");
    mutate(&mut Rng::new(3), &mut again, b"{}");
    assert_eq!(seed, again);
}

/// `CONNLINT_FUZZ_REPLAY=target/fuzz-failures/iteration-7 cargo test --test fuzz replay` runs the
/// targets on one saved input, file by file, to see which fails.
#[test]
fn replay() {
    let Some(dir) = std::env::var_os("CONNLINT_FUZZ_REPLAY").map(PathBuf::from) else { return };
    let seed = read_seed(&dir, String::new(), usize::MAX).expect("a folder with apiDefinition.swagger.json");
    for (name, bytes) in
        [("swagger", Some(&seed.swagger)), ("apiProperties", seed.api_properties.as_ref()), ("settings", seed.settings.as_ref())]
    {
        if let Some(bytes) = bytes {
            if let Err(e) = catch_unwind(|| check_json(bytes)) {
                eprintln!("{name}: JSON target fails: {:?}", e.downcast_ref::<String>());
            }
        }
    }
    let rules = RuleSet::new(Profile::Certification, &[]);
    run_targets(&seed.swagger, seed.api_properties.as_deref(), seed.settings.as_deref(), &rules).unwrap();
}

/// Tokens that stress the XML reader and the decoding of text assembled from XML and strings.
const XML_TOKENS: &[&str] = &[
    "<!DOCTYPE a [<!ENTITY b \"c\">]>",
    "&lt;",
    "&#xD800;",
    "&#1114112;",
    "&unknown;",
    "<![CDATA[",
    "]]>",
    "</Connector>",
    "<Connector>",
    "\\u",
    "\\\"",
    "\\ud83d",
];

/// Every file under `dir`, relative, sorted.
fn relative_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                pending.push(entry.path());
            } else {
                out.push(entry.path().strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The sample solution and records file with a few files mutated (XML among them), read from
/// a temporary folder like `connlint check` reads them and linted by every rule: no panic, no
/// `internal-error`, every finding inside the text of the file it names.
#[test]
fn fuzz_solutions_and_records() {
    let iterations = env_number("CONNLINT_FUZZ_CONTAINER_ITERATIONS").map_or(150, |n| n as usize);
    let base_seed = env_number("CONNLINT_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let deadline = std::time::Instant::now()
        + std::time::Duration::from_secs(env_number("CONNLINT_FUZZ_MAX_SECONDS").unwrap_or(DEFAULT_MAX_SECONDS) / 3);
    let solution = repo_root().join("testdata/solutions/unpacked");
    let files: Vec<(PathBuf, Vec<u8>)> = relative_files(&solution)
        .into_iter()
        .map(|relative| {
            let bytes = std::fs::read(solution.join(&relative)).unwrap();
            (relative, bytes)
        })
        .chain(std::iter::once((
            PathBuf::from("records/connectors.json"),
            std::fs::read(repo_root().join("testdata/records/connectors.json")).unwrap(),
        )))
        .collect();
    let options = LintOptions { keep_sources: true, no_config: true, ..Default::default() };
    let mut failures = Vec::new();
    let mut done = 0;
    for i in 0..iterations {
        if std::time::Instant::now() >= deadline {
            break;
        }
        done += 1;
        let mut rng = Rng::new(base_seed ^ 0xc0de ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let tmp = tempfile::tempdir().unwrap();
        let mut mutated = files.clone();
        for _ in 0..1 + rng.below(3) {
            let (_, bytes) = &mut mutated[rng.below(files.len())];
            if rng.chance(40) && !bytes.is_empty() {
                let at = rng.below(bytes.len() + 1);
                bytes.splice(at..at, rng.pick(XML_TOKENS).bytes());
            } else {
                byte_mutation(&mut rng, bytes);
            }
        }
        for (relative, bytes) in &mutated {
            let path = tmp.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let report = lint_paths(&[tmp.path().to_path_buf()], &options).expect("no configuration");
            for connector in &report.connectors {
                for f in &connector.findings {
                    assert_ne!(f.rule, "internal-error", "{}", f.message);
                    if f.rule == "io-error" {
                        continue;
                    }
                    let source = connector.sources.iter().find(|s| s.path == f.path).unwrap_or_else(|| panic!("no source for {f:?}"));
                    let lines = connlint_core::LineIndex::new(&source.text).line_count() as u32;
                    assert!(
                        f.line >= 1 && f.end_line <= lines && (f.end_line, f.end_column) >= (f.line, f.column),
                        "bad position in {f:?}"
                    );
                    assert!(f.span.end as usize <= source.text.len(), "span past the end in {f:?}");
                }
            }
        }));
        if let Err(payload) = outcome {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("iteration {i}: {message}"));
        }
    }
    eprintln!("fuzz (solutions and records): {done} of {iterations} iterations, {} failures", failures.len());
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
