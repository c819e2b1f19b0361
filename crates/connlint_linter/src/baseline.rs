//! Baselines: record today's findings (`--write-baseline`) so that later runs (`--baseline`)
//! report only new ones.
//!
//! A finding is identified by its rule, its file (relative to the baseline file's folder, with
//! `/` separators), the JSON pointer of its node and its message, never by line numbers, so
//! edits elsewhere in a file do not invalidate the baseline. Identical findings are counted.
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "rule": "operation-id-missing", "file": "MyConnector/apiDefinition.swagger.json",
//!       "pointer": "/paths/~1items/get", "message": "operation `GET /items` has no operationId", "count": 1 }
//!   ]
//! }
//! ```

use crate::diagnostic::{Finding, IO_ERROR};
use crate::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The version written into (and required of) baseline files.
pub const BASELINE_VERSION: u32 = 1;

/// What identifies a finding in a baseline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    rule: String,
    file: String,
    pointer: Option<String>,
    message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    version: u32,
    findings: Vec<RawEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: String,
    file: String,
    pointer: Option<String>,
    message: String,
    count: usize,
}

/// Recorded findings, with the folder their file paths are relative to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    dir: PathBuf,
    entries: BTreeMap<Key, usize>,
}

/// A baseline file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct BaselineError {
    pub path: PathBuf,
    /// Line and column (1-based) of the problem, when it is in the file's text.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

/// How a baseline changed a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaselineStats {
    /// Findings dropped because the baseline has them.
    pub baselined: usize,
    /// Baseline entries (counting repeats) that no longer occur.
    pub fixed: usize,
}

impl Baseline {
    /// A baseline of `findings` to be stored at `baseline_path`. Unreadable files (`io-error`) are
    /// never recorded.
    pub fn from_findings<'f>(findings: impl IntoIterator<Item = &'f Finding>, baseline_path: &Path) -> Self {
        let dir = folder_of(baseline_path);
        let mut entries = BTreeMap::new();
        for finding in findings.into_iter().filter(|f| f.rule != IO_ERROR) {
            *entries.entry(key(finding, &dir)).or_insert(0) += 1;
        }
        Self { dir, entries }
    }

    /// How many findings the baseline holds.
    pub fn len(&self) -> usize {
        self.entries.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The baseline as pretty-printed JSON, sorted by file, pointer, rule and message.
    pub fn to_json(&self) -> String {
        let mut findings: Vec<RawEntry> = self
            .entries
            .iter()
            .map(|(k, &count)| RawEntry {
                rule: k.rule.clone(),
                file: k.file.clone(),
                pointer: k.pointer.clone(),
                message: k.message.clone(),
                count,
            })
            .collect();
        findings.sort_by(|a, b| (&a.file, &a.pointer, &a.rule, &a.message).cmp(&(&b.file, &b.pointer, &b.rule, &b.message)));
        let mut text = serde_json::to_string_pretty(&RawBaseline { version: BASELINE_VERSION, findings }).expect("serializable");
        text.push('\n');
        text
    }

    /// Writes the baseline to `path` atomically.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        crate::write::write_atomically(path, self.to_json().as_bytes())
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError {
            path: path.to_path_buf(),
            position: None,
            message: format!("cannot read the baseline: {e}"),
        })?;
        Self::parse(path, &text)
    }

    /// Parses baseline text; `path` is used for messages and as the base of file paths.
    pub fn parse(path: &Path, text: &str) -> Result<Self, BaselineError> {
        let error = |position, message: String| BaselineError { path: path.to_path_buf(), position, message };
        let raw: RawBaseline = serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the position is reported separately.
            let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m).to_string();
            error((e.line() > 0).then(|| (e.line(), e.column())), format!("not a valid baseline: {message}"))
        })?;
        if raw.version != BASELINE_VERSION {
            return Err(error(None, format!("baseline version {} is not supported; expected {BASELINE_VERSION}", raw.version)));
        }
        let mut entries = BTreeMap::new();
        for e in raw.findings {
            *entries.entry(Key { rule: e.rule, file: e.file, pointer: e.pointer, message: e.message }).or_insert(0) += e.count;
        }
        Ok(Self { dir: folder_of(path), entries })
    }

    /// Removes the findings the baseline holds from `report` (each entry absorbs up to its count).
    pub fn filter(&self, report: &mut Report) -> BaselineStats {
        let mut filter = self.start_filter();
        for connector in &mut report.connectors {
            filter.apply(&mut connector.findings);
        }
        filter.stats()
    }

    /// A filter to apply to one connector's findings after another, as they are linted.
    pub fn start_filter(&self) -> BaselineFilter<'_> {
        BaselineFilter { baseline: self, remaining: self.entries.clone(), baselined: 0 }
    }
}

