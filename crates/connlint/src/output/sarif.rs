//! `--format sarif`: a SARIF 2.1.0 log with one run.
//!
//! - `tool.driver.rules` holds the rules that produced a result (not every rule), sorted by id;
//!   each result's `ruleIndex` points into it. A rule carries its summary
//!   (`shortDescription`), its documentation (`fullDescription`, and `help` as the whole rule
//!   page in Markdown), the link to its page (`helpUri`), its default level and, in
//!   `properties`, its category, profile and Microsoft Swagger Validator names.
//! - A result's `level` is the finding's severity (`info` is SARIF's `note`); its message is the
//!   finding's message, with the help on a second line; `properties.pointer` is the JSON pointer.
//! - Locations are relative to `%SRCROOT%`, the current folder (`originalUriBaseIds`); a file
//!   outside it gets an absolute `file:` URI. Columns count Unicode code points (`columnKind`),
//!   and `endColumn` is the column just after the span, as in the JSON output.
//! - Other places a finding is about are its `relatedLocations`, each with its message (and
//!   its JSON pointer in `properties`); a fix is a `fixes` entry whose one `artifactChange`
//!   replaces `deletedRegion`s by `insertedContent`, its description saying whether it is safe.

use super::display_path;
use connlint_linter::docs::{rule_help_uri, INFORMATION_URI};
use connlint_linter::{Applicability, Finding, RuleMeta, Severity};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `operation-id-missing` → `OperationIdMissing`, the form SARIF suggests for rule names.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

fn rule_descriptor(id: &str) -> Value {
    match connlint_linter::rule_by_id(id).map(|r| r.meta()) {
        Some(meta) => described(meta),
        // `io-error` is no rule: a file or folder that could not be read.
        None => json!({
            "id": id,
            "name": pascal_case(id),
            "shortDescription": {"text": "A file or folder could not be read"},
            "defaultConfiguration": {"level": "error"},
        }),
    }
}

fn described(meta: &RuleMeta) -> Value {
    let docs: Vec<&str> = meta.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    let docs = docs.join("\n").trim().to_string();
    let page = connlint_linter::docs::rule_page(meta);
    json!({
        "id": meta.id,
        "name": pascal_case(meta.id),
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": what_it_does(&docs).unwrap_or_else(|| format!("{}.", meta.summary)), "markdown": docs},
        "help": {"text": page, "markdown": page},
        "helpUri": rule_help_uri(meta.id),
        "defaultConfiguration": {"level": level(meta.default_severity)},
        "properties": {
            "category": meta.category.as_str(),
            "profile": meta.profile.as_str(),
            "microsoft-name": meta.ms_names,
        },
    })
}

/// The text of the docs' `## What it does` section as one paragraph.
fn what_it_does(docs: &str) -> Option<String> {
    let (_, rest) = docs.split_once("## What it does")?;
    let section = rest.split("\n## ").next().unwrap_or(rest);
    let text = section.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Percent-encodes a path for a URI: everything but unreserved characters and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A folder as a `file:` URI ending in `/`.
pub fn folder_uri(dir: &Path) -> String {
    let text = dir.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') { text } else { format!("/{text}") };
    let mut uri = format!("file://{}", encode_path(&text));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn artifact_location(path: &Path, base: &Path) -> Value {
    let relative = display_path(path, base);
    if relative.starts_with('/') || Path::new(&relative).is_absolute() {
        let uri = folder_uri(Path::new(&relative));
        json!({"uri": uri.trim_end_matches('/')})
    } else {
        json!({"uri": encode_path(&relative), "uriBaseId": SRCROOT})
    }
}

fn region(line: u32, column: u32, end_line: u32, end_column: u32) -> Value {
    json!({"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column})
}

/// Stands for a result's `ruleIndex` until every rule with a result is known (see [`result`]).
const RULE_INDEX_PLACEHOLDER: u32 = u32::MAX;

/// One finding's result, pretty-printed and indented for its place in the log, with a
/// placeholder for its `ruleIndex`: results are rendered on the threads that lint, before the
/// rules of the whole run (which the index points into) are known. [`assemble`] fills it in.
pub fn result(f: &Finding, base: &Path) -> String {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": f.rule,
        "ruleIndex": RULE_INDEX_PLACEHOLDER,
        "level": level(f.severity),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&f.path, base),
                "region": region(f.line, f.column, f.end_line, f.end_column),
            },
        }],
    });
    if let Some(pointer) = &f.pointer {
        result["properties"] = json!({"pointer": pointer});
    }
    if !f.related.is_empty() {
        result["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                let mut location = json!({
                    "id": id,
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&r.path, base),
                        "region": region(r.line, r.column, r.end_line, r.end_column),
                    },
                    "message": {"text": r.message},
                });
                if let Some(pointer) = &r.pointer {
                    location["properties"] = json!({"pointer": pointer});
                }
                location
            })
            .collect();
    }
    if let Some(fix) = &f.fix {
        let description = match fix.applicability {
            Applicability::Safe => "safe fix (connlint check --fix)",
            Applicability::Unsafe => "unsafe fix (connlint check --fix --unsafe-fixes)",
        };
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": region(e.start.line, e.start.column, e.end.line, e.end.column),
                    "insertedContent": {"text": e.content},
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": {"text": description},
            "artifactChanges": [{"artifactLocation": artifact_location(&f.path, base), "replacements": replacements}],
        }]);
    }
    let text = serde_json::to_string_pretty(&result).expect("serializable");
    // The log nests results four levels deep, two spaces each. No line break can be inside a
    // JSON string, so indenting every line is safe.
    let mut indented = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            indented.push('\n');
        }
        indented.push_str("        ");
        indented.push_str(line);
    }
    indented
}

