//! End-to-end tests of pipeline parity: `check --changed-since REV` and `ci --since REV` on a
//! temporary git repository whose base commit holds legacy connectors with findings, followed by
//! a commit that modifies, renames and deletes connectors, and work-tree changes (a modified
//! connector, an untracked new one, an ignored one).

mod common;
use common::{connlint, git, repo_root, stderr, stdout};

use std::path::Path;
use std::process::Output;

/// `file rule` of each JSON diagnostic, in output order.
fn findings(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(&stdout(output)).expect("JSON output");
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", d["file"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect()
}

/// The connectors in JUnit output (one `<testsuite>` each, also for those without findings).
fn linted(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("<testsuite name=\""))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn testdata(path: &str) -> String {
    std::fs::read_to_string(repo_root().join("testdata/connectors").join(path)).unwrap()
}

/// The clean fixture's swagger with a second operation, `ListNotes`; for a certified
/// connector, with the contact and metadata that certification asks for.
fn two_operations(certified: bool) -> String {
    let mut swagger: serde_json::Value = serde_json::from_str(&testdata("clean/apiDefinition.swagger.json")).unwrap();
    swagger["paths"]["/notes"] = serde_json::json!({"get": {
        "operationId": "ListNotes", "summary": "List notes", "description": "Returns every note.",
        "responses": {"200": {"description": "OK", "schema": {"type": "array", "items": {"$ref": "#/definitions/Note"}}}}}});
    if certified {
        swagger["info"]["contact"] =
            serde_json::json!({"name": "Contoso Support", "url": "https://contoso.com/support", "email": "support@contoso.com"});
        swagger["x-ms-connector-metadata"] = serde_json::json!([
            {"propertyName": "Website", "propertyValue": "https://contoso.com"},
            {"propertyName": "Privacy policy", "propertyValue": "https://contoso.com/privacy"},
            {"propertyName": "Categories", "propertyValue": "Productivity"}]);
    }
    serde_json::to_string_pretty(&swagger).unwrap()
}

/// `swagger` without the `ListNotes` operation (a breaking change).
fn without_list_notes(swagger: &str) -> String {
    let mut swagger: serde_json::Value = serde_json::from_str(swagger).unwrap();
    swagger["paths"].as_object_mut().unwrap().remove("/notes");
    serde_json::to_string_pretty(&swagger).unwrap()
}

/// A connector folder: the swagger, and the clean fixture's apiProperties.json and icon, or the
/// sample fixture (with errors) when `swagger` is `None`.
fn connector(dir: &Path, swagger: Option<&str>) {
    std::fs::create_dir_all(dir).unwrap();
    let root = repo_root().join("testdata/connectors");
    match swagger {
        Some(swagger) => {
            std::fs::write(dir.join("apiDefinition.swagger.json"), swagger).unwrap();
            std::fs::copy(root.join("clean/apiProperties.json"), dir.join("apiProperties.json")).unwrap();
            std::fs::copy(root.join("clean/icon.png"), dir.join("icon.png")).unwrap();
        }
        None => {
            for file in ["apiDefinition.swagger.json", "apiProperties.json"] {
                std::fs::copy(root.join("sample").join(file), dir.join(file)).unwrap();
            }
        }
    }
}

