//! Where a position is in a JSON document that may be half typed: the keys and indices of the
//! containers around it, and whether it is at a key or at a value. A tolerant scan of the text
//! before the position, not a parse: what follows the cursor (often nothing yet, or broken) does
//! not matter.

use connlint_core::model::extensions::Place;

/// One step into a container: an object's key or an array's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// What is at the position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A key, or where one may be written. `text` is the whole key when the position is in a
    /// key string (`content` is then the byte range inside its quotes); empty otherwise.
    Key { text: String, content: Option<(usize, usize)> },
    /// A value: of the key `key` in an object, or an array's element when `key` is `None`.
    /// `content` is the range inside the quotes when the position is in a string.
    Value { key: Option<String>, text: String, content: Option<(usize, usize)> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The steps from the root to the innermost container holding the position.
    pub containers: Vec<Step>,
    pub slot: Slot,
}

#[derive(Debug, Clone)]
enum Frame {
    Object { key: Option<String>, after_colon: bool },
    Array { index: usize },
}

impl Frame {
    fn step(&self) -> Step {
        match self {
            Frame::Object { key, .. } => Step::Key(key.clone().unwrap_or_default()),
            Frame::Array { index } => Step::Index(*index),
        }
    }
}

/// A string read by the scan: its decoded text (escapes kept as written: keys and values that
/// matter here have none), the range inside its quotes, and whether it was closed.
struct Scanned {
    text: String,
    content: (usize, usize),
}

/// Reads the string whose opening quote is at `open`; stops at the closing quote or a line end.
fn read_string(bytes: &[u8], open: usize) -> (Scanned, usize) {
    let mut i = open + 1;
    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    let end = i.min(bytes.len());
    let text = String::from_utf8_lossy(&bytes[open + 1..end]).into_owned();
    let next = if bytes.get(end) == Some(&b'"') { end + 1 } else { end };
    (Scanned { text, content: (open + 1, end) }, next)
}

/// Walks `text` from the start, calling `on_value(frames, key, value)` for each string value of
/// an object member, until `stop` (a byte offset) is reached inside or before a token: returns
/// the context there, or `None` when `stop` is past the end.
fn walk(text: &str, stop: usize, mut on_value: impl FnMut(&[Frame], &str, &str)) -> Option<Context> {
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    let context = |frames: &[Frame], slot: Slot| {
        let containers = frames.iter().take(frames.len().saturating_sub(1)).map(Frame::step).collect();
        Context { containers, slot }
    };
    let empty_slot = |frames: &[Frame]| match frames.last() {
        Some(Frame::Object { after_colon: false, .. }) => Slot::Key { text: String::new(), content: None },
        Some(Frame::Object { key, .. }) => Slot::Value { key: key.clone(), text: String::new(), content: None },
        _ => Slot::Value { key: None, text: String::new(), content: None },
    };
    while i < bytes.len() {
        if i >= stop {
            return Some(context(&frames, empty_slot(&frames)));
        }
        match bytes[i] {
            b'"' => {
                let (string, next) = read_string(bytes, i);
                let at_key = matches!(frames.last(), Some(Frame::Object { after_colon: false, .. }));
                if stop <= string.content.1 && stop > i {
                    let Scanned { text, content } = string;
                    let slot = if at_key {
                        Slot::Key { text, content: Some(content) }
                    } else {
                        let key = match frames.last() {
                            Some(Frame::Object { key, .. }) => key.clone(),
                            _ => None,
                        };
                        Slot::Value { key, text, content: Some(content) }
                    };
                    return Some(context(&frames, slot));
                }
                match frames.last_mut() {
                    Some(Frame::Object { key, after_colon: false }) => *key = Some(string.text),
                    Some(Frame::Object { key: Some(key), after_colon: true }) => {
                        let key = key.clone();
                        on_value(&frames, &key, &string.text);
                    }
                    _ => {}
                }
                i = next;
                continue;
            }
            b'{' => frames.push(Frame::Object { key: None, after_colon: false }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, after_colon }) => {
                    *key = None;
                    *after_colon = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { after_colon, .. }) = frames.last_mut() {
                    *after_colon = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (stop <= bytes.len()).then(|| context(&frames, empty_slot(&frames)))
}

/// The context at byte `offset` of `text`.
pub fn at(text: &str, offset: usize) -> Option<Context> {
    walk(text, offset, |_, _, _| {})
}

/// The `operationId`s of the swagger's operations, in document order, found even in a document
/// that does not parse.
pub fn operation_ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    walk(text, usize::MAX, |frames, key, value| {
        let steps: Vec<Step> = frames.iter().take(frames.len() - 1).map(Frame::step).collect();
        if key == "operationId" && place_of(&steps) == Some(Place::Operation) && !ids.iter().any(|id| id == value) {
            ids.push(value.to_string());
        }
    });
    ids
}

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Where a swagger's containers lead: a place where extensions may stand, or a map or list of
/// such places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    At(Place),
    Paths,
    ParameterList,
    ParameterMap,
    ResponseMap,
    HeaderMap,
    SchemaMap,
    SchemaList,
    SecurityMap,
    Elsewhere,
}

