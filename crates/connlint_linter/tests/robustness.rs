//! Hostile and broken input through the whole lint path: resource bounds, `$ref` cycles, files
//! and references outside the connector, the file system's odd corners, and no network.

use connlint_linter::{discover, lint_paths, lint_targets, Finding, LintOptions, Profile, Report};
use std::path::{Path, PathBuf};

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn lint(dir: &Path) -> Report {
    let options = LintOptions { profile: Some(Profile::Certification), no_config: true, ..Default::default() };
    lint_paths(&[dir.to_path_buf()], &options).expect("no configuration problems")
}

fn findings<'r>(report: &'r Report, rule: &str) -> Vec<&'r Finding> {
    report.findings().filter(|f| f.rule == rule).collect()
}

fn assert_no_crash(report: &Report) {
    let crashes = findings(report, "internal-error");
    assert!(crashes.is_empty(), "{crashes:#?}");
}

const HEAD: &str = r#"{"swagger": "2.0", "info": {"title": "Demo", "version": "1.0", "description": "A demo connector."},
  "host": "api.example.com", "basePath": "/", "schemes": ["https"],
"#;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

// ---------------------------------------------------------------------------------------------
// Resource bounds

/// 100,000 open brackets in each JSON file: a positioned `invalid-json` at the 257th level, no
/// stack overflow in the reader, the model builder or any rule. `lint_paths` runs connectors on
/// rayon's worker threads, whose stacks are the default 2 MiB.
#[test]
fn hundred_thousand_deep_nesting_is_a_positioned_error_on_a_worker_thread() {
    const DEPTH: usize = 100_000;
    let tmp = tempfile::tempdir().unwrap();
    let arrays = "[".repeat(DEPTH) + &"]".repeat(DEPTH);
    let objects = "{\"a\":".repeat(DEPTH) + "1" + &"}".repeat(DEPTH);
    // Nested schemas are what the rules walk deepest.
    let schemas = "{\"type\": \"object\", \"properties\": {\"p\": ".repeat(DEPTH) + "{}" + &"}}".repeat(DEPTH);
    let unclosed = "{\"items\": [".repeat(DEPTH);
    write(
        &tmp.path().join("deep/apiDefinition.swagger.json"),
        format!("{HEAD}  \"paths\": {{}},\n  \"definitions\": {{\"A\": {arrays}, \"B\": {objects}, \"C\": {schemas}, \"D\": {unclosed}"),
    );
    write(&tmp.path().join("deep/apiProperties.json"), format!("{{\"properties\": {objects}}}"));
    write(&tmp.path().join("deep/settings.json"), format!("{{\"apiDefinition\": \"apiDefinition.swagger.json\", \"x\": {arrays}}}"));
    let report = lint(tmp.path());
    assert_no_crash(&report);
    let too_deep: Vec<(String, u32, u32)> = findings(&report, "invalid-json")
        .into_iter()
        .filter(|f| f.message.contains("nesting is deeper than 256 levels"))
        .map(|f| (f.path.file_name().unwrap().to_string_lossy().into_owned(), f.line, f.column))
        .collect();
    // Depth counts from the root object: "A"'s first `[` (column 24 of line 4) is level 3, so
    // level 257 is its 255th `[`; "B" starts after A's 200,000 brackets and `, "B": `, and its
    // 255th `{"a":` (5 characters each) opens level 257.
    let a_column = "  \"definitions\": {\"A\": ".len() + 1;
    let b_column = a_column + 2 * DEPTH + ", \"B\": ".len();
    assert_eq!((a_column, b_column), (24, 200_031));
    assert_eq!(
        too_deep[..2],
        [
            ("apiDefinition.swagger.json".to_string(), 4, (a_column + 254) as u32),
            ("apiDefinition.swagger.json".to_string(), 4, (b_column + 254 * 5) as u32),
        ]
    );
    assert_eq!(too_deep.iter().filter(|f| f.0 == "apiDefinition.swagger.json").count(), 4, "{too_deep:?}");
    // apiProperties: `{"properties": ` then 255 more levels of `{"a":` before the 257th `{`.
    assert!(too_deep.contains(&("apiProperties.json".to_string(), 1, (16 + 255 * 5) as u32)), "{too_deep:?}");
    assert!(too_deep.iter().any(|f| f.0 == "settings.json"), "{too_deep:?}");
}

