//! End-to-end tests of the `connlint` binary on the fixtures in testdata/.

mod common;
use common::{connlint, repo_root, stdout};

#[test]
fn json_output_follows_the_documented_contract() {
    let output = connlint(&["check", "testdata/connectors/sample", "--format", "json"], &repo_root());
    assert_eq!(output.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let object = value.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["diagnostics", "summary", "version"]);
    assert_eq!(value["version"], 1);
    let summary = value["summary"].as_object().unwrap();
    let mut keys: Vec<_> = summary.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["connectors", "errors", "files", "infos", "parse_failures", "warnings"]);
    assert_eq!(summary["connectors"], 1);
    assert_eq!(summary["files"], 2);
    assert_eq!(summary["parse_failures"], 1);
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    let mut errors = 0;
    for d in diagnostics {
        let d = d.as_object().unwrap();
        let mut keys: Vec<_> = d.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "column",
                "end_column",
                "end_line",
                "file",
                "fix",
                "help",
                "line",
                "message",
                "ms_name",
                "pointer",
                "related",
                "rule",
                "severity"
            ]
        );
        // Added within version 1: other places, and a correction.
        for label in d["related"].as_array().unwrap() {
            let mut keys: Vec<_> = label.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["column", "end_column", "end_line", "file", "line", "message", "pointer"]);
        }
        if !d["fix"].is_null() {
            assert!(["safe", "unsafe"].contains(&d["fix"]["applicability"].as_str().unwrap()));
            for edit in d["fix"]["edits"].as_array().unwrap() {
                let mut keys: Vec<_> = edit.as_object().unwrap().keys().map(String::as_str).collect();
                keys.sort_unstable();
                assert_eq!(keys, ["column", "content", "end_column", "end_line", "line"]);
            }
        }
        assert!(d["rule"].is_string() && d["message"].is_string() && d["file"].is_string());
        assert!(d["ms_name"].is_string() || d["ms_name"].is_null());
        assert!(d["pointer"].is_string() || d["pointer"].is_null());
        assert!(d["help"].is_string() || d["help"].is_null());
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(d[key].as_u64().unwrap() >= 1, "{key} is 1-based");
        }
        errors += usize::from(d["severity"] == "error");
    }
    assert_eq!(summary["errors"], errors);
    // The trailing comma in `info` is reported at its exact position.
    let comma = diagnostics.iter().find(|d| d["rule"] == "invalid-json").unwrap();
    assert_eq!((comma["line"].as_u64(), comma["column"].as_u64()), (Some(6), Some(21)));
    assert_eq!(comma["pointer"], "/info");
    assert_eq!(comma["file"], "testdata/connectors/sample/apiDefinition.swagger.json");
    // Sorted by file, line, column.
    let keys: Vec<_> = diagnostics
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn human_output_shows_code_frames_and_a_summary() {
    let output = connlint(&["check", "testdata/connectors/sample", "--color", "never"], &repo_root());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("╭─[testdata/connectors/sample/apiDefinition.swagger.json:6:21]"), "{text}");
    assert!(text.contains("operation-id-missing"));
    assert!(!text.contains('\u{1b}'), "no color codes with --color never");
    assert!(text.lines().last().unwrap().contains("1 connector"), "{text}");
}

#[test]
fn clean_connector_exits_zero_and_exit_zero_flag_works() {
    let root = repo_root();
    let clean = connlint(&["check", "testdata/connectors/clean", "--format", "json"], &root);
    let value: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]), "{value:#}");
    assert_eq!(clean.status.code(), Some(0));
    let forced = connlint(&["check", "testdata/connectors/sample", "--exit-zero"], &root);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn missing_path_and_bad_arguments_exit_two() {
    let root = repo_root();
    let missing = connlint(&["check", "testdata/does-not-exist"], &root);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("testdata/does-not-exist: no such file or directory"));
    let bad = connlint(&["check", "--format", "xml"], &root);
    assert_eq!(bad.status.code(), Some(2));
    let unknown_rule = connlint(&["rule", "operation-id-mising"], &root);
    assert_eq!(unknown_rule.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown_rule.stderr).contains("did you mean `operation-id-missing`"));
}

#[test]
fn bad_config_exits_two_with_a_position() {
    let tmp = tempfile::tempdir().unwrap();
    let connector = tmp.path().join("c");
    std::fs::create_dir(&connector).unwrap();
    std::fs::copy(repo_root().join("testdata/connectors/clean/apiDefinition.swagger.json"), connector.join("apiDefinition.swagger.json"))
        .unwrap();
    std::fs::write(tmp.path().join("connlint.toml"), "[rules]\ninvalid-json = \"loud\"\n").unwrap();
    let output = connlint(&["check", "c"], tmp.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("connlint.toml:2:16"), "{stderr}");
}

