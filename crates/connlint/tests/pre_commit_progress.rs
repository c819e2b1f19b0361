//! The binary as pre-commit runs it (changed files as arguments, stderr not a terminal): one lint
//! per connector, and no progress bar output.

mod common;
use common::{connlint, repo_root};

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn several_files_of_one_connector_lint_it_once() {
    let output = connlint(
        &[
            "check",
            "--format",
            "compact",
            "testdata/connectors/sample/apiDefinition.swagger.json",
            "testdata/connectors/sample/apiProperties.json",
        ],
        &repo_root(),
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    let missing_id: Vec<_> = stdout.lines().filter(|l| l.contains("[operation-id-missing]")).collect();
    assert_eq!(missing_id, ["testdata/connectors/sample/apiDefinition.swagger.json:15:7: error [operation-id-missing] operation `GET /tasks` has no operationId"]);
    assert!(stdout.ends_with(" in 2 files of 1 connector (1 not strict JSON)\n"), "{stdout}");
}

/// 25 copies of the clean connector: over the progress bar's threshold, so only the missing
/// terminal keeps the bar away.
fn many_clean_connectors() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let clean = repo_root().join("testdata/connectors/clean");
    for i in 0..25 {
        let dir = tmp.path().join(format!("connector-{i:02}"));
        std::fs::create_dir(&dir).unwrap();
        for entry in std::fs::read_dir(&clean).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    tmp
}

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let tmp = many_clean_connectors();
    let output = connlint(&["check", "."], tmp.path());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "");
    assert_eq!(text(&output.stdout), "0 errors, 0 warnings, 0 infos in 75 files of 25 connectors (0 not strict JSON)\n");
}
