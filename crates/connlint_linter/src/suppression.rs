//! `x-connlint-ignore`: suppressing findings inside the connector's own files.
//!
//! Any object of the swagger or of apiProperties.json may hold the key `x-connlint-ignore`,
//! whose value is a rule id, an array of rule ids, or `"all"`. Findings of those rules whose span
//! lies inside that object (its key included) are dropped. Suppressions that drop nothing, name
//! no known rule or have a value of the wrong type are reported by `unused-suppression`.
//!
//! This runs after every rule, on the sorted diagnostics of one connector (see
//! [`crate::engine::check`]). `internal-error` is no rule (it has no [`RuleId`]), so nothing
//! suppresses it.
//!
//! `connlint diff` applies the suppressions of the new version only (the files the user edits).
//! A breaking-change finding in the new version is suppressed like any other. One in the old
//! version (something removed) is suppressed where its counterpart is in the new version: its
//! first related place there (the enclosing object that survived, such as the operation of a
//! removed parameter, or the path item of a removed operation), else the new swagger's root.

use crate::change::Side;
use crate::diagnostic::Diagnostic;
use crate::meta::Severity;
use crate::registry;
use crate::rule_id::RuleId;
use connlint_core::json::{Node, Value};
use connlint_core::{Connector, FileId, FileRole, Span};

/// The key that holds suppressions.
pub const IGNORE_KEY: &str = "x-connlint-ignore";

/// One rule id (or `all`) in an `x-connlint-ignore` value.
struct Entry {
    file: FileId,
    /// The text the suppression covers: the object, from its key when it has one.
    scope: Span,
    /// Where to report the entry: the `x-connlint-ignore` key, or the entry in an array.
    at: Span,
    /// `None` for `all`.
    rule: Option<RuleId>,
    used: bool,
}

/// Drops the findings that suppressions cover and adds `unused-suppression` findings at
/// `unused_severity` (`None` when that rule does not run); `runs` tells which rules run.
/// `diagnostics` comes back sorted as [`crate::engine::check`] sorts it.
pub(crate) fn apply(
    connector: &Connector,
    diagnostics: Vec<Diagnostic>,
    unused_severity: Option<Severity>,
    runs: impl Fn(RuleId) -> bool,
) -> Vec<Diagnostic> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (index, file) in connector.files.iter().enumerate() {
        if !matches!(file.role, FileRole::Swagger | FileRole::ApiProperties) {
            continue;
        }
        let Some(parsed) = file.json() else { continue };
        let Some(root) = parsed.root.as_ref() else { continue };
        // Most files have no suppression: skip the walk unless the key could be there (written
        // plainly, or with escapes that a text search cannot see through).
        let text = file.source.text().as_bytes();
        let escapes = || parsed.keys_with_escapes && memchr::memmem::find(text, b"\\u").is_some();
        if memchr::memmem::find(text, IGNORE_KEY.as_bytes()).is_none() && !escapes() {
            continue;
        }
        collect(FileId(index as u32), root, root.span, &mut entries, &mut problems);
    }
    if entries.is_empty() && problems.is_empty() {
        return diagnostics;
    }
    // Where a finding of the old version (`connlint diff`) is suppressed when it has no related
    // place in the new one: the new swagger's root.
    let root = connector.file_with_role(FileRole::Swagger).and_then(|(id, f)| Some((id, f.json()?.root.as_ref()?.span)));
    let mut kept: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| !suppressed(&mut entries, d, root, true)).collect();
    let Some(severity) = unused_severity else { return kept };
    let mut reports = problems;
    for entry in &entries {
        if entry.used {
            continue;
        }
        match entry.rule {
            None => reports.push((entry.file, entry.at, format!("`{IGNORE_KEY}: all` suppresses nothing here"), None)),
            // A rule that does not run cannot show whether the suppression is needed.
            Some(id) if runs(id) => {
                reports.push((entry.file, entry.at, format!("`{IGNORE_KEY}` for `{id}` suppresses nothing here"), None))
            }
            Some(_) => {}
        }
    }
    for (file, span, message, help) in reports {
        let diagnostic = Diagnostic {
            rule: registry::meta(RuleId::UnusedSuppression),
            severity,
            side: Side::New,
            file,
            span,
            message,
            help: Some(help.unwrap_or_else(|| format!("remove it, or the rule id from `{IGNORE_KEY}`"))),
            fix: None,
            related: Vec::new(),
        };
        if !suppressed(&mut entries, &diagnostic, None, false) {
            kept.push(diagnostic);
        }
    }
    crate::diagnostic::sort(&mut kept);
    kept
}

