//! Differential test of Swagger 2.0 conformance: real connectors from the corpus, mutated in
//! places the official Swagger 2.0 JSON Schema constrains (an enum value changed, a value of the
//! wrong JSON type, a required field removed), are validated by the `jsonschema` crate against
//! the official schema, and linted by connlint with every base rule. Every error the validator
//! reports must have a connlint finding at its JSON pointer or its parent.
//!
//! A `oneOf`/`anyOf` error ("not valid under any of the schemas") stands at the object whose
//! alternatives all failed; it counts as matched when connlint reports at that object, its
//! parent, or at a place (or its parent) that one of the alternatives' own errors names, since
//! connlint reports the mistake inside the object (`in`), not the failed choice around it. An
//! "additional properties" error stands at the object too; connlint answers it at the key.

mod common;
use common::corpus;

use jsonschema::error::ValidationErrorKind;
use jsonschema::ValidationError;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The official schema as connlint ships it.
const OFFICIAL_SCHEMA: &str = include_str!("../../connlint_core/src/spec/swagger-2.0.schema.json");

#[test]
fn shipped_schema_is_the_official_one() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/swagger-2.0/schema.json");
    let Ok(official) = std::fs::read_to_string(&reference) else {
        eprintln!("skipping: {} is absent", reference.display());
        return;
    };
    assert_eq!(
        official, OFFICIAL_SCHEMA,
        "crates/connlint_core/src/spec/swagger-2.0.schema.json must stay byte for byte the official file"
    );
}

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mutation {
    /// Replace an enum-constrained value with one outside its list.
    Enum,
    /// Give a fixed field a value of another JSON type.
    Type,
    /// Remove a required field.
    Remove,
}

/// A place to mutate: the pointer of the value (or of the member to remove) and how.
struct Site {
    pointer: String,
    mutation: Mutation,
    /// The new value (not used for `Remove`).
    value: Value,
}

fn token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

