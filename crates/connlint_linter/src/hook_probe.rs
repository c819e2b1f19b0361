//! Keeps every rule's `visits` honest: the engine calls only the hooks a rule's `visits` names,
//! so a hook left out of `visits` would silently never run, and a visit without its hook would
//! cost a walk for nothing. This test calls every hook of every rule once on a small connector;
//! a hook's default body marks that it ran ([`crate::rule::DEFAULT_HOOK_RAN`]), so whatever did
//! not mark is implemented by the rule. That set must equal `visits`.
//!
//! The answer does not depend on the fixture: a rule's own hook never runs the default body
//! (Rust has no way to call it from an override), and a hook that panics is implemented too.
//! [`Visit::Change`] is implemented by exactly the change rules ([`crate::rule::ChangeRule`],
//! whose one hook has no default body).

use crate::change::Change;
use crate::context::{ChangeCx, Context, Derived};
use crate::meta::{Profile, Visit};
use crate::registry::RULES;
use crate::rule::{Rule, DEFAULT_HOOK_RAN};

/// What the default body of a hook does (a rule that is no change rule has no `check_change`).
fn default_hook_ran() {
    DEFAULT_HOOK_RAN.set(true);
}
use connlint_core::{Connector, FileRole};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

/// Every hook the engine can call.
const VISITS: [Visit; 6] = [Visit::Connector, Visit::Operation, Visit::Parameter, Visit::Schema, Visit::ValueSchema, Visit::Change];

const SWAGGER: &str = r##"{"swagger": "2.0", "info": {"title": "Probe", "version": "1.0"}, "host": "api.example.com",
  "paths": {"/items/{id}": {
    "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
    "post": {"operationId": "AddItem", "summary": "Add an item",
      "parameters": [{"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}},
        {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Item"}}],
      "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}}}}},
  "definitions": {"Item": {"type": "object", "properties": {"name": {"type": "string"}}}}}"##;

/// The connector every hook is called on.
fn probe_connector() -> Connector {
    Connector::from_memory(vec![(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), SWAGGER.as_bytes().to_vec())])
}

/// The hooks `rule` implements.
fn implemented(rule: &dyn Rule, connector: &Connector) -> Vec<Visit> {
    let model = connector.model();
    let swagger = model.swagger.as_ref().expect("the probe's swagger parses");
    let operation = swagger.operations.first().expect("an operation");
    let parameter = operation.parameters.first().expect("a parameter");
    let mut schema = None;
    swagger.visit_schemas(|s| {
        if schema.is_none() {
            schema = Some(*s);
        }
    });
    let schema = schema.expect("a schema");
    let change = Change::new(&model, &model);
    let derived = Derived::default();
    let mut diagnostics = Vec::new();
    let meta = rule.meta();
    let mut implemented = Vec::new();
    for visit in VISITS {
        let mut cx = Context::for_test(&model, meta, &mut diagnostics, &derived);
        DEFAULT_HOOK_RAN.set(false);
        let ran = catch_unwind(AssertUnwindSafe(|| match visit {
            Visit::Connector => rule.check_connector(&mut cx),
            Visit::Operation => rule.check_operation(operation, &mut cx),
            Visit::Parameter => rule.check_parameter(parameter, Some(operation), &mut cx),
            Visit::Schema => rule.check_schema(&schema, &mut cx),
            Visit::ValueSchema => rule.check_value_schema(schema.node, &mut cx),
            Visit::Change => match rule.as_change() {
                Some(change_rule) => {
                    let mut cx = ChangeCx {
                        profile: Profile::Certification,
                        rule: meta,
                        severity: meta.default_severity,
                        diagnostics: cx.diagnostics,
                    };
                    change_rule.check_change(&change, &mut cx)
                }
                None => default_hook_ran(),
            },
        }));
        if ran.is_err() || !DEFAULT_HOOK_RAN.get() {
            implemented.push(visit);
        }
    }
    implemented
}

#[test]
fn every_rule_visits_exactly_the_hooks_it_implements() {
    let connector = probe_connector();
    let mut wrong = Vec::new();
    for rule in RULES {
        let meta = rule.meta();
        let hooks = implemented(*rule, &connector);
        let listed: Vec<Visit> = VISITS.into_iter().filter(|v| meta.visits(*v)).collect();
        if hooks != listed {
            wrong.push(format!("{}: visits {listed:?}, implements {hooks:?}", meta.id));
        }
    }
    assert!(wrong.is_empty(), "rules whose `visits` differ from their hooks:\n{}", wrong.join("\n"));
}

#[test]
fn the_probe_sees_a_missing_hook() {
    // A hook's default body marks that it ran.
    struct Nothing;
    impl crate::rule::HasMeta for Nothing {
        fn meta(&self) -> &'static crate::meta::RuleMeta {
            &crate::meta::INTERNAL_ERROR
        }
    }
    impl Rule for Nothing {}
    let connector = probe_connector();
    assert_eq!(implemented(&Nothing, &connector), []);
    assert_eq!(implemented(crate::registry::rule(crate::rule_id::RuleId::EnumValueType), &connector), [Visit::ValueSchema]);
}
