//! End-to-end: `connlint check` on Power Platform solutions (folders and zips built by the
//! test) and Dataverse records files, with every finding at its exact position.

mod common;
use common::{connlint, repo_root};

use std::io::Write;
use std::path::Path;
use std::process::Output;

/// `rule file:line:column` for every finding of a JSON run, with `root/` removed from paths.
fn findings(output: &Output, root: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)));
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap().replace('\\', "/");
            let file = file.strip_prefix(root).map_or(file.as_str(), |f| f.trim_start_matches('/')).to_string();
            format!("{} {}:{}:{}", d["rule"].as_str().unwrap(), file, d["line"], d["column"])
        })
        .collect()
}

fn zip_folder(dir: &Path, zip_path: &Path) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut pending = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                pending.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    for file in files {
        let relative = file.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        writer.start_file(relative.as_str(), options).unwrap();
        writer.write_all(&std::fs::read(&file).unwrap()).unwrap();
    }
    writer.finish().unwrap();
}

/// What the sample unpacked solution must report, and nothing else.
/// The notes connector and the GetNoteCount custom API are valid: nothing may point at them.
const UNPACKED_FINDINGS: &[&str] = &[
    // `Connectors/contoso_5Fold_openapidefinition.json` belongs to no connector; no connector's
    // name starts its file name, so the finding goes to the first connector's element.
    "solution-file-unreferenced Connectors/contoso_5Falerts.xml:2:2",
    // `alerts-1` is not a GUID.
    "solution-connector-id-invalid Connectors/contoso_5Falerts.xml:3:16",
    // The brand colour and the script operations come from XML elements: connector rules
    // report them on the element's text.
    "icon-brand-color-format Connectors/contoso_5Falerts.xml:6:19",
    "solution-connector-type-invalid Connectors/contoso_5Falerts.xml:8:18",
    "script-operation-unknown Connectors/contoso_5Falerts.xml:9:34",
    // `_connectionparameters.json` is referenced but not in the solution.
    "solution-file-missing Connectors/contoso_5Falerts.xml:11:25",
    // The connector's swagger is linted as any swagger.
    "unknown-extension Connectors/contoso_5Falerts_openapidefinition.json:19:9",
    // `contoso_5Fretired` is a root component without a connector.
    "solution-root-component-missing Other/Solution.xml:10:89",
    // ArchiveNotes: a function enabled for workflow, an `isoptional` on a response property,
    // and an entity name on an EntityCollection response property.
    "custom-api-function-workflow customapis/contoso_ArchiveNotes/customapi.xml:18:27",
    "custom-api-response-optional customapis/contoso_ArchiveNotes/customapiresponseproperties/contoso_ArchiveNotes.Archived/customapiresponseproperty.xml:10:4",
    "custom-api-logical-entity-name customapis/contoso_ArchiveNotes/customapiresponseproperties/contoso_ArchiveNotes.Archived/customapiresponseproperty.xml:11:22",
];

#[test]
fn an_unpacked_solution_is_linted_with_positions_in_its_files() {
    let root = repo_root();
    let output = connlint(&["check", "--format", "json", "testdata/solutions/unpacked"], &root);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(findings(&output, "testdata/solutions/unpacked"), UNPACKED_FINDINGS);
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["summary"]["connectors"], 2, "the solution's own unit is not a connector");
}

#[test]
fn the_same_solution_zipped_reports_the_same_findings_inside_the_archive() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("ContosoConnectors.zip");
    zip_folder(&repo_root().join("testdata/solutions/unpacked"), &zip_path);
    let output = connlint(&["check", "--format", "json", "ContosoConnectors.zip"], tmp.path());
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(findings(&output, "ContosoConnectors.zip!"), UNPACKED_FINDINGS);
    // Human output names the file inside the archive and shows its code frame.
    let human = connlint(&["check", "ContosoConnectors.zip"], tmp.path());
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("[ContosoConnectors.zip!/Connectors/contoso_5Falerts.xml:9:34]"), "{text}");
    assert!(text.contains("<scriptoperations>[\"SendAlert\",\"SendAlerts\"]</scriptoperations>"), "{text}");
    // Nothing was extracted next to the archive.
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["ContosoConnectors.zip"]);
}

#[test]
fn an_exported_solution_folder_and_its_zip_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("export.zip");
    let folder = repo_root().join("testdata/solutions/exported");
    zip_folder(&folder, &zip_path);
    let from_folder = connlint(&["check", "--format", "json", "testdata/solutions/exported"], &repo_root());
    let from_zip = connlint(&["check", "--format", "json", "export.zip"], tmp.path());
    let expected = ["icon-brand-color-format customizations.xml:9:23"];
    assert_eq!(findings(&from_folder, "testdata/solutions/exported"), expected);
    assert_eq!(findings(&from_zip, "export.zip!"), expected);
}