/// A file over `--max-file-size` is refused before it is read, with a message that says why and
/// how to change the limit. The 200 MB file is sparse, so the test costs nothing.
#[test]
fn a_200_mb_file_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big/apiDefinition.swagger.json");
    write(&big, "");
    std::fs::File::options().write(true).open(&big).unwrap().set_len(200_000_000).unwrap();
    write(&tmp.path().join("big/apiProperties.json"), "{\"properties\": {}}");
    let report = lint(tmp.path());
    let io: Vec<_> = findings(&report, "io-error");
    assert_eq!(io.len(), 1, "{io:#?}");
    assert_eq!(io[0].path, big);
    assert_eq!(io[0].message, "this file is 200,000,000 bytes (190.7 MiB), over the 64.0 MiB limit, so it was not read");
    assert_eq!(
        io[0].help.as_deref(),
        Some("connector files are far smaller; if this one is right, raise the limit with `--max-file-size`")
    );
    // No other rule reports the swagger as missing: it is there, just not read.
    assert!(findings(&report, "swagger-missing").is_empty());
}

/// `$ref` loops (direct, mutual, through allOf, items, properties, parameters and responses)
/// end in every rule: the full lint finishes and reports the loops.
#[test]
fn ref_cycles_terminate_in_every_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let swagger = format!(
        r##"{HEAD}  "paths": {{"/items/{{id}}": {{
    "parameters": [{{"$ref": "#/parameters/p"}}],
    "get": {{"operationId": "GetItem", "summary": "Get an item", "description": "Gets one item.",
      "parameters": [{{"$ref": "#/parameters/q"}}, {{"name": "body", "in": "body", "schema": {{"$ref": "#/definitions/Mutual1"}}}}],
      "responses": {{"200": {{"$ref": "#/responses/r"}}, "default": {{"description": "x", "schema": {{"$ref": "#/definitions/AllOf"}}}}}}}}}}}},
  "definitions": {{
    "Direct": {{"$ref": "#/definitions/Direct"}},
    "Mutual1": {{"$ref": "#/definitions/Mutual2"}},
    "Mutual2": {{"$ref": "#/definitions/Mutual1"}},
    "AllOf": {{"allOf": [{{"$ref": "#/definitions/AllOf"}}, {{"$ref": "#/definitions/Tree"}}], "required": ["x"]}},
    "Tree": {{"type": "object", "properties": {{"child": {{"$ref": "#/definitions/Tree"}}, "list": {{"type": "array", "items": {{"$ref": "#/definitions/Tree"}}}}}},
      "additionalProperties": {{"$ref": "#/definitions/Tree"}}, "required": ["child", "missing"]}},
    "Deep": {{"allOf": [{{"$ref": "#/definitions/Deep/allOf/0"}}]}}
  }},
  "parameters": {{"p": {{"$ref": "#/parameters/p"}}, "q": {{"$ref": "#/parameters/p"}}}},
  "responses": {{"r": {{"$ref": "#/responses/r2"}}, "r2": {{"$ref": "#/responses/r"}}}}
}}
"##
    );
    write(&tmp.path().join("c/apiDefinition.swagger.json"), swagger);
    write(&tmp.path().join("c/apiProperties.json"), "{\"properties\": {}}");
    let report = lint(tmp.path());
    assert_no_crash(&report);
    let loops: Vec<(u32, u32)> =
        findings(&report, "unresolved-ref").into_iter().filter(|f| f.message.contains("loop")).map(|f| (f.line, f.column)).collect();
    // Every `$ref` into a loop of bare references, where it is written: the path parameter (4),
    // the operation's parameter and body schema (6), the response (7), Direct, Mutual1 and
    // Mutual2 (9-11), Deep's reference to itself (15), parameters p and q (17), responses r and
    // r2 (18). AllOf and Tree refer to themselves from inside real schemas: not a loop.
    assert_eq!(loops, [(4, 29), (6, 31), (6, 100), (7, 37), (9, 24), (10, 25), (11, 25), (15, 33), (17, 32), (17, 65), (18, 31), (18, 65)]);
}

/// Inputs built to make a careless rule quadratic: a swagger with 100,000 operations, one with
/// 100,000 members under the same key, and one 10 MB string. The test asserts that the lint
/// finishes (with the expected findings), not how fast: the release timings are in the report.
#[test]
fn hundred_thousand_operations_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let mut swagger = format!("{HEAD}  \"paths\": {{\n");
    for i in 0..100_000 {
        let sep = if i == 0 { "" } else { ",\n" };
        // Every 1,000th operation id repeats an earlier one.
        let id = if i % 1_000 == 999 { i - 1 } else { i };
        swagger.push_str(&format!(
            "{sep}    \"/items{i}/{{id}}\": {{\"get\": {{\"operationId\": \"Op{id}\", \"summary\": \"Get item {i}\", \"description\": \"Gets it.\", \
             \"parameters\": [{{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"type\": \"string\"}}], \
             \"responses\": {{\"200\": {{\"description\": \"OK\"}}}}}}}}"
        ));
    }
    swagger.push_str("\n  }\n}\n");
    write(&tmp.path().join("c/apiDefinition.swagger.json"), swagger);
    write(&tmp.path().join("c/apiProperties.json"), "{\"properties\": {}}");
    let report = lint(tmp.path());
    assert_no_crash(&report);
    assert_eq!(findings(&report, "operation-id-duplicate").len(), 100);
    assert!(findings(&report, "invalid-json").is_empty());
}

