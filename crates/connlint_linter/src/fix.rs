//! `--fix` and `--diff`: safe, minimal text edits for some findings.
//!
//! A fix replaces exactly the text of a finding's span (a quoted JSON key or string value) and
//! nothing else, so the file keeps its formatting. Only unambiguous corrections are offered:
//!
//! - `unknown-extension`: a misspelled or wrongly cased extension key (`x-ms-visibilty`,
//!   `X-MS-Summary`), not a known name followed by other text (`"x-ms-summary title"`).
//! - `visibility-value`, `trigger-value`, `url-encoding-value`: a value that matches an allowed
//!   value except for case (`Advanced` → `advanced`).
//! - `policy-template-id-case`: a known policy `templateId` not in lowercase (`dynamicHostUrl` →
//!   `dynamichosturl`).
//!
//! - any finding that carries its own replacement (`Diagnostic::replace_with`), such as the
//!   `spec-value-not-allowed` fix of a value that differs from an allowed one only in case.
//!
//! Fixes are derived from the findings and the file's text, after linting.

use crate::diagnostic::Finding;
use crate::rule_id::RuleId;
use crate::rules::extensions::unknown_extension::{suggestion, Suggestion};
use connlint_core::model::extensions::{TriggerKind, UrlEncoding, Visibility};
use connlint_core::Span;
use std::path::PathBuf;

/// One edit: replace `span` of the decoded text of `path` by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub rule: &'static str,
    pub path: PathBuf,
    pub span: Span,
    pub replacement: String,
}

/// The safe fix for `finding`, if there is one; `text` is the decoded text of its file.
pub fn fix_for(finding: &Finding, text: &str) -> Option<Fix> {
    let original = text.get(finding.span.range())?;
    if let Some(replacement) = &finding.replacement {
        return Some(Fix { rule: finding.rule, path: finding.path.clone(), span: finding.span, replacement: replacement.clone() });
    }
    // Only plain quoted strings: no escapes to preserve, no line breaks.
    let inner = original.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains(['\\', '"', '\n', '\r']) {
        return None;
    }
    // `io-error` findings have no rule id, and no fix.
    let fixed = match RuleId::parse(finding.rule)? {
        RuleId::UnknownExtension => match suggestion(inner)? {
            Suggestion::Case(name) | Suggestion::Typo(name) => name,
            Suggestion::Prefix(_) => return None,
        },
        RuleId::VisibilityValue => case_match(inner, &Visibility::VALUES)?,
        RuleId::TriggerValue => case_match(inner, &TriggerKind::VALUES)?,
        RuleId::UrlEncodingValue => case_match(inner, &UrlEncoding::VALUES)?,
        RuleId::PolicyTemplateIdCase => crate::side_files::policy::template(inner).map(|t| t.id).filter(|id| *id != inner)?,
        _ => return None,
    };
    Some(Fix { rule: finding.rule, path: finding.path.clone(), span: finding.span, replacement: format!("\"{fixed}\"") })
}