/// The places of `doc` that the Swagger 2.0 schema constrains, found by walking its structure.
fn sites(doc: &Value, rng: &mut Rng) -> Vec<Site> {
    let mut out = Vec::new();
    let bad_types = ["str", "Integer", "text", "datetime", "String", "int", "float", "bool"];
    let enum_site = |out: &mut Vec<Site>, pointer: String, current: &Value, rng: &mut Rng, kind: &str| {
        let Some(current) = current.as_str() else { return };
        let value = match kind {
            "in" => {
                let mut c = current.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            }
            "type" => bad_types[rng.below(bad_types.len())].to_string(),
            "collectionFormat" => "comma".to_string(),
            _ => current.to_uppercase(),
        };
        if value != current {
            out.push(Site { pointer, mutation: Mutation::Enum, value: Value::String(value) });
        }
    };
    let type_site = |out: &mut Vec<Site>, pointer: String, value: Value| out.push(Site { pointer, mutation: Mutation::Type, value });
    let remove_site = |out: &mut Vec<Site>, pointer: String| out.push(Site { pointer, mutation: Mutation::Remove, value: Value::Null });

    if let Some(info) = doc.get("info").and_then(Value::as_object) {
        if info.contains_key("title") {
            type_site(&mut out, "/info/title".into(), Value::from(1));
            remove_site(&mut out, "/info/title".into());
        }
        if info.contains_key("version") {
            remove_site(&mut out, "/info/version".into());
        }
    }
    if let Some(schemes) = doc.get("schemes").and_then(Value::as_array) {
        for (i, s) in schemes.iter().enumerate() {
            enum_site(&mut out, format!("/schemes/{i}"), s, rng, "scheme");
        }
    }
    if doc.get("consumes").is_some() {
        type_site(&mut out, "/consumes".into(), Value::from("application/json"));
    }
    if let Some(defs) = doc.get("securityDefinitions").and_then(Value::as_object) {
        for (name, scheme) in defs {
            let base = format!("/securityDefinitions/{}", token(name));
            for key in ["type", "flow", "in"] {
                if let Some(v) = scheme.get(key) {
                    enum_site(&mut out, format!("{base}/{key}"), v, rng, key);
                }
            }
        }
    }
    let mut schemas: Vec<(String, &Value)> = Vec::new();
    if let Some(defs) = doc.get("definitions").and_then(Value::as_object) {
        for (name, schema) in defs {
            schemas.push((format!("/definitions/{}", token(name)), schema));
        }
    }
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let Some(item) = item.as_object() else { continue };
            for (method, op) in item {
                if !["get", "put", "post", "delete", "options", "head", "patch"].contains(&method.as_str()) {
                    continue;
                }
                let base = format!("/paths/{}/{method}", token(path));
                let Some(op_obj) = op.as_object() else { continue };
                if op_obj.contains_key("responses") {
                    remove_site(&mut out, format!("{base}/responses"));
                }
                if op_obj.contains_key("summary") {
                    type_site(&mut out, format!("{base}/summary"), serde_json::json!(["x"]));
                }
                if op_obj.contains_key("tags") {
                    type_site(&mut out, format!("{base}/tags"), Value::from("t"));
                }
                type_site(&mut out, format!("{base}/deprecated"), Value::from("yes"));
                for (i, p) in op.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate() {
                    if p.get("$ref").is_some() {
                        continue;
                    }
                    let pb = format!("{base}/parameters/{i}");
                    if let Some(v) = p.get("in") {
                        enum_site(&mut out, format!("{pb}/in"), v, rng, "in");
                        remove_site(&mut out, format!("{pb}/in"));
                    }
                    if p.get("name").is_some() {
                        type_site(&mut out, format!("{pb}/name"), Value::from(5));
                        remove_site(&mut out, format!("{pb}/name"));
                    }
                    type_site(&mut out, format!("{pb}/required"), Value::from("true"));
                    if p.get("in").and_then(Value::as_str) == Some("body") {
                        if let Some(schema) = p.get("schema") {
                            schemas.push((format!("{pb}/schema"), schema));
                            remove_site(&mut out, format!("{pb}/schema"));
                        }
                    } else {
                        if let Some(v) = p.get("type") {
                            enum_site(&mut out, format!("{pb}/type"), v, rng, "type");
                            remove_site(&mut out, format!("{pb}/type"));
                        }
                        type_site(&mut out, format!("{pb}/maxLength"), Value::from("10"));
                        if let Some(v) = p.get("collectionFormat") {
                            enum_site(&mut out, format!("{pb}/collectionFormat"), v, rng, "collectionFormat");
                        }
                        if let Some(v) = p.pointer("/items/type") {
                            enum_site(&mut out, format!("{pb}/items/type"), v, rng, "type");
                        }
                    }
                }
                for (code, response) in op.get("responses").and_then(Value::as_object).into_iter().flatten() {
                    if response.get("$ref").is_some() || code.starts_with("x-") {
                        continue;
                    }
                    let rb = format!("{base}/responses/{}", token(code));
                    if response.get("description").is_some() {
                        type_site(&mut out, format!("{rb}/description"), Value::from(1));
                        remove_site(&mut out, format!("{rb}/description"));
                    }
                    for (h, header) in response.get("headers").and_then(Value::as_object).into_iter().flatten() {
                        if let Some(v) = header.get("type") {
                            let hb = format!("{rb}/headers/{}", token(h));
                            enum_site(&mut out, format!("{hb}/type"), v, rng, "type");
                            remove_site(&mut out, format!("{hb}/type"));
                        }
                    }
                    if let Some(schema) = response.get("schema") {
                        schemas.push((format!("{rb}/schema"), schema));
                    }
                }
            }
        }
    }
    // Schemas, one level of properties and items deep.
    let mut nested = Vec::new();
    for (pointer, schema) in &schemas {
        for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            nested.push((format!("{pointer}/properties/{}", token(name)), property));
        }
        if let Some(items) = schema.get("items").filter(|i| i.is_object()) {
            nested.push((format!("{pointer}/items"), items));
        }
    }
    schemas.extend(nested);
    for (pointer, schema) in schemas {
        if schema.get("$ref").is_some() || !schema.is_object() {
            continue;
        }
        if let Some(v) = schema.get("type") {
            enum_site(&mut out, format!("{pointer}/type"), v, rng, "type");
        }
        type_site(&mut out, format!("{pointer}/readOnly"), Value::from("no"));
        if schema.get("description").is_some() {
            type_site(&mut out, format!("{pointer}/description"), Value::from(1));
        }
        if schema.get("properties").is_some() {
            type_site(&mut out, format!("{pointer}/properties"), serde_json::json!([]));
        }
        if schema.get("required").is_some() {
            type_site(&mut out, format!("{pointer}/required"), Value::from("a"));
        }
    }
    out
}

