//! `--format`, `--output`, `--quiet` and `--statistics`, end to end.
//!
//! Snapshots are in `tests/snapshots/`; after an intended change, rewrite them with
//! `INSTA_UPDATE=always cargo test -p connlint --test formats` and review the `.snap` diffs.
//! Every run is from the repository root with relative paths, so paths in the snapshots are
//! stable, and runs on the sample connector select the rules it was written for (`PINNED`), so
//! that a new rule firing on the sample does not change what these tests of the formats see.

mod common;
use common::{repo_root, stderr, stdout};

use std::path::Path;
use std::process::{Command, Output};

const SAMPLE: &str = "testdata/connectors/sample";

/// The rules whose findings on the sample these tests expect.
const PINNED: &str =
    "invalid-json,host-invalid,operation-id-missing,unknown-extension,operation-summary-punctuation,path-parameter-undeclared,visibility-value";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connlint")).args(args).current_dir(dir).env_remove("NO_COLOR").output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_in(&repo_root(), args)
}

/// `connlint check SAMPLE --select PINNED ARGS` from the repository root.
fn check_sample(args: &[&str]) -> Output {
    let mut all = vec!["check", SAMPLE, "--select", PINNED];
    all.extend_from_slice(args);
    run(&all)
}

/// The sample connector in `format`, checking the exit code (the sample has errors).
fn sample(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["--format", format];
    args.extend_from_slice(extra);
    let output = check_sample(&args);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
}

/// The repository root as SARIF's `%SRCROOT%`.
fn root_uri() -> String {
    let root = repo_root();
    let mut uri = String::from("file://");
    for byte in root.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push('/');
    uri
}

