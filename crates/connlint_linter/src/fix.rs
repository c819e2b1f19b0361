//! Fixes that rules attach to their findings, and how `--fix` and `--diff` apply them.
//!
//! A rule offers a correction with [`crate::diagnostic::Diagnostic::fix`]: one or more text
//! edits in the finding's file, with an [`Applicability`]. A fix replaces exactly the text it
//! names and nothing else, so the file keeps its formatting. This module knows nothing of the
//! rules: it only applies edits and shows them as a unified diff.

use connlint_core::{Position, Span};

/// Whether a fix may be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps the meaning the author intended: applied by `--fix`.
    Safe,
    /// May change behaviour or guess: applied only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One text edit: replace `span` of the decoded text of the finding's file by `content` (an
/// empty span inserts, an empty `content` deletes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
    /// The 1-based position of `span`'s start and end, filled in when the finding is resolved
    /// (see `Finding::resolve`); `0:0` before.
    pub start: Position,
    pub end: Position,
}

impl Edit {
    /// Replaces `span` by `content`.
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        let unresolved = Position { line: 0, column: 0 };
        Edit { span, content: content.into(), start: unresolved, end: unresolved }
    }

    /// Inserts `content` at byte offset `at`.
    pub fn insert(at: u32, content: impl Into<String>) -> Self {
        Self::replace(Span::empty(at), content)
    }

    /// Deletes `span`.
    pub fn delete(span: Span) -> Self {
        Self::replace(span, "")
    }
}

/// A correction of a finding: edits in its file, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// Sorted by position, not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix made of `edits`.
    pub fn safe(edits: impl IntoIterator<Item = Edit>) -> Self {
        Self::new(Applicability::Safe, edits)
    }

    /// A fix applied only with `--unsafe-fixes`.
    pub fn unsafe_edits(edits: impl IntoIterator<Item = Edit>) -> Self {
        Self::new(Applicability::Unsafe, edits)
    }

    fn new(applicability: Applicability, edits: impl IntoIterator<Item = Edit>) -> Self {
        let mut edits: Vec<Edit> = edits.into_iter().collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix { applicability, edits }
    }

    /// The safe fix that replaces the JSON string at `span` of `text` by the string `value`,
    /// when `span` holds a plain quoted string (no escapes to lose, no line breaks) that is
    /// not already `value`.
    pub fn replace_string(text: &str, span: Span, value: &str) -> Option<Self> {
        let inner = plain_string(text, span)?;
        (inner != value && !value.contains(['\\', '"', '\n', '\r'])).then(|| Self::safe([Edit::replace(span, format!("\"{value}\""))]))
    }

    /// The safe fix of the plain JSON string at `span` of `text` that equals one of `allowed`
    /// but for letter case (`"Advanced"` → `"advanced"`).
    pub fn case_correction(text: &str, span: Span, allowed: &[&str]) -> Option<Self> {
        let inner = plain_string(text, span)?;
        let right = allowed.iter().find(|a| a.eq_ignore_ascii_case(inner))?;
        Self::replace_string(text, span, right)
    }

    /// From the first edit's start to the last edit's end.
    pub fn range(&self) -> Span {
        let start = self.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        Span { start, end }
    }
}

/// The text inside the quotes of the plain JSON string at `span` of `text`: `None` when the
/// span is not a quoted string, or has escapes or line breaks.
pub fn plain_string(text: &str, span: Span) -> Option<&str> {
    let inner = text.get(span.range())?.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains(['\\', '"', '\n', '\r'])).then_some(inner)
}

/// Which findings of a rule carry a fix, as its metadata declares (`fix:` in `declare_rule!`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixAvailability {
    /// The rule never attaches a fix.
    #[default]
    None,
    /// Some findings carry a fix: those with an unambiguous correction.
    Sometimes,
    /// Every finding carries a fix.
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// Applies `fixes` (all for one file) to `text`: each fix with all its edits or not at all.
/// Fixes are taken from the last to the first; one that overlaps a fix already taken, or whose
/// spans are not in `text`, is skipped. Returns the new text and the indices (into `fixes`) of
/// the fixes applied, in order.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((fixes[i].range().start, fixes[i].range().end)));
    let mut taken: Vec<usize> = Vec::new();
    let mut limit = u32::MAX;
    for i in order {
        let fix = fixes[i];
        if fix.edits.is_empty() || fix.range().end > limit || fix.edits.iter().any(|e| text.get(e.span.range()).is_none()) {
            continue;
        }
        // The same fix twice (two findings at one place) is applied once.
        if taken.last().is_some_and(|&t| fixes[t].edits == fix.edits) {
            continue;
        }
        if fix.edits.windows(2).any(|w| w[0].span.end > w[1].span.start) {
            continue;
        }
        limit = fix.range().start;
        taken.push(i);
    }
    let mut out = text.to_string();
    for &i in &taken {
        for edit in fixes[i].edits.iter().rev() {
            out.replace_range(edit.span.range(), &edit.content);
        }
    }
    taken.reverse();
    (out, taken)
}