/// A [`Baseline`] being applied: what is left of each entry's count.
pub struct BaselineFilter<'b> {
    baseline: &'b Baseline,
    remaining: BTreeMap<Key, usize>,
    baselined: usize,
}

impl BaselineFilter<'_> {
    /// Removes the findings the baseline still holds from `findings`.
    pub fn apply(&mut self, findings: &mut Vec<Finding>) {
        findings.retain(|finding| {
            if finding.rule == IO_ERROR {
                return true;
            }
            match self.remaining.get_mut(&key(finding, &self.baseline.dir)) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    self.baselined += 1;
                    false
                }
                _ => true,
            }
        });
    }

    /// What the filter did so far: entries not matched count as fixed.
    pub fn stats(&self) -> BaselineStats {
        BaselineStats { baselined: self.baselined, fixed: self.remaining.values().sum() }
    }
}

fn key(finding: &Finding, dir: &Path) -> Key {
    Key {
        rule: finding.rule.to_string(),
        file: relative_to(&finding.path, dir),
        pointer: finding.pointer.clone(),
        message: finding.message.clone(),
    }
}

/// The absolute, lexically normalized folder holding `file`.
fn folder_of(file: &Path) -> PathBuf {
    let absolute = normalize(&std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()));
    absolute.parent().map(Path::to_path_buf).unwrap_or(absolute)
}

