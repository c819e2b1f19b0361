//! Reading Power Platform solutions (folders and .zip files) and Dataverse records files:
//! the units they become, positions mapped back into the real files, and the failure modes
//! (broken archives, zip bombs, entity expansion), with nothing written to disk.

use connlint_core::solution::is_solution_zip;
use connlint_core::{Connector, Container, FileRole, LoadOptions, LoadProblemKind, UnitKind};
use std::io::Write;
use std::path::{Path, PathBuf};

fn testdata(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata").join(relative)
}

/// Every file under `dir`, relative, with `/` separators, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                pending.push(entry.path());
            } else {
                out.push(entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Zips `dir` into `zip_path` the way Power Platform exports solutions (deflate).
fn zip_folder(dir: &Path, zip_path: &Path) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for relative in files_under(dir) {
        writer.start_file(relative.as_str(), options).unwrap();
        writer.write_all(&std::fs::read(dir.join(&relative)).unwrap()).unwrap();
    }
    writer.finish().unwrap();
}

/// A unit as a comparable summary: kind, label and file paths with `root` replaced by `<root>`.
fn summary(units: &[Connector], root: &str) -> Vec<String> {
    units
        .iter()
        .map(|u| {
            let files: Vec<String> = u
                .files
                .iter()
                .map(|f| format!("{:?}={}", f.role, f.source.path().display().to_string().replace(root, "<root>").replace('\\', "/")))
                .collect();
            // A zip's own unit is labelled with the archive's path (without the `!`).
            let label = u.display_name().replace(root, "<root>").replace(root.trim_end_matches('!'), "<root>").replace('\\', "/");
            format!("{:?} {label} [{}] problems={}", u.kind, files.join(", "), u.problems.len())
        })
        .collect()
}

#[test]
fn an_unpacked_solution_becomes_a_solution_unit_and_one_unit_per_connector() {
    let dir = testdata("solutions/unpacked");
    let units = Container::SolutionFolder(dir.clone()).load(LoadOptions::default());
    let root = dir.display().to_string();
    assert_eq!(
        summary(&units, &root),
        [
            "Solution <root> [SolutionXml=<root>/Connectors/contoso_5Falerts.xml, SolutionXml=<root>/Connectors/contoso_5Fnotes.xml, \
             SolutionXml=<root>/Other/Customizations.xml, SolutionXml=<root>/Other/Solution.xml, \
             SolutionXml=<root>/customapis/contoso_ArchiveNotes/customapi.xml, \
             SolutionXml=<root>/customapis/contoso_ArchiveNotes/customapiresponseproperties/contoso_ArchiveNotes.Archived/customapiresponseproperty.xml, \
             SolutionXml=<root>/customapis/contoso_GetNoteCount/customapi.xml, \
             SolutionXml=<root>/customapis/contoso_GetNoteCount/customapirequestparameters/contoso_GetNoteCount.Since/customapirequestparameter.xml, \
             SolutionXml=<root>/customapis/contoso_GetNoteCount/customapiresponseproperties/contoso_GetNoteCount.Count/customapiresponseproperty.xml] problems=0",
            // The alerts connector's connection parameters file does not exist: that is for the
            // solution rules to report; loading just goes without it.
            "Connector <root>/Connectors/contoso_5Falerts.xml [Swagger=<root>/Connectors/contoso_5Falerts_openapidefinition.json, \
             Script=<root>/Connectors/contoso_5Falerts_customcodeblobcontent.csx, \
             ApiProperties=<root>/Connectors/contoso_5Falerts.xml (assembled apiProperties.json)] problems=0",
            "Connector <root>/Connectors/contoso_5Fnotes.xml [Swagger=<root>/Connectors/contoso_5Fnotes_openapidefinition.json, \
             Icon=<root>/Connectors/contoso_5Fnotes_iconblob.Png, \
             ApiProperties=<root>/Connectors/contoso_5Fnotes.xml (assembled apiProperties.json)] problems=0",
        ]
    );
    // The assembled apiProperties.json: connection parameters from their file, the brand
    // colour from the XML; the `null` policy file leaves policies out.
    let notes = &units[2];
    let (_, properties) = notes.file_with_role(FileRole::ApiProperties).unwrap();
    let root = properties.json().unwrap().root.as_ref().unwrap();
    assert!(properties.json().unwrap().is_strict(), "{}", properties.source.text());
    assert_eq!(root.pointer("/properties/iconBrandColor").and_then(|n| n.as_str()), Some("#0f6cbd"));
    assert!(root.pointer("/properties/connectionParameters/api_key/uiDefinition").is_some());
    assert!(root.pointer("/properties/policyTemplateInstances").is_none());
    // The swagger kept its BOM-free text and parses strictly.
    let (_, swagger) = notes.file_with_role(FileRole::Swagger).unwrap();
    assert!(swagger.json().unwrap().is_strict());
    assert_eq!(swagger.source.encoding(), connlint_core::Encoding::Utf8Bom);
}

#[test]
fn a_zip_of_a_solution_reads_like_the_folder_it_was_made_from() {
    let tmp = tempfile::tempdir().unwrap();
    for layout in ["exported", "unpacked"] {
        let dir = testdata(&format!("solutions/{layout}"));
        let zip_path = tmp.path().join(format!("{layout}.zip"));
        zip_folder(&dir, &zip_path);
        assert_eq!(is_solution_zip(&zip_path), Ok(true));
        let from_folder = Container::SolutionFolder(dir.clone()).load(LoadOptions::default());
        let from_zip = Container::SolutionZip(zip_path.clone()).load(LoadOptions::default());
        let folder_summary = summary(&from_folder, &dir.display().to_string());
        let zip_summary = summary(&from_zip, &format!("{}!", zip_path.display()));
        assert_eq!(folder_summary, zip_summary, "{layout}");
        // Files inside the zip are named `archive.zip!/path`.
        let swagger = from_zip[1].file_with_role(FileRole::Swagger).unwrap().1.source.path().display().to_string();
        assert!(swagger.starts_with(&format!("{}!/Connector", zip_path.display())), "{swagger}");
        // Same texts, byte for byte.
        for (a, b) in from_folder.iter().zip(&from_zip) {
            for (fa, fb) in a.files.iter().zip(&b.files) {
                assert_eq!(fa.source.text(), fb.source.text());
            }
        }
    }
}

#[test]
fn an_exported_solution_lists_every_connector_of_customizations_xml() {
    let dir = testdata("solutions/exported");
    let units = Container::SolutionFolder(dir.clone()).load(LoadOptions::default());
    assert_eq!(units.iter().map(|u| u.kind).collect::<Vec<_>>(), [UnitKind::Solution, UnitKind::Connector]);
    let entries = units[0].solution_entries.as_ref().unwrap();
    assert_eq!(entries.layout, connlint_core::SolutionLayout::Exported);
    assert_eq!(
        entries.resolve("customizations.xml", "/Connector/contoso_5Fnotes_openapidefinition.json"),
        Some("Connector/contoso_5Fnotes_openapidefinition.json")
    );
    // References are resolved ignoring case, and unknown ones are None.
    assert_eq!(
        entries.resolve("customizations.xml", "/connector/CONTOSO_5Fnotes_iconblob.png"),
        Some("Connector/contoso_5Fnotes_iconblob.Png")
    );
    assert_eq!(entries.resolve("customizations.xml", "/Connector/missing.json"), None);
}

#[test]
fn a_broken_zip_is_a_clear_load_problem() {
    let tmp = tempfile::tempdir().unwrap();
    // Not a zip at all, and a real zip cut short (its central directory is gone).
    let garbage = tmp.path().join("garbage.zip");
    std::fs::write(&garbage, b"PK\x03\x04 this is not really a zip archive").unwrap();
    let truncated = tmp.path().join("truncated.zip");
    zip_folder(&testdata("solutions/exported"), &truncated);
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    for path in [garbage, truncated] {
        assert!(is_solution_zip(&path).is_err());
        let units = Container::SolutionZip(path.clone()).load(LoadOptions::default());
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].kind, UnitKind::Solution);
        let problem = &units[0].problems[0];
        assert_eq!(problem.path, path);
        match &problem.kind {
            LoadProblemKind::BrokenArchive { error } => assert!(error.contains("zip"), "{error}"),
            other => panic!("expected a broken archive, got {other:?}"),
        }
    }
}