fn sarif_schema() -> serde_json::Value {
    let text = std::fs::read_to_string(repo_root().join("testdata/schemas/sarif-2.1.0.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn assert_valid_sarif(log: &serde_json::Value) {
    let schema = sarif_schema();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator.iter_errors(log).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF schema violations:\n{}", errors.join("\n"));
}

// --- Snapshots of every format on the sample connector --------------------------------------

#[test]
fn snapshot_human() {
    insta::assert_snapshot!("human", sample("human", &["--color", "never"]));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", sample("json", &[]));
}

/// The SARIF log with what changes without a change of this format replaced: the repository's
/// location, connlint's version, and the rules' documentation (checked against `rules/` by
/// `sarif_results_point_at_their_rules_and_positions`).
#[test]
fn snapshot_sarif() {
    let text = sample("sarif", &[]);
    let uri = root_uri();
    assert!(text.contains(&format!("\"uri\": \"{uri}\"")), "{text}");
    let mut log: serde_json::Value = serde_json::from_str(&text.replace(&uri, "file:///REPO/")).unwrap();
    let driver = &mut log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    driver["version"] = "[version]".into();
    for rule in driver["rules"].as_array_mut().unwrap() {
        for key in ["fullDescription", "help"] {
            for kind in ["text", "markdown"] {
                assert!(rule[key][kind].as_str().is_some_and(|t| !t.is_empty()), "{key}.{kind} of {}", rule["id"]);
                rule[key][kind] = "[rule docs]".into();
            }
        }
    }
    // Pretty-printed as connlint prints it (keys sorted).
    assert_eq!(serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap() + "\n", text);
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!("github", sample("github", &[]));
}

#[test]
fn snapshot_junit() {
    insta::assert_snapshot!("junit", sample("junit", &[]));
}

#[test]
fn snapshot_compact() {
    insta::assert_snapshot!("compact", sample("compact", &[]));
}

// --- SARIF ------------------------------------------------------------------------------------

#[test]
fn sarif_validates_against_the_schema() {
    let log: serde_json::Value = serde_json::from_str(&sample("sarif", &[])).unwrap();
    assert_valid_sarif(&log);
    // The schema check can fail: a result without a message is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0].as_object_mut().unwrap().remove("message");
    let schema = sarif_schema();
    assert!(!jsonschema::is_valid(&schema, &broken));
    // A clean connector is a valid log with no results and no rules.
    let clean = run(&["check", "testdata/connectors/clean", "--format", "sarif"]);
    assert_eq!(clean.status.code(), Some(0));
    let clean: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_valid_sarif(&clean);
    assert_eq!(clean["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(clean["runs"][0]["tool"]["driver"]["rules"], serde_json::json!([]));
}

#[test]
fn sarif_results_point_at_their_rules_and_positions() {
    let log: serde_json::Value = serde_json::from_str(&sample("sarif", &[])).unwrap();
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], root_uri());
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "connlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let json: serde_json::Value = serde_json::from_str(&sample("json", &[])).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    // Only the rules with results, sorted by id.
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected: Vec<&str> = diagnostics.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(ids, expected);
    for (result, d) in results.iter().zip(diagnostics) {
        assert_eq!(result["ruleId"], d["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d["rule"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(result["level"], level);
        assert!(result["message"]["text"].as_str().unwrap().starts_with(d["message"].as_str().unwrap()));
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], d["file"]);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        assert_eq!(
            [&region["startLine"], &region["startColumn"], &region["endLine"], &region["endColumn"]],
            [&d["line"], &d["column"], &d["end_line"], &d["end_column"]]
        );
        assert_eq!(result["properties"]["pointer"], d["pointer"]);
    }
    let host = rules.iter().find(|r| r["id"] == "host-invalid").unwrap();
    assert_eq!(host["name"], "HostInvalid");
    assert_eq!(host["helpUri"], "https://github.com/connlint/connlint/blob/main/rules/host-invalid.md");
    assert_eq!(host["defaultConfiguration"]["level"], "error");
    assert_eq!(host["properties"]["category"], "document");
    assert_eq!(host["properties"]["profile"], "base");
    assert_eq!(host["properties"]["microsoft-name"], serde_json::json!(["HostNameNotValid"]));
    // The rule page shipped in rules/ is the help.
    let page = std::fs::read_to_string(repo_root().join("rules/host-invalid.md")).unwrap();
    assert_eq!(host["help"]["markdown"], page.as_str());
    assert!(host["fullDescription"]["text"].as_str().unwrap().starts_with("Checks that `host` is a bare host name"));
}

#[test]
fn sarif_describes_io_errors_without_a_rule_page() {
    let output = check_sample(&["--format", "sarif", "--max-file-size", "10"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"],
        serde_json::json!([{
            "id": "io-error",
            "name": "IoError",
            "shortDescription": {"text": "A file or folder could not be read"},
            "defaultConfiguration": {"level": "error"},
        }])
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|r| r["ruleId"] == "io-error" && r["ruleIndex"] == 0 && r["level"] == "error"));
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region, &serde_json::json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}));
    // The same report as JUnit: one failing case per file.
    let junit = check_sample(&["--format", "junit", "--max-file-size", "10"]);
    let suites = parse_junit(&stdout(&junit));
    let cases: Vec<(&str, &str)> = suites[0].1.iter().map(|c| (c.0.as_str(), c.1.as_str())).collect();
    assert_eq!(
        cases,
        [
            ("io-error", "testdata/connectors/sample/apiDefinition.swagger.json"),
            ("io-error", "testdata/connectors/sample/apiProperties.json")
        ]
    );
}

#[test]
fn sarif_paths_are_percent_encoded_uris() {
    let tmp = tempfile::tempdir().unwrap();
    let connector = tmp.path().join("my connector #1");
    std::fs::create_dir(&connector).unwrap();
    std::fs::copy(repo_root().join(SAMPLE).join("apiDefinition.swagger.json"), connector.join("apiDefinition.swagger.json")).unwrap();
    let output = run_in(tmp.path(), &["check", "my connector #1", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid_sarif(&log);
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "my%20connector%20%231/apiDefinition.swagger.json");
}

// --- github -------------------------------------------------------------------------------

#[test]
fn github_escapes_properties_and_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let connector = tmp.path().join("a,b:c%d");
    std::fs::create_dir(&connector).unwrap();
    std::fs::write(
        connector.join("apiDefinition.swagger.json"),
        "{\n  \"swagger\": \"2.0\",\n  \"host\": \"https://x.com/a,b%20c\",\n  \"paths\": {}\n}\n",
    )
    .unwrap();
    let output = run_in(tmp.path(), &["check", "a,b:c%d", "--format", "github", "--no-config"]);
    let text = stdout(&output);
    let line = text.lines().find(|l| l.contains("(host-invalid)")).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        line,
        "::error file=a%2Cb%3Ac%25d/apiDefinition.swagger.json,line=3,col=11,endLine=3,endColumn=34,title=connlint (host-invalid)::\
         `host` `https://x.com/a,b%2520c` includes a URL scheme; expected a bare host name with an optional port\
         %0Ahelp: write `\"host\": \"x.com\"` and move the path into `\"basePath\": \"/a,b%2520c\"`"
    );
}