/// The place of the object that `containers` lead to in a swagger, if it is one where
/// extensions may stand.
pub fn place_of(containers: &[Step]) -> Option<Place> {
    let mut at = Where::At(Place::Root);
    for step in containers {
        let key = match step {
            Step::Key(key) => Some(key.as_str()),
            Step::Index(_) => None,
        };
        at = match (at, key) {
            (Where::At(Place::Root), Some("info")) => Where::At(Place::Info),
            (Where::At(Place::Root), Some("paths")) => Where::Paths,
            (Where::At(Place::Root), Some("parameters")) => Where::ParameterMap,
            (Where::At(Place::Root), Some("responses")) => Where::ResponseMap,
            (Where::At(Place::Root), Some("definitions")) => Where::SchemaMap,
            (Where::At(Place::Root), Some("securityDefinitions")) => Where::SecurityMap,
            (Where::Paths, Some(_)) => Where::At(Place::PathItem),
            (Where::At(Place::PathItem), Some(method)) if METHODS.contains(&method) => Where::At(Place::Operation),
            (Where::At(Place::PathItem | Place::Operation), Some("parameters")) => Where::ParameterList,
            (Where::ParameterList, None) | (Where::ParameterMap, Some(_)) => Where::At(Place::Parameter),
            (Where::At(Place::Operation), Some("responses")) => Where::ResponseMap,
            (Where::ResponseMap, Some(_)) => Where::At(Place::Response),
            (Where::At(Place::Response), Some("headers")) => Where::HeaderMap,
            (Where::HeaderMap, Some(_)) => Where::At(Place::Header),
            (Where::At(Place::Response | Place::Parameter), Some("schema")) => Where::At(Place::Schema),
            (Where::At(Place::Parameter | Place::Schema | Place::Header), Some("items" | "additionalProperties")) => {
                Where::At(Place::Schema)
            }
            (Where::At(Place::Schema), Some("properties")) => Where::SchemaMap,
            (Where::SchemaMap, Some(_)) | (Where::SchemaList, None) => Where::At(Place::Schema),
            (Where::At(Place::Schema), Some("allOf")) => Where::SchemaList,
            (Where::SecurityMap, Some(_)) => Where::At(Place::SecurityScheme),
            _ => Where::Elsewhere,
        };
    }
    match at {
        Where::At(place) => Some(place),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn a_half_typed_key_in_an_operation() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"summary\": \"S\", \"x-ms-vis";
        let context = at(text, text.len()).unwrap();
        assert_eq!(context.containers, [key("paths"), key("/a"), key("get")]);
        let content = (text.rfind('"').unwrap() + 1, text.len());
        assert_eq!(context.slot, Slot::Key { text: "x-ms-vis".into(), content: Some(content) });
        assert_eq!(place_of(&context.containers), Some(Place::Operation));
    }

    #[test]
    fn values_in_arrays_and_places_of_parameters_and_schemas() {
        let text = r#"{"paths": {"/a": {"get": {"parameters": [{"in": "query"}, {"x-ms-visibility": "adv"}]}}}}"#;
        let offset = text.find("adv").unwrap() + 2;
        let context = at(text, offset).unwrap();
        assert_eq!(context.containers, [key("paths"), key("/a"), key("get"), key("parameters"), Step::Index(1)]);
        let start = text.find("adv").unwrap();
        assert_eq!(
            context.slot,
            Slot::Value { key: Some("x-ms-visibility".into()), text: "adv".into(), content: Some((start, start + 3)) }
        );
        assert_eq!(place_of(&context.containers), Some(Place::Parameter));
        let schema = [key("definitions"), key("Item"), key("properties"), key("name")];
        assert_eq!(place_of(&schema), Some(Place::Schema));
        assert_eq!(place_of(&[key("paths"), key("/a"), key("get"), key("tags")]), None);
    }

    #[test]
    fn operation_ids_come_from_operations_only_even_when_the_text_is_broken() {
        let text = r#"{"paths": {"/a": {"get": {"operationId": "ListA", "parameters": [{"x-ms-dynamic-values": {"operationId": "ListB"}}]},
            "post": {"operationId": "CreateA"}}, "/b": {"get": {"operationId": "ListB", "#;
        assert_eq!(operation_ids(text), ["ListA", "CreateA", "ListB"]);
    }
}
