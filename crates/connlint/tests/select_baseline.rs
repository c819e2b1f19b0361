//! End-to-end tests of `--select`, `--ignore`, `x-connlint-ignore` and baselines.

mod common;
use common::{connlint, repo_root, stderr};

use std::process::Output;

/// `rule line:column` of every diagnostic of a `--format json` run.
fn rules(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(output)));
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{}", d["rule"].as_str().unwrap(), d["line"], d["column"]))
        .collect()
}

/// A copy of the sample connector in a temporary folder, as `<tmp>/Sample`.
fn sample_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("Sample");
    std::fs::create_dir(&dir).unwrap();
    for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(repo_root().join("testdata/connectors/sample").join(name), dir.join(name)).unwrap();
    }
    tmp
}

/// The rules these tests run, so that rules added later do not change their findings.
const SAMPLE: &str = "invalid-json,host-invalid,operation-id-missing,unknown-extension,operation-summary-punctuation,\
                      path-parameter-undeclared,visibility-value,unused-suppression";

const SAMPLE_RULES: [&str; 7] = [
    "invalid-json 6:21",
    "host-invalid 8:11",
    "operation-id-missing 15:7",
    "unknown-extension 18:9",
    "operation-summary-punctuation 25:20",
    "path-parameter-undeclared 34:7",
    "visibility-value 38:28",
];

#[test]
fn select_and_ignore_take_rules_and_categories() {
    let root = repo_root();
    let all = connlint(&["check", "testdata/connectors/sample", "--format", "json", "--select", SAMPLE], &root);
    assert_eq!(rules(&all), SAMPLE_RULES);
    let selected = connlint(&["check", "testdata/connectors/sample", "--format", "json", "--select", "extensions,invalid-json"], &root);
    assert_eq!(rules(&selected), ["invalid-json 6:21", "unknown-extension 18:9", "visibility-value 38:28"]);
    assert_eq!(selected.status.code(), Some(1));
    let ignored = connlint(
        &[
            "check",
            "testdata/connectors/sample",
            "--format",
            "json",
            "--select",
            "extensions",
            "--select",
            "document",
            "--ignore",
            "host-invalid",
        ],
        &root,
    );
    assert_eq!(rules(&ignored), ["unknown-extension 18:9", "visibility-value 38:28"]);
    assert_eq!(ignored.status.code(), Some(1), "visibility-value is an error");
    let warnings_only = connlint(&["check", "testdata/connectors/sample", "--select", "unknown-extension"], &root);
    assert_eq!(warnings_only.status.code(), Some(0), "only a warning is left");
}

#[test]
fn unknown_select_or_ignore_names_exit_2_with_a_suggestion() {
    let output = connlint(&["check", "testdata/connectors/sample", "--select", "host-invalid,extensoins"], &repo_root());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --select: no rule or category `extensoins` (did you mean `extensions`?); `connlint rules` lists them\n"
    );
    assert!(output.stdout.is_empty());
    let output = connlint(&["check", "testdata/connectors/sample", "--ignore", "operation-id-mising"], &repo_root());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`operation-id-mising` (did you mean `operation-id-missing`?)"), "{}", stderr(&output));
}

#[test]
fn x_connlint_ignore_in_the_swagger_suppresses_findings() {
    let tmp = sample_copy();
    let swagger = tmp.path().join("Sample/apiDefinition.swagger.json");
    let text = std::fs::read_to_string(&swagger).unwrap();
    // On the GET operation: its missing operationId and its misspelled extension.
    let text = text.replacen(
        "\"summary\": \"List tasks\",",
        "\"summary\": \"List tasks\", \"x-connlint-ignore\": [\"operation-id-missing\", \"unknown-extension\", \"host-invalid\"],",
        1,
    );
    std::fs::write(&swagger, text).unwrap();
    let output = connlint(&["check", "Sample", "--format", "json", "--select", SAMPLE], tmp.path());
    assert_eq!(
        rules(&output),
        [
            "invalid-json 6:21",
            "host-invalid 8:11",
            "unused-suppression 16:101",
            "operation-summary-punctuation 25:20",
            "path-parameter-undeclared 34:7",
            "visibility-value 38:28",
        ]
    );
}

