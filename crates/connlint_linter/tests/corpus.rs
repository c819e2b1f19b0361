//! Lints Microsoft's public connector repository (../shared/corpus, never copied here) and checks
//! what the foundation promises: no crash, every broken file reported at its first error, the
//! Latin-1 file read and linted, the non-standard file names found.

mod common;
use common::corpus;

use connlint_core::{Connector, FileRole, LoadOptions};
use connlint_linter::{lint_paths, LintOptions, Report};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

fn report() -> Option<&'static Report> {
    static REPORT: OnceLock<Option<Report>> = OnceLock::new();
    REPORT.get_or_init(|| corpus().map(|c| lint_paths(&[c], &LintOptions::default()).expect("no configuration problems"))).as_ref()
}

fn relative(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.split_once("PowerPlatformConnectors/").map_or(text.clone(), |(_, rest)| rest.to_string())
}

#[test]
fn whole_corpus_lints_without_crash_or_io_error() {
    let Some(report) = report() else { return };
    assert_eq!(report.connectors.len(), 1035, "1,033 connectors and 2 templates");
    assert!(report.input_errors.is_empty(), "{:?}", report.input_errors);
    let crashes: Vec<_> = report.findings().filter(|f| f.rule == "internal-error" || f.rule == "io-error").collect();
    assert!(crashes.is_empty(), "{crashes:#?}");
    assert_eq!(report.summary().parse_failures, 19);
}

#[test]
fn every_swagger_and_api_properties_file_is_read() {
    let Some(root) = corpus() else { return };
    let (targets, errors) = connlint_linter::discover(&[root]);
    assert!(errors.is_empty());
    let json_files: usize =
        targets.iter().map(|t| usize::from(t.paths.swagger.is_some()) + usize::from(t.paths.api_properties.is_some())).sum();
    assert_eq!(json_files, 2070);
}

/// The first `invalid-json` finding of each file that is not strict JSON. Positions checked
/// against Python's `json` module: the same place, except that for a trailing comma connlint
/// points at the comma while Python points at the bracket after it.
const FIRST_SYNTAX_ERRORS: &[(&str, u32, u32)] = &[
    ("certified-connectors/Cireson Service Manager Portal/apiDefinition.swagger.json", 53, 45),
    ("certified-connectors/CognitiveServicesTextAnalytics/apiDefinition.swagger.json", 276, 6),
    ("certified-connectors/DocuMotor/apiDefinition.swagger.json", 47, 30),
    ("certified-connectors/DocuSignDemo/apiDefinition.swagger.json", 1635, 12),
    ("certified-connectors/Easyvista_Service._Manager/apiDefinition.swagger.json", 3819, 47),
    ("certified-connectors/IN-D Invoice Data Capture/apiDefinition.swagger.json", 51, 13),
    ("certified-connectors/PUG Gamified Engagement/apiDefinition.swagger.json", 733, 6),
    ("certified-connectors/Plumsail Documents/apiDefinition.swagger.json", 1299, 14),
    ("certified-connectors/Revizto (Ireland)/apiDefinition.swagger.json", 980, 50),
    ("certified-connectors/Shopranos/apiProperties.json", 22, 4),
    ("certified-connectors/SigningHub/apiProperties.json", 24, 13),
    ("certified-connectors/ZohoSign/apiDefinition.swagger.json", 14, 1),
    ("certified-connectors/envoy/apiDefinition.swagger.json", 2197, 58),
    ("certified-connectors/gofileroom/apiProperties.json", 91, 1),
    ("independent-publisher-connectors/AccuWeather/apiDefinition.swagger.json", 9, 7),
    ("independent-publisher-connectors/GIPHY/apiDefinition.swagger.json", 810, 13),
    ("independent-publisher-connectors/Icon Horse/apiDefinition.swagger.json", 55, 42),
    ("independent-publisher-connectors/StabilityAI/apiDefinition.swagger.json", 16, 3),
    ("independent-publisher-connectors/XSOAR/apiDefinition.swagger.json", 10, 7),
];

