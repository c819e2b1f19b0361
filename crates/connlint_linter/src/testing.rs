//! Test harness for rules: build an in-memory connector, run one rule, get its findings as
//! `file:line:column` strings so tests assert exact positions.

use crate::rule::Rule;
use crate::rule_set::RuleSet;
use crate::{lint_connector, Finding};
use connlint_core::{Connector, FileRole};
use std::path::PathBuf;

/// An in-memory connector under construction.
#[derive(Default)]
pub struct TestConnector {
    files: Vec<(FileRole, PathBuf, Vec<u8>)>,
}

/// A connector with just this `apiDefinition.swagger.json`.
pub fn swagger(text: &str) -> TestConnector {
    TestConnector::default().file(FileRole::Swagger, "apiDefinition.swagger.json", text.as_bytes())
}

/// A connector whose swagger is the input `text` named `name` (`openapi.yaml`, `collection.json`):
/// an OpenAPI 3 description or a Postman collection is converted as `check` converts it.
pub fn converted(name: &str, text: &str) -> TestConnector {
    TestConnector::default().file(FileRole::Swagger, name, text.as_bytes())
}

/// A connector with just this `apiProperties.json`.
pub fn api_properties(text: &str) -> TestConnector {
    TestConnector::default().file(FileRole::ApiProperties, "apiProperties.json", text.as_bytes())
}

impl TestConnector {
    pub fn file(mut self, role: FileRole, name: &str, bytes: &[u8]) -> Self {
        self.files.push((role, PathBuf::from(name), bytes.to_vec()));
        self
    }

    pub fn with_api_properties(self, text: &str) -> Self {
        self.file(FileRole::ApiProperties, "apiProperties.json", text.as_bytes())
    }

    pub fn with_settings(self, text: &str) -> Self {
        self.file(FileRole::Settings, "settings.json", text.as_bytes())
    }

    pub fn with_script(self, text: &str) -> Self {
        self.file(FileRole::Script, "script.csx", text.as_bytes())
    }

    pub fn build(self) -> Connector {
        Connector::from_memory(self.files)
    }
}

/// Runs only `rule` on the connector; returns its findings.
pub fn run(rule: &'static dyn Rule, connector: TestConnector) -> Vec<Finding> {
    run_on(rule, &connector.build())
}

/// Runs only `rule` on an already built connector (for load problems).
pub fn run_on(rule: &'static dyn Rule, connector: &Connector) -> Vec<Finding> {
    let findings: Vec<Finding> =
        lint_connector(connector, &RuleSet::only(rule), false).findings.into_iter().filter(|f| f.rule == rule.meta().id).collect();
    let meta = rule.meta();
    assert!(
        meta.fix != crate::fix::FixAvailability::None || findings.iter().all(|f| f.fix.is_none()),
        "`{}` attaches fixes: declare `fix: Sometimes` (or `Always`) in its `declare_rule!`",
        meta.id
    );
    if meta.fix == crate::fix::FixAvailability::Always {
        assert!(findings.iter().all(|f| f.fix.is_some()), "`{}` declares `fix: Always` but a finding has no fix", meta.id);
    }
    findings
}

/// The text of the connector's first file after the fixes that `rule` attaches to its findings
/// there are applied (safe and unsafe alike).
pub fn fixed(rule: &'static dyn Rule, connector: TestConnector) -> String {
    let (_, path, bytes) = connector.files.first().cloned().expect("a file");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let findings = run(rule, connector);
    let fixes: Vec<&crate::fix::Fix> = findings.iter().filter(|f| f.path == path).filter_map(|f| f.fix.as_ref()).collect();
    crate::fix::apply(&text, &fixes).0
}

/// Asserts that `rule` reports something on `text` (the swagger or apiProperties.json as
/// `build` makes it), that its fixes turn the text into `expected`, and that `rule` reports
/// nothing on the fixed text.
#[track_caller]
pub fn assert_fixed(rule: &'static dyn Rule, build: fn(&str) -> TestConnector, text: &str, expected: &str) {
    assert!(!run(rule, build(text)).is_empty(), "the fixture must have findings");
    let after = fixed(rule, build(text));
    assert_eq!(after, expected);
    assert_silent(rule, build(&after));
}

/// The findings of `rule` as `file:line:column`.
pub fn positions(rule: &'static dyn Rule, connector: TestConnector) -> Vec<String> {
    run(rule, connector).iter().map(|f| format!("{}:{}:{}", f.path.display(), f.line, f.column)).collect()
}

/// The findings of `rule` as `line:column message`, for tests that check the wording too.
pub fn messages(rule: &'static dyn Rule, connector: TestConnector) -> Vec<String> {
    run(rule, connector).iter().map(|f| format!("{}:{} {}", f.line, f.column, f.message)).collect()
}

/// The related places of `findings` as `line:column -> file:line:column message`.
pub fn related(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .flat_map(|f| {
            f.related.iter().map(move |r| format!("{}:{} -> {}:{}:{} {}", f.line, f.column, r.path.display(), r.line, r.column, r.message))
        })
        .collect()
}

/// Asserts that `rule` reports nothing.
#[track_caller]
pub fn assert_silent(rule: &'static dyn Rule, connector: TestConnector) {
    let found = messages(rule, connector);
    assert!(found.is_empty(), "expected no findings from `{}`, got {found:#?}", rule.meta().id);
}

/// A solution folder or a records file, written to a temporary folder so that it is read the
/// way `connlint check` reads it. Paths in findings are relative to that folder.
pub struct TestContainer {
    dir: tempfile::TempDir,
    container: connlint_core::Container,
}

/// A solution folder holding `files` (relative paths with `/`, and their text).
pub fn solution_folder(files: &[(&str, &str)]) -> TestContainer {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (relative, text) in files {
        let path = dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(&path, text).expect("write fixture");
    }
    let container = connlint_core::Container::SolutionFolder(dir.path().to_path_buf());
    TestContainer { dir, container }
}

/// A records file (`connectors.json`) with this text.
pub fn records(text: &str) -> TestContainer {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("connectors.json");
    std::fs::write(&path, text).expect("write fixture");
    TestContainer { dir, container: connlint_core::Container::Records(path) }
}

impl TestContainer {
    /// Runs only `rule` on every unit of the container.
    pub fn run(&self, rule: &'static dyn Rule) -> Vec<Finding> {
        let units = self.container.load(connlint_core::LoadOptions::default());
        let mut findings: Vec<Finding> = units.iter().flat_map(|unit| run_on(rule, unit)).collect();
        for finding in &mut findings {
            if let Ok(relative) = finding.path.strip_prefix(self.dir.path()) {
                finding.path = relative.to_path_buf();
            }
            for label in &mut finding.related {
                if let Ok(relative) = label.path.strip_prefix(self.dir.path()) {
                    label.path = relative.to_path_buf();
                }
            }
        }
        findings
    }

    /// The findings of `rule` as `file:line:column`.
    pub fn positions(&self, rule: &'static dyn Rule) -> Vec<String> {
        self.run(rule).iter().map(|f| format!("{}:{}:{}", f.path.display(), f.line, f.column)).collect()
    }

    /// The findings of `rule` as `file:line:column message`.
    pub fn messages(&self, rule: &'static dyn Rule) -> Vec<String> {
        self.run(rule).iter().map(|f| format!("{}:{}:{} {}", f.path.display(), f.line, f.column, f.message)).collect()
    }

    #[track_caller]
    pub fn assert_silent(&self, rule: &'static dyn Rule) {
        let found = self.messages(rule);
        assert!(found.is_empty(), "expected no findings from `{}`, got {found:#?}", rule.meta().id);
    }
}
