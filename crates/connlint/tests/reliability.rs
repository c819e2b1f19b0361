//! The `connlint` binary under failure: exit codes when files cannot be read, oversized files,
//! a crashing rule, and a run that must leave the checked tree untouched.

mod common;
use common::{connlint, repo_root};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn rules_of(value: &serde_json::Value) -> Vec<String> {
    value["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap().to_string()).collect()
}

/// A tree with the clean connector and a connector whose swagger is a folder.
fn clean_and_broken() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let clean = repo_root().join("testdata/connectors/clean");
    std::fs::create_dir_all(tmp.path().join("clean")).unwrap();
    for name in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(clean.join(name), tmp.path().join("clean").join(name)).unwrap();
    }
    std::fs::create_dir_all(tmp.path().join("broken/apiDefinition.swagger.json")).unwrap();
    std::fs::copy(clean.join("apiProperties.json"), tmp.path().join("broken/apiProperties.json")).unwrap();
    tmp
}

/// A file that cannot be read among others is an error finding (exit 1), even with
/// `--exit-zero`; `--fail-on-io-error` makes it exit 2.
#[test]
fn unreadable_file_among_others_exits_one_or_two_when_asked() {
    let tmp = clean_and_broken();
    let output = connlint(&["check", ".", "--format", "json", "--no-config"], tmp.path());
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let value = json(&output);
    let io: Vec<_> = value["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == "io-error").collect();
    assert_eq!(io.len(), 1, "{value:#}");
    assert_eq!(io[0]["file"], "./broken/apiDefinition.swagger.json");
    assert_eq!(io[0]["message"], "cannot read this file: it is a folder, not a file");
    assert_eq!(value["summary"]["connectors"], 2);
    assert_eq!(connlint(&["check", ".", "--no-config", "--exit-zero"], tmp.path()).status.code(), Some(1));
    assert_eq!(connlint(&["check", ".", "--no-config", "--fail-on-io-error"], tmp.path()).status.code(), Some(2));
    // Only the clean connector: nothing wrong.
    assert_eq!(connlint(&["check", "clean", "--no-config", "--fail-on-io-error"], tmp.path()).status.code(), Some(0));
}

/// Exit code 2 when nothing could be linted: every connector's files failed, or every path.
#[test]
fn nothing_linted_exits_two() {
    let tmp = clean_and_broken();
    std::fs::remove_file(tmp.path().join("broken/apiProperties.json")).unwrap();
    let output = connlint(&["check", "broken", "--no-config"], tmp.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("it is a folder, not a file"));
    // A missing path beside a good one is reported and counts as an error; alone it is exit 2.
    let output = connlint(&["check", "clean", "missing", "--no-config"], tmp.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing: no such file or directory"));
    assert_eq!(connlint(&["check", "missing", "--no-config"], tmp.path()).status.code(), Some(2));
}

/// A 200 MB swagger (sparse, so the test is cheap) is refused with a clear message.
#[test]
fn oversized_swagger_is_refused_clearly() {
    let tmp = clean_and_broken();
    let big = tmp.path().join("clean/apiDefinition.swagger.json");
    std::fs::File::options().write(true).open(&big).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let output = connlint(&["check", "clean", "--no-config", "--color", "never"], tmp.path());
    assert_eq!(output.status.code(), Some(1), "the apiProperties.json was still linted");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("this file is 209,715,200 bytes (200.0 MiB), over the 64.0 MiB limit, so it was not read"), "{text}");
    assert!(text.contains("raise the limit with `--max-file-size`"), "{text}");
    // The limit is the command line's: a 2 KiB file is refused under a 1,000-byte limit.
    std::fs::File::options().write(true).open(&big).unwrap().set_len(2048).unwrap();
    let output = connlint(&["check", "clean", "--no-config", "--max-file-size", "1000", "--format", "json"], tmp.path());
    let value = json(&output);
    let io: Vec<_> = value["diagnostics"].as_array().unwrap().iter().filter(|d| d["rule"] == "io-error").collect();
    assert_eq!(io[0]["message"], "this file is 2,048 bytes (2.0 KiB), over the 1,000 bytes limit, so it was not read");
    let raised = connlint(&["check", "clean", "--no-config", "--max-file-size", "4096", "--format", "json"], tmp.path());
    // With the limit raised the file is read: 2 KiB of NUL bytes is not JSON.
    assert!(rules_of(&json(&raised)).contains(&"invalid-json".to_string()));
}

/// A rule that crashes gives an `internal-error` on the connector's swagger that names the
/// rule, and a non-zero exit code. The crash is injected with a debug-build-only variable.
#[test]
fn internal_error_names_the_rule_and_file_and_fails_the_run() {
    if !cfg!(debug_assertions) {
        eprintln!("skipping: CONNLINT_DEBUG_PANIC_RULE exists in debug builds only");
        return;
    }
    let root = repo_root();
    let output = Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args(["check", "testdata/connectors/clean", "--format", "json", "--no-config"])
        .current_dir(&root)
        .env("CONNLINT_DEBUG_PANIC_RULE", "operation-id-missing")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value = json(&output);
    let diagnostics = value["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{value:#}");
    let d = &diagnostics[0];
    assert_eq!(d["rule"], "internal-error");
    assert_eq!(d["file"], "testdata/connectors/clean/apiDefinition.swagger.json");
    assert_eq!(
        d["message"],
        "rule `operation-id-missing` crashed on this connector: CONNLINT_DEBUG_PANIC_RULE asked `operation-id-missing` to panic"
    );
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(1)));
}

/// Every file's bytes, length and modification time, and every folder, under `root`.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, u64, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let bytes = if meta.is_file() { std::fs::read(&path).unwrap() } else { Vec::new() };
            if meta.is_dir() {
                dirs.push(path.clone());
            }
            out.insert(path.strip_prefix(root).unwrap().to_path_buf(), (bytes, meta.len(), meta.modified().unwrap()));
        }
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A normal run writes nothing: the checked tree (a copy of testdata/) is byte-identical
/// afterwards, with the same modification times and no new files.
#[test]
fn check_leaves_the_tree_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo_root().join("testdata"), tmp.path());
    let before = snapshot(tmp.path());
    assert!(before.keys().any(|p| p.ends_with("sample/apiDefinition.swagger.json")));
    for args in [
        &["check", "."][..],
        &["check", ".", "--format", "json"],
        &["check", "connectors/sample", "--profile", "certification"],
        &["check", "--api-def", "connectors/sample/apiDefinition.swagger.json", "--api-prop", "connectors/sample/apiProperties.json"],
    ] {
        let output = connlint(args, tmp.path());
        assert!(matches!(output.status.code(), Some(0 | 1)), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(snapshot(tmp.path()), before);
}