fn case_match(value: &str, allowed: &[&'static str]) -> Option<&'static str> {
    allowed.iter().copied().find(|a| a.eq_ignore_ascii_case(value) && *a != value)
}

/// Applies `fixes` (all for one file) to `text`, from the last span to the first; a fix that
/// overlaps one already applied is skipped. Returns the new text and the fixes applied.
pub fn apply<'f>(text: &str, fixes: &'f [Fix]) -> (String, Vec<&'f Fix>) {
    let mut order: Vec<&Fix> = fixes.iter().collect();
    order.sort_by_key(|f| std::cmp::Reverse((f.span.start, f.span.end)));
    order.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
    let mut out = text.to_string();
    let mut applied = Vec::new();
    let mut limit = u32::MAX;
    for fix in order {
        if fix.span.end > limit || out.get(fix.span.range()).is_none() {
            continue;
        }
        out.replace_range(fix.span.range(), &fix.replacement);
        limit = fix.span.start;
        applied.push(fix);
    }
    applied.reverse();
    (out, applied)
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
    use crate::testing::{api_properties, swagger};
    use crate::RuleSet;

    /// Lints `text` with `rule`, applies its fixes; returns the fixed text.
    fn fixed(rule: &str, text: &str) -> String {
        let rules = RuleSet::only(crate::rule_by_id(rule).unwrap());
        let report = crate::lint_connector(&swagger(text).build(), &rules, false);
        let fixes: Vec<Fix> = report.findings.iter().filter_map(|f| fix_for(f, text)).collect();
        apply(text, &fixes).0
    }

    fn findings(rule: &str, text: &str) -> usize {
        let rules = RuleSet::only(crate::rule_by_id(rule).unwrap());
        crate::lint_connector(&swagger(text).build(), &rules, false).findings.len()
    }

    /// The fixed text lints clean for `rule` and is `expected`.
    #[track_caller]
    fn check(rule: &str, text: &str, expected: &str) {
        assert!(findings(rule, text) > 0, "the fixture must have findings");
        let after = fixed(rule, text);
        assert_eq!(after, expected);
        assert_eq!(findings(rule, &after), 0, "{after}");
    }

    #[test]
    fn extension_typos_and_case_are_fixed_in_place() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\n    \"x-ms-visibilty\" :  \"advanced\",\n\t\"X-MS-Summary\": \"s\"}}}}\n";
        check("unknown-extension", text, &text.replace("x-ms-visibilty", "x-ms-visibility").replace("X-MS-Summary", "x-ms-summary"));
    }

    #[test]
    fn extension_keys_with_extra_text_or_no_match_are_not_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-summary title\": \"s\", \"x-ms-completely-unknown\": 1}}}}";
        assert_eq!(findings("unknown-extension", text), 2);
        assert_eq!(fixed("unknown-extension", text), text);
    }

    #[test]
    fn enum_values_in_the_wrong_case_are_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-visibility\": \"Advanced\", \"x-ms-trigger\": \"Batch\",\n  \"parameters\": [{\"name\": \"p\", \"in\": \"path\", \"x-ms-url-encoding\": \"DOUBLE\"}]}}}}";
        check("visibility-value", text, &text.replace("\"Advanced\"", "\"advanced\""));
        check("trigger-value", text, &text.replace("\"Batch\"", "\"batch\""));
        check("url-encoding-value", text, &text.replace("\"DOUBLE\"", "\"double\""));
    }

    #[test]
    fn enum_values_that_differ_by_more_than_case_are_not_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-visibility\": \"advance\", \"x-ms-trigger\": \" batch\"}}}}";
        assert_eq!(fixed("visibility-value", text), text);
        assert_eq!(fixed("trigger-value", text), text);
        assert_eq!(findings("visibility-value", text), 1);
    }

    #[test]
    fn policy_template_ids_are_lowercased_in_place() {
        let rules = RuleSet::only(crate::rule_by_id("policy-template-id-case").unwrap());
        let lint = |text: &str| crate::lint_connector(&api_properties(text).build(), &rules, false).findings;
        let text = "{\"properties\": {\"policyTemplateInstances\": [\n  {\"templateId\":  \"dynamicHostUrl\", \"title\": \"Host\"},\n\t{\"templateId\": \"SETHEADER\"},\n  {\"templateId\": \"setheader\"}, {\"templateId\": \"NotATemplate\"}\n]}}\n";
        let findings = lint(text);
        assert_eq!(findings.iter().map(|f| (f.line, f.column)).collect::<Vec<_>>(), [(2, 19), (3, 17)]);
        let fixes: Vec<Fix> = findings.iter().filter_map(|f| fix_for(f, text)).collect();
        assert_eq!(fixes.iter().map(|f| f.replacement.as_str()).collect::<Vec<_>>(), ["\"dynamichosturl\"", "\"setheader\""]);
        let (after, applied) = apply(text, &fixes);
        assert_eq!(applied.len(), 2);
        // Byte for byte the same apart from the two ids.
        assert_eq!(after, text.replace("\"dynamicHostUrl\"", "\"dynamichosturl\"").replace("\"SETHEADER\"", "\"setheader\""));
        assert_eq!(after.len(), text.len());
        assert!(lint(&after).is_empty(), "{after}");
    }

    #[test]
    fn overlapping_fixes_keep_the_later_one_only() {
        let fix = |start, end, text: &str| Fix { rule: "r", path: "f".into(), span: Span { start, end }, replacement: text.into() };
        let fixes = [fix(0, 3, "xyz"), fix(2, 5, "Q"), fix(6, 7, "!")];
        let (out, applied) = apply("abcdefg", &fixes);
        assert_eq!(out, "abQf!");
        assert_eq!(applied.len(), 2);
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
