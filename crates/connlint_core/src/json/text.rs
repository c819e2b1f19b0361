//! The strings of a parsed tree: slices of the source text where they can be, behind a type of
//! their own.
//!
//! A string without escapes (almost every key and value of a connector) is the slice of the text
//! between its quotes: reading a file allocates nothing per string, and dropping its tree frees
//! nothing per string. A string with escapes is decoded once, when it is read, into a copy; so
//! are the strings of trees built rather than read (YAML's, a converter's). Over Microsoft's
//! connector repository this took 8% of the CPU time off a whole run (1,445 → 1,325 ms, median
//! of 15 alternating runs) with the same output.
//!
//! Two designs were measured before and turned back. A reference-counted pointer to the whole
//! text with a byte range was 9% slower (957 against 875 ms of CPU, `perf stat -r 7`): the count
//! is an atomic operation for every string made and dropped, and every read sliced the text with
//! bounds and character-boundary checks. Texts of up to 15 bytes kept inside the string itself
//! cost 5% more CPU (1,285 against 1,221 ms), since every read tests which form it has, and need
//! `unsafe` code, which the workspace forbids. Here both forms are a pointer and a length, so a
//! read is the same whichever it is; only the lifetime (`'s`, the source text's) is new, and a
//! parsed file keeps its text and tree together ([`crate::unit::JsonFile`]).

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// A string value or object key of a parsed tree. It reads as a `str` (through `Deref`), and
/// compares, orders and hashes as its text does.
#[derive(Clone)]
pub struct JsonStr<'s>(Text<'s>);

/// Both forms are a pointer and a length at the same place, so reading either is the same two
/// loads and no branch; only dropping tells them apart.
#[derive(Clone)]
enum Text<'s> {
    /// The string as it stands in the source (no escapes): most keys and values.
    Borrowed(&'s str),
    /// Text that is not in any source as is: an unescaped string, or one built by a converter.
    Owned(Box<str>),
}

impl<'s> JsonStr<'s> {
    /// A string that is a slice of the source text.
    pub fn borrowed(text: &'s str) -> Self {
        Self(Text::Borrowed(text))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Text::Borrowed(text) => text,
            Text::Owned(text) => text,
        }
    }

    /// Whether the text is `other`: lengths first (most keys an object is searched for differ
    /// in length from most of its keys), then bytes.
    pub fn is(&self, other: &str) -> bool {
        let text = self.as_str();
        text.len() == other.len() && text.as_bytes() == other.as_bytes()
    }

    /// The same text, owned, so that it outlives the source it was read from.
    pub fn into_owned(self) -> JsonStr<'static> {
        match self.0 {
            Text::Borrowed(text) => JsonStr(Text::Owned(text.into())),
            Text::Owned(text) => JsonStr(Text::Owned(text)),
        }
    }
}

impl Deref for JsonStr<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for JsonStr<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Hashes as `str` does, so maps keyed by `JsonStr` can be looked up with a `&str`.
impl Borrow<str> for JsonStr<'_> {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Default for JsonStr<'_> {
    fn default() -> Self {
        Self(Text::Borrowed(""))
    }
}

/// A copy of `text`: a string that does not come from a parsed source.
impl From<&str> for JsonStr<'_> {
    fn from(text: &str) -> Self {
        Self(Text::Owned(text.into()))
    }
}

impl From<String> for JsonStr<'_> {
    fn from(text: String) -> Self {
        Self(Text::Owned(text.into_boxed_str()))
    }
}

impl From<Box<str>> for JsonStr<'_> {
    fn from(text: Box<str>) -> Self {
        Self(Text::Owned(text))
    }
}

impl From<std::borrow::Cow<'_, str>> for JsonStr<'_> {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Self(Text::Owned(text.into()))
    }
}

impl PartialEq for JsonStr<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.is(other.as_str())
    }
}

impl Eq for JsonStr<'_> {}

impl PartialEq<str> for JsonStr<'_> {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for JsonStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl PartialEq<JsonStr<'_>> for str {
    fn eq(&self, other: &JsonStr<'_>) -> bool {
        other.is(self)
    }
}

impl PartialEq<JsonStr<'_>> for &str {
    fn eq(&self, other: &JsonStr<'_>) -> bool {
        other.is(self)
    }
}

impl PartialOrd for JsonStr<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JsonStr<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for JsonStr<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn reads_compares_orders_and_hashes_as_its_text() {
        let key = JsonStr::from("name");
        let value = JsonStr::from(String::from("café"));
        assert_eq!((key.as_str(), &*value, value.len()), ("name", "café", 5));
        assert!(key == "name" && key.is("name") && !key.is("nam") && !key.is("Name"));
        assert!(*"name" == key, "compared from either side");
        assert!(key > value, "ordered as text: `n` after `c`");
        assert_eq!(format!("{key} {value:?}"), "name \"café\"");
        let map: HashMap<JsonStr, u8> = [(key, 1)].into();
        assert_eq!(map.get("name"), Some(&1));
        assert!(JsonStr::default().is_empty());
    }

    #[test]
    fn compares_texts_of_every_length_byte_by_byte() {
        // Each length up to 39 bytes, with each byte in turn changed: the length test comes
        // first, but every byte must still count.
        for len in 0..40 {
            let text: String = (0..len).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let key = JsonStr::from(text.as_str());
            assert!(key.is(&text), "{text:?}");
            for at in 0..len {
                let mut other = text.clone().into_bytes();
                other[at] = b'_';
                let other = String::from_utf8(other).expect("ASCII");
                assert!(!key.is(&other), "{text:?} against {other:?}");
                assert_eq!(key == other.as_str(), text == other);
            }
            assert!(!key.is(&format!("{text}a")) && (len == 0 || !key.is(&text[1..])));
        }
        assert!(JsonStr::from("é").is("é") && !JsonStr::from("é").is("è"));
    }

    #[test]
    fn a_value_is_no_larger_than_with_a_boxed_string() {
        // A pointer, a length and which form; the value's own tag fits in the form's, so a
        // value is as large as when strings were boxed copies.
        assert_eq!(size_of::<JsonStr<'_>>(), 24);
        assert_eq!(size_of::<crate::json::Value<'_>>(), 32);
        assert_eq!(size_of::<crate::json::Key<'_>>(), 32);
    }

    #[test]
    fn parsed_strings_borrow_the_text_unless_they_hold_escapes() {
        let text = r#"{"plain": "value", "esc\u0061ped": "line\nbreak"}"#;
        let root = crate::json::parse(text).root.unwrap();
        let within = |s: &str| text.as_bytes().as_ptr_range().contains(&s.as_ptr());
        let members = root.as_object().unwrap();
        assert!(within(&members[0].key.text) && within(members[0].value.as_str().unwrap()));
        assert_eq!((&*members[1].key.text, members[1].value.as_str()), ("escaped", Some("line\nbreak")));
        assert!(!within(&members[1].key.text) && !within(members[1].value.as_str().unwrap()), "unescaped text is a copy");
    }

    #[test]
    fn an_owned_tree_outlives_its_text_with_the_same_strings() {
        let owned = {
            let text = String::from(r#"{"a": ["b", {"c\"d": null}]}"#);
            let parsed = crate::json::parse(&text).root.unwrap();
            let copy = parsed.clone().into_owned();
            assert_eq!(copy, parsed);
            copy
        };
        assert_eq!(owned.pointer("/a/1").and_then(|n| n.as_object()).map(|m| m[0].key.text.as_str()), Some("c\"d"));
        assert_eq!(owned.pointer("/a/0").and_then(|n| n.as_str()), Some("b"));
    }
}