#[test]
fn records_are_linted_with_positions_inside_their_json_strings() {
    let output = connlint(&["check", "--format", "json", "testdata/records/connectors.json"], &repo_root());
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        findings(&output, ""),
        [
            // The second record: `connectortype` 0 is not a custom connector.
            "record-connector-type-not-custom testdata/records/connectors.json:23:24",
            // A missing comma inside its `openapidefinition` string, and a misspelt extension
            // there: positions inside the string, on the record file's line 25.
            "invalid-json testdata/records/connectors.json:25:206",
            "unknown-extension testdata/records/connectors.json:25:496",
            // The swagger and the connection parameters (another string) disagree.
            "security-definition-without-connection-parameter testdata/records/connectors.json:25:1005",
            "oauth-without-security-definition testdata/records/connectors.json:26:116",
            // The Web API returned the OAuth client secret empty.
            "record-secret-emptied testdata/records/connectors.json:26:199",
        ]
    );
    // The human frame shows the record file's line, with the string's escapes.
    let human = connlint(&["check", "testdata/records/connectors.json"], &repo_root());
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("[testdata/records/connectors.json:25:206]"), "{text}");
}

#[test]
fn a_broken_zip_and_a_zip_bomb_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("broken.zip"), b"PK\x03\x04 not a zip").unwrap();
    let output = connlint(&["check", "--format", "compact", "broken.zip"], tmp.path());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("broken.zip:1:1: error [io-error] cannot read this solution: not a valid zip archive"), "{text}");
    assert_eq!(output.status.code(), Some(2), "nothing could be linted");

    let bomb = tmp.path().join("bomb.zip");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("customizations.xml", options).unwrap();
    writer
        .write_all(b"<ImportExportXml><Connectors><Connector><name>x</name><openapidefinition>/Connector/x_openapidefinition.json</openapidefinition></Connector></Connectors></ImportExportXml>")
        .unwrap();
    writer.start_file("Connector/x_openapidefinition.json", options).unwrap();
    for _ in 0..16 {
        writer.write_all(&vec![b' '; 1 << 20]).unwrap();
    }
    writer.finish().unwrap();
    let output = connlint(&["check", "--format", "compact", "--max-file-size", "1048576", "bomb.zip"], tmp.path());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("bomb.zip!/Connector/x_openapidefinition.json:1:1: error [io-error] this file is 16,777,216 bytes (16.0 MiB), over the 1.0 MiB limit"),
        "{text}"
    );
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 2, "nothing extracted: {names:?}");
}

#[test]
fn walking_a_tree_finds_solutions_zips_and_records_by_content() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("exports")).unwrap();
    zip_folder(&repo_root().join("testdata/solutions/exported"), &root.join("exports/notes.zip"));
    std::fs::write(root.join("exports/unrelated.zip"), b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0").unwrap();
    std::fs::copy(repo_root().join("testdata/records/connectors.json"), root.join("exports/dump.json")).unwrap();
    std::fs::write(root.join("exports/package.json"), b"{\"name\": \"not a record\"}").unwrap();
    let output = connlint(&["check", "--format", "json", "."], root);
    let found = findings(&output, "./");
    assert!(found.contains(&"icon-brand-color-format exports/notes.zip!/customizations.xml:9:23".to_string()), "{found:#?}");
    assert!(found.contains(&"invalid-json exports/dump.json:25:206".to_string()), "{found:#?}");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // One connector in the zip, two records; the unrelated zip and package.json are not linted.
    assert_eq!(summary["summary"]["connectors"], 3);
}

/// Copies `from` (a folder) to `to`.
fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn fix_edits_solution_files_in_place_but_never_records_strings_or_archives() {
    let tmp = tempfile::tempdir().unwrap();
    let solution = tmp.path().join("solution");
    std::fs::create_dir_all(&solution).unwrap();
    copy_folder(&repo_root().join("testdata/solutions/unpacked"), &solution);
    let swagger = solution.join("Connectors/contoso_5Falerts_openapidefinition.json");
    let before = std::fs::read_to_string(&swagger).unwrap();
    connlint(&["check", "--fix", "solution"], tmp.path());
    let after = std::fs::read_to_string(&swagger).unwrap();
    assert_eq!(after, before.replace("\"x-ms-visibilty\"", "\"x-ms-visibility\""));
    assert_ne!(after, before);

    // In a records file the same typo sits inside an escaped string: no fix is offered.
    let records = tmp.path().join("connectors.json");
    std::fs::copy(repo_root().join("testdata/records/connectors.json"), &records).unwrap();
    let before = std::fs::read(&records).unwrap();
    connlint(&["check", "--fix", "connectors.json"], tmp.path());
    assert_eq!(std::fs::read(&records).unwrap(), before);

    // Inside a zip nothing can be written back.
    let zip_path = tmp.path().join("s.zip");
    zip_folder(&repo_root().join("testdata/solutions/unpacked"), &zip_path);
    let before = std::fs::read(&zip_path).unwrap();
    connlint(&["check", "--fix", "s.zip"], tmp.path());
    assert_eq!(std::fs::read(&zip_path).unwrap(), before);
}
