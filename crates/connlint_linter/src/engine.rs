//! Runs the selected rules over one connector's typed model.

use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::registry::{self, RULES};
use crate::rule::{Category, Profile, Rule, RuleMeta, Severity, Visit};
use connlint_core::{Connector, ConnectorModel, FileId, FileRole, Span};
use rayon::prelude::*;
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
                    None if meta.profile <= profile && !meta.opt_in() => Some(meta.severity_in(profile)),
                    None => None,
                };
                severity.map(|s| (*rule, s))
            })
            .collect();
        Self { profile, rules }
    }

    /// Adds every opt-in rule (see [`RuleMeta::opt_in`]) not already in the set, at its
    /// default severity (`connlint check --schema`).
    pub fn with_opt_in(mut self) -> Self {
        for rule in RULES.iter() {
            let meta = rule.meta();
            if meta.opt_in() && !self.contains(meta.id) {
                self.rules.push((*rule, meta.severity_in(self.profile)));
            }
        }
        self
    }

    /// Only `rule`, at its default severity (for tests).
    pub fn only(rule: &'static dyn Rule) -> Self {
        Self { profile: Profile::Certification, rules: vec![(rule, rule.meta().severity_in(Profile::Certification))] }
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

    /// The rules and their severities.
    pub fn entries(&self) -> &[(&'static dyn Rule, Severity)] {
        &self.rules
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
    certification_severity: None,
    profile: Profile::Base,
    ms_names: &[],
    summary: "A rule crashed on this file; please report it",
    docs: "connlint itself failed while checking this connector. The other rules' findings are still reported.\n",
    visits: &[],
    fix: crate::fix::FixAvailability::None,
};

/// Connectors whose files hold at least this many bytes run their rules on several threads.
const PARALLEL_RULES_FROM: usize = 512 * 1024;

/// Runs `rules` on `connector`; the result is sorted by file and position and has no duplicates.
pub fn check(connector: &Connector, rules: &RuleSet) -> Vec<Diagnostic> {
    let model = connector.model();
    // An internal error points at the swagger (the file every rule looks at), else the first file.
    let crash_file = connector.file_with_role(FileRole::Swagger).map_or(FileId(0), |(id, _)| id);
    // A big connector's rules run in groups on all threads, so that one connector does not keep
    // one core busy while the others wait. The sort below makes the result the same however the
    // rules are grouped.
    let size: usize = connector.files.iter().map(|f| f.source.text().len()).sum();
    let groups = if size >= PARALLEL_RULES_FROM { rayon::current_num_threads().clamp(1, 4) } else { 1 };
    // The facts rules share are computed once, by whichever group needs them first.
    let derived = crate::context::Derived::default();
    let run_group = |group: usize| {
        let mut diagnostics = Vec::new();
        for &(rule, severity) in rules.rules.iter().skip(group).step_by(groups) {
            let meta = rule.meta();
            // `breaking` rules compare two versions; only `connlint diff` runs them.
            if meta.visits.iter().all(|v| *v == Visit::Change) || !meta.category.checks(connector.kind) {
                continue;
            }
            let mut cx =
                Context { model: &model, profile: rules.profile, rule: meta, severity, diagnostics: &mut diagnostics, derived: &derived };
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                debug_panic_hook(meta.id);
                run_rule(rule, &model, &mut cx)
            }));
            if let Err(payload) = outcome {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                diagnostics.push(Diagnostic {
                    rule: &INTERNAL_ERROR,
                    severity: Severity::Error,
                    file: crash_file,
                    span: Span::empty(0),
                    message: format!("rule `{}` crashed on this connector: {what}", meta.id),
                    help: Some("this is a bug in connlint; the other rules ran normally".into()),
                    fix: None,
                    related: Vec::new(),
                });
            }
        }
        diagnostics
    };
    let mut diagnostics = if groups == 1 { run_group(0) } else { (0..groups).into_par_iter().map(run_group).collect::<Vec<_>>().concat() };
    diagnostics.sort_by(|a, b| {
        (a.file, a.span.start, a.rule.id, &a.message, a.span.end).cmp(&(b.file, b.span.start, b.rule.id, &b.message, b.span.end))
    });
    diagnostics.dedup_by(|a, b| a.file == b.file && a.span == b.span && a.rule.id == b.rule.id && a.message == b.message);
    yield_to_dedicated_rules(&mut diagnostics);
    crate::suppression::apply(connector, rules, diagnostics)
}