#[test]
fn config_turns_rules_off_and_file_flags_select_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repo_root();
    let swagger = tmp.path().join("my.swagger.json");
    std::fs::copy(root.join("testdata/connectors/sample/apiDefinition.swagger.json"), &swagger).unwrap();
    let output = connlint(&["check", "--api-def", swagger.to_str().unwrap(), "--format", "json", "--no-config"], tmp.path());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(value["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "invalid-json"));
    std::fs::write(tmp.path().join("connlint.toml"), "[rules]\ninvalid-json = \"off\"\n").unwrap();
    let output = connlint(&["check", "--api-def", swagger.to_str().unwrap(), "--format", "json"], tmp.path());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!value["diagnostics"].as_array().unwrap().iter().any(|d| d["rule"] == "invalid-json"), "{value:#}");
}

#[test]
fn rules_lists_every_rule_and_rule_shows_its_page() {
    let root = repo_root();
    let list = stdout(&connlint(&["rules"], &root));
    assert!(list.lines().count() > 30, "{list}");
    assert!(list.contains("operation-id-missing") && list.contains("OperationIdRequired"));
    let page = stdout(&connlint(&["rule", "operation-id-missing"], &root));
    assert!(page.starts_with("# operation-id-missing"));
    assert!(page.contains("## What it does"));
}

#[test]
fn rule_timings_go_to_standard_error_and_leave_the_report_alone() {
    let args = ["check", "testdata/connectors/sample", "--format", "json"];
    let plain = connlint(&args, &repo_root());
    let timed = std::process::Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args(args)
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .env("CONNLINT_RULE_TIMINGS", "1")
        .output()
        .unwrap();
    assert_eq!(timed.status.code(), plain.status.code());
    assert_eq!(stdout(&timed), stdout(&plain));
    let table = common::stderr(&timed);
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["rule", "time", "(ms)", "share", "runs"]);
    // The sample is one connector: every rule listed ran once on it.
    let rows: Vec<Vec<&str>> =
        lines.clone().take_while(|l| !l.starts_with('(') && !l.starts_with("all rules")).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows.len(), 40, "{table}");
    assert!(rows.iter().all(|row| row.len() == 4 && row[3] == "1" && connlint_linter::rule_by_id(row[0]).is_some()), "{table}");
    assert!(table.lines().last().unwrap().starts_with("all rules"), "{table}");
    assert!(!common::stderr(&plain).contains("all rules"));
}

/// `connlint check` makes its thread one of rayon's when there are two threads or more, and
/// keeps it out of the pool with one. The output is the same either way: for several connectors,
/// and for one big connector (from the corpus, when it is beside the project), whose work is
/// shared out over the threads from the calling thread.
#[test]
fn check_writes_the_same_whatever_the_number_of_threads() {
    let root = repo_root();
    let encodian = root.join("../shared/corpus/PowerPlatformConnectors/certified-connectors/Encodian");
    let mut inputs = vec![root.join("testdata/connectors")];
    if encodian.is_dir() {
        inputs.push(encodian);
    }
    for input in inputs {
        let run = |threads: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_connlint"))
                .args(["check", "--no-config", "--format", "json"])
                .arg(&input)
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap()
        };
        let one = run("1");
        assert_eq!(one.status.code(), Some(1), "{}: {}", input.display(), String::from_utf8_lossy(&one.stderr));
        assert!(stdout(&one).contains("\"diagnostics\":[{"), "{}", input.display());
        for threads in ["2", "3"] {
            let other = run(threads);
            assert_eq!(other.status.code(), one.status.code(), "{threads} threads");
            assert!(other.stdout == one.stdout, "{threads} threads, {}: the output differs", input.display());
        }
    }
}

/// Subcommands' arguments are defined only when one runs (`#[command(defer = true)]`); their help
/// must still open with the subcommand's own description, not that of a struct of options.
#[test]
fn each_subcommands_help_opens_with_its_own_description() {
    let root = stdout(&connlint(&["--help"], &repo_root()));
    for (command, description) in [
        ("check", "Lint connector folders, connector files, or trees holding many connectors"),
        ("ci", "Lint the connectors changed since a git revision and report their breaking changes"),
        ("diff", "Report breaking changes between two versions of a connector"),
    ] {
        let help = stdout(&connlint(&[command, "--help"], &repo_root()));
        assert!(help.starts_with(description), "`{command} --help` opens with:\n{help}");
        assert!(root.contains(description), "the command list describes `{command}`");
    }
}
