use super::*;
use crate::json::parse_strict;
use crate::source::Span;

/// `(line:column of the node, kind)` for every violation of `text`, in report order.
fn violations(text: &str) -> Vec<(String, ViolationKind)> {
    let root = parse_strict(text).expect("test documents are strict JSON");
    let index = crate::source::LineIndex::new(text);
    let mut out: Vec<(u32, String, ViolationKind)> = check(&root)
        .into_iter()
        .map(|v| {
            let at = v.key.filter(|_| matches!(v.kind, ViolationKind::Property { .. })).map_or(v.node.span, |k| k.span);
            let p = index.position(text, at.start);
            (at.start, format!("{}:{}", p.line, p.column), v.kind)
        })
        .collect();
    out.sort_by_key(|(start, _, _)| *start);
    out.into_iter().map(|(_, at, kind)| (at, kind)).collect()
}

const HEAD: &str = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {"#;

fn operation(body: &str) -> String {
    format!("{HEAD}{body}}}}}}}}}")
}

#[test]
fn the_schema_compiles() {
    let spec = swagger_2_0();
    assert!(spec.schemas.len() > 100, "{} schemas", spec.schemas.len());
}

#[test]
fn the_kinds_a_schema_admits_are_those_its_types_references_and_all_of_parts_admit() {
    // The definition the kinds were computed from: the schema's own `type`, then the same of its
    // `$ref` target and of every `allOf` part, for a value of each kind.
    fn admits(spec: &SpecSchema, id: SchemaId, node: &Node) -> bool {
        let schema = &spec.schemas[id];
        schema.types.is_none_or(|t| t.admits(node))
            && schema.reference.is_none_or(|r| admits(spec, r, node))
            && schema.all_of.iter().all(|&p| admits(spec, p, node))
    }
    let spec = swagger_2_0();
    let values = ["null", "true", "3", "3.5", "\"s\"", "[]", "{}"].map(|text| parse_strict(text).unwrap());
    let mut narrowed = 0;
    for id in 0..spec.schemas.len() {
        for value in &values {
            assert_eq!(spec.admits_type(id, value), admits(spec, id, value), "schema {id}, {:?}", value.value);
        }
        narrowed += usize::from(spec.schemas[id].admitted_kinds != 0x7f);
    }
    assert!(narrowed > 50, "most schemas admit some kinds only ({narrowed})");
}

#[test]
fn a_minimal_document_conforms() {
    assert_eq!(violations(&operation(r#""responses": {"200": {"description": "ok"}}"#)), []);
}

#[test]
fn wrongly_cased_and_unknown_values_give_one_violation_each() {
    let text = operation(
        r#""parameters": [{"name": "q", "in": "Query", "type": "str"}, {"name": "n", "in": "query", "type": "Integer"}],
"responses": {"200": {"description": "x", "schema": {"type": "text", "properties": {"a": {"type": "datetime"}}}}}"#,
    );
    let found = violations(&text);
    let kinds: Vec<(&str, String)> = found
        .iter()
        .map(|(at, kind)| match kind {
            ViolationKind::Enum(allowed) => (at.as_str(), allowed.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(" ")),
            other => panic!("unexpected {other:?} at {at}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            // Every kind of parameter's `in`; a query parameter's types (not a form's `file`).
            ("1:120", "body header formData query path".to_string()),
            ("1:137", "string number boolean integer array".to_string()),
            ("1:182", "string number boolean integer array".to_string()),
            // A response's schema may be a file; a property's may not.
            ("2:62", "array boolean integer null number object string file".to_string()),
            ("2:99", "array boolean integer null number object string".to_string()),
        ]
    );
}

/// Each violation as `line:column kind`.
fn described(text: &str) -> Vec<String> {
    violations(text)
        .into_iter()
        .map(|(at, kind)| {
            let what = match kind {
                ViolationKind::Type(t) => format!("type {}", t.names().collect::<Vec<_>>().join("|")),
                ViolationKind::Enum(allowed) => format!("enum {}", allowed.iter().map(|a| a.to_string()).collect::<Vec<_>>().join("|")),
                ViolationKind::Required(name) => format!("required {name}"),
                ViolationKind::Property { .. } => "property".into(),
                ViolationKind::Pattern(p) => format!("pattern {p}"),
                ViolationKind::MinItems(n) => format!("min-items {n}"),
                ViolationKind::Duplicate(i) => format!("duplicate of {i}"),
                ViolationKind::MinProperties(n) => format!("min-properties {n}"),
                ViolationKind::Minimum(n, e) => format!("minimum {n} {e}"),
                ViolationKind::Forbidden => "forbidden".into(),
            };
            format!("{at} {what}")
        })
        .collect()
}

#[test]
fn wrong_json_types_missing_members_and_keys() {
    let text = operation(
        r#""parameters": [{"name": "q", "in": "query", "type": "string", "required": "yes"}],
"responses": {"200": {"schema": {"type": "object"}}}, "deprecated": 1, "produce": []"#,
    );
    assert_eq!(described(&text), ["1:159 type boolean", "2:22 required description", "2:69 type boolean", "2:72 property"]);
}

#[test]
fn patterns_counts_and_uniqueness() {
    let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "https://x.com", "basePath": "api",
"schemes": ["https", "https"], "paths": {"items": {}, "/a": {"get": {"responses": {}}}, "/b": {"get": {"responses": {"x-a": 1, "20": {"description": "d"}}}}}}"#;
    assert_eq!(
        described(text),
        [
            r"1:68 pattern ^[^{}/ :\\]+(?::\d+)?$",
            "1:97 pattern ^/",
            "2:22 duplicate of 0",
            "2:42 property",
            "2:83 min-properties 1",
            "2:128 property"
        ]
    );
}

#[test]
fn extensions_and_refs_are_accepted() {
    let text = operation(
        r##""parameters": [{"$ref": "#/parameters/p"}, {"name": "b", "in": "body", "schema": {"$ref": "#/definitions/d"}, "x-ms-summary": 1}],
"x-ms-visibility": ["anything"], "responses": {"default": {"$ref": "#/responses/r"}}"##,
    );
    assert_eq!(violations(&text), []);
}

#[test]
fn a_responses_object_of_extensions_only_is_forbidden() {
    let text = operation(r#""responses": {"x-note": 1}"#);
    let found = violations(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, ViolationKind::Forbidden);
}

#[test]
fn negative_lengths_break_the_minimum() {
    let text = operation(
        r#""parameters": [{"name": "q", "in": "query", "type": "string", "maxLength": -1}], "responses": {"200": {"description": "d"}}"#,
    );
    let found = violations(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, ViolationKind::Minimum(0.0, false));
}

#[test]
fn host_pattern() {
    let spec = Pattern::new("^[^{}/ :\\\\]+(?::\\d+)?$").unwrap();
    for ok in ["api.contoso.com", "localhost:8080", "10.0.0.1"] {
        assert!(spec.matches(ok), "{ok}");
    }
    for bad in ["https://x", "x.com/api", "{host}", "a:", "a:b", "", "a b"] {
        assert!(!spec.matches(bad), "{bad}");
    }
}

#[test]
fn a_prefix_pattern_matches_texts_that_start_with_it_and_nothing_else() {
    let extension = Pattern::new("^x-").unwrap();
    for (text, matches) in [("x-ms-summary", true), ("x-", true), ("x", false), ("", false), ("X-ms", false), ("ax-", false), ("x_", false)]
    {
        assert_eq!(extension.matches(text), matches, "{text:?}");
    }
    let root = Pattern::new("^/").unwrap();
    assert!(root.matches("/pets") && !root.matches("pets/") && !root.matches(""));
}

/// What identifies a violation, to compare two walks: its node, key, kind and definition.
type Identity = (Span, Option<Span>, bool, ViolationKind, Option<&'static str>);

fn identities(found: &[Violation<'_>]) -> Vec<Identity> {
    found.iter().map(|v| (v.node.span, v.key.map(|k| k.span), v.at_key, v.kind.clone(), v.definition)).collect()
}

#[test]
fn members_checked_in_parallel_give_the_violations_of_one_thread_in_its_order() {
    let mut texts = vec![operation(
        r#""parameters": [{"name": "a", "in": "query", "type": "strin"}, {"in": "body"}], "responses": {"x-a": 1}, "extra": true"#,
    )];
    texts.extend(crate::test_corpus::swaggers(10));
    let mut violations = 0;
    for text in &texts {
        let parsed = crate::json::parse(text.strip_prefix('\u{feff}').unwrap_or(text));
        let Some(root) = &parsed.root else { continue };
        // From 0 bytes: every object with two members or more is checked in parallel.
        let alone = identities(&check(root));
        assert_eq!(identities(&check_from::<true>(root, 0)), alone);
        violations += alone.len();
    }
    assert!(violations >= 3, "{violations} violations");
}