#[test]
fn hundred_thousand_duplicate_keys_finish() {
    let tmp = tempfile::tempdir().unwrap();
    let op = r#"{"get": {"operationId": "Op", "summary": "Get", "responses": {"200": {"description": "OK"}}}}"#;
    let paths = vec![format!("\"/a\": {op}"); 100_000].join(",\n");
    let definitions = vec!["\"D\": {\"type\": \"object\", \"required\": [\"x\"]}"; 100_000].join(",\n");
    let keys = vec!["\"x-ms-visibility\": \"important\""; 100_000].join(", ");
    write(
        &tmp.path().join("c/apiDefinition.swagger.json"),
        format!("{HEAD}  \"paths\": {{\n{paths}\n}},\n  \"definitions\": {{\n{definitions}\n}},\n  \"x\": {{{keys}}}}}\n"),
    );
    write(
        &tmp.path().join("c/apiProperties.json"),
        format!("{{\"properties\": {{{}}}}}", vec!["\"iconBrandColor\": \"#007ee5\""; 100_000].join(",")),
    );
    let report = lint(tmp.path());
    assert_no_crash(&report);
    // Each repeated key is reported once, at the repeat.
    assert_eq!(findings(&report, "duplicate-key").len(), 4 * 99_999);
}

#[test]
fn a_ten_megabyte_string_finishes() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "An ordinary sentence, repeated; with \\\"escapes\\\" and é. ".repeat(10_000_000 / 57);
    assert!(long.len() >= 9_900_000);
    write(
        &tmp.path().join("c/apiDefinition.swagger.json"),
        format!(
            "{HEAD}  \"paths\": {{\"/x\": {{\"get\": {{\"operationId\": \"Op\", \"summary\": \"{long}\", \"description\": \"{long}\", \
             \"responses\": {{\"200\": {{\"description\": \"OK\"}}}}}}}}}},\n  \"x-note\": \"{long}\"}}\n"
        ),
    );
    write(&tmp.path().join("c/apiProperties.json"), "{\"properties\": {}}");
    let report = lint(tmp.path());
    assert_no_crash(&report);
    assert_eq!(findings(&report, "operation-summary-too-long").len(), 1);
}

// ---------------------------------------------------------------------------------------------
// References outside the connector, and the network

/// A `$ref` to a file outside the connector folder is reported, and the file is never read:
/// the marker in it appears in no finding. URLs are reported and never fetched.
#[test]
fn refs_outside_the_folder_are_reported_and_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    let marker = "connlint-marker-7f3a9c1e-must-never-be-read";
    write(&tmp.path().join("secret.json"), format!("{{\"definitions\": {{\"Error\": {{\"description\": \"{marker}\"}}}}}}"));
    let connector = tmp.path().join("a/b");
    write(
        &connector.join("apiDefinition.swagger.json"),
        format!(
            r#"{HEAD}  "paths": {{"/x": {{"get": {{"operationId": "Op", "summary": "Get", "description": "Gets.",
    "responses": {{"200": {{"description": "OK", "schema": {{"$ref": "../../etc/passwd"}}}},
                   "400": {{"description": "Bad", "schema": {{"$ref": "../../secret.json#/definitions/Error"}}}},
                   "500": {{"description": "Bad", "schema": {{"$ref": "https://127.0.0.1:9/schema.json#/Error"}}}}}}}}}}}}
}}
"#
        ),
    );
    write(&connector.join("apiProperties.json"), "{\"properties\": {}}");
    let report = lint(&connector);
    let external: Vec<(u32, u32, &str)> =
        findings(&report, "external-ref").into_iter().map(|f| (f.line, f.column, f.message.as_str())).collect();
    assert_eq!(
        external,
        [
            (4, 67, "`$ref` `../../etc/passwd` points outside this file; a connector must be self-contained"),
            (5, 69, "`$ref` `../../secret.json#/definitions/Error` points outside this file; a connector must be self-contained"),
            (6, 69, "`$ref` `https://127.0.0.1:9/schema.json#/Error` points outside this file; a connector must be self-contained"),
        ]
    );
    for f in report.findings() {
        assert!(!f.message.contains(marker) && !f.help.as_deref().unwrap_or("").contains(marker), "{f:?}");
    }
    assert!(findings(&report, "io-error").is_empty());
}