/// A solution zip whose connector swagger inflates to `size` bytes of spaces (a few KiB packed).
fn bomb(path: &Path, size: usize) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("customizations.xml", options).unwrap();
    writer
        .write_all(
            b"<ImportExportXml><Connectors><Connector><name>x</name>\
              <openapidefinition>/Connector/x_openapidefinition.json</openapidefinition></Connector></Connectors></ImportExportXml>",
        )
        .unwrap();
    writer.start_file("Connector/x_openapidefinition.json", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..size / chunk.len() {
        writer.write_all(&chunk).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size_without_inflating_it() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bomb.zip");
    bomb(&path, 64 << 20);
    assert!(std::fs::metadata(&path).unwrap().len() < 1 << 20, "the bomb is small on disk");
    let options = LoadOptions { max_file_size: 1 << 20 };
    let units = Container::SolutionZip(path.clone()).load(options);
    assert_eq!(units.len(), 2);
    let connector = &units[1];
    assert!(connector.file_with_role(FileRole::Swagger).is_none());
    assert_eq!(connector.problems.len(), 1);
    assert_eq!(connector.problems[0].kind, LoadProblemKind::TooLarge { size: 64 << 20, limit: 1 << 20 });
    assert_eq!(connector.problems[0].path, PathBuf::from(format!("{}!/Connector/x_openapidefinition.json", path.display())));
}

#[test]
fn a_zip_whose_headers_understate_the_size_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("liar.zip");
    bomb(&path, 4 << 20);
    // Rewrite the swagger's uncompressed size to 100 bytes in its local header and in the
    // central directory, as a hostile archive would.
    let mut bytes = std::fs::read(&path).unwrap();
    let name = b"Connector/x_openapidefinition.json";
    let mut patched = 0;
    for i in 0..bytes.len().saturating_sub(46) {
        let local = bytes[i..].starts_with(b"PK\x03\x04") && bytes[i + 30..].starts_with(name);
        let central = bytes[i..].starts_with(b"PK\x01\x02") && bytes[i + 46..].starts_with(name);
        let at = if local {
            i + 22
        } else if central {
            i + 24
        } else {
            continue;
        };
        bytes[at..at + 4].copy_from_slice(&100u32.to_le_bytes());
        patched += 1;
    }
    assert_eq!(patched, 2);
    std::fs::write(&path, bytes).unwrap();
    let units = Container::SolutionZip(path).load(LoadOptions { max_file_size: 1 << 20 });
    let connector = &units[1];
    // The archive reader stops at the declared size and refuses the entry; connlint's own cut
    // at the limit (`take`) is the second line of defence.
    assert!(connector.file_with_role(FileRole::Swagger).is_none());
    match &connector.problems[..] {
        [problem] => match &problem.kind {
            LoadProblemKind::Unreadable { error } => assert!(error.contains("larger than its declared"), "{error}"),
            other => panic!("expected an unreadable entry, got {other:?}"),
        },
        other => panic!("expected one problem, got {other:?}"),
    }
}

