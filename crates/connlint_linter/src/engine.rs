//! Runs the selected rules over one connector's typed model.

use crate::change::Side;
use crate::context::Context;
use crate::diagnostic::Diagnostic;
use crate::meta::{Category, RuleMeta, Severity, Visit};
use crate::rule::Rule;
use crate::rule_id::RuleId;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{Parameter, SchemaVisit};
use connlint_core::{Connector, ConnectorModel, FileId, FileRole, Span, Syntax};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub use crate::meta::INTERNAL_ERROR;
pub use crate::rule_set::{Level, RuleSet};

/// Connectors whose files hold at least this many bytes run their rules on several threads.
const PARALLEL_RULES_FROM: usize = 512 * 1024;

/// Whether `connector`'s own work is shared out over rayon's threads (its model beside its
/// `spec` walk, its rules, the positioning of its findings, freeing it): when it is big, and is
/// being linted on one of rayon's threads (a single connector; a library caller's parallel
/// iterator), whose idle siblings take the parts from that thread's queue. A thread of its own
/// (`connlint check` over many connectors, each thread with connectors of its own) lints each
/// connector whole: sending the parts into the pool from there and waiting for them left cores
/// idle and cost CPU time (over Microsoft's repository, 2.17× the parse-only floor against
/// 1.99× without, in 15 alternating runs). `connlint check`'s calling thread is one of rayon's,
/// so the big connectors it lints itself are shared out in every round, with the pool's other
/// threads, which have nothing else to do before the last round.
pub(crate) fn spreads(connector: &Connector) -> bool {
    rayon::current_thread_index().is_some() && connector.files.iter().map(|f| f.source.text().len()).sum::<usize>() >= PARALLEL_RULES_FROM
}

/// Runs `rules` on `connector`; the result is sorted by file and position and has no duplicates.
pub fn check(connector: &Connector, rules: &RuleSet) -> Vec<Diagnostic> {
    let spread = spreads(connector);
    // The facts rules share are computed once, by whichever group needs them first (for a big
    // connector, the `spec` walk is done while its model is built).
    let derived = crate::context::Derived::default();
    let model = if spread { model_beside_spec_walk(connector, rules, &derived) } else { connector.model() };
    // An internal error points at the swagger (the file every rule looks at), else the first file.
    let crash_file = connector.file_with_role(FileRole::Swagger).map_or(FileId(0), |(id, _)| id);
    // A big connector's rules run on all threads, so that one connector does not keep one core
    // busy while the others wait: each rule is a group of its own, taken by whichever thread is
    // free. Fixed groups of rules were uneven, since one rule (the `spec` walk) does a large
    // share of the work. The sort in `settle` makes the result the same however the rules are
    // grouped.
    let groups = if spread { rules.entries().len().max(1) } else { 1 };
    // Each rule visits every item it asked for in its turn. One pass calling every rule at each
    // item (while the item is in the cache) was tried, and was no faster over the corpus (1-5%
    // more CPU in alternating runs): each call then has its own panic isolation and context.
    let run_group = |group: usize| {
        let mut diagnostics = Vec::new();
        for &(rule, severity) in rules.entries().iter().skip(group).step_by(groups) {
            let meta = rule.meta();
            // Change rules compare two versions; only `connlint diff` runs them.
            if rule.as_change().is_some() || !meta.category.checks(connector.kind) {
                continue;
            }
            let started = crate::timings::enabled().then(std::time::Instant::now);
            isolated(meta, crash_file, "on this connector", &mut diagnostics, |diagnostics| {
                let mut cx = Context { model: &model, profile: rules.profile, rule: meta, severity, diagnostics, derived: &derived };
                run_rule(rule, &model, &mut cx)
            });
            if let Some(started) = started {
                crate::timings::record(meta.id, started.elapsed());
            }
        }
        diagnostics
    };
    let diagnostics = if groups == 1 {
        run_group(0)
    } else {
        // Beside the rules, the line index of each file, which positions the findings once the
        // rules are done: the first thread to be free takes it.
        let index_lines = || {
            for file in &connector.files {
                let _ = file.source.line_index();
            }
        };
        let (groups, ()) = rayon::join(|| (0..groups).into_par_iter().map(run_group).collect::<Vec<_>>(), index_lines);
        groups.concat()
    };
    settle(connector, diagnostics, rules, true)
}