#[test]
fn github_maps_severities_to_commands_and_ends_with_the_summary() {
    let text = sample("github", &[]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[..lines.len() - 1].iter().all(|l| l.starts_with("::error ") || l.starts_with("::warning ")), "{text}");
    assert!(lines[3].starts_with("::warning file=testdata/connectors/sample/apiDefinition.swagger.json,line=18,col=9,"), "{text}");
    assert_eq!(*lines.last().unwrap(), "5 errors, 2 warnings, 0 infos in 2 files of 1 connector (1 not strict JSON)");
    // info findings are notices.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("connlint.toml"), "[rules]\nunknown-extension = \"info\"\n").unwrap();
    let config = tmp.path().join("connlint.toml");
    let output = check_sample(&["--format", "github", "--config", config.to_str().unwrap(), "-q"]);
    let text = stdout(&output);
    assert!(
        text.lines().any(|l| l.starts_with("::notice file=testdata/connectors/sample/apiDefinition.swagger.json,line=18,col=9,")),
        "{text}"
    );
    assert!(!text.contains("::warning file=testdata/connectors/sample/apiDefinition.swagger.json,line=18,"), "{text}");
}

// --- junit --------------------------------------------------------------------------------

/// Parses JUnit XML with quick-xml: (suite name, [(case name, classname, failure type, failure
/// message, failure text)]), failing on any malformed XML.
#[allow(clippy::type_complexity)]
fn parse_junit(text: &str) -> Vec<(String, Vec<(String, String, Option<(String, String, String)>)>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> String {
        e.try_get_attribute(name).unwrap().map(|a| a.unescape_value().unwrap().into_owned()).unwrap_or_default()
    };
    let mut suites = Vec::new();
    let mut failure: Option<(String, String, String)> = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"testsuites" => assert_eq!(depth, 1),
                    b"testsuite" => suites.push((attr(&e, "name"), Vec::new())),
                    b"testcase" => {
                        let suite: &mut (String, Vec<_>) = suites.last_mut().unwrap();
                        suite.1.push((attr(&e, "name"), attr(&e, "classname"), None));
                    }
                    b"failure" => failure = Some((attr(&e, "type"), attr(&e, "message"), String::new())),
                    other => panic!("unexpected element {}", String::from_utf8_lossy(other)),
                }
            }
            Event::Empty(e) => {
                assert_eq!(e.name().as_ref(), b"testcase");
                suites.last_mut().unwrap().1.push((attr(&e, "name"), attr(&e, "classname"), None));
            }
            Event::Text(t) => {
                if let Some(f) = failure.as_mut() {
                    f.2.push_str(&t.xml_content().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(f) = failure.as_mut() {
                    let name = String::from_utf8(r.to_vec()).unwrap();
                    let resolved = match name.as_str() {
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "amp" => "&".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        _ => char::from_u32(r.resolve_char_ref().unwrap().map(u32::from).unwrap()).unwrap().to_string(),
                    };
                    f.2.push_str(&resolved);
                }
            }
            Event::End(e) => {
                depth -= 1;
                if e.name().as_ref() == b"failure" {
                    suites.last_mut().unwrap().1.last_mut().unwrap().2 = failure.take();
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(depth, 0);
    suites
}

#[test]
fn junit_is_well_formed_and_lists_every_finding() {
    let suites = parse_junit(&sample("junit", &[]));
    assert_eq!(suites.len(), 1);
    let (name, cases) = &suites[0];
    assert_eq!(name, SAMPLE);
    let names: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "host-invalid",
            "invalid-json",
            "operation-id-missing",
            "operation-summary-punctuation",
            "path-parameter-undeclared",
            "unknown-extension",
            "visibility-value"
        ]
    );
    let file = "testdata/connectors/sample/apiDefinition.swagger.json";
    assert!(cases.iter().all(|c| c.1 == file));
    let (kind, message, body) = cases[0].2.clone().unwrap();
    assert_eq!(kind, "error");
    assert_eq!(message, "`host` `https://api.contoso.com/v1` includes a URL scheme; expected a bare host name with an optional port");
    assert_eq!(
        body,
        format!(
            "{file}:8:11: error {message}\n  help: write `\"host\": \"api.contoso.com\"` and move the path into `\"basePath\": \"/v1\"`\n"
        )
    );
    assert_eq!(cases[5].2.as_ref().unwrap().0, "warning");
}

#[test]
fn junit_escapes_markup_and_groups_findings_per_file_and_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let connector = tmp.path().join("c&<d>");
    std::fs::create_dir(&connector).unwrap();
    std::fs::write(
        connector.join("apiDefinition.swagger.json"),
        "{\n  \"swagger\": \"2.0\",\n  \"host\": \"https://a<b>&'c\\\"\",\n  \"paths\": {\"/x\": {\"get\": {}, \"put\": {}}}\n}\n",
    )
    .unwrap();
    let junit = run_in(tmp.path(), &["check", "c&<d>", "--format", "junit", "--no-config"]);
    let json = run_in(tmp.path(), &["check", "c&<d>", "--format", "json", "--no-config"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let suites = parse_junit(&stdout(&junit));
    assert_eq!(suites[0].0, "c&<d>");
    let cases = &suites[0].1;
    let host = json["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "host-invalid").unwrap();
    let case = cases.iter().find(|c| c.0 == "host-invalid").unwrap();
    assert_eq!(case.1, "c&<d>/apiDefinition.swagger.json");
    let failure = case.2.as_ref().unwrap();
    assert_eq!(failure.1, host["message"].as_str().unwrap());
    assert!(failure.1.contains("a<b>&'c\""), "{}", failure.1);
    assert!(failure.2.starts_with(&format!("c&<d>/apiDefinition.swagger.json:3:11: error {}\n", failure.1)), "{}", failure.2);
    // Two operations without an operationId: one test case with both.
    let missing = cases.iter().find(|c| c.0 == "operation-id-missing").unwrap().2.as_ref().unwrap();
    assert_eq!(missing.1, "2 findings of operation-id-missing");
    assert_eq!(missing.2.lines().filter(|l| l.contains(": error ")).count(), 2, "{}", missing.2);
}

#[test]
fn junit_clean_connector_has_one_passing_case() {
    let output = run(&["check", "testdata/connectors/clean", "--format", "junit"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("<testsuites name=\"connlint\" tests=\"1\" failures=\"0\" errors=\"0\" time=\"0\">"), "{text}");
    let suites = parse_junit(&text);
    assert_eq!(
        suites,
        [("testdata/connectors/clean".to_string(), vec![("connlint".to_string(), "testdata/connectors/clean".to_string(), None)])]
    );
}

// --- compact, --quiet, --statistics ---------------------------------------------------------

const COMPACT: &str = "\
testdata/connectors/sample/apiDefinition.swagger.json:6:21: error [invalid-json] trailing comma: JSON allows no comma after the last element
testdata/connectors/sample/apiDefinition.swagger.json:8:11: error [host-invalid] `host` `https://api.contoso.com/v1` includes a URL scheme; expected a bare host name with an optional port
testdata/connectors/sample/apiDefinition.swagger.json:15:7: error [operation-id-missing] operation `GET /tasks` has no operationId
testdata/connectors/sample/apiDefinition.swagger.json:18:9: warning [unknown-extension] unknown extension `x-ms-visibilty`
testdata/connectors/sample/apiDefinition.swagger.json:25:20: warning [operation-summary-punctuation] the summary `Create a task.` ends with `.`; it should end with a letter or digit
testdata/connectors/sample/apiDefinition.swagger.json:34:7: error [path-parameter-undeclared] path variable `{taskId}` of `/tasks/{taskId}` has no `in: path` parameter named `taskId`
testdata/connectors/sample/apiDefinition.swagger.json:38:28: error [visibility-value] `x-ms-visibility` is `Advanced`; expected `important`, `advanced` or `internal`
";

const SUMMARY: &str = "5 errors, 2 warnings, 0 infos in 2 files of 1 connector (1 not strict JSON)\n";

const STATISTICS: &str = "    1  host-invalid                   error
    1  invalid-json                   error
    1  operation-id-missing           error
    1  operation-summary-punctuation  warning
    1  path-parameter-undeclared      error
    1  unknown-extension              warning
    1  visibility-value               error
";

#[test]
fn compact_is_one_exact_line_per_finding_then_the_summary() {
    assert_eq!(sample("compact", &[]), format!("{COMPACT}{SUMMARY}"));
    assert_eq!(sample("compact", &["--quiet"]), COMPACT);
}

#[test]
fn quiet_drops_only_the_summary_line() {
    let full = sample("human", &["--color", "never"]);
    let quiet = sample("human", &["--color", "never", "-q"]);
    assert_eq!(format!("{quiet}{SUMMARY}"), full);
    // Machine formats have no summary line to drop.
    assert_eq!(sample("json", &["--quiet"]), sample("json", &[]));
}

#[test]
fn statistics_replace_the_findings() {
    assert_eq!(sample("human", &["--statistics"]), format!("{STATISTICS}{SUMMARY}"));
    assert_eq!(sample("compact", &["--statistics"]), format!("{STATISTICS}{SUMMARY}"));
    assert_eq!(sample("compact", &["--statistics", "--quiet"]), STATISTICS);
    // Sorted by count first: two findings of one rule come before the single ones.
    let tmp = tempfile::tempdir().unwrap();
    let connector = tmp.path().join("c");
    std::fs::create_dir(&connector).unwrap();
    std::fs::write(
        connector.join("apiDefinition.swagger.json"),
        "{\"swagger\": \"2.0\", \"host\": \"https://x.com\", \"paths\": {\"/x\": {\"get\": {}, \"put\": {}}}}\n",
    )
    .unwrap();
    let output = run_in(tmp.path(), &["check", "c", "--statistics", "-q", "--no-config", "--select", "host-invalid,operation-id-missing"]);
    assert_eq!(stdout(&output), "    2  operation-id-missing  error\n    1  host-invalid          error\n");
}

#[test]
fn statistics_with_a_machine_format_is_a_usage_error() {
    for format in ["json", "sarif", "github", "junit"] {
        let output = check_sample(&["--format", format, "--statistics"]);
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert_eq!(stdout(&output), "");
        assert_eq!(stderr(&output), "error: --statistics works with --format human or compact\n");
    }
}

// --- --output -----------------------------------------------------------------------------

#[test]
fn output_writes_the_file_and_nothing_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    for format in ["human", "json", "sarif", "github", "junit", "compact"] {
        let path = tmp.path().join(format!("out.{format}"));
        let output = check_sample(&["--format", format, "--output", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{format}: {}", stderr(&output));
        assert_eq!(stdout(&output), "", "{format}");
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(written, sample(format, &["--color", "never"]), "{format}");
    }
    // An existing file is replaced whole, and no temporary file is left behind.
    let path = tmp.path().join("out.compact");
    std::fs::write(&path, "old contents that are longer than nothing\n".repeat(100)).unwrap();
    let output = check_sample(&["--format", "compact", "-q", "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMPACT);
    let mut names: Vec<String> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["out.compact", "out.github", "out.human", "out.json", "out.junit", "out.sarif"]);
}

#[test]
fn output_into_a_missing_folder_exits_two() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("missing/out.json");
    let output = check_sample(&["--format", "json", "--output", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    let message = stderr(&output);
    assert!(message.starts_with(&format!("error: cannot write {}: ", path.display())), "{message}");
    assert!(!tmp.path().join("missing").exists());
    // A clean connector, too: the failed write wins over exit code 0.
    let output = run(&["check", "testdata/connectors/clean", "--output", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
}

// --- color --------------------------------------------------------------------------------

#[test]
fn only_human_output_is_ever_colored() {
    let colored = sample("human", &["--color", "always"]);
    assert!(colored.contains('\u{1b}'), "--color always colors human output");
    for format in ["json", "sarif", "github", "junit", "compact"] {
        for extra in [&["--color", "always"][..], &["--color", "always", "--statistics"][..]] {
            if extra.contains(&"--statistics") && format != "compact" {
                continue;
            }
            let text = sample(format, extra);
            assert!(!text.contains('\u{1b}'), "{format} {extra:?}: {text}");
        }
    }
    // Not a terminal (a pipe here, or --output): no color by default.
    assert!(!sample("human", &[]).contains('\u{1b}'));
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("out.txt");
    check_sample(&["-o", path.to_str().unwrap()]);
    assert!(!std::fs::read_to_string(&path).unwrap().contains('\u{1b}'));
}

// --- Related places -------------------------------------------------------------------------

/// A connector whose second operation reuses the first one's operationId, in a temporary
/// folder; returns the folder (the connector is its `dup/`).
fn duplicate_ids() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("dup")).unwrap();
    let swagger = r#"{
  "swagger": "2.0",
  "info": {"title": "Dup", "version": "1.0"},
  "host": "api.contoso.com",
  "paths": {
    "/a": {"get": {"operationId": "GetItem", "responses": {"200": {"description": "OK"}}}},
    "/b": {"get": {"operationId": "GetItem", "responses": {"200": {"description": "OK"}}}}
  }
}
"#;
    std::fs::write(tmp.path().join("dup/apiDefinition.swagger.json"), swagger).unwrap();
    tmp
}

fn check_duplicate_ids(dir: &Path, format: &str) -> String {
    let output =
        run_in(dir, &["check", "dup", "--no-config", "--select", "operation-id-duplicate", "--format", format, "--color", "never"]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    stdout(&output)
}

#[test]
fn a_duplicate_operation_id_points_at_the_first_operation_in_json() {
    let tmp = duplicate_ids();
    let json: serde_json::Value = serde_json::from_str(&check_duplicate_ids(tmp.path(), "json")).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(7), Some(35)));
    assert_eq!(
        d["related"],
        serde_json::json!([{
            "file": "dup/apiDefinition.swagger.json",
            "line": 6, "column": 35, "end_line": 6, "end_column": 44,
            "pointer": "/paths/~1a/get/operationId",
            "message": "`GetItem` is first used here",
        }])
    );
    assert_eq!(d["fix"], serde_json::Value::Null);
}

#[test]
fn a_duplicate_operation_id_points_at_the_first_operation_in_sarif() {
    let tmp = duplicate_ids();
    let log: serde_json::Value = serde_json::from_str(&check_duplicate_ids(tmp.path(), "sarif")).unwrap();
    assert_valid_sarif(&log);
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 7);
    assert_eq!(
        result["relatedLocations"],
        serde_json::json!([{
            "id": 0,
            "physicalLocation": {
                "artifactLocation": {"uri": "dup/apiDefinition.swagger.json", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 6, "startColumn": 35, "endLine": 6, "endColumn": 44},
            },
            "message": {"text": "`GetItem` is first used here"},
            "properties": {"pointer": "/paths/~1a/get/operationId"},
        }])
    );
    assert!(result.get("fixes").is_none());
}

#[test]
fn a_duplicate_operation_id_points_at_the_first_operation_in_human_output() {
    let tmp = duplicate_ids();
    let text = check_duplicate_ids(tmp.path(), "human");
    // One frame: the finding's label and, two lines up, the first operation's.
    assert_eq!(text.matches("╭─[").count(), 1, "{text}");
    assert!(text.contains("╭─[dup/apiDefinition.swagger.json:7:35]"), "{text}");
    assert!(text.contains("`GetItem` is first used here"), "{text}");
    let first = text.find("`GetItem` is first used here").unwrap();
    let second = text.find("/paths/~1b/get/operationId").unwrap();
    assert!(first < second, "the first operation's line comes first: {text}");
}

#[test]
fn fixes_are_in_json_and_sarif_and_applied_by_fix() {
    let tmp = duplicate_ids();
    let swagger = tmp.path().join("dup/apiDefinition.swagger.json");
    let text = std::fs::read_to_string(&swagger).unwrap().replace(
        "\"get\": {\"operationId\": \"GetItem\", \"resp",
        "\"get\": {\"x-ms-visibility\": \"Internal\", \"operationId\": \"GetItem\", \"resp",
    );
    std::fs::write(&swagger, &text).unwrap();
    let args = ["check", "dup", "--no-config", "--select", "visibility-value", "--format"];
    let json: serde_json::Value = serde_json::from_slice(&run_in(tmp.path(), &[&args[..], &["json"]].concat()).stdout).unwrap();
    let fixes: Vec<&serde_json::Value> = json["diagnostics"].as_array().unwrap().iter().map(|d| &d["fix"]).collect();
    assert_eq!(fixes.len(), 2);
    assert_eq!(
        *fixes[0],
        serde_json::json!({"applicability": "safe", "edits": [{"line": 6, "column": 39, "end_line": 6, "end_column": 49, "content": "\"internal\""}]})
    );
    let log: serde_json::Value = serde_json::from_slice(&run_in(tmp.path(), &[&args[..], &["sarif"]].concat()).stdout).unwrap();
    assert_valid_sarif(&log);
    let replacement = &log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["deletedRegion"], serde_json::json!({"startLine": 6, "startColumn": 39, "endLine": 6, "endColumn": 49}));
    assert_eq!(replacement["insertedContent"]["text"], "\"internal\"");
    let fixed = run_in(tmp.path(), &["check", "dup", "--no-config", "--select", "visibility-value", "--fix"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    assert_eq!(std::fs::read_to_string(&swagger).unwrap(), text.replace("\"Internal\"", "\"internal\""));
}