/// One defect, one finding: a `spec` finding (the Swagger 2.0 schema's generic check) is
/// dropped where another rule reports at the same place, since that rule's finding says more
/// (`host-invalid`, `unknown-property`, `json-type-incorrect` ...). `diagnostics` is sorted by
/// file and start, so the findings at one place are neighbours.
fn yield_to_dedicated_rules(diagnostics: &mut Vec<Diagnostic>) {
    let place = |d: &Diagnostic| (d.file, d.span.start);
    let covered: std::collections::HashSet<(FileId, u32)> =
        diagnostics.iter().filter(|d| d.rule.category != Category::Spec).map(place).collect();
    diagnostics.retain(|d| d.rule.category != Category::Spec || !covered.contains(&place(d)));
}

/// In debug builds only, `CONNLINT_DEBUG_PANIC_RULE=<rule id>` makes that rule panic, so that
/// the command-line tests can check how a crash is reported.
fn debug_panic_hook(id: &str) {
    #[cfg(debug_assertions)]
    {
        static RULE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        if RULE.get_or_init(|| std::env::var("CONNLINT_DEBUG_PANIC_RULE").ok()).as_deref() == Some(id) {
            panic!("CONNLINT_DEBUG_PANIC_RULE asked `{id}` to panic");
        }
    }
    let _ = id;
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
    fn a_big_connector_gets_the_same_findings_with_its_rules_in_parallel_groups() {
        // Over PARALLEL_RULES_FROM bytes (a long description), with findings from many rules.
        let text = format!(
            r#"{{"swagger": "2.0", "info": {{"title": "t", "version": "1", "description": "{}"}},
  "paths": {{"/a/{{id}}": {{"get": {{"parameters": [{{"name": "q", "in": "query", "type": "integer", "default": "x"}}],
    "responses": {{"200": {{"description": "OK"}}}}}}}}}},
  "definitions": {{"D": {{"type": "object", "enum": [1, 1], "example": 3}}, "U": {{}}}}}}"#,
            "long text ".repeat(PARALLEL_RULES_FROM / 10 + 1)
        );
        let connector = swagger(&text).build();
        let rules = RuleSet::new(Profile::Certification, &[]);
        let found = check(&connector, &rules);
        let mut one_by_one: Vec<Diagnostic> =
            rules.entries().iter().flat_map(|(rule, _)| check(&connector, &RuleSet::only(*rule))).collect();
        one_by_one.sort_by(|a, b| (a.file, a.span.start, a.rule.id, &a.message).cmp(&(b.file, b.span.start, b.rule.id, &b.message)));
        yield_to_dedicated_rules(&mut one_by_one);
        let key = |d: &Diagnostic| (d.rule.id, d.span, d.message.clone());
        assert!(found.len() > 10, "{}", found.len());
        assert_eq!(found.iter().map(key).collect::<Vec<_>>(), one_by_one.iter().map(key).collect::<Vec<_>>());
    }

    #[test]
    fn profiles_and_levels_select_rules() {
        let base = RuleSet::new(Profile::Base, &[]);
        assert!(RULES.iter().filter(|r| r.meta().profile == Profile::Base && !r.meta().opt_in()).all(|r| base.contains(r.meta().id)));
        let invalid_json = rule_by_id("invalid-json").unwrap().meta();
        let without = RuleSet::new(Profile::Base, &[(invalid_json, Level::Off)]);
        assert!(!without.contains("invalid-json"));
        assert_eq!(without.len(), base.len() - 1);
    }

    #[test]
    fn opt_in_rules_run_only_when_asked_for() {
        let certification = RuleSet::new(Profile::Certification, &[]);
        assert!(!certification.contains("schema-api-properties"));
        let with = RuleSet::new(Profile::Base, &[]).with_opt_in();
        assert!(with.contains("schema-api-properties") && with.contains("schema-settings"));
        assert_eq!(with.len(), RuleSet::new(Profile::Base, &[]).len() + RULES.iter().filter(|r| r.meta().opt_in()).count());
        let named = RuleSet::new(Profile::Base, &[(rule_by_id("schema-settings").unwrap().meta(), Level::Warning)]);
        assert!(named.contains("schema-settings") && !named.contains("schema-api-properties"));
    }
}
