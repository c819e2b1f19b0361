//! The GitHub Action's script (scripts/action-run.sh), run locally as action.yml runs it: with
//! GitHub's environment variables and the action's inputs set here, and the connlint built by
//! this test run (no network, no install).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SWAGGER_WITH_ERROR: &str = r#"{"swagger": "2.0", "info": {"title": "Demo", "description": "A demo connector", "version": "1.0"},
  "host": "api.example.com", "basePath": "/", "schemes": ["https"],
  "paths": {"/items": {"get": {"summary": "List items", "description": "Lists", "operationId": "ListItems",
    "parameters": [{"name": "q", "in": "query", "type": "string", "x-ms-visibility": "Advanced"}],
    "responses": {"200": {"description": "OK"}}}}}}
"#;

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Run {
    output: Output,
    github_output: String,
    step_summary: String,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
}

/// Runs the script in `workspace` with the inputs given as (name, value), `INPUT_` added.
fn run_action(workspace: &Path, inputs: &[(&str, &str)]) -> Run {
    let runner = tempfile::tempdir().unwrap();
    let github_output = runner.path().join("output");
    let step_summary = runner.path().join("summary");
    let mut command = Command::new("bash");
    command
        .arg(repository_root().join("scripts/action-run.sh"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", runner.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", workspace)
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_STEP_SUMMARY", &step_summary)
        .env("RUNNER_TEMP", runner.path())
        .env("CONNLINT_BIN", env!("CARGO_BIN_EXE_connlint"));
    for (name, value) in inputs {
        command.env(format!("INPUT_{name}"), value);
    }
    let output = command.output().unwrap();
    Run {
        output,
        github_output: std::fs::read_to_string(github_output).unwrap_or_default(),
        step_summary: std::fs::read_to_string(step_summary).unwrap_or_default(),
    }
}

fn connector(dir: &Path, swagger: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("apiDefinition.swagger.json"), swagger).unwrap();
}

#[test]
fn findings_become_annotations_outputs_and_sarif() {
    let workspace = tempfile::tempdir().unwrap();
    connector(&workspace.path().join("connectors/demo"), SWAGGER_WITH_ERROR);
    let run = run_action(workspace.path(), &[("PATHS", "connectors"), ("SARIF_FILE", "reports/connlint.sarif"), ("PROFILE", "base")]);
    assert_eq!(run.output.status.code(), Some(1), "{}", run.stdout());
    let stdout = run.stdout();
    let annotation = stdout.lines().find(|l| l.starts_with("::error ")).expect("an error annotation");
    assert!(
        annotation.starts_with(
            "::error file=connectors/demo/apiDefinition.swagger.json,line=4,col=86,endLine=4,endColumn=96,title=connlint (visibility-value)::"
        ),
        "{annotation}"
    );
    assert_eq!(run.github_output, "sarif-file=reports/connlint.sarif\nexit-code=1\n");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(workspace.path().join("reports/connlint.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let rules: Vec<&str> = sarif["runs"][0]["results"].as_array().unwrap().iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert!(rules.contains(&"visibility-value"), "{rules:?}");
    assert!(run.step_summary.starts_with("### connlint\n\n1 error, "), "{}", run.step_summary);
}

#[test]
fn fail_on_decides_the_exit_code() {
    let workspace = tempfile::tempdir().unwrap();
    let fixed = SWAGGER_WITH_ERROR.replace("Advanced", "advanced");
    connector(&workspace.path().join("demo"), &fixed);
    // Only warnings are left (no icon): they fail with fail-on warning, not by default.
    let run = run_action(workspace.path(), &[("PROFILE", "base")]);
    assert_eq!(run.output.status.code(), Some(0), "{}", run.stdout());
    assert!(run.stdout().contains("::warning file=demo/apiDefinition.swagger.json"), "{}", run.stdout());
    assert_eq!(run.github_output, "exit-code=0\n");
    let run = run_action(workspace.path(), &[("PROFILE", "base"), ("FAIL_ON", "warning")]);
    assert_eq!(run.output.status.code(), Some(1));
    // A wrong input is a usage error.
    let run = run_action(workspace.path(), &[("FAIL_ON", "sometimes")]);
    assert_eq!(run.output.status.code(), Some(2));
    assert_eq!(run.github_output, "exit-code=2\n");
}

#[test]
fn changed_since_lints_only_the_changed_connectors() {
    let workspace = tempfile::tempdir().unwrap();
    let root = workspace.path();
    connector(&root.join("a"), SWAGGER_WITH_ERROR);
    connector(&root.join("b"), SWAGGER_WITH_ERROR);
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "two connectors"]);
    std::fs::write(root.join("b/apiDefinition.swagger.json"), SWAGGER_WITH_ERROR.replace("Lists", "Lists all")).unwrap();
    let run = run_action(root, &[("PATHS", "a\nb"), ("CHANGED_SINCE", "HEAD"), ("PROFILE", "base")]);
    assert_eq!(run.output.status.code(), Some(1), "{}", run.stdout());
    let stdout = run.stdout();
    let files: Vec<&str> = stdout.lines().filter_map(|l| l.split("file=").nth(1)?.split(',').next()).collect();
    assert!(!files.is_empty() && files.iter().all(|f| f.starts_with("b/")), "{files:?}");
}

#[test]
fn the_action_passes_every_input_to_the_script() {
    let action = std::fs::read_to_string(repository_root().join("action.yml")).unwrap();
    let script = std::fs::read_to_string(repository_root().join("scripts/action-run.sh")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains("bash \"${{ github.action_path }}/scripts/action-run.sh\""));
    assert!(action.contains("cargo install --locked connlint --version \"${{ inputs.version }}\""));
    assert!(action.contains("key: connlint-${{ runner.os }}-${{ runner.arch }}-${{ inputs.version }}"));
    for input in ["paths", "profile", "fail-on", "sarif-file", "changed-since"] {
        let variable = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        assert!(action.contains(&format!("\n  {input}:\n")), "action.yml declares `{input}`");
        assert!(action.contains(&format!("{variable}: ${{{{ inputs.{input} }}}}")), "action.yml passes `{input}` as {variable}");
        assert!(script.contains(&variable), "the script reads {variable}");
    }
}
