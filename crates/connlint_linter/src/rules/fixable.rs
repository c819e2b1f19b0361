//! The rules that declare fixes (`fix:` in `declare_rule!`) are exactly those with a fixture
//! here, and each attaches a fix on its fixture. (Every rule test also checks, in
//! `testing::run_on`, that a rule attaching a fix declares it.)

use crate::fix::FixAvailability;
use crate::registry::RULES;
use crate::testing::{api_properties, run, swagger, TestConnector};

/// How to build a connector from one file's text.
type Build = fn(&str) -> TestConnector;

/// A rule id, how to build the connector, and a file on which the rule attaches a fix.
const FIXTURES: &[(&str, Build, &str)] = &[
    ("unknown-extension", swagger, r#"{"paths": {"/a": {"get": {"x-ms-visibilty": "advanced"}}}}"#),
    ("visibility-value", swagger, r#"{"paths": {"/a": {"get": {"x-ms-visibility": "Advanced"}}}}"#),
    ("trigger-value", swagger, r#"{"paths": {"/a": {"get": {"x-ms-trigger": "Batch"}}}}"#),
    (
        "url-encoding-value",
        swagger,
        r#"{"paths": {"/a/{p}": {"get": {"parameters": [{"name": "p", "in": "path", "x-ms-url-encoding": "DOUBLE"}]}}}}"#,
    ),
    ("policy-template-id-case", api_properties, r#"{"properties": {"policyTemplateInstances": [{"templateId": "dynamicHostUrl"}]}}"#),
    (
        "spec-value-not-allowed",
        swagger,
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {"parameters": [{"name": "q", "in": "Query", "type": "string"}], "responses": {"200": {"description": "x"}}}}}}"#,
    ),
];

#[test]
fn every_rule_that_declares_fixes_fixes_its_fixture() {
    for rule in RULES {
        let meta = rule.meta();
        let fixture = FIXTURES.iter().find(|(id, _, _)| *id == meta.id);
        match (meta.fix, fixture) {
            (FixAvailability::None, None) => {}
            (FixAvailability::None, Some(_)) => panic!("`{}` has a fixture here but declares no fix", meta.id),
            (_, None) => panic!("`{}` declares fixes: add a fixture on which it attaches one", meta.id),
            (_, Some((_, build, text))) => {
                let findings = run(*rule, build(text));
                assert!(findings.iter().any(|f| f.fix.is_some()), "`{}` attaches no fix on its fixture: {findings:#?}", meta.id);
            }
        }
    }
    for (id, _, _) in FIXTURES {
        assert!(RULES.iter().any(|r| r.meta().id == *id), "no rule `{id}`");
    }
}
