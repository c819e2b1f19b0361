//! Swagger 2.0 in YAML (`*.swagger.yaml`, `*.swagger.yml`) is linted directly, with findings at
//! positions in the YAML file and no fixes.

mod common;
use common::{connlint, repo_root, stdout};

use std::path::{Path, PathBuf};

/// The fixture folder copied into a temporary folder as `Notes/`.
fn copy_fixture(tmp: &Path) -> PathBuf {
    let dir = tmp.join("Notes");
    std::fs::create_dir(&dir).unwrap();
    for name in ["apiDefinition.swagger.yaml", "apiProperties.json", "icon.png"] {
        std::fs::copy(repo_root().join("testdata/connectors/yaml").join(name), dir.join(name)).unwrap();
    }
    dir
}

#[test]
fn the_yaml_fixture_is_linted_with_every_rule_at_yaml_positions() {
    let output = connlint(&["check", "testdata/connectors/yaml", "--no-config", "--format", "compact"], &repo_root());
    let file = "testdata/connectors/yaml/apiDefinition.swagger.yaml";
    let found: Vec<String> = stdout(&output)
        .lines()
        .filter(|l| l.starts_with(file))
        .map(|l| l.split(" [").next().unwrap().to_string() + " " + l.split(['[', ']']).nth(1).unwrap())
        .collect();
    assert_eq!(
        found,
        [
            format!("{file}:1:1: warning nonstandard-file-name"),
            format!("{file}:31:15: error spec-value-not-allowed"),
            format!("{file}:35:11: warning unknown-extension"),
            format!("{file}:37:9: error spec-required-missing"),
        ],
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn json_output_has_yaml_positions_pointers_and_no_fixes() {
    let output = connlint(&["check", "testdata/connectors/yaml", "--no-config", "--format", "json"], &repo_root());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let rows: Vec<(String, u64, u64, String)> = diagnostics
        .iter()
        .map(|d| {
            assert!(d["fix"].is_null(), "no fix is offered in a YAML file: {d}");
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["pointer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let row = |rule: &str, line, column, pointer: &str| (rule.to_string(), line, column, pointer.to_string());
    assert_eq!(
        rows,
        [
            row("nonstandard-file-name", 1, 1, ""),
            row("spec-value-not-allowed", 31, 15, "/paths/~1notes~1{noteId}/get/parameters/1/in"),
            row("unknown-extension", 35, 11, "/paths/~1notes~1{noteId}/get/parameters/1/x-ms-visibilty"),
            row("spec-required-missing", 37, 9, "/paths/~1notes~1{noteId}/get/responses/200"),
        ]
    );
    // `"Query"` is quoted: in a JSON swagger this finding would carry a fix.
    assert_eq!(diagnostics[1]["help"], "write `query`: values are case-sensitive");
}

#[test]
fn fix_leaves_a_yaml_swagger_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy_fixture(tmp.path());
    let before = std::fs::read(dir.join("apiDefinition.swagger.yaml")).unwrap();
    let output = connlint(&["check", "Notes", "--no-config", "--fix", "--format", "compact"], tmp.path());
    assert_eq!(std::fs::read(dir.join("apiDefinition.swagger.yaml")).unwrap(), before);
    assert!(stdout(&output).contains("[spec-value-not-allowed]"), "{}", stdout(&output));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("fixed 1"), "{}", String::from_utf8_lossy(&output.stderr));
    // `--diff` shows no change either.
    let output = connlint(&["check", "Notes", "--no-config", "--diff"], tmp.path());
    assert!(!stdout(&output).contains("+++"), "{}", stdout(&output));
}

#[test]
fn a_yaml_syntax_error_is_reported_at_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("apiDefinition.swagger.yaml"),
        "swagger: '2.0'\ninfo:\n  title: Contoso: Notes\n  version: '1.0'\npaths: {}\n",
    )
    .unwrap();
    let output = connlint(&["check", ".", "--no-config", "--format", "compact", "--select", "invalid-json"], tmp.path());
    assert_eq!(
        stdout(&output).lines().next().unwrap(),
        "./apiDefinition.swagger.yaml:3:17: error [invalid-json] invalid YAML: mapping values are not allowed in this context"
    );
}

#[test]
fn x_connlint_ignore_works_in_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy_fixture(tmp.path());
    let path = dir.join("apiDefinition.swagger.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "          x-ms-visibilty: advanced\n",
        "          x-ms-visibilty: advanced\n          x-connlint-ignore: [unknown-extension]\n",
    );
    std::fs::write(&path, text).unwrap();
    let output = connlint(&["check", "Notes", "--no-config", "--format", "compact"], tmp.path());
    let out = stdout(&output);
    assert!(!out.contains("[unknown-extension]"), "{out}");
    assert!(!out.contains("[unused-suppression]"), "{out}");
    assert!(out.contains("[spec-value-not-allowed]"), "{out}");
}

#[test]
fn folders_are_connectors_by_their_swagger_yaml_only() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (path, text) in [
        ("a/apiDefinition.swagger.yaml", "swagger: '2.0'\n"),
        ("b/Other.Swagger.YML", "swagger: '2.0'\n"),
        ("c/openapi.yaml", "swagger: '2.0'\n"),
        ("c/docker-compose.yml", "services: {}\n"),
    ] {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    let output = connlint(&["check", ".", "--no-config", "--format", "compact", "--select", "nonstandard-file-name"], root);
    let lines: Vec<String> =
        stdout(&output).lines().filter(|l| l.contains('[')).map(|l| l.split(": ").next().unwrap().to_string()).collect();
    assert_eq!(lines, ["./a/apiDefinition.swagger.yaml:1:1", "./b/Other.Swagger.YML:1:1"], "{}", stdout(&output));
    // A YAML file named explicitly is linted as the swagger.
    let output = connlint(&["check", "c/openapi.yaml", "--no-config", "--format", "compact", "--select", "nonstandard-file-name"], root);
    assert!(
        stdout(&output).starts_with("c/openapi.yaml:1:1: warning [nonstandard-file-name] the API definition `openapi.yaml` is YAML"),
        "{}",
        stdout(&output)
    );
}