/// Applies a few mutations of each kind at places that do not contain one another.
fn mutate(doc: &mut Value, rng: &mut Rng) -> usize {
    let all = sites(doc, rng);
    let mut chosen: Vec<&Site> = Vec::new();
    for kind in [Mutation::Enum, Mutation::Type, Mutation::Remove] {
        let of_kind: Vec<&Site> = all.iter().filter(|s| s.mutation == kind).collect();
        for _ in 0..3 {
            if of_kind.is_empty() {
                break;
            }
            let site = of_kind[rng.below(of_kind.len())];
            let overlaps = chosen.iter().any(|c| {
                c.pointer == site.pointer
                    || c.pointer.starts_with(&format!("{}/", site.pointer))
                    || site.pointer.starts_with(&format!("{}/", c.pointer))
            });
            if !overlaps {
                chosen.push(site);
            }
        }
    }
    for site in &chosen {
        let (parent, last) = site.pointer.rsplit_once('/').expect("pointers have a parent");
        let last = last.replace("~1", "/").replace("~0", "~");
        let Some(container) = doc.pointer_mut(parent) else { continue };
        match (site.mutation, container) {
            (Mutation::Remove, Value::Object(map)) => {
                map.remove(&last);
            }
            (_, Value::Object(map)) => {
                map.insert(last, site.value.clone());
            }
            (_, Value::Array(items)) => {
                if let Some(item) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                    *item = site.value.clone();
                }
            }
            _ => {}
        }
    }
    chosen.len()
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The pointers at which a connlint finding answers `error` (see the module docs).
fn answers(error: &ValidationError<'_>, out: &mut HashSet<String>) {
    let pointer = error.instance_path.as_str();
    out.insert(pointer.to_string());
    out.insert(parent(pointer).to_string());
    // An unexpected key is reported at the object; connlint reports it at the key itself.
    if let ValidationErrorKind::AdditionalProperties { unexpected } = &error.kind {
        out.extend(unexpected.iter().map(|key| format!("{pointer}/{}", token(key))));
    }
    if let ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } = &error.kind {
        for branch in context {
            for inner in branch {
                answers(inner, out);
            }
        }
    }
}

#[test]
fn every_schema_violation_of_mutated_connectors_has_a_connlint_finding() {
    let Some(corpus) = corpus() else { return };
    let schema: Value = serde_json::from_str(OFFICIAL_SCHEMA).expect("the official schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(false)
        .build(&schema)
        .expect("the official schema compiles");

    let mut files: Vec<PathBuf> = Vec::new();
    for group in ["certified-connectors", "independent-publisher-connectors", "custom-connectors"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(group)) else { continue };
        for entry in entries.flatten() {
            let swagger = entry.path().join("apiDefinition.swagger.json");
            if swagger.is_file() {
                files.push(swagger);
            }
        }
    }
    files.sort();

    struct Outcome {
        compared: usize,
        mutations: usize,
        unmatched: Vec<String>,
    }
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .enumerate()
        .filter_map(|(index, path)| {
            let text = std::fs::read_to_string(path).ok()?;
            let mut doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (index as u64 + 1));
            let mutations = mutate(&mut doc, &mut rng);
            let mutated = serde_json::to_string_pretty(&doc).expect("serialises");
            let findings = connlint_linter::lint_documents(&mutated, None, connlint_linter::Profile::Base);
            let reported: HashSet<&str> = findings.iter().filter_map(|f| f.pointer.as_deref()).collect();
            let mut compared = 0;
            let mut unmatched = Vec::new();
            for error in validator.iter_errors(&doc) {
                compared += 1;
                let mut accepted = HashSet::new();
                answers(&error, &mut accepted);
                if !accepted.iter().any(|p| reported.contains(p.as_str())) {
                    unmatched.push(format!("{}: {} at `{}`", path.display(), error, error.instance_path.as_str()));
                }
            }
            Some(Outcome { compared, mutations, unmatched })
        })
        .collect();

    let documents = outcomes.len();
    let compared: usize = outcomes.iter().map(|o| o.compared).sum();
    let mutations: usize = outcomes.iter().map(|o| o.mutations).sum();
    let unmatched: Vec<&String> = outcomes.iter().flat_map(|o| &o.unmatched).collect();
    println!(
        "spec differential: {documents} documents, {mutations} mutations, {compared} violations compared, {} unmatched",
        unmatched.len()
    );
    assert!(documents >= 1000, "only {documents} documents");
    assert!(compared >= 5000, "only {compared} violations compared");
    assert!(
        unmatched.is_empty(),
        "{} schema violations without a connlint finding, e.g. {:#?}",
        unmatched.len(),
        &unmatched[..unmatched.len().min(25)]
    );
}
