//! The strings of a parsed tree: spans of the document's text, not a copy each.
//!
//! A connector's swagger holds hundreds of thousands of keys and strings; copying each into an
//! allocation of its own was a third of the time spent reading it. A [`JsonStr`] instead keeps
//! a reference to the whole text (shared by every string of the document) and the byte range
//! of its content. Only a string whose source text is not its value, one with escapes (0.2% of
//! the strings in Microsoft's connector repository), a YAML scalar or a string made by the
//! converter, has a text of its own.

use crate::source::SharedText;
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A string value or object key of a parsed tree: `text[start..end]`. It reads as a `str`
/// (through `Deref`), and compares, orders and hashes as its text does.
#[derive(Clone)]
pub struct JsonStr {
    text: SharedText,
    start: u32,
    end: u32,
}

impl JsonStr {
    /// The part `start..end` of `text`; both ends must be on character boundaries and the
    /// text under 4 GiB (see `source::MAX_SOURCE_LEN`). Checked in debug builds only: this runs
    /// for every string the reader reads, and reading the string checks the range again.
    pub fn slice(text: &SharedText, start: usize, end: usize) -> Self {
        debug_assert!(text.is_char_boundary(start) && text.is_char_boundary(end) && start <= end, "a string's range is within its text");
        debug_assert!(u32::try_from(end).is_ok(), "texts are under 4 GiB");
        Self { text: Arc::clone(text), start: start as u32, end: end as u32 }
    }

    /// A string with a text of its own.
    pub fn owned(text: String) -> Self {
        let end = text.len();
        Self::slice(&Arc::new(text), 0, end)
    }

    pub fn as_str(&self) -> &str {
        &self.text[self.start as usize..self.end as usize]
    }

    /// The length in bytes, known without reading the text.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether the text is `other`: lengths first (most keys an object is searched for differ
    /// in length from most of its keys), then bytes, without the character-boundary checks of
    /// [`JsonStr::as_str`].
    pub fn is(&self, other: &str) -> bool {
        self.len() == other.len() && &self.text.as_bytes()[self.start as usize..self.end as usize] == other.as_bytes()
    }
}

impl Deref for JsonStr {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for JsonStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Hashes as `str` does, so maps keyed by `JsonStr` can be looked up with a `&str`.
impl Borrow<str> for JsonStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Default for JsonStr {
    fn default() -> Self {
        Self::owned(String::new())
    }
}

impl From<&str> for JsonStr {
    fn from(text: &str) -> Self {
        Self::owned(text.to_string())
    }
}

impl From<String> for JsonStr {
    fn from(text: String) -> Self {
        Self::owned(text)
    }
}

impl From<Box<str>> for JsonStr {
    fn from(text: Box<str>) -> Self {
        Self::owned(text.into_string())
    }
}

impl From<std::borrow::Cow<'_, str>> for JsonStr {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Self::owned(text.into_owned())
    }
}

impl From<&JsonStr> for String {
    fn from(text: &JsonStr) -> Self {
        text.as_str().to_string()
    }
}

impl PartialEq for JsonStr {
    fn eq(&self, other: &Self) -> bool {
        self.is(other.as_str())
    }
}

impl Eq for JsonStr {}

impl PartialEq<str> for JsonStr {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for JsonStr {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

impl PartialEq<JsonStr> for str {
    fn eq(&self, other: &JsonStr) -> bool {
        other.is(self)
    }
}

impl PartialEq<JsonStr> for &str {
    fn eq(&self, other: &JsonStr) -> bool {
        other.is(self)
    }
}

impl PartialOrd for JsonStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JsonStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for JsonStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for JsonStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for JsonStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_slice_reads_compares_and_hashes_as_its_text() {
        let text: SharedText = Arc::new(r#"{"name": "café"}"#.to_string());
        let key = JsonStr::slice(&text, 2, 6);
        let value = JsonStr::slice(&text, 10, 15);
        assert_eq!((key.as_str(), &*value), ("name", "café"));
        assert_eq!(key, JsonStr::from("name"));
        assert!(key == "name");
        assert!(*"name" == key, "compared from either side");
        assert!(key > value, "ordered as text: `n` after `c`");
        assert_eq!(format!("{key} {value:?}"), "name \"café\"");
        let map: HashMap<JsonStr, u8> = [(key, 1)].into();
        assert_eq!(map.get("name"), Some(&1));
        // Strings share the text: no copy per string.
        assert_eq!(Arc::strong_count(&text), 3);
    }

    #[test]
    #[should_panic]
    fn a_range_inside_a_character_is_refused_at_the_latest_when_read() {
        let text: SharedText = Arc::new("é".to_string());
        let _ = JsonStr::slice(&text, 0, 1).as_str();
    }

    #[test]
    fn a_node_is_no_larger_than_with_boxed_strings() {
        assert_eq!(size_of::<JsonStr>(), 16);
        assert_eq!(size_of::<crate::json::Value>(), 32);
        assert_eq!(size_of::<crate::json::Key>(), 24);
    }
}