/// A unified diff (three lines of context) from `old` to `new`, which must have the same number
/// of lines (fixes never add or remove line breaks); empty when they are equal.
pub fn unified_diff(label: &str, old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    if old == new || old_lines.len() != new_lines.len() {
        return String::new();
    }
    let changed: Vec<usize> = (0..old_lines.len()).filter(|&i| old_lines[i] != new_lines[i]).collect();
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    let mut i = 0;
    while i < changed.len() {
        let mut j = i;
        while j + 1 < changed.len() && changed[j + 1] - changed[j] <= 6 {
            j += 1;
        }
        let start = changed[i].saturating_sub(3);
        let end = (changed[j] + 4).min(old_lines.len());
        let count = end - start;
        out.push_str(&format!("@@ -{},{count} +{},{count} @@\n", start + 1, start + 1));
        let line = |prefix: char, text: &str| {
            let mut l = format!("{prefix}{text}");
            if !l.ends_with('\n') {
                l.push_str("\n\\ No newline at end of file\n");
            }
            l
        };
        for k in start..end {
            if old_lines[k] == new_lines[k] {
                out.push_str(&line(' ', old_lines[k]));
            } else {
                out.push_str(&line('-', old_lines[k]));
                out.push_str(&line('+', new_lines[k]));
            }
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: u32, end: u32, text: &str) -> Fix {
        Fix::safe([Edit::replace(Span { start, end }, text)])
    }

    #[test]
    fn overlapping_fixes_keep_the_later_one_only() {
        let fixes = [fix(0, 3, "xyz"), fix(2, 5, "Q"), fix(6, 7, "!")];
        let (out, applied) = apply("abcdefg", &fixes.iter().collect::<Vec<_>>());
        assert_eq!(out, "abQf!");
        assert_eq!(applied, [1, 2]);
    }

    #[test]
    fn a_fix_of_several_edits_is_applied_whole_or_not_at_all() {
        let two = Fix::safe([Edit::replace(Span { start: 5, end: 6 }, "F"), Edit::insert(0, "<"), Edit::delete(Span { start: 2, end: 3 })]);
        let (out, applied) = apply("abcdefg", &[&two]);
        assert_eq!((out.as_str(), applied), ("<abdeFg", vec![0]));
        // A later fix inside its range wins; the several-edit fix is then left out entirely.
        let (out, applied) = apply("abcdefg", &[&two, &fix(3, 4, "D")]);
        assert_eq!((out.as_str(), applied), ("abcDefg", vec![1]));
        // The same fix for two findings is applied once.
        let (out, applied) = apply("abc", &[&fix(1, 2, "B"), &fix(1, 2, "B")]);
        assert_eq!((out.as_str(), applied.len()), ("aBc", 1));
    }

    #[test]
    fn only_plain_strings_are_replaced() {
        let text = r#"{"a": "Advanced", "b": "Adv\u0061nced", "c": 1}"#;
        let span = |needle: &str| {
            let start = text.find(needle).unwrap() as u32;
            Span { start, end: start + needle.len() as u32 }
        };
        let fixed = Fix::replace_string(text, span("\"Advanced\""), "advanced").unwrap();
        assert_eq!(fixed.edits[0].content, "\"advanced\"");
        assert_eq!(fixed.applicability, Applicability::Safe);
        assert_eq!(Fix::replace_string(text, span("\"Adv\\u0061nced\""), "advanced"), None);
        assert_eq!(Fix::replace_string(text, span("1"), "one"), None);
        assert_eq!(Fix::replace_string(text, span("\"Advanced\""), "Advanced"), None);
    }

    #[test]
    fn diffs_have_context_and_merge_near_hunks() {
        let old: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let new = old.replace("line 2\n", "LINE 2\n").replace("line 5\n", "LINE 5\n").replace("line 19\n", "LINE 19\n");
        let diff = unified_diff("x.json", &old, &new);
        let expected = "--- a/x.json\n+++ b/x.json\n@@ -1,8 +1,8 @@\n line 1\n-line 2\n+LINE 2\n line 3\n line 4\n-line 5\n+LINE 5\n line 6\n line 7\n line 8\n\
            @@ -16,5 +16,5 @@\n line 16\n line 17\n line 18\n-line 19\n+LINE 19\n line 20\n";
        assert_eq!(diff, expected);
        assert_eq!(
            unified_diff("x", "a", "b"),
            "--- a/x\n+++ b/x\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"
        );
        assert_eq!(unified_diff("x", "a\n", "a\n"), "");
    }
}