/// The repository: tag `base` with legacy connectors, then a commit that modifies
/// `certified-connectors/Modified` (an operation removed), renames `custom-connectors/ToRename`
/// to `custom-connectors/Renamed` (an operation removed too), deletes `custom-connectors/ToDelete`
/// and the apiProperties.json of `certified-connectors/Legacy` (which stays), and edits README.md; then, not committed: `custom-connectors/Broken` loses an operation and
/// gets an error, `independent-publisher-connectors/Added` (with certification errors) and
/// `custom-connectors/New` (without findings) are new and untracked, `scratch/Ignored` is ignored
/// by git, and `notes.txt` belongs to no connector.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q", "-b", "main"]);
    connector(&repo.join("certified-connectors/Legacy"), None);
    connector(&repo.join("certified-connectors/Modified"), Some(&two_operations(true)));
    connector(&repo.join("custom-connectors/Broken"), Some(&two_operations(false)));
    connector(&repo.join("custom-connectors/ToRename"), Some(&two_operations(false)));
    connector(&repo.join("custom-connectors/ToDelete"), None);
    std::fs::write(repo.join("README.md"), "Connectors\n").unwrap();
    std::fs::write(repo.join(".gitignore"), "scratch/\n").unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base: legacy connectors"]);
    git(repo, &["tag", "base"]);

    std::fs::write(repo.join("certified-connectors/Modified/apiDefinition.swagger.json"), without_list_notes(&two_operations(true)))
        .unwrap();
    git(repo, &["mv", "custom-connectors/ToRename", "custom-connectors/Renamed"]);
    std::fs::write(repo.join("custom-connectors/Renamed/apiDefinition.swagger.json"), without_list_notes(&two_operations(false))).unwrap();
    git(repo, &["rm", "-q", "-r", "custom-connectors/ToDelete"]);
    git(repo, &["rm", "-q", "certified-connectors/Legacy/apiProperties.json"]);
    std::fs::write(repo.join("README.md"), "Connectors, changed\n").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "modify, rename, delete"]);

    let broken = without_list_notes(&two_operations(false)).replace("\"api.contoso.com\"", "\"https://api.contoso.com\"");
    std::fs::write(repo.join("custom-connectors/Broken/apiDefinition.swagger.json"), broken).unwrap();
    connector(&repo.join("independent-publisher-connectors/Added"), Some(&testdata("clean/apiDefinition.swagger.json")));
    connector(&repo.join("custom-connectors/New"), Some(&testdata("clean/apiDefinition.swagger.json")));
    connector(&repo.join("scratch/Ignored"), None);
    std::fs::write(repo.join("notes.txt"), "not a connector\n").unwrap();
    tmp
}

#[test]
fn changed_since_lints_only_the_changed_connectors() {
    let tmp = repository();
    let repo = tmp.path();
    // Committed, staged, unstaged and untracked changes since `base`; README.md, notes.txt, the
    // deleted connector, the file deleted from Legacy and the ignored connector count for nothing;
    // the renamed connector is at its new path.
    let junit = connlint(&["check", "--changed-since", "base", "--format", "junit"], repo);
    assert_eq!(junit.status.code(), Some(1), "stderr: {}", stderr(&junit));
    assert_eq!(
        linted(&junit),
        [
            "./certified-connectors/Modified",
            "./custom-connectors/Broken",
            "./custom-connectors/New",
            "./custom-connectors/Renamed",
            "./independent-publisher-connectors/Added"
        ]
    );
    let json = connlint(&["check", "--changed-since", "base", "--format", "json"], repo);
    assert_eq!(json.status.code(), Some(1), "stderr: {}", stderr(&json));
    // The legacy connector's errors are not reported; certified and independent-publisher
    // paths get the certification rules (`folder-name-title-mismatch`, `connector-metadata-missing`,
    // `contact-incomplete`, `independent-publisher-icon`...), custom-connectors/ does not. `check` runs no breaking rule.
    assert_eq!(
        findings(&json),
        [
            "./certified-connectors/Modified/apiDefinition.swagger.json folder-name-title-mismatch",
            "./custom-connectors/Broken/apiDefinition.swagger.json host-invalid",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json connector-metadata-missing",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json contact-incomplete",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json folder-name-title-mismatch",
            "./independent-publisher-connectors/Added/apiProperties.json icon-brand-color-certification",
            "./independent-publisher-connectors/Added/icon.png independent-publisher-icon",
        ]
    );
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["summary"]["connectors"], 5);

    // Against HEAD, only the work tree's changes: the modified and the untracked connector.
    let head = connlint(&["check", "--changed-since", "HEAD", "--format", "junit"], repo);
    assert_eq!(
        linted(&head),
        ["./custom-connectors/Broken", "./custom-connectors/New", "./independent-publisher-connectors/Added"],
        "{}",
        stderr(&head)
    );
    // PATHS narrow the search as for `check`, and other options keep working.
    let certified = connlint(&["check", "--changed-since", "base", "certified-connectors", "--format", "json", "--fail-on", "info"], repo);
    assert_eq!(certified.status.code(), Some(1));
    assert_eq!(findings(&certified), ["certified-connectors/Modified/apiDefinition.swagger.json folder-name-title-mismatch"]);
    let base_profile =
        connlint(&["check", "--changed-since", "base", "independent-publisher-connectors", "--profile", "base", "--format", "json"], repo);
    assert_eq!((base_profile.status.code(), findings(&base_profile)), (Some(0), Vec::<String>::new()));
    // A changed file named as a file argument maps to its connector.
    let file =
        connlint(&["check", "--changed-since", "base", "custom-connectors/Renamed/apiDefinition.swagger.json", "--format", "junit"], repo);
    assert_eq!(linted(&file), ["custom-connectors/Renamed"], "{}", stderr(&file));
}

