//! Runs the selected rules over one connector's typed model.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::registry::{self, RULES};
use crate::rule::{Category, Profile, Rule, RuleMeta, Severity, Visit};
use connlint_core::{Connector, ConnectorModel, FileId, Span};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A rule's configured level: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The rules to run on a connector, each with its severity.
#[derive(Clone)]
pub struct RuleSet {
    pub profile: Profile,
    rules: Vec<(&'static dyn Rule, Severity)>,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("profile", &self.profile)
            .field("rules", &self.rules.iter().map(|(r, s)| (r.meta().id, *s)).collect::<Vec<_>>())
            .finish()
    }
}

impl RuleSet {
    /// Every rule of `profile` at its default severity, then `levels` applied in order (later
    /// entries win). A level given for a certification rule turns it on in any profile.
    pub fn new(profile: Profile, levels: &[(&'static RuleMeta, Level)]) -> Self {
        let mut chosen: HashMap<&'static str, Option<Severity>> = HashMap::new();
        for (meta, level) in levels {
            chosen.insert(meta.id, level.severity());
        }
        let rules = RULES
            .iter()
            .filter_map(|rule| {
                let meta = rule.meta();
                let severity = match chosen.get(meta.id) {
                    Some(level) => *level,
                    None if meta.profile <= profile => Some(meta.default_severity),
                    None => None,
                };
                severity.map(|s| (*rule, s))
            })
            .collect();
        Self { profile, rules }
    }

    /// Only `rule`, at its default severity (for tests).
    pub fn only(rule: &'static dyn Rule) -> Self {
        Self { profile: Profile::Certification, rules: vec![(rule, rule.meta().default_severity)] }
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.rules.iter().any(|(r, _)| r.meta().id == id)
    }

    /// The severity `id` runs at, if it runs.
    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.rules.iter().find(|(r, _)| r.meta().id == id).map(|(_, s)| *s)
    }

    /// The rules and their severities, for [`crate::selection::Selection`].
    pub(crate) fn rules_mut(&mut self) -> &mut Vec<(&'static dyn Rule, Severity)> {
        &mut self.rules
    }
}

/// Reported when a rule panics: the other rules' findings are kept.
pub static INTERNAL_ERROR: RuleMeta = RuleMeta {
    id: "internal-error",
    category: Category::Syntax,
    default_severity: Severity::Error,
    profile: Profile::Base,
    ms_names: &[],
    summary: "A rule crashed on this file; please report it",
    docs: "connlint itself failed while checking this connector. The other rules' findings are still reported.\n",
    visits: &[],
};

/// Runs `rules` on `connector`; the result is sorted by file and position and has no duplicates.
pub fn check(connector: &Connector, rules: &RuleSet) -> Vec<Diagnostic> {
    let model = connector.model();
    let mut diagnostics = Vec::new();
    for &(rule, severity) in &rules.rules {
        let meta = rule.meta();
        let mut cx = Context { model: &model, profile: rules.profile, rule: meta, severity, diagnostics: &mut diagnostics };
        let outcome = catch_unwind(AssertUnwindSafe(|| run_rule(rule, &model, &mut cx)));
        if let Err(payload) = outcome {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            diagnostics.push(Diagnostic {
                rule: &INTERNAL_ERROR,
                severity: Severity::Error,
                file: FileId(0),
                span: Span::empty(0),
                message: format!("rule `{}` crashed on this connector: {what}", meta.id),
                help: Some("this is a bug in connlint; the other rules ran normally".into()),
            });
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.file, a.span.start, a.rule.id, &a.message, a.span.end).cmp(&(b.file, b.span.start, b.rule.id, &b.message, b.span.end))
    });
    diagnostics.dedup_by(|a, b| a.file == b.file && a.span == b.span && a.rule.id == b.rule.id && a.message == b.message);
    diagnostics
}

fn run_rule(rule: &dyn Rule, model: &ConnectorModel<'_>, cx: &mut Context<'_, '_>) {
    let meta = rule.meta();
    if meta.visits(Visit::Connector) {
        rule.check_connector(cx);
    }
    let Some(swagger) = model.swagger.as_ref() else { return };
    if meta.visits(Visit::Operation) {
        for op in &swagger.operations {
            rule.check_operation(op, cx);
        }
    }
    if meta.visits(Visit::Parameter) {
        for path in &swagger.paths {
            for p in &path.parameters {
                rule.check_parameter(p, None, cx);
            }
        }
        for op in &swagger.operations {
            for p in &op.parameters {
                rule.check_parameter(p, Some(op), cx);
            }
        }
    }
    if meta.visits(Visit::Schema) {
        swagger.visit_schemas(|schema| rule.check_schema(schema, cx));
    }
}

/// Looks up a rule by id.
pub fn rule_by_id(id: &str) -> Option<&'static dyn Rule> {
    registry::RULES.iter().copied().find(|r| r.meta().id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declare_rule;
    use crate::testing::swagger;

    declare_rule! {
        /// ## What it does
        /// Crashes, to test the engine.
        /// ## Why is this bad?
        /// It is not.
        /// ## Example
        /// None.
        pub AlwaysPanics {
            id: "always-panics",
            category: Syntax,
            severity: Error,
            profile: Base,
            ms_names: [],
            summary: "Test rule",
            visits: [Connector],
        }
    }

    impl Rule for AlwaysPanics {
        fn check_connector(&self, cx: &mut Context<'_, '_>) {
            cx.report_swagger(Span::empty(0), "reported before the crash");
            panic!("boom");
        }
    }

    #[test]
    fn a_panicking_rule_becomes_an_internal_error_and_keeps_other_findings() {
        let connector = swagger("{}").build();
        let diagnostics = check(&connector, &RuleSet::only(&AlwaysPanics));
        let ids: Vec<_> = diagnostics.iter().map(|d| (d.rule.id, d.message.as_str())).collect();
        assert_eq!(
            ids,
            [("always-panics", "reported before the crash"), ("internal-error", "rule `always-panics` crashed on this connector: boom")]
        );
    }

    #[test]
    fn profiles_and_levels_select_rules() {
        let base = RuleSet::new(Profile::Base, &[]);
        assert!(RULES.iter().filter(|r| r.meta().profile == Profile::Base).all(|r| base.contains(r.meta().id)));
        let invalid_json = rule_by_id("invalid-json").unwrap().meta();
        let without = RuleSet::new(Profile::Base, &[(invalid_json, Level::Off)]);
        assert!(!without.contains("invalid-json"));
        assert_eq!(without.len(), base.len() - 1);
    }
}