#[test]
fn a_doctype_in_solution_xml_is_refused_before_any_entity_expands() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n \
                  <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n]>\n\
                  <ImportExportXml><Connectors><Connector><name>&lol2;</name></Connector></Connectors></ImportExportXml>";
    std::fs::write(dir.join("customizations.xml"), laughs).unwrap();
    std::fs::write(dir.join("solution.xml"), "<ImportExportXml />").unwrap();
    let units = Container::SolutionFolder(dir.to_path_buf()).load(LoadOptions::default());
    assert_eq!(units.len(), 1, "no connector is read from a refused file");
    let customizations = units[0].files.iter().find(|f| f.source.path().ends_with("customizations.xml")).unwrap();
    let error = customizations.xml.as_ref().unwrap().error.as_ref().unwrap();
    assert!(error.message.contains("document type declaration"), "{}", error.message);
    assert_eq!(customizations.source.position(error.span.start).line, 2);
}

#[test]
fn reading_containers_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("solution.zip");
    zip_folder(&testdata("solutions/unpacked"), &zip_path);
    let bomb_path = tmp.path().join("bomb.zip");
    bomb(&bomb_path, 8 << 20);
    let before = files_under(tmp.path());
    let modified = std::fs::metadata(&zip_path).unwrap().modified().unwrap();
    for container in [
        Container::SolutionZip(zip_path.clone()),
        Container::SolutionZip(bomb_path),
        Container::Records(testdata("records/connectors.json")),
    ] {
        let _ = container.load(LoadOptions { max_file_size: 1 << 20 });
    }
    assert_eq!(files_under(tmp.path()), before);
    assert_eq!(std::fs::metadata(&zip_path).unwrap().modified().unwrap(), modified);
}

#[test]
fn records_become_connectors_whose_positions_are_inside_the_strings() {
    let path = testdata("records/connectors.json");
    let units = Container::Records(path.clone()).load(LoadOptions::default());
    assert_eq!(units.iter().map(|u| u.kind).collect::<Vec<_>>(), [UnitKind::Records, UnitKind::Connector, UnitKind::Connector]);
    assert!(units[1].display_name().ends_with("connectors.json#/value/0 (Contoso Notes)"), "{}", units[1].display_name());
    let record_text = units[0].files[0].source.text();
    // The second record's swagger: find the `SendAlert` operationId in the decoded text and
    // map it back; in the record it sits inside the escaped string.
    let (_, swagger) = units[2].file_with_role(FileRole::Swagger).unwrap();
    let at = swagger.source.text().find("\"SendAlert\"").unwrap() as u32;
    let location = swagger.source.origin().unwrap().locate(connlint_core::Span::new(at, at + 11)).unwrap();
    assert_eq!(location.file.path(), path);
    assert_eq!(&record_text[location.span.range()], "\\\"SendAlert\\\"");
    let position = location.file.position(location.span.start);
    let line = record_text.lines().nth(position.line as usize - 1).unwrap();
    assert!(line.trim_start().starts_with("\"openapidefinition\""), "{line}");
    // The script is decoded from its string too.
    let (_, script) = units[2].file_with_role(FileRole::Script).unwrap();
    assert!(script.source.text().contains("public class Script : ScriptBase\n{"));
}

#[test]
fn a_records_file_that_is_not_json_or_has_no_records_yields_only_its_own_unit() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in
        [("broken.json", "{\"value\": [ {\"openapidefinition\": \"{}\" "), ("empty.json", "{\"value\": []}"), ("array.json", "[1, 2]")]
    {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        let units = Container::Records(path).load(LoadOptions::default());
        assert_eq!(units[0].kind, UnitKind::Records, "{name}");
        let connectors = units.len() - 1;
        assert_eq!(connectors, usize::from(name == "broken.json"), "{name}: the tolerant reader keeps the broken record");
    }
}