#[test]
fn a_baseline_hides_recorded_findings_and_survives_moved_lines() {
    let tmp = sample_copy();
    let written = connlint(&["check", "Sample", "--write-baseline", "connlint-baseline.json", "--select", SAMPLE], tmp.path());
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert_eq!(stderr(&written), "recorded 7 findings in the baseline connlint-baseline.json\n");
    assert!(written.stdout.is_empty());
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("connlint-baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["findings"].as_array().unwrap().len(), 7);
    assert_eq!(baseline["findings"][0]["file"], "Sample/apiDefinition.swagger.json");
    let clean = connlint(&["check", "Sample", "--format", "json", "--baseline", "connlint-baseline.json", "--select", SAMPLE], tmp.path());
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(rules(&clean), Vec::<String>::new());
    assert_eq!(stderr(&clean), "baseline: 7 findings hidden, 0 findings no longer found\n");
    let summary: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(summary["summary"]["errors"], 0);

    // Two lines added at the top move every finding; fix the summary's period; add a new problem.
    let swagger = tmp.path().join("Sample/apiDefinition.swagger.json");
    let text = std::fs::read_to_string(&swagger).unwrap();
    let text = text
        .replacen("{\n", "{\n  \"x-note\": 1,\n  \"x-other\": 2,\n", 1)
        .replace("\"Create a task.\"", "\"Create a task\"")
        .replace("\"description\": \"Lists the tasks", "\"x-ms-sumary\": \"x\", \"description\": \"Lists the tasks");
    std::fs::write(&swagger, text).unwrap();
    let after = connlint(&["check", "Sample", "--format", "json", "--baseline", "connlint-baseline.json", "--select", SAMPLE], tmp.path());
    assert_eq!(rules(&after), ["unknown-extension 19:9"]);
    assert_eq!(after.status.code(), Some(0));
    assert_eq!(stderr(&after), "baseline: 6 findings hidden, 1 finding no longer found\n");
    // Run from another folder: paths are relative to the baseline file, not to the working directory.
    let elsewhere = connlint(
        &["check", ".", "--format", "json", "--baseline", "../connlint-baseline.json", "--select", SAMPLE],
        &tmp.path().join("Sample"),
    );
    assert_eq!(rules(&elsewhere), ["unknown-extension 19:9"]);
}

#[test]
fn a_malformed_or_missing_baseline_exits_2_naming_the_file() {
    let tmp = sample_copy();
    std::fs::write(tmp.path().join("bad.json"), "{\"version\": 1,\n \"findings\": [}\n").unwrap();
    let output = connlint(&["check", "Sample", "--baseline", "bad.json"], tmp.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: bad.json:2:15: not a valid baseline: expected value\n");
    assert!(output.stdout.is_empty());
    let output = connlint(&["check", "Sample", "--baseline", "missing.json"], tmp.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: missing.json: cannot read the baseline: "), "{}", stderr(&output));
    let output = connlint(&["check", "Sample", "--baseline", "a.json", "--write-baseline", "b.json"], tmp.path());
    assert_eq!(output.status.code(), Some(2), "the two options conflict");
}

#[test]
fn diff_shows_the_safe_fixes_and_changes_nothing() {
    let tmp = sample_copy();
    let swagger = tmp.path().join("Sample/apiDefinition.swagger.json");
    let before = std::fs::read_to_string(&swagger).unwrap();
    let output = connlint(&["check", "Sample", "--diff", "--select", SAMPLE], tmp.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(
        diff.starts_with("--- a/Sample/apiDefinition.swagger.json\n+++ b/Sample/apiDefinition.swagger.json\n@@ -15,7 +15,7 @@\n"),
        "{diff}"
    );
    assert!(diff.contains("\n-        \"x-ms-visibilty\": \"important\",\n+        \"x-ms-visibility\": \"important\",\n"), "{diff}");
    assert!(diff.contains("\n-        \"x-ms-visibility\": \"Advanced\",\n+        \"x-ms-visibility\": \"advanced\",\n"), "{diff}");
    assert_eq!(diff.lines().filter(|l| l.starts_with('-') && !l.starts_with("---")).count(), 2, "{diff}");
    assert_eq!(std::fs::read_to_string(&swagger).unwrap(), before, "--diff writes nothing");
}

#[test]
fn fix_edits_only_the_fixed_text_and_reports_what_is_left() {
    let tmp = sample_copy();
    let swagger = tmp.path().join("Sample/apiDefinition.swagger.json");
    let before = std::fs::read_to_string(&swagger).unwrap();
    let output = connlint(&["check", "Sample", "--fix", "--format", "json", "--select", SAMPLE], tmp.path());
    assert_eq!(stderr(&output), "fixed 2 findings in 1 file\n");
    assert_eq!(
        rules(&output),
        [
            "invalid-json 6:21",
            "host-invalid 8:11",
            "operation-id-missing 15:7",
            "operation-summary-punctuation 25:20",
            "path-parameter-undeclared 34:7"
        ]
    );
    let after = std::fs::read_to_string(&swagger).unwrap();
    assert_eq!(after, before.replace("\"x-ms-visibilty\"", "\"x-ms-visibility\"").replace("\"Advanced\"", "\"advanced\""));
    // Nothing is left to fix, and the fixed rules are silent.
    let again = connlint(&["check", "Sample", "--fix", "--format", "json", "--select", "unknown-extension,visibility-value"], tmp.path());
    assert_eq!(stderr(&again), "fixed 0 findings in 0 files\n");
    assert_eq!(rules(&again), Vec::<String>::new());
    assert_eq!(std::fs::read_to_string(&swagger).unwrap(), after);
    let clean = connlint(&["check", "Sample", "--diff", "--select", SAMPLE], tmp.path());
    assert_eq!((clean.status.code(), clean.stdout.len()), (Some(0), 0));
}