/// Builds a big connector's model on this thread while another walks the swagger against the
/// Swagger 2.0 schema (the largest of all rules), which needs only the parsed tree: it would
/// otherwise wait for the model (about 0.8 ms for a 1 MB swagger) with the other threads idle,
/// since nothing else can run before it. The walk itself spreads the members of the swagger's
/// large objects (`paths`, `definitions`) over the threads, so that neither side waits long.
fn model_beside_spec_walk<'a>(connector: &'a Connector, rules: &RuleSet, derived: &crate::context::Derived<'a>) -> ConnectorModel<'a> {
    // The tree the model's swagger is built from, so the walk is the one `Context::spec_violations`
    // would make.
    let root = connector.root_of(FileRole::Swagger).map(|(_, root)| root);
    let walk = rules.has_category(Category::Spec);
    let (model, _) = rayon::join(|| connector.model(), || walk.then(|| derived.spec_violations_in_parallel_of(root)));
    model
}

/// Runs `run`, one rule's hooks writing into `diagnostics`. A panic becomes an `internal-error`
/// diagnostic (``rule `id` crashed {during}: ...``) at the start of `crash_file` of the new (or
/// only) version, and the findings of the other rules are kept. Used by [`check`] and by
/// `connlint diff` ([`crate::diff`]).
pub(crate) fn isolated(
    meta: &'static RuleMeta,
    crash_file: FileId,
    during: &str,
    diagnostics: &mut Vec<Diagnostic>,
    run: impl FnOnce(&mut Vec<Diagnostic>),
) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        debug_panic_hook(meta.id);
        run(diagnostics)
    }));
    if let Err(payload) = outcome {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let message = format!("rule `{}` crashed {during}: {what}", meta.id);
        let mut crash = Diagnostic::new(&INTERNAL_ERROR, Severity::Error, crash_file, Span::empty(0), message);
        crash.help("this is a bug in connlint; the other rules ran normally");
        diagnostics.push(crash);
    }
}

/// What every run does with its rules' diagnostics before they are resolved: sorts them (see
/// [`crate::diagnostic::sort`]), drops duplicates and the findings a dedicated rule says better,
/// and applies the `x-connlint-ignore` suppressions of `connector` (the linted connector, or in
/// `connlint diff` the new version). With `report_unused`, suppressions that drop nothing are
/// reported (`connlint check`; a diff sees only the change rules' findings). Fixes in YAML files
/// are dropped: a fix is an edit of JSON text (a quoted string, a member), not safe in YAML.
pub(crate) fn settle(connector: &Connector, mut diagnostics: Vec<Diagnostic>, rules: &RuleSet, report_unused: bool) -> Vec<Diagnostic> {
    crate::diagnostic::sort(&mut diagnostics);
    diagnostics
        .dedup_by(|a, b| a.side == b.side && a.file == b.file && a.span == b.span && a.rule.id == b.rule.id && a.message == b.message);
    yield_to_dedicated_rules(&mut diagnostics);
    let unused = if report_unused { rules.severity_of(RuleId::UnusedSuppression) } else { None };
    // `check` does not run change rules, so it cannot tell whether a suppression of one is needed.
    let runs = |id: RuleId| rules.contains(id) && crate::registry::rule(id).as_change().is_none();
    let mut diagnostics = crate::suppression::apply(connector, diagnostics, unused, runs);
    for diagnostic in &mut diagnostics {
        // A converted file's tree is not its text: its spans point at the input nodes each
        // output node came from, so an edit there would not do what the fix says.
        let not_editable = connector.files.get(diagnostic.file.0 as usize).is_some_and(|f| f.syntax == Syntax::Yaml || f.is_converted());
        if diagnostic.side == Side::New && not_editable {
            diagnostic.fix = None;
        }
    }
    diagnostics
}

/// One defect, one finding: a `spec` finding (the Swagger 2.0 schema's generic check) is
/// dropped where another rule reports at the same place, since that rule's finding says more
/// (`host-invalid`, `unknown-property`, `json-type-incorrect` ...). `diagnostics` is sorted by
/// file and start, so the findings at one place are neighbours.
fn yield_to_dedicated_rules(diagnostics: &mut Vec<Diagnostic>) {
    let is_spec = |d: &Diagnostic| d.rule.category == Category::Spec;
    if !diagnostics.iter().any(is_spec) {
        return;
    }
    let place = |d: &Diagnostic| (d.side, d.file, d.span.start);
    let covered: Vec<bool> = diagnostics
        .chunk_by(|a, b| place(a) == place(b))
        .flat_map(|group| {
            let dedicated = group.iter().any(|d| !is_spec(d));
            group.iter().map(move |d| dedicated && is_spec(d))
        })
        .collect();
    let mut drop = covered.into_iter();
    diagnostics.retain(|_| !drop.next().unwrap_or(false));
}

#[cfg(test)]
thread_local! {
    /// In unit tests, the rule that panics when it runs on this thread.
    static PANIC_RULE: std::cell::Cell<Option<RuleId>> = const { std::cell::Cell::new(None) };
}