#[test]
fn no_changed_connector_is_not_an_error() {
    let tmp = repository();
    let repo = tmp.path();
    // certified-connectors/ changed in the last commit, not in the work tree.
    let output = connlint(&["check", "--changed-since", "HEAD", "certified-connectors", "--format", "json"], repo);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(stderr(&output), "no connector has a file changed since `HEAD`: nothing to lint\n");
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]));
    assert_eq!(value["summary"]["connectors"], 0);
    let ci = connlint(&["ci", "--since", "HEAD", "certified-connectors", "--format", "json", "--quiet"], repo);
    assert_eq!((ci.status.code(), stderr(&ci).as_str()), (Some(0), ""));
    assert!(findings(&ci).is_empty());
}

#[test]
fn ci_adds_breaking_changes_for_changed_swaggers_without_errors() {
    let tmp = repository();
    let repo = tmp.path();
    let output = connlint(&["ci", "--since", "base", "--format", "json"], repo);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    // Modified and Renamed lost `ListNotes` and have no error: `operation-removed`, pointing into
    // the version at `base` (the renamed one at its old path). Broken lost it too, but its
    // swagger has an error, so it is not compared; so is Added's; New is new.
    assert_eq!(
        findings(&output),
        [
            "./certified-connectors/Modified/apiDefinition.swagger.json folder-name-title-mismatch",
            "./custom-connectors/Broken/apiDefinition.swagger.json host-invalid",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json connector-metadata-missing",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json contact-incomplete",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json folder-name-title-mismatch",
            "./independent-publisher-connectors/Added/apiProperties.json icon-brand-color-certification",
            "./independent-publisher-connectors/Added/icon.png independent-publisher-icon",
            "base:certified-connectors/Modified/apiDefinition.swagger.json operation-removed",
            "base:custom-connectors/ToRename/apiDefinition.swagger.json operation-removed",
        ]
    );
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // The removed operations' messages do not spell out a place in the other version; their
    // whole path is gone, so there is no related place in the work tree either.
    for d in value["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == "operation-removed") {
        assert!(!d["message"].as_str().unwrap().contains("(in the "), "{d}");
        assert_eq!(d["related"], serde_json::json!([]), "{d}");
    }
    assert_eq!(value["summary"]["connectors"], 5);
    // host-invalid, connector-metadata-missing, contact-incomplete and the two operation-removed
    // (the icon and brand colour findings of Added are warnings).
    assert_eq!(value["summary"]["errors"], 5);
    let notes = stderr(&output);
    assert!(
        notes.contains("note: ./custom-connectors/Broken: ./custom-connectors/Broken/apiDefinition.swagger.json has errors, so it is not compared with `base`"),
        "{notes}"
    );
    assert!(notes.contains("note: ./custom-connectors/New: new since `base`: breaking-change rules are waived"), "{notes}");
    assert_eq!(notes.lines().count(), 3, "{notes}");

    // The same with human output: one summary line for lint and breaking findings.
    let human = connlint(&["ci", "--since", "base", "--color", "never"], repo);
    let text = stdout(&human);
    assert!(text.contains("╭─[base:custom-connectors/ToRename/apiDefinition.swagger.json:"), "{text}");
    assert!(text.ends_with("5 errors, 2 warnings, 2 infos in 15 files of 5 connectors (0 not strict JSON)\n"), "{text}");
    // `--ignore breaking` leaves the lint; with HEAD, only the work tree's changes are compared.
    let ignored = connlint(&["ci", "--since", "base", "--ignore", "breaking", "--format", "json"], repo);
    assert!(!findings(&ignored).iter().any(|f| f.ends_with("operation-removed")));
    let head = connlint(&["ci", "--since", "HEAD", "--format", "json"], repo);
    assert_eq!(
        findings(&head),
        [
            "./custom-connectors/Broken/apiDefinition.swagger.json host-invalid",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json connector-metadata-missing",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json contact-incomplete",
            "./independent-publisher-connectors/Added/apiDefinition.swagger.json folder-name-title-mismatch",
            "./independent-publisher-connectors/Added/apiProperties.json icon-brand-color-certification",
            "./independent-publisher-connectors/Added/icon.png independent-publisher-icon",
        ]
    );
    // Once Broken's error is fixed, its removed operation is reported.
    let fixed = without_list_notes(&two_operations(false));
    std::fs::write(repo.join("custom-connectors/Broken/apiDefinition.swagger.json"), fixed).unwrap();
    let compared = connlint(&["ci", "--since", "HEAD", "custom-connectors", "--format", "json"], repo);
    assert_eq!(compared.status.code(), Some(1), "stderr: {}", stderr(&compared));
    assert_eq!(findings(&compared), ["HEAD:custom-connectors/Broken/apiDefinition.swagger.json operation-removed"]);
}