/// Removes `.` and resolves `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to the folder `dir`, with `/` separators (`../` where needed).
fn relative_to(path: &Path, dir: &Path) -> String {
    let path = normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let path_parts: Vec<_> = path.components().collect();
    let dir_parts: Vec<_> = dir.components().collect();
    let common = path_parts.iter().zip(&dir_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); dir_parts.len() - common];
    parts.extend(path_parts[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::Profile;
    use crate::{lint_connector, RuleSet};
    use connlint_core::{Connector, FileRole};

    const SWAGGER: &str = "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\", \"description\": \"d\"},\n\
        \"host\": \"api.example.com\", \"paths\": {\"/a\": {\n\
        \"get\": {\"summary\": \"List\", \"x-ms-visibilty\": \"advanced\",\n\
        \"responses\": {\"200\": {\"description\": \"OK\"}}}}}}";

    fn report(dir: &Path, swagger: &str) -> Report {
        let connector = Connector::from_memory([(FileRole::Swagger, dir.join("apiDefinition.swagger.json"), swagger.as_bytes().to_vec())]);
        let connectors = vec![lint_connector(&connector, &RuleSet::new(Profile::Base, &[]), false)];
        Report { connectors, ..Default::default() }
    }

    fn rules(report: &Report) -> Vec<&str> {
        report.findings().map(|f| f.rule).collect()
    }

    #[test]
    fn records_rule_relative_file_pointer_message_and_count() {
        let tmp = tempfile::tempdir().unwrap();
        let before = report(&tmp.path().join("Conn"), SWAGGER);
        assert_eq!(rules(&before), ["operation-id-missing", "unknown-extension"]);
        let baseline = Baseline::from_findings(before.findings(), &tmp.path().join("baseline.json"));
        assert_eq!(baseline.len(), 2);
        let json: serde_json::Value = serde_json::from_str(&baseline.to_json()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"version": 1, "findings": [
                {"rule": "operation-id-missing", "file": "Conn/apiDefinition.swagger.json", "pointer": "/paths/~1a/get",
                 "message": "operation `GET /a` has no operationId", "count": 1},
                {"rule": "unknown-extension", "file": "Conn/apiDefinition.swagger.json", "pointer": "/paths/~1a/get/x-ms-visibilty",
                 "message": "unknown extension `x-ms-visibilty`", "count": 1},
            ]})
        );
    }

    #[test]
    fn a_written_baseline_hides_known_findings_even_after_lines_move() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("baseline.json");
        Baseline::from_findings(report(&tmp.path().join("Conn"), SWAGGER).findings(), &path).write(&path).unwrap();
        let baseline = Baseline::load(&path).unwrap();
        // Three new lines at the top, and a new problem on another operation.
        let edited = SWAGGER.replacen("{\"swagger\"", "{\n\n\n\"swagger\"", 1).replace(
            "\"/a\": {",
            "\"/b\": {\"post\": {\"summary\": \"Add\", \"responses\": {\"200\": {\"description\": \"OK\"}}}}, \"/a\": {",
        );
        let mut after = report(&tmp.path().join("Conn"), &edited);
        assert_eq!(after.findings().filter(|f| f.rule == "operation-id-missing").count(), 2);
        let stats = baseline.filter(&mut after);
        assert_eq!(stats, BaselineStats { baselined: 2, fixed: 0 });
        let left: Vec<_> = after.findings().map(|f| (f.rule, f.line, f.message.as_str())).collect();
        assert_eq!(left, [("operation-id-missing", 5, "operation `POST /b` has no operationId")]);
    }

    #[test]
    fn fixed_findings_are_counted_and_counts_absorb_only_as_many_findings() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("baseline.json");
        let baseline = Baseline::from_findings(report(&tmp.path().join("Conn"), SWAGGER).findings(), &path);
        let fixed = SWAGGER.replace("x-ms-visibilty", "x-ms-visibility");
        let mut after = report(&tmp.path().join("Conn"), &fixed);
        assert_eq!(baseline.filter(&mut after), BaselineStats { baselined: 1, fixed: 1 });
        assert!(after.findings().next().is_none());
        // The same finding twice (in two connectors) against a count of one: one stays.
        let mut twice = report(&tmp.path().join("Conn"), &fixed);
        twice.connectors.push(twice.connectors[0].clone());
        assert_eq!(baseline.filter(&mut twice), BaselineStats { baselined: 1, fixed: 1 });
        assert_eq!(rules(&twice), ["operation-id-missing"]);
        // A finding in another folder is not the same finding.
        let mut elsewhere = report(&tmp.path().join("Other"), SWAGGER);
        assert_eq!(baseline.filter(&mut elsewhere), BaselineStats { baselined: 0, fixed: 2 });
    }

    #[test]
    fn io_errors_are_never_recorded_or_hidden() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("baseline.json");
        let mut io = report(&tmp.path().join("Conn"), SWAGGER);
        let mut error = io.connectors[0].findings[0].clone();
        error.rule = IO_ERROR;
        error.pointer = None;
        io.connectors[0].findings.push(error);
        let baseline = Baseline::from_findings(io.findings(), &path);
        assert_eq!(baseline.len(), 2);
        let stats = baseline.filter(&mut io);
        assert_eq!(stats.baselined, 2);
        assert_eq!(rules(&io), [IO_ERROR]);
    }

    #[test]
    fn paths_outside_the_baseline_folder_use_dot_dot() {
        assert_eq!(relative_to(Path::new("/a/b/c.json"), Path::new("/a/x/y")), "../../b/c.json");
        assert_eq!(relative_to(Path::new("/a/./b/../b/c.json"), Path::new("/a")), "b/c.json");
    }

    #[test]
    fn malformed_baselines_are_errors_with_positions() {
        let path = Path::new("base.json");
        let err = Baseline::parse(path, "{\"version\": 1,\n  \"findings\": [\n    {\"rule\": 3}]}").unwrap_err();
        assert_eq!(err.position, Some((3, 14)));
        assert_eq!(err.to_string(), "base.json:3:14: not a valid baseline: invalid type: integer `3`, expected a string");
        let err = Baseline::parse(path, "{\"version\": 1, \"findings\": [\n").unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(2));
        assert!(err.message.starts_with("not a valid baseline: EOF"), "{}", err.message);
        let err = Baseline::parse(path, "{\"version\": 2, \"findings\": []}").unwrap_err();
        assert_eq!(err.to_string(), "base.json: baseline version 2 is not supported; expected 1");
        let err = Baseline::parse(path, "{\"version\": 1, \"findings\": [], \"extra\": 1}").unwrap_err();
        assert!(err.message.contains("unknown field `extra`"), "{}", err.message);
    }

    #[test]
    fn a_missing_baseline_file_is_an_error_naming_it() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("nope.json");
        let err = Baseline::load(&path).unwrap_err();
        assert_eq!(err.path, path);
        assert_eq!(err.position, None);
        assert!(err.to_string().starts_with(&format!("{}: cannot read the baseline: ", path.display())), "{err}");
    }
}
