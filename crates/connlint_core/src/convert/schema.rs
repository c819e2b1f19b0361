//! OpenAPI 3.0 / 3.1 schema objects → Swagger 2.0 schema objects.
//!
//! Kept as they are: the keywords both versions share, `allOf`, `readOnly` and `x-*`
//! extensions. Mapped: `nullable` and `null` in a list of types → `x-nullable`; `const` → a
//! one-value `enum`; a 3.1 numeric `exclusiveMinimum`/`exclusiveMaximum` → `minimum` with the
//! boolean; `examples` → `example`; `discriminator` → its property name. `oneOf`/`anyOf` keep
//! their first alternative that is not `null` (merged into the schema); `not` is dropped.
//! Every other keyword is dropped, and so is `uniqueItems`, which Power Platform refuses.
//!
//! Then the result is made consistent, as the rules check it: an empty `enum` is dropped;
//! `required` loses repeated names, names that are not among `properties`, and is dropped on a
//! schema that is not an object; a `discriminator` is listed in `required`, or dropped when it
//! is not a property. Each change is a note at the keyword.

use super::build::{self, quoted, Object};
use super::converter::Converter;
use super::refs::DocId;
use super::NoteKind;
use crate::json::owned::{Member, Node, Value};

/// Keywords copied as they are.
const SHARED: &[&str] = &[
    "title",
    "description",
    "default",
    "multipleOf",
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "maxProperties",
    "minProperties",
    "enum",
    "format",
    "example",
    "externalDocs",
    "xml",
    "readOnly",
];

/// Keywords dropped without a note: they only annotate, and their loss changes nothing a
/// connector does.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$comment", "$anchor", "$dynamicAnchor", "$vocabulary"];