#[test]
fn each_broken_file_is_reported_at_its_first_error() {
    let Some(report) = report() else { return };
    let mut first: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for f in report.findings().filter(|f| f.rule == "invalid-json") {
        first.entry(relative(&f.path)).or_insert((f.line, f.column));
    }
    let expected: BTreeMap<String, (u32, u32)> = FIRST_SYNTAX_ERRORS.iter().map(|(p, l, c)| (p.to_string(), (*l, *c))).collect();
    assert_eq!(first, expected);
    let swaggers = FIRST_SYNTAX_ERRORS.iter().filter(|(p, ..)| p.ends_with("swagger.json")).count();
    assert_eq!((swaggers, FIRST_SYNTAX_ERRORS.len() - swaggers), (16, 3));
}

/// Operations recovered from each broken swagger. All are recovered except in
/// CognitiveServicesTextAnalytics, where one closing brace too many ends the document early: the
/// four operations after it land outside `paths` (and the error is reported where the document
/// ends, which is where a strict reader notices it).
const RECOVERED_OPERATIONS: &[(&str, usize)] = &[
    ("certified-connectors/Cireson Service Manager Portal", 18),
    ("certified-connectors/CognitiveServicesTextAnalytics", 5),
    ("certified-connectors/DocuMotor", 1),
    ("certified-connectors/DocuSignDemo", 73),
    ("certified-connectors/Easyvista_Service._Manager", 82),
    ("certified-connectors/IN-D Invoice Data Capture", 1),
    ("certified-connectors/PUG Gamified Engagement", 13),
    ("certified-connectors/Plumsail Documents", 39),
    ("certified-connectors/Revizto (Ireland)", 6),
    ("certified-connectors/ZohoSign", 18),
    ("certified-connectors/envoy", 12),
    ("independent-publisher-connectors/AccuWeather", 29),
    ("independent-publisher-connectors/GIPHY", 1),
    ("independent-publisher-connectors/Icon Horse", 1),
    ("independent-publisher-connectors/StabilityAI", 9),
    ("independent-publisher-connectors/XSOAR", 1),
];

#[test]
fn broken_files_are_still_linted_where_recovery_allows() {
    let Some(root) = corpus() else { return };
    for (dir, expected) in RECOVERED_OPERATIONS {
        let connector = Connector::load_dir(&root.join(dir), LoadOptions::default());
        let model = connector.model();
        let swagger = model.swagger.as_ref().unwrap_or_else(|| panic!("{dir}: no model"));
        assert_eq!(swagger.operations.len(), *expected, "{dir}");
        assert!(swagger.info.as_ref().and_then(|i| i.title).is_some(), "{dir}: info.title lost");
    }
}

#[test]
fn latin1_swagger_is_reported_and_still_linted() {
    let Some(report) = report() else { return };
    let yelp: Vec<_> =
        report.findings().filter(|f| relative(&f.path) == "independent-publisher-connectors/Yelp/apiDefinition.swagger.json").collect();
    let encoding: Vec<_> = yelp.iter().filter(|f| f.rule == "file-encoding").collect();
    assert_eq!(encoding.len(), 1, "{yelp:#?}");
    let Some(root) = corpus() else { return };
    let connector = Connector::load_dir(&root.join("independent-publisher-connectors/Yelp"), LoadOptions::default());
    let (_, file) = connector.file_with_role(FileRole::Swagger).unwrap();
    assert!(file.json().unwrap().is_strict(), "decoded as Latin-1, the file is valid JSON");
    assert!(connector.model().swagger.unwrap().operations.len() > 5);
}

#[test]
fn nonstandard_swagger_names_are_found_and_reported() {
    let Some(report) = report() else { return };
    let mut named: Vec<String> = report
        .findings()
        .filter(|f| f.rule == "nonstandard-file-name" && f.path.to_string_lossy().to_lowercase().ends_with(".swagger.json"))
        .map(|f| relative(&f.path))
        .collect();
    named.sort();
    assert_eq!(
        named,
        [
            "certified-connectors/MicrosoftGraphSecurity/apidefinition.swagger.json",
            "independent-publisher-connectors/Care Quaility Comission For England/CQC-Connector.swagger.json",
            "independent-publisher-connectors/De Lijn/De-Lijn-Zoek.swagger.json",
            "independent-publisher-connectors/Influenza and Covid-19/apiDefination.swagger.json",
        ]
    );
}