/// The log of results made by [`result`], in output order, each with its rule.
pub fn assemble(results: Vec<(&'static str, String)>, base: &Path) -> String {
    let ids: BTreeMap<&str, usize> = {
        let mut ids: Vec<&str> = results.iter().map(|(rule, _)| *rule).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect()
    };
    let rules: Vec<Value> = ids.keys().map(|id| rule_descriptor(id)).collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "connlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                },
            },
            "originalUriBaseIds": {SRCROOT: {"uri": folder_uri(base)}},
            "columnKind": "unicodeCodePoints",
            "results": [],
        }],
    });
    let skeleton = serde_json::to_string_pretty(&log).expect("serializable");
    let empty = "\"results\": []";
    let at = skeleton.find(empty).expect("the log has a results array");
    let mut text = String::with_capacity(skeleton.len() + results.iter().map(|(_, r)| r.len() + 16).sum::<usize>());
    text.push_str(&skeleton[..at]);
    if results.is_empty() {
        text.push_str(empty);
    } else {
        text.push_str("\"results\": [\n");
        let placeholder = format!("\"ruleIndex\": {RULE_INDEX_PLACEHOLDER}");
        for (i, (rule, result)) in results.iter().enumerate() {
            if i > 0 {
                text.push_str(",\n");
            }
            // A message cannot hold the placeholder's text: its quotes would be escaped.
            let (before, after) = result.rsplit_once(&placeholder).expect("a result has a rule index");
            text.push_str(before);
            text.push_str(&format!("\"ruleIndex\": {}", ids[rule]));
            text.push_str(after);
        }
        text.push_str("\n      ]");
    }
    text.push_str(&skeleton[at + empty.len()..]);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(folder_uri(Path::new("/work/my connectors")), "file:///work/my%20connectors/");
        assert_eq!(folder_uri(Path::new("/")), "file:///");
        assert_eq!(artifact_location(Path::new("/base/a b/x#.json"), Path::new("/base"))["uri"], "a%20b/x%23.json");
        assert_eq!(artifact_location(Path::new("/other/x.json"), Path::new("/base")), json!({"uri": "file:///other/x.json"}));
    }

    #[test]
    fn full_description_is_the_what_it_does_section() {
        let docs = "## What it does\nChecks `a`\nand b.\n\n## Why is this bad?\nBecause.";
        assert_eq!(what_it_does(docs).as_deref(), Some("Checks `a` and b."));
        assert_eq!(what_it_does("## What it does\n\n## Why"), None);
        assert_eq!(what_it_does("no sections"), None);
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("operation-id-missing"), "OperationIdMissing");
        assert_eq!(pascal_case("io-error"), "IoError");
    }
}