/// In debug builds only, `CONNLINT_DEBUG_PANIC_RULE=<rule id>` makes that rule panic, so that
/// the command-line tests can check how a crash is reported.
fn debug_panic_hook(id: &str) {
    #[cfg(test)]
    if PANIC_RULE.get().is_some_and(|rule| rule.as_str() == id) {
        panic!("boom");
    }
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
    run_rule_on(rule, model, cx, rule.schema_keywords());
}

/// [`run_rule`], calling the schema hooks only on the schemas with one of the keywords `wanted`
/// (`None`: on every schema).
fn run_rule_on(rule: &dyn Rule, model: &ConnectorModel<'_>, cx: &mut Context<'_, '_>, wanted: Option<SchemaKeywords>) {
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
    let path_parameters = swagger.paths.iter().flat_map(|path| path.parameters.iter().map(|p| (p, None)));
    let parameters = path_parameters.chain(swagger.operations.iter().flat_map(|op| op.parameters.iter().map(move |p| (p, Some(op)))));
    if meta.visits(Visit::Parameter) {
        for (parameter, operation) in parameters.clone() {
            rule.check_parameter(parameter, operation, cx);
        }
    }
    // Only the schemas with a keyword the rule looks for (see `Rule::schema_keywords`).
    let visit_schemas = |visit: &mut dyn FnMut(&SchemaVisit<'_>)| match wanted {
        Some(keywords) => swagger.visit_schemas_with(keywords, visit),
        None => swagger.visit_schemas(visit),
    };
    if meta.visits(Visit::Schema) {
        visit_schemas(&mut |schema| rule.check_schema(schema, cx));
    }
    if meta.visits(Visit::ValueSchema) {
        // Parameters are far fewer than schemas: their keywords are not sorted out first.
        for node in parameters.flat_map(|(parameter, _)| parameter_value_schemas(parameter)) {
            rule.check_value_schema(node, cx);
        }
        visit_schemas(&mut |schema| rule.check_value_schema(schema.node, cx));
    }
}

