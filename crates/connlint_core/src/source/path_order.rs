//! File paths in the order of output, compared quickly.

use std::cmp::Ordering;
use std::path::Path;

/// A path that orders as [`Path`] does (component by component), for the keys output is sorted
/// and merged by. `Path`'s own comparison takes its components apart one by one; most paths
/// compared here are equal (findings of one file) or differ inside a plain name (two
/// connectors' folders), which the bytes decide at once. Everything else is left to `Path`.
#[derive(Debug, Clone, Copy)]
pub struct PathOrder<'a>(pub &'a Path);

impl PartialEq for PathOrder<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for PathOrder<'_> {}

impl PartialOrd for PathOrder<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PathOrder<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_paths(self.0, other.0)
    }
}

/// `a.cmp(b)`, decided from the bytes where they are sure to agree with the components.
fn compare_paths(a: &Path, b: &Path) -> Ordering {
    let (x, y) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    if x == y {
        return Ordering::Equal;
    }
    // Windows paths have prefixes (`C:`, `\\?\`) that order by kind, not by bytes.
    if cfg!(windows) {
        return a.cmp(b);
    }
    let Some(at) = first_difference(x, y) else { return a.cmp(b) };
    let is_separator = |byte: u8| std::path::is_separator(char::from(byte));
    if is_separator(x[at]) || is_separator(y[at]) {
        return a.cmp(b);
    }
    // The bytes before the component that differs are the same, and so are the components
    // they make. The differing components are plain names unless either is `.` or `..`
    // (which are not compared by their bytes, or not kept at all).
    let start = x[..at].iter().rposition(|&byte| is_separator(byte)).map_or(0, |i| i + 1);
    let is_dots = |bytes: &[u8]| {
        let rest = &bytes[start..];
        let name = &rest[..rest.iter().position(|&byte| is_separator(byte)).unwrap_or(rest.len())];
        name == b"." || name == b".."
    };
    if is_dots(x) || is_dots(y) {
        return a.cmp(b);
    }
    x[at].cmp(&y[at])
}

/// The index of the first byte where `x` and `y` differ, before the end of the shorter; read
/// eight bytes at a time, since paths compared here share long prefixes (the repository's folder).
fn first_difference(x: &[u8], y: &[u8]) -> Option<usize> {
    let len = x.len().min(y.len());
    let mut at = 0;
    while at + 8 <= len {
        let word = |bytes: &[u8]| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let differing = word(x) ^ word(y);
        if differing != 0 {
            return Some(at + (differing.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    x[at..len].iter().zip(&y[at..len]).position(|(p, q)| p != q).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_difference_in_every_place() {
        let x = b"0123456789abcdefghij";
        for len in 0..=x.len() {
            for at in 0..len {
                let mut y = x[..len].to_vec();
                y[at] = b'_';
                assert_eq!(first_difference(&x[..len], &y), Some(at));
                assert_eq!(first_difference(&x[..len], &x[..at]), None, "a prefix does not differ");
            }
        }
    }

    #[test]
    fn orders_as_path_does() {
        let paths = [
            "",
            "/",
            "a",
            "a/",
            "a/b",
            "a//b",
            "a/./b",
            "a/../b",
            "./a",
            "a.b",
            "a.b/c",
            "a-b",
            "a/b.json",
            "a/b/c",
            "a/bc",
            "ab",
            "/work/corpus/A/apiDefinition.swagger.json",
            "/work/corpus/A/apiProperties.json",
            "/work/corpus/AB/x.json",
            "/work/corpus/A.B/x.json",
            "/work/corpus/A/../x.json",
            "/work/corpus/A/./x.json",
            "/work/corpus/./A/x.json",
            "..",
            "../a",
            ".",
            "./",
            "a/.",
            "a/..",
            "a/.b",
            "a/..b",
            "é/x",
            "e/x",
            "a b/c",
            "a/b c",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(compare_paths(a, b), a.cmp(b), "{a:?} {b:?}");
                assert_eq!(PathOrder(a) == PathOrder(b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
