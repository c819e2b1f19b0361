//! `connlint diff`: runs the change rules (category `breaking`, see [`crate::rule::ChangeRule`])
//! on the [`Change`] between an old and a new version of a connector, through the engine's
//! machinery: a rule that crashes becomes an `internal-error` (`engine::isolated`), and the
//! diagnostics are sorted, deduplicated and suppressed like `connlint check`'s
//! (`engine::settle`; see [`crate::suppression`] for where a finding about something removed
//! is suppressed). A finding is in the version its [`Diagnostic::side`] says, with its
//! counterpart in the other version as a related place.

use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::diagnostic::{Diagnostic, Finding, ReportedFile};
use crate::engine::{self, RuleSet};
use crate::ConnectorReport;
use connlint_core::{Connector, FileId, FileRole};
use std::sync::Arc;

/// The diagnostics of the change rules of `rules` on the change from `old` to `new`, settled
/// like `check`'s; the suppressions are those of `new`.
pub fn diff_diagnostics(old: &Connector, new: &Connector, rules: &RuleSet) -> Vec<Diagnostic> {
    let (old_model, new_model) = (old.model(), new.model());
    let change = Change::new(&old_model, &new_model);
    let crash_file = new.file_with_role(FileRole::Swagger).map_or(FileId(0), |(id, _)| id);
    let mut diagnostics = Vec::new();
    for &(rule, severity) in rules.entries() {
        let Some(change_rule) = rule.as_change() else { continue };
        let meta = rule.meta();
        engine::isolated(meta, crash_file, "while comparing the connectors", &mut diagnostics, |diagnostics| {
            let mut cx = ChangeCx { profile: rules.profile, rule: meta, severity, diagnostics };
            change_rule.check_change(&change, &mut cx)
        });
    }
    engine::settle(new, diagnostics, rules, false)
}

/// [`diff_diagnostics`] resolved against the version each place is in, ordered like `check`'s
/// findings (by path, line, column and rule: the two versions' paths differ).
pub fn diff_connectors(old: &Connector, new: &Connector, rules: &RuleSet) -> Vec<Finding> {
    let version = |side| match side {
        Side::Old => old,
        Side::New => new,
    };
    let mut findings: Vec<Finding> = diff_diagnostics(old, new, rules).iter().map(|d| Finding::resolve_in(d, version)).collect();
    findings.sort_by(|a, b| (a.sort_key(), &a.message).cmp(&(b.sort_key(), &b.message)));
    findings
}

/// [`diff_connectors`] as a report for the CLI's output formats; with `keep_sources`, the
/// files of both sides that findings point into are kept for code frames.
pub fn diff_report(old: &Connector, new: &Connector, rules: &RuleSet, keep_sources: bool) -> ConnectorReport {
    let findings = diff_connectors(old, new, rules);
    let sources = if keep_sources {
        old.files
            .iter()
            .chain(&new.files)
            .filter(|f| findings.iter().any(|d| d.path == f.source.path() || d.related.iter().any(|r| r.path == f.source.path())))
            .map(|f| ReportedFile { path: f.source.path().to_path_buf(), text: Arc::clone(f.source.shared_text()) })
            .collect()
    } else {
        Vec::new()
    };
    let parse_failures = new.files.iter().filter(|f| f.json().is_some_and(|j| !j.is_strict())).count();
    ConnectorReport { name: new.display_name(), findings, sources, files: new.files.len(), parse_failures, kind: new.kind }
}

/// Test helpers for `breaking` rules: two in-memory versions, findings as
/// `side line:column pointer message`, then `[related side line:column pointer]` for each related
/// place.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::rule::Rule;
    use connlint_core::FileRole;
    use std::path::PathBuf;

    pub fn side(prefix: &str, swagger: &str, props: Option<&str>) -> Connector {
        let mut files =
            vec![(FileRole::Swagger, PathBuf::from(format!("{prefix}/apiDefinition.swagger.json")), swagger.as_bytes().to_vec())];
        if let Some(props) = props {
            files.push((FileRole::ApiProperties, PathBuf::from(format!("{prefix}/apiProperties.json")), props.as_bytes().to_vec()));
        }
        Connector::from_memory(files)
    }

    /// Findings of `rule` between two versions with an optional apiProperties.json each.
    pub fn changes_with(rule: &'static dyn Rule, old: (&str, Option<&str>), new: (&str, Option<&str>)) -> Vec<String> {
        let old = side("old", old.0, old.1);
        let new = side("new", new.0, new.1);
        diff_connectors(&old, &new, &RuleSet::only(rule))
            .into_iter()
            .map(|f| {
                assert_eq!(f.rule, rule.meta().id, "{}", f.message);
                let side = f.path.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
                let file = if f.path.ends_with("apiProperties.json") { " props" } else { "" };
                let related: String = f
                    .related
                    .iter()
                    .map(|r| {
                        let side = r.path.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
                        let pointer = r.pointer.as_deref().filter(|p| !p.is_empty()).unwrap_or("the document root");
                        format!(" [related {side} {}:{} {pointer}]", r.line, r.column)
                    })
                    .collect();
                format!("{side}{file} {}:{} {} {}{related}", f.line, f.column, f.pointer.unwrap_or_default(), f.message)
            })
            .collect()
    }

    /// Findings of `rule` between two swaggers.
    pub fn changes(rule: &'static dyn Rule, old: &str, new: &str) -> Vec<String> {
        changes_with(rule, (old, None), (new, None))
    }

    #[track_caller]
    pub fn assert_no_change(rule: &'static dyn Rule, old: &str, new: &str) {
        let found = changes(rule, old, new);
        assert!(found.is_empty(), "expected no findings from `{}`, got {found:#?}", rule.meta().id);
    }

    /// A swagger with the operation `op` (JSON text) at `POST /items`; the operation starts
    /// on line 3.
    pub fn doc(op: &str) -> String {
        format!("{{\"swagger\": \"2.0\", \"paths\": {{\"/items\": {{\n\"post\":\n{op}\n}}}},\n\"definitions\": {{}}}}")
    }

    /// Like [`doc`], with `definitions` (JSON object text) after the paths.
    pub fn doc_with(op: &str, definitions: &str) -> String {
        format!("{{\"swagger\": \"2.0\", \"paths\": {{\"/items\": {{\n\"post\":\n{op}\n}}}},\n\"definitions\": {definitions}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn connector(text: &str) -> Connector {
        Connector::from_memory([(FileRole::Swagger, PathBuf::from("apiDefinition.swagger.json"), text.as_bytes().to_vec())])
    }

    #[test]
    fn identical_connectors_have_no_findings_from_any_rule() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/connectors/clean/apiDefinition.swagger.json"))
                .unwrap();
        let (old, new) = (connector(&text), connector(&text));
        assert!(diff_connectors(&old, &new, &RuleSet::new(crate::Profile::Certification, &[])).is_empty());
    }
}