/// The nodes of a non-body parameter that carry schema keywords directly: the parameter object
/// (its `type`, `format`, `enum`, `pattern` ...) and its `items`. Nothing for a body parameter,
/// whose `schema` is visited as a schema.
fn parameter_value_schemas<'a>(parameter: &Parameter<'a>) -> impl Iterator<Item = &'a Node<'a>> {
    let node = parameter.node.filter(|_| parameter.schema.is_none());
    node.into_iter().chain(node.and_then(|n| n.get("items")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::Profile;
    use connlint_core::FileRole;
    use std::path::PathBuf;

    /// A connector with this swagger (the engine's tests do not use the rule test harness,
    /// which runs the engine).
    fn swagger(text: &str) -> Connector {
        Connector::from_memory(vec![(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), text.as_bytes().to_vec())])
    }

    #[test]
    fn the_spec_walk_beside_the_model_is_that_of_the_tree_the_rules_see() {
        let rules = RuleSet::new(Profile::Certification, &[]);
        let long = "long text ".repeat(PARALLEL_RULES_FROM / 10 + 1);
        let swagger_2 = format!(
            r#"{{"swagger": "2.0", "info": {{"title": "t", "version": "1", "description": "{long}"}}, "paths": {{}}, "schemes": ["ftp"]}}"#
        );
        // An OpenAPI 3 file is seen through its conversion: the walk is of the converted tree.
        let openapi_3 =
            format!(r#"{{"openapi": "3.0.0", "info": {{"title": "t", "version": "1", "description": "{long}"}}, "paths": {{}}}}"#);
        for text in [swagger_2, openapi_3] {
            let connector = swagger(&text);
            let derived = crate::context::Derived::default();
            let model = model_beside_spec_walk(&connector, &rules, &derived);
            let walked = derived.spec_violations.get().expect("walked beside the model");
            let expected = connlint_core::spec::check(model.swagger.as_ref().unwrap().root);
            assert_eq!(walked.len(), expected.len());
            assert!(walked.iter().zip(&expected).all(|(a, b)| std::ptr::eq(a.node, b.node) && a.kind == b.kind));
        }
        // Without a `spec` rule, there is no walk.
        let connector = swagger(&format!(r#"{{"swagger": "2.0", "x": "{long}"}}"#));
        let derived = crate::context::Derived::default();
        let no_spec = RuleSet::only(crate::registry::rule(RuleId::UnusedSuppression));
        model_beside_spec_walk(&connector, &no_spec, &derived);
        assert!(derived.spec_violations.get().is_none());
    }

    /// A rule that names its `schema_keywords` is called only on the schemas with one of them;
    /// called on every schema, it must find nothing more. Checked on a fixture with each of those
    /// keywords in a schema and in a parameter, and on every eighth swagger of Microsoft's
    /// corpus when it is beside the repository.
    #[test]
    fn schema_keywords_leave_out_only_schemas_a_rule_has_nothing_to_say_about() {
        let fixture = r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a/{id}": {"post": {
  "parameters": [{"name": "id", "in": "path", "required": true, "type": "string", "format": "uuidx", "pattern": "(", "enum": [1]},
    {"name": "body", "in": "body", "schema": {"type": "object", "required": ["id", "id"], "readOnly": true,
      "properties": {"id": {"type": "string", "readOnly": true, "default": 5, "example": 7, "x-ms-visibility": "internal"},
        "f": {"type": "file", "format": "binary"}, "n": {"properties": {"b": {"type": "string", "format": "binary"}}}}}}],
  "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/D"}}}}}},
  "definitions": {"D": {"type": "string", "required": [], "enum": [], "minLength": 5, "maxLength": 2, "minimum": "x",
    "discriminator": "k", "oneOf": [], "x-ms-editor": "dictionary", "x-ms-capabilities": {"filterFunctions": ["nope"]},
    "x-ms-enum-values": [{"value": 1}], "pattern": "[", "format": "datetime", "example": 3}}}"##;
        let mut swaggers = vec![fixture.to_string()];
        swaggers.extend(connlint_core::test_corpus::swaggers(8));
        let keyworded: Vec<&dyn Rule> = crate::registry::RULES.iter().copied().filter(|r| r.schema_keywords().is_some()).collect();
        assert!(keyworded.len() >= 20, "the schema rules name their keywords");
        let mut fired = 0;
        for text in &swaggers {
            let connector = swagger(text);
            let model = connector.model();
            let derived = crate::context::Derived::default();
            for &rule in &keyworded {
                let run = |wanted: Option<SchemaKeywords>| {
                    let mut diagnostics = Vec::new();
                    let mut cx = Context::for_test(&model, rule.meta(), &mut diagnostics, &derived);
                    run_rule_on(rule, &model, &mut cx, wanted);
                    diagnostics.into_iter().map(|d| (d.span, d.message)).collect::<Vec<_>>()
                };
                let filtered = run(rule.schema_keywords());
                assert_eq!(run(None), filtered, "{} finds more on schemas without its keywords", rule.meta().id);
                fired += usize::from(!filtered.is_empty());
            }
        }
        assert!(fired >= 15, "the fixture makes most of the rules fire ({fired})");
    }

    #[test]
    fn a_panicking_rule_becomes_an_internal_error_and_keeps_other_findings() {
        let connector = swagger(r#"{"swagger": "2.0", "info": {}, "paths": {"/a": {"get": {"responses": {}}}}}"#);
        let rules = RuleSet::new(Profile::Base, &[]);
        let key = |d: &Diagnostic| (d.rule.id, d.span.start, d.span.end, d.message.clone());
        let all: Vec<_> = check(&connector, &rules).iter().map(key).collect();
        assert!(all.iter().any(|(id, ..)| *id == "operation-id-missing"), "{all:#?}");
        PANIC_RULE.set(Some(RuleId::OperationIdMissing));
        let mut crashed: Vec<_> = check(&connector, &rules).iter().map(key).collect();
        PANIC_RULE.set(None);
        let internal = ("internal-error", 0, 0, "rule `operation-id-missing` crashed on this connector: boom".to_string());
        let mut expected: Vec<_> = all.into_iter().filter(|(id, ..)| *id != "operation-id-missing").chain([internal]).collect();
        crashed.sort();
        expected.sort();
        assert_eq!(crashed, expected);
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
        let connector = swagger(&text);
        let rules = RuleSet::new(Profile::Certification, &[]);
        // On one of rayon's threads, where a big connector's rules are spread.
        assert!(rayon::scope(|_| spreads(&connector)) && !spreads(&connector));
        let found = rayon::scope(|_| check(&connector, &rules));
        let mut one_by_one: Vec<Diagnostic> =
            rules.entries().iter().flat_map(|(rule, _)| check(&connector, &RuleSet::only(*rule))).collect();
        one_by_one.sort_by(|a, b| (a.file, a.span.start, a.rule.id, &a.message).cmp(&(b.file, b.span.start, b.rule.id, &b.message)));
        yield_to_dedicated_rules(&mut one_by_one);
        let key = |d: &Diagnostic| (d.rule.id, d.span, d.message.clone());
        assert!(found.len() > 10, "{}", found.len());
        assert_eq!(found.iter().map(key).collect::<Vec<_>>(), one_by_one.iter().map(key).collect::<Vec<_>>());
    }
}
