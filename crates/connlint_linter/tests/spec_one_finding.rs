//! One defect, one finding: each wrong value of the Swagger 2.0 specification's fixed lists gives
//! exactly one finding at the value, with every rule of both profiles running, wherever it
//! stands (parameters, `items`, response headers, body schemas, definitions).

use connlint_linter::{lint_documents, Finding, Profile};

const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "Contoso Tasks", "description": "Lists and manages the tasks of a Contoso account.", "version": "1.0"},
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {
    "/items": {
      "post": {
        "operationId": "CreateItem",
        "summary": "Create an item",
        "description": "Creates an item.",
        "parameters": [
          {"name": "q", "in": "Query", "type": "string", "x-ms-summary": "Query", "description": "The query."},
          {"name": "n", "in": "query", "type": "Integer", "x-ms-summary": "Count", "description": "The count."},
          {"name": "s", "in": "query", "type": "str", "x-ms-summary": "Search", "description": "The search."},
          {"name": "ids", "in": "query", "type": "array", "items": {"type": "datetime"}, "x-ms-summary": "Ids", "description": "The ids."},
          {"name": "body", "in": "body", "schema": {"type": "object", "properties": {"when": {"type": "datetime"}, "kind": {"type": "text"}}}}
        ],
        "responses": {
          "200": {
            "description": "The item.",
            "headers": {"X-Rate": {"type": "Integer", "description": "The rate."}},
            "schema": {"$ref": "#/definitions/Item"}
          }
        }
      }
    }
  },
  "definitions": {
    "Item": {"type": "text", "properties": {"id": {"type": "str"}}}
  }
}"##;

/// Every finding at `line:column`, whichever rule made it.
fn at(findings: &[Finding], line: u32, column: u32) -> Vec<String> {
    findings.iter().filter(|f| f.line == line && f.column == column).map(|f| format!("{} {}", f.rule, f.message)).collect()
}

#[test]
fn each_wrong_value_gives_exactly_one_finding_at_the_value() {
    let expected: [(u32, u32, &str); 9] = [
        (14, 31, "`Query`"),
        (15, 48, "`Integer`"),
        (16, 48, "`str`"),
        (17, 77, "`datetime`"),
        (18, 103, "`datetime`"),
        (18, 133, "`text`"),
        (23, 44, "`Integer`"),
        (31, 22, "`text`"),
        (31, 60, "`str`"),
    ];
    for profile in [Profile::Base, Profile::Certification] {
        let findings = lint_documents(SWAGGER, None, profile);
        for (line, column, value) in expected {
            let here = at(&findings, line, column);
            assert_eq!(here.len(), 1, "{profile:?} {line}:{column}: {here:#?}");
            assert!(here[0].starts_with("spec-value-not-allowed ") && here[0].contains(value), "{profile:?} {line}:{column}: {here:?}");
        }
        let spec: Vec<String> =
            findings.iter().filter(|f| f.rule.starts_with("spec-")).map(|f| format!("{}:{} {}", f.line, f.column, f.rule)).collect();
        assert_eq!(spec.len(), 9, "{profile:?}: {spec:#?}");
    }
}
