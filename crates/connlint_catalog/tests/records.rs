//! Records of connectors that are broken or not in a folder of their own.

mod common;

use connlint_catalog::Catalog;
use std::path::PathBuf;

fn build(paths: &[PathBuf]) -> Catalog {
    Catalog::build(paths, &Default::default()).unwrap()
}

#[test]
fn a_connector_whose_swagger_is_not_json_still_has_a_record() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("certified-connectors/Broken One");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("apiDefinition.swagger.json"), "this is not json {").unwrap();
    std::fs::write(
        dir.join("apiProperties.json"),
        r#"{"properties": {"publisher": "Contoso", "connectionParameters": {"key": {"type": "securestring"}}}}"#,
    )
    .unwrap();
    let catalog = build(&[temp.path().to_path_buf()]);
    assert_eq!(catalog.records.len(), 1);
    let r = &catalog.records[0];
    assert_eq!(r.id, "certified-connectors+broken-one");
    assert_eq!(r.name, "Broken One", "the folder name stands in for the missing title");
    assert_eq!((r.status, r.power_platform.status_source), ("beta", "default"));
    assert_eq!(r.auth_type, "apiKey", "apiProperties.json was readable");
    assert_eq!(r.power_platform.publisher.as_deref(), Some("Contoso"));
    assert_eq!(r.power_platform.profile, "certified");
    assert_eq!(r.power_platform.counts.operations, 0);
    assert_eq!(r.power_platform.files_with_syntax_errors, ["apiDefinition.swagger.json"]);
    assert_eq!(r.power_platform.lint.profile, "certification");
    assert!(r.power_platform.lint.errors > 0);
}

#[test]
fn connectors_in_solutions_and_records_files_get_records_too() {
    let root = common::repo_root();
    let catalog = build(&[root.join("testdata/solutions/exported"), root.join("testdata/records/connectors.json")]);
    let rows: Vec<(&str, &str, &str, &str)> =
        catalog.records.iter().map(|r| (r.id.as_str(), r.name.as_str(), r.auth_type, r.power_platform.path.as_str())).collect();
    assert_eq!(
        rows,
        [
            ("connectors-json+value+0-contoso-notes", "Contoso Notes", "apiKey", "connectors.json#/value/0 (Contoso Notes)"),
            ("connectors-json+value+1-contoso-alerts", "Contoso Alerts", "oauth2", "connectors.json#/value/1 (Contoso Alerts)"),
            ("customizations-xml-contoso-5fnotes", "Contoso Notes", "apiKey", "customizations.xml (contoso_5Fnotes)"),
        ]
    );
    // Not in a folder of Microsoft's layout.
    assert!(catalog.records.iter().all(|r| r.power_platform.profile == "custom"));
}

#[test]
fn two_paths_with_the_same_slug_get_distinct_ids() {
    let temp = tempfile::tempdir().unwrap();
    let clean = common::repo_root().join("testdata/connectors/clean");
    for name in ["HR Cloud", "HR-Cloud", "hr cloud"] {
        let dir = temp.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for file in ["apiDefinition.swagger.json", "apiProperties.json"] {
            std::fs::copy(clean.join(file), dir.join(file)).unwrap();
        }
    }
    let catalog = build(&[temp.path().to_path_buf()]);
    let ids: Vec<(&str, &str)> = catalog.records.iter().map(|r| (r.id.as_str(), r.power_platform.path.as_str())).collect();
    assert_eq!(ids, [("hr-cloud", "HR Cloud"), ("hr-cloud-2", "HR-Cloud"), ("hr-cloud-3", "hr cloud")]);
    assert_eq!(catalog.get("hr-cloud-2").unwrap().power_platform.path, "HR-Cloud");
}