#[test]
fn outside_a_work_tree_or_with_an_unknown_revision_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    connector(&tmp.path().join("c"), Some(&testdata("clean/apiDefinition.swagger.json")));
    for args in [&["check", "--changed-since", "HEAD"][..], &["ci", "--since", "HEAD", "c"][..]] {
        let output = connlint(args, tmp.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let flag = args[1];
        assert!(stderr(&output).starts_with(&format!("error: `{flag}`: ")), "{}", stderr(&output));
        assert!(stderr(&output).contains("is not in a git work tree"), "{}", stderr(&output));
        assert!(stdout(&output).is_empty());
    }
    let repo = repository();
    for (args, flag) in [(&["check", "--changed-since", "nope"][..], "--changed-since"), (&["ci", "--since", "nope"][..], "--since")] {
        let output = connlint(args, repo.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output), format!("error: `{flag}`: `nope` is not a revision in this repository\n"));
    }
    // `--changed-since` does not mix with the file options; `ci` needs `--since`.
    let mixed = connlint(&["check", "--changed-since", "HEAD", "--api-def", "x.json"], repo.path());
    assert_eq!(mixed.status.code(), Some(2));
    assert_eq!(connlint(&["ci"], repo.path()).status.code(), Some(2));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn solutions_and_records_count_as_changed_when_a_file_of_theirs_is() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let root = repo_root().join("testdata");
    copy_dir(&root.join("solutions/unpacked"), &repo.join("Unpacked"));
    copy_dir(&root.join("solutions/exported"), &repo.join("Exported"));
    std::fs::create_dir(repo.join("records")).unwrap();
    std::fs::copy(root.join("records/connectors.json"), repo.join("records/connectors.json")).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "solutions"]);
    // A file deep inside the unpacked solution changes: the solution and its connectors are linted.
    let swagger = repo.join("Unpacked/Connectors/contoso_5Fnotes_openapidefinition.json");
    let text = std::fs::read_to_string(&swagger).unwrap();
    std::fs::write(&swagger, format!("{text}\n")).unwrap();
    let output = connlint(&["check", "--changed-since", "HEAD", "--format", "junit"], repo);
    assert_eq!(
        linted(&output),
        ["./Unpacked", "./Unpacked/Connectors/contoso_5Falerts.xml", "./Unpacked/Connectors/contoso_5Fnotes.xml"],
        "{}",
        stderr(&output)
    );
    // Then the records file: its units too; `ci` lints them and says it does not compare them.
    let records = std::fs::read_to_string(repo.join("records/connectors.json")).unwrap();
    std::fs::write(repo.join("records/connectors.json"), format!("{records}\n")).unwrap();
    let ci = connlint(&["ci", "--since", "HEAD", "records", "--format", "junit"], repo);
    assert_eq!(
        linted(&ci),
        [
            "records/connectors.json",
            "records/connectors.json#/value/0 (Contoso Notes)",
            "records/connectors.json#/value/1 (Contoso Alerts)"
        ]
    );
    assert_eq!(stderr(&ci), "note: records/connectors.json: solutions and records are linted, not compared with `HEAD`\n");
}