impl Converter<'_, '_> {
    /// The Swagger 2.0 form of the schema `node` of document `doc`.
    pub(super) fn schema(&mut self, doc: DocId, node: &Node) -> Node {
        let span = self.span(doc, node);
        let members = match &node.value {
            Value::Object(members) => members,
            // 3.1 boolean schemas: `true` accepts anything, as `{}` does; `false` cannot be said.
            Value::Bool(accepts) => {
                if !accepts {
                    self.notes.add(
                        NoteKind::SchemaKeywordDropped,
                        span,
                        "the schema `false` (nothing is valid) has no Swagger 2.0 form; it became `{}`",
                    );
                }
                return Object::new(span).build();
            }
            _ => return Object::new(span).build(),
        };
        if let Some(reference) = node.get("$ref").and_then(Node::as_str) {
            let target = self.schema_ref(doc, reference, span);
            let siblings: Vec<&Member> = members.iter().filter(|m| &*m.key.text != "$ref").collect();
            if siblings.is_empty() {
                return target;
            }
            // Swagger 2.0 ignores what stands beside `$ref`; `allOf` keeps it.
            let mut out = Object::new(span);
            out.put("allOf", build::array(span, vec![target]));
            let rest = Node { span, value: Value::Object(siblings.into_iter().cloned().collect()) };
            let rest = self.schema(doc, &rest);
            if let Value::Object(members) = rest.value {
                for member in &members {
                    out.copy(member);
                }
            }
            return out.build();
        }

        let mut out = Object::new(span);
        let mut dropped: Vec<&str> = Vec::new();
        let mut nullable = false;
        // Made when the discriminator is kept (see `make_consistent`).
        let mut discriminator_note: Option<(crate::source::Span, String)> = None;
        for member in members {
            let key = &*member.key.text;
            let value = &member.value;
            let at = self.span(doc, value);
            match key {
                k if SHARED.contains(&k) => {
                    out.copy(member);
                }
                k if k.starts_with("x-") => {
                    out.copy(member);
                }
                k if ANNOTATIONS.contains(&k) => {}
                "type" => match &value.value {
                    Value::String(t) if &**t == "null" => nullable = true,
                    Value::String(_) => {
                        out.copy(member);
                    }
                    Value::Array(types) => {
                        let names: Vec<&str> = types.iter().filter_map(Node::as_str).collect();
                        nullable |= names.contains(&"null");
                        let concrete: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
                        match concrete.as_slice() {
                            [one] => {
                                out.put_at("type", member.key.span, build::string(at, *one));
                            }
                            [] => {}
                            several => {
                                self.notes.add(
                                    NoteKind::SchemaKeywordDropped,
                                    at,
                                    format!(
                                        "a schema may be any of the types {}; Swagger 2.0 allows one, so the schema has no type",
                                        quoted(several)
                                    ),
                                );
                            }
                        }
                    }
                    _ => {}
                },
                "nullable" => nullable |= value.as_bool() == Some(true),
                "const" => {
                    self.notes.add(NoteKind::ConstMapped, at, "`const` became a one-value `enum`");
                    out.put_at("enum", member.key.span, build::array(at, vec![value.clone()]));
                }
                "examples" => {
                    if let Some(first) = value.as_array().and_then(|items| items.first()) {
                        if !members.iter().any(|m| &*m.key.text == "example") {
                            out.put_at("example", member.key.span, first.clone());
                        }
                        if value.as_array().is_some_and(|items| items.len() > 1) {
                            dropped.push("examples");
                        }
                    }
                }
                "exclusiveMinimum" | "exclusiveMaximum" => match &value.value {
                    Value::Bool(_) => {
                        out.copy(member);
                    }
                    Value::Number(_) => {
                        let bound = if key == "exclusiveMinimum" { "minimum" } else { "maximum" };
                        out.put_at(bound, member.key.span, value.clone());
                        out.put_at(key, member.key.span, build::boolean(at, true));
                    }
                    _ => {}
                },
                "required" => {
                    if value.as_array().is_some_and(|items| !items.is_empty()) {
                        out.copy(member);
                    }
                }
                "properties" => {
                    let mut properties = Object::new(at);
                    for property in value.as_object().unwrap_or_default() {
                        let converted = self.schema(doc, &property.value);
                        properties.put_at(&property.key.text, self.key_span(doc, property.key.span), converted);
                    }
                    out.put_at("properties", member.key.span, properties.build());
                }
                "additionalProperties" => match &value.value {
                    Value::Bool(_) => {
                        out.copy(member);
                    }
                    _ => {
                        let converted = self.schema(doc, value);
                        out.put_at(key, member.key.span, converted);
                    }
                },
                "items" => match &value.value {
                    Value::Array(items) => {
                        // Draft-04 tuple form: Swagger 2.0 takes one schema.
                        if let Some(first) = items.first() {
                            let converted = self.schema(doc, first);
                            out.put_at("items", member.key.span, converted);
                        }
                        dropped.push("items (a list)");
                    }
                    Value::Bool(_) => {}
                    _ => {
                        let converted = self.schema(doc, value);
                        out.put_at("items", member.key.span, converted);
                    }
                },
                "allOf" => {
                    let items: Vec<Node> = value.as_array().unwrap_or_default().iter().map(|item| self.schema(doc, item)).collect();
                    if !items.is_empty() {
                        out.put_at("allOf", member.key.span, build::array(at, items));
                    }
                }
                "oneOf" | "anyOf" => {
                    let alternatives = value.as_array().unwrap_or_default();
                    let (nulls, rest): (Vec<&Node>, Vec<&Node>) = alternatives.iter().partition(|a| is_null_schema(a));
                    nullable |= !nulls.is_empty();
                    // The first alternative of the schema's own type, when it has one, else the first.
                    let own_type = node.get("type").and_then(Node::as_str);
                    let chosen = rest
                        .iter()
                        .position(|a| own_type.is_none() || self.alternative_type(doc, a).is_none_or(|t| Some(t.as_str()) == own_type))
                        .unwrap_or(0);
                    if let Some(kept_node) = rest.get(chosen) {
                        let kept = self.schema(doc, kept_node);
                        if rest.len() > 1 {
                            let names: Vec<String> = rest.iter().map(|a| self.describe(a)).collect();
                            let dropped: Vec<String> =
                                names.iter().enumerate().filter(|(i, _)| *i != chosen).map(|(_, n)| n.clone()).collect();
                            self.notes
                                .add(
                                    NoteKind::CompositionDropped,
                                    self.key_span(doc, member.key.span),
                                    format!("`{key}` with {} alternatives: kept {}, dropped {}", rest.len(), names[chosen], dropped.join(", ")),
                                )
                                .help("Swagger 2.0 has no `oneOf`/`anyOf`; if callers need the other shapes, describe them as separate operations or let custom code (script.csx) pick one");
                        }
                        merge_into(&mut out, kept);
                    }
                }
                "not" => {
                    self.notes.add(
                        NoteKind::CompositionDropped,
                        self.key_span(doc, member.key.span),
                        "`not` dropped: Swagger 2.0 cannot exclude a schema",
                    );
                }
                "discriminator" => {
                    let property = match &value.value {
                        Value::String(s) => Some(s.to_string()),
                        Value::Object(_) => value.get("propertyName").and_then(Node::as_str).map(str::to_string),
                        _ => None,
                    };
                    if let Some(property) = property {
                        if value.as_object().is_some() {
                            let mapping = value.get("mapping").and_then(Node::as_object).map_or(0, <[Member]>::len);
                            discriminator_note = Some((
                                at,
                                if mapping > 0 {
                                    format!(
                                        "`discriminator` became the property name `{property}`; its mapping of {mapping} value{} was dropped, so values must be the definitions' names",
                                        if mapping == 1 { "" } else { "s" }
                                    )
                                } else {
                                    format!("`discriminator` became the property name `{property}`")
                                },
                            ));
                        }
                        out.put_at("discriminator", member.key.span, build::string(at, property));
                    }
                }
                "writeOnly" => {
                    if value.as_bool() == Some(true) {
                        self.notes.add(
                            NoteKind::WriteOnlyDropped,
                            at,
                            "`writeOnly` dropped: Swagger 2.0 cannot mark a property as sent but never returned",
                        );
                    }
                }
                "uniqueItems" => {
                    if value.as_bool() == Some(true) {
                        self.notes.add(NoteKind::SchemaKeywordDropped, at, "`uniqueItems` dropped: Power Platform does not support it");
                    }
                }
                "deprecated" => {
                    if value.as_bool() == Some(true) {
                        dropped.push("deprecated");
                    }
                }
                "contentEncoding" if value.as_str() == Some("base64") => {
                    if !members.iter().any(|m| &*m.key.text == "format") {
                        out.put_at("format", member.key.span, build::string(at, "byte"));
                    }
                }
                other => dropped.push(other),
            }
        }
        if nullable {
            // At what allowed null: `nullable`, else the list of types, else the alternatives.
            let at = ["nullable", "type", "oneOf", "anyOf"]
                .iter()
                .find_map(|key| members.iter().find(|m| &*m.key.text == *key))
                .map_or(span, |m| self.span(doc, &m.value));
            self.notes.add(NoteKind::NullableMapped, at, "null is allowed: written as `x-nullable: true`");
            out.put("x-nullable", build::boolean(at, true));
        }
        if !dropped.is_empty() {
            self.notes.add(NoteKind::SchemaKeywordDropped, span, format!("{} dropped: Swagger 2.0 has no such keyword", quoted(&dropped)));
        }
        self.make_consistent(&mut out, span, discriminator_note);
        out.build()
    }