/// No HTTP client or socket code is linked in, and no source file uses the standard library's
/// sockets or name lookup (its IP address types, which only parse text, are fine), except the
/// files listed in `SERVER_FILES`: `connlint serve`'s server, which listens (loopback by
/// default) and never connects anywhere, and the tests that talk to it.
#[test]
fn no_network_crates_or_sockets() {
    /// Relative to `crates/`, with `/` separators.
    const SERVER_FILES: &[&str] = &[
        "connlint_catalog/src/server.rs",
        "connlint_catalog/tests/common/mod.rs",
        "connlint_catalog/tests/serve.rs",
        "connlint_catalog/tests/browser.rs",
        "connlint/tests/inventory.rs",
    ];
    let lock = std::fs::read_to_string(repo_root().join("Cargo.lock")).unwrap();
    let packages: Vec<&str> = lock.lines().filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"')).collect();
    assert!(packages.contains(&"serde_json"), "Cargo.lock parsed");
    const NETWORK: &[&str] = &[
        "reqwest",
        "hyper",
        "hyper-util",
        "h2",
        "ureq",
        "curl",
        "curl-sys",
        "isahc",
        "surf",
        "attohttpc",
        "tokio",
        "mio",
        "async-std",
        "socket2",
        "native-tls",
        "openssl",
        "rustls",
        "tungstenite",
        "http-body",
        "minreq",
    ];
    let found: Vec<_> = packages.iter().filter(|p| NETWORK.contains(p)).collect();
    assert!(found.is_empty(), "network crates in Cargo.lock: {found:?}");
    // Written in two halves so that this file does not match itself.
    let sockets = [concat!("Tcp", "Stream"), concat!("Udp", "Socket"), concat!("Tcp", "Listener"), concat!("ToSocket", "Addrs")];
    let std_net = concat!("std::", "net::");
    let address_types = ["IpAddr", "Ipv4Addr", "Ipv6Addr", "AddrParseError"];
    // `std::net::IpAddr` or `std::net::{IpAddr, Ipv6Addr}` and nothing else.
    let uses_more_than_addresses = |line: &str| {
        line.match_indices(std_net).any(|(i, _)| {
            let rest = &line[i + std_net.len()..];
            let path = match rest.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or(""),
                None => rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""),
            };
            path.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).any(|w| !address_types.contains(&w))
        })
    };
    let mut offenders = Vec::new();
    let mut dirs = vec![repo_root().join("crates")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(repo_root().join("crates")).unwrap().to_string_lossy().replace('\\', "/");
                if SERVER_FILES.contains(&relative.as_str()) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                offenders.extend(sockets.iter().filter(|n| text.contains(*n)).map(|n| format!("{}: {n}", path.display())));
                offenders.extend(text.lines().filter(|l| uses_more_than_addresses(l)).map(|l| format!("{}: {l}", path.display())));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

// ---------------------------------------------------------------------------------------------
// The file system

const OK_SWAGGER: &str = r#"{"swagger": "2.0", "info": {"title": "Ok", "version": "1.0"}, "host": "api.example.com", "paths": {}}"#;

fn io_messages(report: &Report) -> Vec<(PathBuf, String)> {
    let mut out: Vec<_> = findings(report, "io-error").into_iter().map(|f| (f.path.clone(), f.message.clone())).collect();
    out.sort();
    out
}

/// Symlink loops, broken symlinks, a folder named like a file, an empty file and a file name
/// that is not UTF-8, all in one tree: each is reported for its own path and the healthy
/// connector beside them is linted as usual.
///
/// Tests run as root here, so a `chmod 000` file would still be readable; a dangling symlink
/// and a folder named like a file are the unreadable files instead (both fail in `read` like a
/// permission error would, and take the same path to an `io-error`).
#[cfg(unix)]
#[test]
fn odd_files_are_reported_by_path_and_the_run_goes_on() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(&root.join("healthy/apiDefinition.swagger.json"), OK_SWAGGER);
    write(&root.join("healthy/apiProperties.json"), "{\"properties\": {}}");
    // A loop of folder links inside a connector, and a link that points to itself.
    write(&root.join("looping/apiDefinition.swagger.json"), OK_SWAGGER);
    symlink("..", root.join("looping/up")).unwrap();
    symlink("apiProperties.json", root.join("looping/apiProperties.json")).unwrap();
    // A dangling link where apiProperties.json should be.
    write(&root.join("dangling/apiDefinition.swagger.json"), OK_SWAGGER);
    symlink("gone/apiProperties.json", root.join("dangling/apiProperties.json")).unwrap();
    // A folder named like the swagger.
    std::fs::create_dir_all(root.join("folder-named-like-a-file/apiDefinition.swagger.json")).unwrap();
    write(&root.join("folder-named-like-a-file/apiProperties.json"), "{\"properties\": {}}");
    // An empty swagger.
    write(&root.join("empty/apiDefinition.swagger.json"), "");
    // A swagger whose name is not UTF-8, in a folder whose name is not UTF-8 either.
    let latin1 = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9"));
    write(&latin1.join(std::ffi::OsStr::from_bytes(b"Caf\xe9.swagger.json")), OK_SWAGGER);
    write(&latin1.join("apiProperties.json"), "{\"properties\": {}}");
    let report = lint(root);
    assert_no_crash(&report);
    assert!(report.input_errors.is_empty(), "{:?}", report.input_errors);
    let names: Vec<String> =
        report.connectors.iter().map(|c| Path::new(&c.name).strip_prefix(root).unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["caf\u{fffd}", "dangling", "empty", "folder-named-like-a-file", "healthy", "looping"]);
    assert_eq!(
        io_messages(&report),
        [
            (
                latin1.join(std::ffi::OsStr::from_bytes(b"Caf\xe9.swagger.json")),
                "cannot read this file: its name is not valid UTF-8, so connlint skipped it; rename it".to_string()
            ),
            (
                root.join("dangling/apiProperties.json"),
                "cannot read this file: it is a symbolic link to `gone/apiProperties.json`, which does not exist".to_string()
            ),
            (
                root.join("folder-named-like-a-file/apiDefinition.swagger.json"),
                "cannot read this file: it is a folder, not a file".to_string()
            ),
            (
                root.join("looping/apiProperties.json"),
                "cannot read this file: it is a symbolic link to `apiProperties.json` that cannot be followed (a loop of links)"
                    .to_string()
            ),
        ]
    );
    let empty: Vec<_> = findings(&report, "invalid-json").into_iter().filter(|f| f.path.starts_with(root.join("empty"))).collect();
    assert_eq!(empty.len(), 1);
    assert_eq!((empty[0].line, empty[0].column, empty[0].message.as_str()), (1, 1, "the file is empty; expected a JSON document"));
    // The healthy connector got its usual lint.
    let healthy = report.connectors.iter().find(|c| c.name.ends_with("healthy")).unwrap();
    assert_eq!(healthy.files, 2);
    assert!(healthy.findings.iter().all(|f| f.rule != "io-error"));
}

