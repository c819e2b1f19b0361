//! The `git` command line, as `diff --git`, `check --changed-since` and `ci --since` use it: the
//! work tree around a path, revisions, the files changed since one, and connector files as they
//! were at one (read with `git show`, nothing checked out).

use connlint_core::{Connector, FileRole};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs git in `dir`; its stdout, or a failure with its stderr.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// `path` made absolute with its folder's symbolic links resolved, the form in which paths from
/// git and paths from discovery are compared. The file itself need not exist.
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if absolute.is_dir() {
        return absolute.canonicalize().unwrap_or(absolute);
    }
    match (absolute.parent().and_then(|p| p.canonicalize().ok()), absolute.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => absolute,
    }
}

/// A git work tree.
pub struct Repo {
    /// Its top folder, canonical.
    pub top: PathBuf,
}

/// What changed in the work tree since a revision.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files added, modified or renamed (at their new path) since the revision, and untracked
    /// files that git does not ignore; [`normalize`]d. Deleted files are not here.
    pub files: BTreeSet<PathBuf>,
    /// For renamed files (git's rename detection): new path ([`normalize`]d) → path at the
    /// revision, relative to the top folder.
    pub renamed_from: HashMap<PathBuf, String>,
}

impl Repo {
    /// The work tree that holds `dir`; the error is git's message.
    pub fn around(dir: &Path) -> Result<Repo, String> {
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
        if top.as_os_str().is_empty() {
            // Inside the .git folder, git answers with nothing.
            return Err("not inside a work tree".into());
        }
        Ok(Repo { top: top.canonicalize().unwrap_or(top) })
    }

    /// Whether `rev` names a commit.
    pub fn has_revision(&self, rev: &str) -> bool {
        git(&self.top, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).is_ok()
    }

    /// The files changed between `rev` and the work tree (`git diff --name-status -M REV`, so
    /// staged and unstaged changes alike), plus untracked files that git does not ignore.
    pub fn changes_since(&self, rev: &str) -> Result<Changes, String> {
        let diff = git(&self.top, &["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-color", "--no-relative", rev, "--"])?;
        let mut fields = diff.split(|&b| b == 0).map(|f| String::from_utf8_lossy(f).into_owned());
        let mut changes = Changes::default();
        while let Some(status) = fields.next() {
            let Some(kind) = status.chars().next() else { break };
            match kind {
                // Renamed or copied: the old path, then the new one.
                'R' | 'C' => {
                    let (Some(old), Some(new)) = (fields.next(), fields.next()) else { break };
                    let new = normalize(&self.top.join(&new));
                    if kind == 'R' {
                        changes.renamed_from.insert(new.clone(), old);
                    }
                    changes.files.insert(new);
                }
                'D' => {
                    fields.next();
                }
                _ => {
                    let Some(path) = fields.next() else { break };
                    changes.files.insert(normalize(&self.top.join(path)));
                }
            }
        }
        let untracked = git(&self.top, &["ls-files", "-z", "--others", "--exclude-standard"])?;
        for path in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            changes.files.insert(normalize(&self.top.join(String::from_utf8_lossy(path).as_ref())));
        }
        Ok(changes)
    }

    /// `path` relative to the top folder, with `/`; `None` outside the work tree.
    fn relative(&self, path: &Path) -> Option<String> {
        let relative = normalize(path);
        let relative = relative.strip_prefix(&self.top).ok()?;
        Some(relative.to_string_lossy().replace('\\', "/"))
    }

    /// The files of `new` as they were at `rev`; `None` when its swagger did not exist then.
    /// With `dir`, the standard files missing from `new` are looked for there too (so that a
    /// file deleted since is compared). A file in `renamed_from` is read at its old path.
    pub fn connector_at(
        &self,
        rev: &str,
        new: &Connector,
        dir: Option<&Path>,
        renamed_from: &HashMap<PathBuf, String>,
    ) -> Option<Connector> {
        let mut files: Vec<(FileRole, PathBuf)> = new.files.iter().map(|f| (f.role, f.source.path().to_path_buf())).collect();
        if let Some(dir) = dir {
            for role in [FileRole::Swagger, FileRole::ApiProperties, FileRole::Script, FileRole::Settings] {
                if !files.iter().any(|(r, _)| *r == role) {
                    files.push((role, dir.join(role.standard_name())));
                }
            }
        }
        let mut old = Connector::default();
        for (role, file) in files {
            let relative = match renamed_from.get(&normalize(&file)) {
                Some(old_path) => old_path.clone(),
                None => {
                    let Some(relative) = self.relative(&file) else { continue };
                    relative
                }
            };
            if let Ok(bytes) = git(&self.top, &["show", &format!("{rev}:{relative}")]) {
                old.add_bytes(role, format!("{rev}:{relative}"), bytes);
            }
        }
        old.file_with_role(FileRole::Swagger).is_some().then_some(old)
    }
}