    /// What the rules would refuse in a converted schema, fixed (see the module docs).
    fn make_consistent(&mut self, out: &mut Object, span: crate::source::Span, discriminator_note: Option<(crate::source::Span, String)>) {
        if out.get("enum").and_then(Node::as_array).is_some_and(<[Node]>::is_empty) {
            let at = out.get("enum").map_or(span, |e| e.span);
            out.remove("enum");
            self.notes.add(NoteKind::SchemaKeywordDropped, at, "an empty `enum` (no value is valid) dropped");
        }
        let ty = out.get("type").and_then(Node::as_str).map(str::to_string);
        let property_names: Option<Vec<String>> =
            out.get("properties").and_then(Node::as_object).map(|p| p.iter().map(|m| m.key.text.to_string()).collect());
        if let Some(required) = out.get("required").cloned() {
            let at = required.span;
            let mut names: Vec<Node> = Vec::new();
            let mut undefined: Vec<String> = Vec::new();
            for name in required.as_array().unwrap_or_default() {
                let Some(text) = name.as_str() else { continue };
                if names.iter().any(|n| n.as_str() == Some(text)) {
                    continue;
                }
                match &property_names {
                    Some(defined) if !out.has("allOf") && !defined.iter().any(|d| d == text) => undefined.push(text.to_string()),
                    _ => names.push(name.clone()),
                }
            }
            if ty.as_deref().is_some_and(|t| t != "object") {
                out.remove("required");
                self.notes.add(
                    NoteKind::SchemaKeywordDropped,
                    at,
                    format!(
                        "`required` dropped: it applies to objects, and this schema is of type `{}`",
                        ty.as_deref().unwrap_or_default()
                    ),
                );
            } else {
                if !undefined.is_empty() {
                    let list: Vec<&str> = undefined.iter().map(String::as_str).collect();
                    self.notes.add(
                        NoteKind::SchemaKeywordDropped,
                        at,
                        format!("{} dropped from `required`: not among the schema's `properties`", quoted(&list)),
                    );
                }
                if names.is_empty() {
                    out.remove("required");
                } else {
                    out.put("required", build::array(at, names));
                }
            }
        }
        if let Some(discriminator) = out.get("discriminator").cloned() {
            let name = discriminator.as_str().unwrap_or_default().to_string();
            let property = out.get("properties").and_then(|p| p.get(&name));
            let usable = property.is_some_and(|p| p.get("$ref").is_some() || p.get("type").and_then(Node::as_str) == Some("string"));
            if !usable {
                out.remove("discriminator");
                self.notes.add(
                    NoteKind::DiscriminatorChanged,
                    discriminator.span,
                    format!("`discriminator` dropped: `{name}` is not a string property of this schema, as Swagger 2.0 requires"),
                );
                return;
            }
            if !out.get("required").and_then(Node::as_array).unwrap_or_default().iter().any(|r| r.as_str() == Some(&name)) {
                let mut names = out.get("required").and_then(Node::as_array).map(<[Node]>::to_vec).unwrap_or_default();
                names.push(build::string(discriminator.span, name.as_str()));
                out.put("required", build::array(discriminator.span, names));
            }
            if let Some((at, message)) = discriminator_note {
                self.notes.add(NoteKind::DiscriminatorChanged, at, message);
            }
        }
    }