type Problem = (FileId, Span, String, Option<String>);

/// Where `diagnostic` is in the new (or only) version: its own place, or for a finding in the old
/// version its first related place in the new one, else `root` (see the module docs).
fn anchor(diagnostic: &Diagnostic, root: Option<(FileId, Span)>) -> Option<(FileId, Span)> {
    match diagnostic.side {
        Side::New => Some((diagnostic.file, diagnostic.span)),
        Side::Old => diagnostic.related.iter().find(|r| r.side == Side::New).map(|r| (r.file, r.span)).or(root),
    }
}

/// Whether a suppression covers `diagnostic` (at its [`anchor`]); with `mark`, every covering
/// entry counts as used.
fn suppressed(entries: &mut [Entry], diagnostic: &Diagnostic, root: Option<(FileId, Span)>, mark: bool) -> bool {
    let Some(rule) = diagnostic.rule.rule_id else { return false };
    let Some((file, span)) = anchor(diagnostic, root) else { return false };
    let mut found = false;
    for entry in entries.iter_mut() {
        let covers = entry.file == file
            && entry.scope.start <= span.start
            && span.end <= entry.scope.end
            // `all` does not hide the reports about suppressions (its own included).
            && entry.rule.map_or(mark, |id| id == rule);
        if covers {
            found = true;
            if mark {
                entry.used = true;
            }
        }
    }
    found
}

/// Finds the suppressions in `node` (whose scope is `scope`) and below it.
fn collect(file: FileId, node: &Node, scope: Span, entries: &mut Vec<Entry>, problems: &mut Vec<Problem>) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                if &*m.key.text == IGNORE_KEY {
                    read_value(file, scope, m.key.span, &m.value, entries, problems);
                }
                if matches!(m.value.value, Value::Object(_) | Value::Array(_)) {
                    collect(file, &m.value, Span { start: m.key.span.start, end: m.value.span.end }, entries, problems);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                collect(file, item, item.span, entries, problems);
            }
        }
        _ => {}
    }
}

fn read_value(file: FileId, scope: Span, key: Span, value: &Node, entries: &mut Vec<Entry>, problems: &mut Vec<Problem>) {
    match &value.value {
        Value::String(text) => add(text, file, scope, key, entries, problems),
        Value::Array(items) => {
            for item in items {
                match &item.value {
                    Value::String(text) => add(text, file, scope, item.span, entries, problems),
                    _ => problems.push((
                        file,
                        item.span,
                        format!("`{IGNORE_KEY}` entries must be rule ids; found {}", item.json_type().name()),
                        Some("write each rule id as a string".into()),
                    )),
                }
            }
        }
        // An object is a schema property that happens to have this name, not a suppression.
        Value::Object(_) => {}
        _ => problems.push((
            file,
            key,
            format!("`{IGNORE_KEY}` must be a rule id, an array of rule ids or \"all\"; found {}", value.json_type().name()),
            Some("for example `\"x-connlint-ignore\": [\"operation-id-missing\"]`".into()),
        )),
    }
}

/// Records one entry of an `x-connlint-ignore` value, or the problem with it.
fn add(text: &str, file: FileId, scope: Span, at: Span, entries: &mut Vec<Entry>, problems: &mut Vec<Problem>) {
    if text == "all" {
        entries.push(Entry { file, scope, at, rule: None, used: false });
    } else if let Some(rule) = RuleId::parse(text) {
        entries.push(Entry { file, scope, at, rule: Some(rule), used: false });
    } else {
        let help = crate::suggest::closest(text, RuleId::ALL.iter().map(|id| id.as_str()))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "`connlint rules` lists the rule ids".into());
        problems.push((file, at, format!("`{IGNORE_KEY}` names `{text}`, which is not a connlint rule"), Some(help)));
    }
}

