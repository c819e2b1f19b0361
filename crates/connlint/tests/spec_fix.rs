//! `--fix` on Swagger 2.0 values that differ from an allowed one only in case.

mod common;
use common::connlint;

use std::path::Path;

#[test]
fn fix_corrects_case_only_enum_values_and_leaves_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/connectors/spec-mistakes/apiDefinition.swagger.json");
    std::fs::create_dir(tmp.path().join("Spec")).unwrap();
    let swagger = tmp.path().join("Spec/apiDefinition.swagger.json");
    let before = std::fs::read_to_string(&fixture).unwrap();
    std::fs::write(&swagger, &before).unwrap();

    let output = connlint(&["check", "Spec", "--fix", "--format", "compact", "--select", "spec"], tmp.path());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "fixed 3 findings in 1 file\n");
    let after = std::fs::read_to_string(&swagger).unwrap();
    assert_eq!(
        after,
        before
            .replace(r#""in": "Query""#, r#""in": "query""#)
            .replacen(r#""type": "Integer", "x-ms-summary": "Count""#, r#""type": "integer", "x-ms-summary": "Count""#, 1)
            .replace(r#"{"X-Rate": {"type": "Integer""#, r#"{"X-Rate": {"type": "integer""#)
    );
    // What needs a judgement (`str`, `datetime`, `text`) is reported, not changed.
    let left: Vec<&str> = std::str::from_utf8(&output.stdout).unwrap().lines().filter(|l| l.contains("[spec-value-not-allowed]")).collect();
    assert_eq!(left.len(), 6, "{left:#?}");
    assert!(left.iter().all(|l| !l.contains("`Query`") && !l.contains("`Integer`")), "{left:#?}");
}