    /// The `$ref` of a schema: a local component schema keeps its name as a definition; anything
    /// else becomes a definition of its own, converted once.
    pub(super) fn schema_ref(&mut self, doc: DocId, reference: &str, span: crate::source::Span) -> Node {
        let mut out = Object::new(span);
        if self.docs.is_refused(doc, reference) {
            return out.build();
        }
        let Some(target) = self.docs.resolve(doc, reference) else {
            // A local reference that points nowhere is kept (renamed) so that the linter reports it.
            let name = reference.rsplit('/').next().unwrap_or(reference);
            out.put("$ref", build::string(span, format!("#/definitions/{name}")));
            return out.build();
        };
        let name = self.definition_name(target.doc, &target.pointer);
        let mut escaped = String::new();
        crate::json::push_pointer_token(&mut escaped, &name);
        out.put("$ref", build::string(span, format!("#/definitions{escaped}")));
        out.build()
    }

    /// The `type` of an alternative, through its `$ref`.
    fn alternative_type(&self, doc: DocId, node: &Node) -> Option<String> {
        let (_, resolved) = self.follow(doc, node)?;
        resolved.get("type").and_then(Node::as_str).map(str::to_string).or_else(|| resolved.get("properties").map(|_| "object".to_string()))
    }

    /// A short description of a schema for messages: its `$ref` name, `title` or `type`.
    fn describe(&self, node: &Node) -> String {
        if let Some(reference) = node.get("$ref").and_then(Node::as_str) {
            return format!("`{}`", reference.rsplit('/').next().unwrap_or(reference));
        }
        if let Some(title) = node.get("title").and_then(Node::as_str) {
            return format!("`{title}`");
        }
        match node.get("type") {
            Some(t) if t.as_str().is_some() => {
                let name = t.as_str().unwrap_or_default();
                let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                format!("{article} `{name}`")
            }
            _ => "an untyped schema".into(),
        }
    }
}

fn is_null_schema(node: &Node) -> bool {
    node.get("type").and_then(Node::as_str) == Some("null")
}

/// Puts the members of the converted schema `kept` into `out`: a `$ref` goes into `allOf` when
/// `out` already has members (so both survive), else it is the whole schema.
fn merge_into(out: &mut Object, kept: Node) {
    let Value::Object(members) = kept.value else { return };
    if members.iter().any(|m| &*m.key.text == "$ref") {
        let reference = Node { span: kept.span, value: Value::Object(members) };
        match out.remove("allOf") {
            Some(Node { span, value: Value::Array(mut items) }) => {
                items.push(reference);
                out.put("allOf", build::array(span, items));
            }
            _ => {
                out.put("allOf", build::array(kept.span, vec![reference]));
            }
        }
        return;
    }
    for member in &members {
        if !out.has(&member.key.text) {
            out.copy(member);
        }
    }
}
