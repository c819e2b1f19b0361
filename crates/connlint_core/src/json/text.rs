//! The strings of a parsed tree: each a boxed copy of its text, behind a type of its own.
//!
//! Issue 19 asked for strings that are spans of the document's text instead of an allocation
//! each. That was built and measured on Microsoft's connector repository: a string held a
//! reference-counted pointer to the whole text and its byte range. It was 9% slower over the
//! whole run (957 against 875 ms of CPU, `perf stat -r 7`, same binary otherwise): the reference
//! count is an atomic operation for every string read and every string dropped, and each read of
//! a string sliced the text with bounds and character-boundary checks, while rules read strings
//! far more often than the reader makes them. A small allocation with mimalloc costs less than
//! both. Keeping texts of up to 15 bytes inside the 16 bytes of the string instead (84% of the
//! repository's keys and strings; the rest boxed) was measured too: 5% more CPU over the corpus
//! (1,285 against 1,221 ms, median of 15 alternating runs), since every read of a string then
//! tests which form it has, and it needs `unsafe` code, which the workspace forbids. So a string
//! owns its text, and this type keeps that choice in one place: comparisons check lengths before
//! bytes, and the storage can change without touching a rule.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// A string value or object key of a parsed tree. It reads as a `str` (through `Deref`), and
/// compares, orders and hashes as its text does.
#[derive(Clone)]
pub struct JsonStr(Box<str>);

impl JsonStr {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text is `other`: lengths first (most keys an object is searched for differ
    /// in length from most of its keys), then bytes.
    pub fn is(&self, other: &str) -> bool {
        self.0.len() == other.len() && self.0.as_bytes() == other.as_bytes()
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
        Self("".into())
    }
}

impl From<&str> for JsonStr {
    fn from(text: &str) -> Self {
        Self(text.into())
    }
}

impl From<String> for JsonStr {
    fn from(text: String) -> Self {
        Self(text.into_boxed_str())
    }
}

impl From<Box<str>> for JsonStr {
    fn from(text: Box<str>) -> Self {
        Self(text)
    }
}

impl From<std::borrow::Cow<'_, str>> for JsonStr {
    fn from(text: std::borrow::Cow<'_, str>) -> Self {
        Self(text.into())
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
    fn a_value_is_no_larger_than_with_a_plain_boxed_string() {
        assert_eq!(size_of::<JsonStr>(), 16);
        assert_eq!(size_of::<crate::json::Value>(), 32);
        assert_eq!(size_of::<crate::json::Key>(), 24);
    }
}
