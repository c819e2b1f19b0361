//! End-to-end tests of `connlint diff`: folders, swagger files, `--git` on a temporary
//! repository, the new-connector waiver, configuration, related places on the other side,
//! suppressions, baselines and exit codes.

mod common;
use common::{connlint, git, repo_root, stderr, stdout};

use std::process::Output;

const OLD: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1.0"}, "host": "api.example.com",
 "paths": {"/items": {"get": {"operationId": "ListItems", "parameters": [{"name": "q", "in": "query", "type": "string"}],
   "responses": {"200": {"description": "OK", "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}}}}}
"#;

/// `q` becomes required and the response loses `id`; the rest is reordered or reworded.
const NEW: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1.0", "description": "Now described"}, "host": "api.example.com",
 "paths": {"/items": {"get": {"operationId": "ListItems", "parameters": [{"name": "q", "in": "query", "type": "string", "required": true}],
   "responses": {"200": {"description": "OK", "schema": {"properties": {"name": {"type": "string"}}, "type": "object"}}}}}}}
"#;

/// Two connector folders `old` and `new` in a temporary directory (no connlint.toml above).
fn pair() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in [("old", OLD), ("new", NEW)] {
        std::fs::create_dir(tmp.path().join(name)).unwrap();
        std::fs::write(tmp.path().join(name).join("apiDefinition.swagger.json"), text).unwrap();
    }
    tmp
}

/// `file:line:column rule message`, then ` [related file:line:column message]` for each related
/// place, of each JSON diagnostic.
fn findings(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(&stdout(output)).expect("JSON output");
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let related: String = d["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    format!(" [related {}:{}:{} {}]", r["file"].as_str().unwrap(), r["line"], r["column"], r["message"].as_str().unwrap())
                })
                .collect();
            format!(
                "{}:{}:{} {} {}{related}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn folders_are_compared_with_positions_in_both_files() {
    let tmp = pair();
    let output = connlint(&["diff", "old", "new", "--format", "json"], tmp.path());
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    assert_eq!(
        findings(&output),
        [
            "new/apiDefinition.swagger.json:2:133 input-made-required input `operation/ListItems/parameter/q` was optional and is now required; existing flows that left it empty will fail [related old/apiDefinition.swagger.json:2:83 in the old version]",
            "old/apiDefinition.swagger.json:3:91 output-removed output `operation/ListItems/responses/200/schema/id` was removed; flows that use it in later steps will break [related new/apiDefinition.swagger.json:3:47 in the new version]",
        ]
    );
    // The same with swagger files instead of folders, and with --exit-zero.
    let files = connlint(
        &["diff", "old/apiDefinition.swagger.json", "new/apiDefinition.swagger.json", "--format", "json", "--exit-zero"],
        tmp.path(),
    );
    assert_eq!(files.status.code(), Some(0));
    assert_eq!(findings(&files), findings(&output));
}

#[test]
fn human_output_shows_code_frames_from_both_files() {
    let tmp = pair();
    let output = connlint(&["diff", "old", "new", "--color", "never"], tmp.path());
    let text = stdout(&output);
    assert!(text.contains("╭─[new/apiDefinition.swagger.json:2:133]"), "{text}");
    assert!(text.contains("╭─[old/apiDefinition.swagger.json:3:91]"), "{text}");
    assert!(text.ends_with("2 errors, 0 warnings, 0 infos in 1 file of 1 connector (0 not strict JSON)\n"), "{text}");
}

#[test]
fn a_connector_against_itself_reports_nothing() {
    let output = connlint(&["diff", "testdata/connectors/clean", "testdata/connectors/clean", "--format", "json"], &repo_root());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(findings(&output).is_empty());
}

#[test]
fn new_connectors_waive_the_breaking_rules() {
    let tmp = pair();
    let missing = connlint(&["diff", "does-not-exist", "new", "--format", "json"], tmp.path());
    assert_eq!(missing.status.code(), Some(0));
    assert!(findings(&missing).is_empty());
    assert!(stderr(&missing).contains("new connector: breaking-change rules are waived"));
    let flagged = connlint(&["diff", "old", "new", "--new-connector", "--format", "json"], tmp.path());
    assert_eq!(flagged.status.code(), Some(0));
    assert!(findings(&flagged).is_empty());
}

#[test]
fn configuration_turns_rules_off_and_levels_drive_the_exit_code() {
    let tmp = pair();
    std::fs::write(tmp.path().join("connlint.toml"), "[rules]\noutput-removed = \"off\"\ninput-made-required = \"warning\"\n").unwrap();
    let output = connlint(&["diff", "old", "new", "--format", "json"], tmp.path());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let found = findings(&output);
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("new/apiDefinition.swagger.json:2:133 input-made-required"), "{found:?}");
    assert_eq!(connlint(&["diff", "old", "new", "--fail-on", "warning"], tmp.path()).status.code(), Some(1));
    let ignored = connlint(&["diff", "old", "new", "--no-config", "--format", "json"], tmp.path());
    assert_eq!(findings(&ignored).len(), 2);
    std::fs::write(tmp.path().join("connlint.toml"), "[rules]\nbreaking = \"off\"\n").unwrap();
    let category = connlint(&["diff", "old", "new", "--format", "json"], tmp.path());
    assert_eq!((category.status.code(), findings(&category).len()), (Some(0), 0));
}

#[test]
fn usage_and_input_errors_exit_2() {
    let tmp = pair();
    for (args, message) in [
        (&["diff", "old"][..], "give OLD and NEW"),
        (&["diff", "old", "missing"][..], "missing: no such file or folder"),
        (&["diff", "old", "."][..], "no swagger file"),
        (&["diff", "--git", "HEAD", "new"][..], "not in a git repository"),
        (&["diff", "old", "new", "--config", "nope.toml"][..], "cannot read the configuration"),
    ] {
        let output = connlint(args, tmp.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains(message), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn git_mode_compares_the_working_tree_with_a_revision() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    let connector = repo.join("connectors/Demo");
    std::fs::create_dir_all(&connector).unwrap();
    std::fs::write(connector.join("apiDefinition.swagger.json"), OLD).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "first"]);
    // Unchanged working tree: nothing to report.
    let clean = connlint(&["diff", "--git", "HEAD", "connectors/Demo", "--format", "json"], repo);
    assert_eq!(clean.status.code(), Some(0), "stderr: {}", stderr(&clean));
    assert!(findings(&clean).is_empty());
    std::fs::write(connector.join("apiDefinition.swagger.json"), NEW).unwrap();
    let changed = connlint(&["diff", "--git", "HEAD", "connectors/Demo", "--format", "json"], repo);
    assert_eq!(changed.status.code(), Some(1), "stderr: {}", stderr(&changed));
    assert_eq!(
        findings(&changed),
        [
            "HEAD:connectors/Demo/apiDefinition.swagger.json:3:91 output-removed output `operation/ListItems/responses/200/schema/id` was removed; flows that use it in later steps will break [related connectors/Demo/apiDefinition.swagger.json:3:47 in the new version]",
            "connectors/Demo/apiDefinition.swagger.json:2:133 input-made-required input `operation/ListItems/parameter/q` was optional and is now required; existing flows that left it empty will fail [related HEAD:connectors/Demo/apiDefinition.swagger.json:2:83 in the old version]",
        ]
    );
    // REV defaults to HEAD and PATH to the current folder; the swagger file works as PATH too.
    let defaults = connlint(&["diff", "--git", "--format", "json"], &connector);
    assert_eq!(findings(&defaults).len(), 2, "stderr: {}", stderr(&defaults));
    let file = connlint(&["diff", "--git", "HEAD", "connectors/Demo/apiDefinition.swagger.json", "--format", "json"], repo);
    assert_eq!(findings(&file).len(), 2, "stderr: {}", stderr(&file));
    // Nothing was checked out or changed.
    assert_eq!(std::fs::read_to_string(connector.join("apiDefinition.swagger.json")).unwrap(), NEW);
    // A connector added after the revision is new: waived.
    let added = repo.join("connectors/Added");
    std::fs::create_dir_all(&added).unwrap();
    std::fs::write(added.join("apiDefinition.swagger.json"), NEW).unwrap();
    let new = connlint(&["diff", "--git", "HEAD", "connectors/Added", "--format", "json"], repo);
    assert_eq!(new.status.code(), Some(0));
    assert!(stderr(&new).contains("breaking-change rules are waived"));
    // An unknown revision is an error.
    let bad = connlint(&["diff", "--git", "no-such-rev", "connectors/Demo"], repo);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown git revision `no-such-rev`"), "{}", stderr(&bad));
}

#[test]
fn a_breaking_finding_has_a_related_location_on_the_old_side() {
    let tmp = pair();
    // JSON: the finding in the new file points at the old file's parameter, with its pointer.
    let json = connlint(&["diff", "old", "new", "--format", "json"], tmp.path());
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let required = value["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "input-made-required").unwrap();
    assert_eq!(required["file"], "new/apiDefinition.swagger.json");
    let related = required["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:?}");
    assert_eq!(related[0]["file"], "old/apiDefinition.swagger.json");
    assert_eq!((related[0]["line"].as_u64(), related[0]["column"].as_u64()), (Some(2), Some(83)));
    assert_eq!(related[0]["pointer"], "/paths/~1items/get/parameters/0/name");
    assert_eq!(related[0]["message"], "in the old version");
    // The message no longer spells the other side out.
    assert!(!required["message"].as_str().unwrap().contains("in the old file"), "{required}");
    // SARIF: a relatedLocation in the old file.
    let sarif = connlint(&["diff", "old", "new", "--format", "sarif"], tmp.path());
    let value: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    let result = results.iter().find(|r| r["ruleId"] == "input-made-required").unwrap();
    let location = &result["relatedLocations"][0];
    assert_eq!(location["physicalLocation"]["artifactLocation"]["uri"], "old/apiDefinition.swagger.json", "{result}");
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(location["physicalLocation"]["region"]["startColumn"], 83);
    assert_eq!(location["message"]["text"], "in the old version");
    // Human: a `related:` line below the new file's frame.
    let human = connlint(&["diff", "old", "new", "--color", "never"], tmp.path());
    let text = stdout(&human);
    assert!(text.contains("  related: old/apiDefinition.swagger.json:2:83: in the old version\n"), "{text}");
    assert!(text.contains("  related: new/apiDefinition.swagger.json:3:47: in the new version\n"), "{text}");
}

const TWO_PATHS: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1.0"}, "host": "api.example.com",
 "paths": {"/items": {"get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}},
                      "post": {"operationId": "AddItem", "responses": {"200": {"description": "OK"}}}},
           "/other": {"get": {"operationId": "GetOther", "responses": {"200": {"description": "OK"}}}}}}
"#;

/// `AddItem` and the whole `/other` path are gone; `PATH_IGNORE` and `ROOT_IGNORE` mark where
/// suppressions go.
const ONE_PATH: &str = r#"{ROOT_IGNORE"swagger": "2.0", "info": {"title": "T", "version": "1.0"}, "host": "api.example.com",
 "paths": {"/items": {PATH_IGNORE"get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}}}}
"#;

/// `old` with [`TWO_PATHS`] and `new` with [`ONE_PATH`], the markers replaced.
fn removal(path_ignore: &str, root_ignore: &str, old_ignore: bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let new = ONE_PATH.replace("PATH_IGNORE", path_ignore).replace("ROOT_IGNORE", root_ignore);
    let old = if old_ignore {
        TWO_PATHS.replace(r#""post": {"#, r#""post": {"x-connlint-ignore": ["operation-removed"], "#)
    } else {
        TWO_PATHS.to_string()
    };
    for (name, text) in [("old", old.as_str()), ("new", new.as_str())] {
        std::fs::create_dir(tmp.path().join(name)).unwrap();
        std::fs::write(tmp.path().join(name).join("apiDefinition.swagger.json"), text).unwrap();
    }
    tmp
}

fn rules(output: &Output) -> Vec<String> {
    findings(output).iter().map(|f| f.split(' ').take(2).collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn x_connlint_ignore_in_the_new_file_suppresses_breaking_findings() {
    let json = ["diff", "old", "new", "--format", "json"];
    // Without suppressions: both removed operations, each in the old file; the one whose path
    // item survived is related to it in the new file.
    let plain = connlint(&json, removal("", "", false).path());
    assert_eq!(plain.status.code(), Some(1));
    let found = findings(&plain);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("old/apiDefinition.swagger.json:3:23 operation-removed operation `AddItem`"), "{found:#?}");
    assert!(found[0].ends_with("[related new/apiDefinition.swagger.json:2:12 in the new version]"), "{found:#?}");
    assert!(found[1].starts_with("old/apiDefinition.swagger.json:4:23 operation-removed operation `GetOther`"), "{found:#?}");
    assert!(!found[1].contains("[related"), "{found:#?}");
    // On the surviving path item: the removal of its operation is suppressed, not the other.
    let tmp = removal(r#""x-connlint-ignore": ["operation-removed"], "#, "", false);
    let output = connlint(&json, tmp.path());
    assert_eq!(rules(&output), ["old/apiDefinition.swagger.json:4:23 operation-removed"], "{}", stdout(&output));
    // On the new swagger's root: every removal, also of a path that is gone.
    let tmp = removal("", r#""x-connlint-ignore": "operation-removed", "#, false);
    let output = connlint(&json, tmp.path());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(findings(&output).is_empty());
    // In the old file: history, not suppressions; nothing is hidden.
    let output = connlint(&json, removal("", "", true).path());
    assert_eq!(findings(&output).len(), 2, "{}", stdout(&output));
    // A finding in the new file is suppressed where it is, like `check`'s.
    let tmp = pair();
    let new = NEW.replace(r#""get": {"operationId""#, r#""get": {"x-connlint-ignore": "input-made-required", "operationId""#);
    std::fs::write(tmp.path().join("new/apiDefinition.swagger.json"), new).unwrap();
    let output = connlint(&json, tmp.path());
    assert_eq!(rules(&output), ["old/apiDefinition.swagger.json:3:91 output-removed"], "{}", stdout(&output));
}

#[test]
fn a_suppression_of_a_breaking_rule_is_not_unused_for_check() {
    // `check` does not run the change rules, so it cannot call their suppressions unused.
    let tmp = removal(r#""x-connlint-ignore": ["operation-removed"], "#, "", false);
    let output = connlint(&["check", "new", "--format", "json", "--no-config"], tmp.path());
    let found = findings(&output);
    assert!(!found.iter().any(|f| f.contains("unused-suppression")), "{found:#?}");
}

#[test]
fn a_baseline_hides_recorded_breaking_findings() {
    let tmp = pair();
    let write = connlint(&["diff", "old", "new", "--write-baseline", "baseline.json"], tmp.path());
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    assert!(stderr(&write).contains("recorded 2 findings in the baseline baseline.json"), "{}", stderr(&write));
    let recorded = std::fs::read_to_string(tmp.path().join("baseline.json")).unwrap();
    assert!(
        recorded.contains("\"rule\": \"output-removed\"") && recorded.contains("\"file\": \"old/apiDefinition.swagger.json\""),
        "{recorded}"
    );
    let output = connlint(&["diff", "old", "new", "--format", "json", "--baseline", "baseline.json"], tmp.path());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(findings(&output).is_empty());
    assert!(stderr(&output).contains("baseline: 2 findings hidden, 0 findings no longer found"), "{}", stderr(&output));
    // A new breaking change is still reported; the recorded ones stay hidden.
    let new = NEW.replace(r#""type": "string", "required": true}"#, r#""type": "integer", "required": true}"#);
    std::fs::write(tmp.path().join("new/apiDefinition.swagger.json"), new).unwrap();
    let output = connlint(&["diff", "old", "new", "--format", "json", "--baseline", "baseline.json"], tmp.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(rules(&output), ["new/apiDefinition.swagger.json:2:111 input-type-changed"], "{}", stdout(&output));
    // A baseline that cannot be read stops the run.
    let missing = connlint(&["diff", "old", "new", "--baseline", "nope.json"], tmp.path());
    assert_eq!(missing.status.code(), Some(2));
}
