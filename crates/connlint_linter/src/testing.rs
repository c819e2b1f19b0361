//! Test harness for rules: build an in-memory connector, run one rule, get its findings as
//! `file:line:column` strings so tests assert exact positions.

use crate::engine::RuleSet;
use crate::rule::Rule;
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
    lint_connector(connector, &RuleSet::only(rule), false).findings.into_iter().filter(|f| f.rule == rule.meta().id).collect()
}

/// The findings of `rule` as `file:line:column`.
pub fn positions(rule: &'static dyn Rule, connector: TestConnector) -> Vec<String> {
    run(rule, connector).iter().map(|f| format!("{}:{}:{}", f.path.display(), f.line, f.column)).collect()
}

/// The findings of `rule` as `line:column message`, for tests that check the wording too.
pub fn messages(rule: &'static dyn Rule, connector: TestConnector) -> Vec<String> {
    run(rule, connector).iter().map(|f| format!("{}:{} {}", f.line, f.column, f.message)).collect()
}

/// Asserts that `rule` reports nothing.
#[track_caller]
pub fn assert_silent(rule: &'static dyn Rule, connector: TestConnector) {
    let found = messages(rule, connector);
    assert!(found.is_empty(), "expected no findings from `{}`, got {found:#?}", rule.meta().id);
}