/// A file deleted between discovery and linting is reported for its path; the other connector
/// is linted.
#[test]
fn a_file_that_disappears_during_the_run_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("a/apiDefinition.swagger.json"), OK_SWAGGER);
    write(&tmp.path().join("a/apiProperties.json"), "{\"properties\": {}}");
    write(&tmp.path().join("b/apiDefinition.swagger.json"), OK_SWAGGER);
    let (targets, errors) = discover(&[tmp.path().to_path_buf()]);
    assert!(errors.is_empty() && targets.len() == 2);
    std::fs::remove_file(tmp.path().join("a/apiProperties.json")).unwrap();
    let reports = lint_targets(targets, &LintOptions { no_config: true, ..Default::default() }).unwrap();
    let io: Vec<_> = reports[0].findings.iter().filter(|f| f.rule == "io-error").map(|f| (&f.path, f.message.as_str())).collect();
    assert_eq!(
        io,
        [(&tmp.path().join("a/apiProperties.json"), "cannot read this file: it no longer exists (moved or deleted while connlint ran?)")]
    );
    assert_eq!(reports[0].files, 1, "the swagger was still read and linted");
    assert_eq!(reports[1].files, 1);
    assert!(reports[1].findings.iter().all(|f| f.rule != "io-error"));
}

/// Every file under testdata/ and every connector of the corpus lints without a crash.
#[test]
fn all_testdata_lints_without_crash() {
    let report = lint(&repo_root().join("testdata"));
    assert!(report.connectors.len() >= 2);
    assert_no_crash(&report);
    assert!(findings(&report, "io-error").is_empty(), "{:?}", io_messages(&report));
}
