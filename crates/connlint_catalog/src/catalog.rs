//! Building the catalog: the connectors `connlint check` finds under the given paths, each
//! linted once and turned into a record while its files are loaded.

use crate::record::{build_record, id_of_path, profile_of, ConnectorRecord, Place};
use connlint_core::UnitKind;
use connlint_linter::{discover, lint_each_with, InputError, LintError, LintOptions, Target};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Every connector found under some paths, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub records: Vec<ConnectorRecord>,
    /// Paths that could not be used.
    pub input_errors: Vec<InputError>,
    /// The files read and the folders walked to find them; see [`Catalog::fingerprint`].
    watched: Vec<PathBuf>,
}

impl Catalog {
    /// Finds, lints and describes every connector under `inputs` (folders or files, as for
    /// `connlint check`). Only a configuration error stops it; a connector whose files cannot
    /// be read or parsed still gets a record with what is known.
    pub fn build(inputs: &[PathBuf], options: &LintOptions) -> Result<Catalog, LintError> {
        let (targets, input_errors) = discover(inputs);
        let linted = lint_each_with(targets, options, |target, rules, unit, report| {
            // A solution's or records file's own unit is not a connector: its connectors are
            // the units after it.
            (unit.kind == UnitKind::Connector).then(|| {
                let dir = unit.dir.as_deref().filter(|_| unit.label.is_none());
                let relative = match (&unit.label, dir) {
                    (Some(label), _) => relative_label(label, inputs),
                    (None, Some(dir)) => relative_to_inputs(dir, inputs),
                    (None, None) => unit.display_name(),
                };
                // A connector inside a solution or records file takes its profile from where
                // that file is.
                let container = target.container.as_ref().map(|c| c.path());
                let profile = dir.or(container).map_or("custom", profile_of);
                let record = build_record(&unit.model(), &report, rules.profile, &Place { relative, dir, profile });
                let mut watched = watched_paths(target, inputs);
                // Edits to the README change `docs`.
                watched.extend(dir.into_iter().flat_map(|d| record.docs.iter().map(move |doc| d.join(&doc.name))));
                (record, watched)
            })
        })?;
        let mut records = Vec::new();
        let mut watched: Vec<PathBuf> = inputs.to_vec();
        for (_, _, results) in linted {
            for (record, paths) in results.into_iter().flatten() {
                records.push(record);
                watched.extend(paths);
            }
        }
        watched.sort();
        watched.dedup();
        assign_ids(&mut records);
        Ok(Catalog { records, input_errors, watched })
    }

    /// The record with this id.
    pub fn get(&self, id: &str) -> Option<&ConnectorRecord> {
        self.records.binary_search_by(|r| r.id.as_str().cmp(id)).ok().map(|i| &self.records[i])
    }

    /// A hash of the size and modification time of every file the catalog was built from and
    /// of every folder between the given paths and the connectors' folders. Adding, removing,
    /// renaming or editing a connector file changes it (a new file or folder changes its
    /// folder's modification time), so a server compares it to decide when to build again.
    /// It costs one `stat` per path (about 5,000 for Microsoft's 1,035 connectors).
    pub fn fingerprint(&self) -> u64 {
        fingerprint_of(&self.watched)
    }
}

/// See [`Catalog::fingerprint`].
pub fn fingerprint_of(paths: &[PathBuf]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for path in paths {
        path.hash(&mut hasher);
        match std::fs::metadata(path) {
            Ok(meta) => {
                meta.len().hash(&mut hasher);
                meta.modified().ok().hash(&mut hasher);
                meta.is_dir().hash(&mut hasher);
            }
            Err(_) => u64::MAX.hash(&mut hasher),
        }
    }
    hasher.finish()
}

/// Sorts by id, giving `-2`, `-3`, … to later paths with the same slug so every id is unique.
fn assign_ids(records: &mut [ConnectorRecord]) {
    for record in records.iter_mut() {
        record.id = id_of_path(&record.power_platform.path);
    }
    records.sort_by(|a, b| (&a.id, &a.power_platform.path).cmp(&(&b.id, &b.power_platform.path)));
    let mut taken: HashSet<String> = records.iter().map(|r| r.id.clone()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    for record in records.iter_mut() {
        if !seen.insert(record.id.clone()) {
            let base = record.id.clone();
            let mut n = 2;
            while taken.contains(&format!("{base}-{n}")) {
                n += 1;
            }
            record.id = format!("{base}-{n}");
            taken.insert(record.id.clone());
            seen.insert(record.id.clone());
        }
    }
    records.sort_by(|a, b| a.id.cmp(&b.id));
}

/// `dir` relative to the input it was found under, with `/` separators; the input's own name
/// when `dir` is the input (a connector folder given directly).
fn relative_to_inputs(dir: &Path, inputs: &[PathBuf]) -> String {
    for input in inputs {
        let base = if input.is_file() { input.parent().unwrap_or(Path::new("")) } else { input.as_path() };
        if let Ok(rest) = dir.strip_prefix(base) {
            let rest = to_slashes(rest);
            if !rest.is_empty() {
                return rest;
            }
            let name = std::path::absolute(base).ok().and_then(|a| a.file_name().map(|n| n.to_string_lossy().into_owned()));
            return name.unwrap_or_else(|| to_slashes(dir));
        }
    }
    to_slashes(dir)
}

/// A container unit's label (`…/solution.zip!/Connector/x`) with the input's folder removed.
fn relative_label(label: &str, inputs: &[PathBuf]) -> String {
    for input in inputs {
        let base = if input.is_file() { input.parent().unwrap_or(Path::new("")) } else { input.as_path() };
        let base = base.to_string_lossy();
        if !base.is_empty() {
            if let Some(rest) = label.strip_prefix(&*base) {
                return rest.trim_start_matches(['/', '\\']).replace('\\', "/");
            }
        }
    }
    label.replace('\\', "/")
}

fn to_slashes(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The files a target was read from and the folders from its input down to it.
fn watched_paths(target: &Target, inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(container) = &target.container {
        paths.push(container.path().to_path_buf());
    }
    let p = &target.paths;
    paths.extend([&p.swagger, &p.api_properties, &p.settings, &p.script, &p.icon].into_iter().flatten().cloned());
    let dir = target.config_dir();
    for input in inputs {
        if dir.starts_with(input) {
            paths.extend(dir.ancestors().take_while(|a| a.starts_with(input)).map(Path::to_path_buf));
        }
    }
    paths
}
