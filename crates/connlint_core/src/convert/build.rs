//! Making output nodes, each with the input span it comes from, and collecting notes.

use super::{Note, NoteKind};
use crate::json::owned::{JsonStr, Key, Member, Node, Value};
use crate::json::Number;
use crate::source::Span;

pub(super) fn string(span: Span, text: impl Into<JsonStr>) -> Node {
    Node { span, value: Value::String(text.into()) }
}

pub(super) fn boolean(span: Span, value: bool) -> Node {
    Node { span, value: Value::Bool(value) }
}

pub(super) fn integer(span: Span, value: i64) -> Node {
    Node { span, value: Value::Number(Number { value: value as f64, is_integer: true }) }
}

pub(super) fn array(span: Span, items: Vec<Node>) -> Node {
    Node { span, value: Value::Array(items) }
}

pub(super) fn strings<'s>(span: Span, items: impl IntoIterator<Item = &'s str>) -> Node {
    array(span, items.into_iter().map(|s| string(span, s)).collect())
}

/// An object being built, members in the order they are put.
pub(super) struct Object {
    span: Span,
    members: Vec<Member>,
}

impl Object {
    pub(super) fn new(span: Span) -> Self {
        Self { span, members: Vec::new() }
    }

    /// Sets `key` (replacing an earlier value), with `key_span` as the key's span.
    pub(super) fn put_at(&mut self, key: &str, key_span: Span, value: Node) -> &mut Self {
        if let Some(member) = self.members.iter_mut().find(|m| &*m.key.text == key) {
            member.value = value;
        } else {
            self.members.push(Member { key: Key { span: key_span, text: key.into() }, value });
        }
        self
    }

    /// Sets `key`, its key span that of the value.
    pub(super) fn put(&mut self, key: &str, value: Node) -> &mut Self {
        let span = value.span;
        self.put_at(key, span, value)
    }

    /// Copies an input member as it is.
    pub(super) fn copy(&mut self, member: &Member) -> &mut Self {
        self.put_at(&member.key.text, member.key.span, member.value.clone())
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.members.iter().any(|m| &*m.key.text == key)
    }

    pub(super) fn get(&self, key: &str) -> Option<&Node> {
        self.members.iter().find(|m| &*m.key.text == key).map(|m| &m.value)
    }

    pub(super) fn remove(&mut self, key: &str) -> Option<Node> {
        let i = self.members.iter().position(|m| &*m.key.text == key)?;
        Some(self.members.remove(i).value)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub(super) fn build(self) -> Node {
        Node { span: self.span, value: Value::Object(self.members) }
    }
}

/// The notes of one conversion.
#[derive(Default)]
pub(super) struct Notes {
    pub(super) list: Vec<Note>,
}

impl Notes {
    pub(super) fn add(&mut self, kind: NoteKind, span: Span, message: impl Into<String>) -> &mut Note {
        self.list.push(Note { kind, span, message: message.into(), help: None, related: Vec::new() });
        self.list.last_mut().expect("just pushed")
    }
}

impl Note {
    pub(super) fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub(super) fn related(&mut self, span: Span, label: impl Into<String>) -> &mut Self {
        self.related.push((span, label.into()));
        self
    }
}

/// `name` in PascalCase, keeping only ASCII letters and digits (`get pets by-id` → `GetPetsById`).
pub(super) fn pascal_case(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}

/// A label for a parameter name (`user_id` → `User Id`, `pageSize` → `Page Size`), used as its
/// `x-ms-summary` when the input has none.
pub(super) fn title_case(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    let words: Vec<String> = words
        .into_iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => w,
            }
        })
        .collect();
    let label = words.join(" ");
    if label.is_empty() {
        name.to_string()
    } else {
        label
    }
}

/// A summary Power Platform accepts: the first line, without the characters it refuses
/// (`crate::platform::SUMMARY_RESTRICTED_CHARACTERS`), spaces collapsed. Equal to `text` when
/// nothing had to change.
pub(super) fn clean_summary(text: &str) -> String {
    let first_line = text.trim().lines().next().unwrap_or_default();
    let replaced: String =
        first_line.chars().map(|c| if crate::platform::SUMMARY_RESTRICTED_CHARACTERS.contains(&c) { ' ' } else { c }).collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `a`, `b` → "`a`, `b`" for messages.
pub(super) fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Makes operationIds unique and valid: letters, digits and `_` only, starting with a letter.
#[derive(Default)]
pub(super) struct OperationIds {
    used: std::collections::HashSet<String>,
}

impl OperationIds {
    /// A valid form of `wanted` that is not yet used (`_2`, `_3` ... added when needed).
    pub(super) fn claim(&mut self, wanted: &str) -> String {
        let mut base: String = wanted.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
        base = base.trim_matches('_').to_string();
        while base.contains("__") {
            base = base.replace("__", "_");
        }
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base = format!("Operation{}{base}", if base.is_empty() { "" } else { "_" });
        }
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.used.insert(candidate.to_ascii_lowercase()) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_for_people_and_ids() {
        assert_eq!(pascal_case("get pets by-id"), "GetPetsById");
        assert_eq!(pascal_case("List users (v2)"), "ListUsersV2");
        assert_eq!(title_case("user_id"), "User Id");
        assert_eq!(title_case("pageSize"), "Page Size");
        assert_eq!(title_case("X-Request-ID"), "X Request ID");
        let mut ids = OperationIds::default();
        assert_eq!(ids.claim("listPets"), "listPets");
        assert_eq!(ids.claim("listPets"), "listPets_2");
        assert_eq!(ids.claim("ListPets"), "ListPets_3");
        assert_eq!(ids.claim("get-/pets/{id}"), "get_pets_id");
        assert_eq!(ids.claim("2fa"), "Operation_2fa");
        assert_eq!(ids.claim(""), "Operation");
        assert_eq!(clean_summary("Get a pet"), "Get a pet");
        assert_eq!(clean_summary("**Create** a file/folder\nMore text"), "Create a file folder");
    }
}