#[cfg(test)]
mod tests {
    use crate::meta::Profile;
    use crate::rule_id::RuleId;
    use crate::rule_set::{Level, RuleSet};
    use crate::testing::{api_properties, swagger, TestConnector};

    /// `rule line:column message` of every finding of the base profile.
    fn findings(connector: TestConnector) -> Vec<String> {
        crate::lint_connector(&connector.build(), &RuleSet::new(Profile::Base, &[]), false)
            .findings
            .iter()
            .map(|f| format!("{} {}:{}:{} {}", f.rule, f.path.display(), f.line, f.column, f.message))
            .collect()
    }

    fn rules_of(found: &[String]) -> Vec<&str> {
        found.iter().map(|f| f.split(' ').next().unwrap()).collect()
    }

    const OPERATION: &str = "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\", \"description\": \"d\"},\n\
        \"host\": \"api.example.com\", \"paths\": {\"/a\": {\n\
        \"get\": {\"summary\": \"List\", \"x-ms-visibilty\": \"advanced\",\n\
        \"responses\": {\"200\": {\"description\": \"OK\"}}IGNORE}}}}";

    fn with(ignore: &str) -> String {
        OPERATION.replace("IGNORE", ignore)
    }

    #[test]
    fn without_suppressions_the_fixture_has_two_findings() {
        assert_eq!(rules_of(&findings(swagger(&with("")))), ["operation-id-missing", "unknown-extension"]);
    }

    #[test]
    fn a_single_rule_id_suppresses_that_rule_in_the_object_and_at_its_key() {
        // operation-id-missing is reported at the `get` key, which belongs to the object.
        let found = findings(swagger(&with(", \"x-connlint-ignore\": \"operation-id-missing\"")));
        assert_eq!(found, ["unknown-extension apiDefinition.swagger.json:3:28 unknown extension `x-ms-visibilty`"]);
    }

    #[test]
    fn a_key_written_with_escapes_suppresses_too() {
        let found = findings(swagger(&with(", \"x-connlint-\\u0069gnore\": \"operation-id-missing\"")));
        assert_eq!(found, ["unknown-extension apiDefinition.swagger.json:3:28 unknown extension `x-ms-visibilty`"]);
    }

    #[test]
    fn an_array_and_all_suppress_every_named_rule() {
        let found = findings(swagger(&with(", \"x-connlint-ignore\": [\"unknown-extension\", \"operation-id-missing\"]")));
        assert_eq!(found, Vec::<String>::new());
        assert_eq!(findings(swagger(&with(", \"x-connlint-ignore\": \"all\""))), Vec::<String>::new());
    }

    #[test]
    fn a_suppression_covers_only_its_own_subtree() {
        // On the responses object: the operation's findings are outside it.
        let text = OPERATION.replace("{\"200\"", "{\"x-connlint-ignore\": \"unknown-extension\", \"200\"").replace("IGNORE", "");
        assert_eq!(
            findings(swagger(&text)),
            [
                "operation-id-missing apiDefinition.swagger.json:3:1 operation `GET /a` has no operationId",
                "unknown-extension apiDefinition.swagger.json:3:28 unknown extension `x-ms-visibilty`",
                "unused-suppression apiDefinition.swagger.json:4:15 `x-connlint-ignore` for `unknown-extension` suppresses nothing here",
            ]
        );
        // On the root: everything below it.
        let text =
            with("").replacen("{\"swagger\"", "{\"x-connlint-ignore\": [\"operation-id-missing\", \"unknown-extension\"], \"swagger\"", 1);
        assert_eq!(findings(swagger(&text)), Vec::<String>::new());
    }

    #[test]
    fn unused_entries_are_reported_one_by_one() {
        let found = findings(swagger(&with(", \"x-connlint-ignore\": [\"unknown-extension\", \"duplicate-key\"]")));
        assert_eq!(
            found,
            [
                "operation-id-missing apiDefinition.swagger.json:3:1 operation `GET /a` has no operationId",
                "unused-suppression apiDefinition.swagger.json:4:89 `x-connlint-ignore` for `duplicate-key` suppresses nothing here",
            ]
        );
        let found = findings(swagger("{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\", \"description\": \"d\",\n  \"x-connlint-ignore\": \"all\"},\n\"host\": \"api.example.com\", \"paths\": {}}"));
        assert_eq!(found, ["unused-suppression apiDefinition.swagger.json:2:3 `x-connlint-ignore: all` suppresses nothing here"]);
    }

    #[test]
    fn unknown_rule_ids_and_wrong_types_are_reported_with_help() {
        let connector = swagger(&with(",\n\"x-connlint-ignore\": [\"operation-id-mising\", 3, \"nonsense-rule-name-here\"]"));
        let report = crate::lint_connector(&connector.build(), &RuleSet::new(Profile::Base, &[]), false);
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == "unused-suppression")
            .map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                "5:23 `x-connlint-ignore` names `operation-id-mising`, which is not a connlint rule | did you mean `operation-id-missing`?",
                "5:46 `x-connlint-ignore` entries must be rule ids; found a number | write each rule id as a string",
                "5:49 `x-connlint-ignore` names `nonsense-rule-name-here`, which is not a connlint rule | `connlint rules` lists the rule ids",
            ]
        );
        let found = findings(swagger(&with(", \"x-connlint-ignore\": true")));
        assert_eq!(
            found[2],
            "unused-suppression apiDefinition.swagger.json:4:46 `x-connlint-ignore` must be a rule id, an array of rule ids or \"all\"; found a boolean"
        );
    }

    #[test]
    fn suppressions_for_rules_that_do_not_run_are_not_reported() {
        let connector = swagger(&with(", \"x-connlint-ignore\": \"unknown-extension\"")).build();
        let rules = RuleSet::new(Profile::Base, &[(RuleId::UnknownExtension, Level::Off)]);
        let report = crate::lint_connector(&connector, &rules, false);
        assert_eq!(report.findings.iter().map(|f| f.rule).collect::<Vec<_>>(), ["operation-id-missing"]);
    }

    #[test]
    fn unused_suppression_can_itself_be_suppressed_and_turned_off() {
        let text =
            with(", \"x-connlint-ignore\": [\"unknown-extension\", \"operation-id-missing\", \"duplicate-key\", \"unused-suppression\"]");
        assert_eq!(findings(swagger(&text)), Vec::<String>::new());
    }

    #[test]
    fn suppressions_work_in_api_properties_and_only_in_their_own_file() {
        let props = "{\"properties\": {\n  \"iconBrandColor\": \"blue\",\n  \"x-connlint-ignore\": \"icon-brand-color-format\"\n}}";
        let without = findings(api_properties(&props.replace(",\n  \"x-connlint-ignore\": \"icon-brand-color-format\"", "")));
        assert!(rules_of(&without).contains(&"icon-brand-color-format"), "{without:?}");
        let with_ignore = findings(api_properties(props));
        assert!(!rules_of(&with_ignore).contains(&"icon-brand-color-format"), "{with_ignore:?}");
        assert!(!rules_of(&with_ignore).contains(&"unused-suppression"), "{with_ignore:?}");
        // A suppression in the swagger does not reach apiProperties.json.
        let text = with("").replacen("{\"swagger\"", "{\"x-connlint-ignore\": \"icon-brand-color-format\", \"swagger\"", 1);
        let found =
            findings(swagger(&text).with_api_properties(&props.replace(",\n  \"x-connlint-ignore\": \"icon-brand-color-format\"", "")));
        assert!(rules_of(&found).contains(&"icon-brand-color-format"), "{found:?}");
        assert!(rules_of(&found).contains(&"unused-suppression"), "{found:?}");
    }

    #[test]
    fn the_ignore_key_is_not_an_unknown_extension() {
        let found = findings(swagger(&with(", \"x-connlint-ignore\": \"operation-id-missing\"")));
        assert_eq!(rules_of(&found), ["unknown-extension"]);
        assert!(found[0].contains("x-ms-visibilty"), "{found:?}");
    }
}
