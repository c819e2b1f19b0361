//! `connlint.toml`: profile, rule levels and per-path overrides.
//!
//! ```toml
//! profile = "base"                 # or "certification"
//!
//! [rules]
//! operation-summary-too-long = "off"   # off | info | warning | error
//! extensions = "warning"               # a category sets all its rules
//!
//! [[overrides]]
//! files = ["legacy/**"]                # globs, relative to this file's folder
//! profile = "base"
//! rules = { duplicate-key = "warning" }
//! ```
//!
//! The file is found by walking up from each checked connector's folder; the nearest wins.

use crate::meta::Profile;
use crate::registry;
use crate::rule_id::RuleId;
use crate::rule_set::{Level, RuleSet};
use connlint_core::source::LineIndex;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const CONFIG_FILE_NAME: &str = "connlint.toml";

/// A configuration file that could not be used, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    profile: Option<Profile>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    profile: Option<Profile>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
}

/// A loaded `connlint.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// The folder globs are relative to.
    pub dir: PathBuf,
    pub profile: Option<Profile>,
    levels: Vec<(RuleId, Level)>,
    overrides: Vec<Override>,
}

#[derive(Debug, Clone)]
struct Override {
    globs: GlobSet,
    profile: Option<Profile>,
    levels: Vec<(RuleId, Level)>,
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("cannot read the configuration: {e}"),
        })?;
        Self::parse(path, &text)
    }

    /// Parses configuration text; `path` is used for messages and as the base of globs.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let index = LineIndex::new(text);
        let error_at = |offset: usize, message: String| {
            let p = index.position(text, offset as u32);
            ConfigError { path: path.to_path_buf(), line: p.line, column: p.column, message }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error_at(offset, e.message().trim().to_string())
        })?;
        let levels = resolve_levels(&raw.rules).map_err(|(offset, m)| error_at(offset, m))?;
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let mut builder = GlobSetBuilder::new();
            for pattern in o.files.get_ref() {
                let glob =
                    Glob::new(pattern.get_ref()).map_err(|e| error_at(pattern.span().start, format!("invalid glob: {}", e.kind())))?;
                builder.add(glob);
                // `dir` also matches everything below it.
                if let Ok(below) = Glob::new(&format!("{}/**", pattern.get_ref().trim_end_matches('/'))) {
                    builder.add(below);
                }
            }
            if o.files.get_ref().is_empty() {
                return Err(error_at(o.files.span().start, "an override needs at least one glob in `files`".into()));
            }
            let globs = builder.build().map_err(|e| error_at(o.files.span().start, e.to_string()))?;
            let levels = resolve_levels(&o.rules).map_err(|(offset, m)| error_at(offset, m))?;
            overrides.push(Override { globs, profile: o.profile, levels });
        }
        Ok(Config { path: path.to_path_buf(), dir, profile: raw.profile, levels, overrides })
    }

    /// The nearest `connlint.toml` in `start` or one of its ancestors.
    pub fn find_upwards(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        start.ancestors().map(|dir| dir.join(CONFIG_FILE_NAME)).find(|p| p.is_file())
    }

    /// The profile and rule levels for a connector in `connector_dir`. `profile` (from the
    /// command line) beats the configuration, which beats `auto` (from the path).
    pub fn rule_set_for(&self, connector_dir: &Path, profile: Option<Profile>, auto: Profile) -> RuleSet {
        let relative = std::path::absolute(connector_dir)
            .ok()
            .and_then(|abs| std::path::absolute(&self.dir).ok().and_then(|dir| abs.strip_prefix(dir).ok().map(Path::to_path_buf)))
            .unwrap_or_else(|| connector_dir.to_path_buf());
        let mut chosen_profile = self.profile;
        let mut levels = self.levels.clone();
        for o in &self.overrides {
            if o.globs.is_match(&relative) {
                chosen_profile = o.profile.or(chosen_profile);
                levels.extend(o.levels.iter().copied());
            }
        }
        RuleSet::new(profile.or(chosen_profile).unwrap_or(auto), &levels)
    }
}

/// Turns `rule-or-category = level` entries into per-rule levels: categories first, then rules,
/// so a rule's own entry wins over its category's.
fn resolve_levels(entries: &BTreeMap<Spanned<String>, Level>) -> Result<Vec<(RuleId, Level)>, (usize, String)> {
    let mut by_category = Vec::new();
    let mut by_rule = Vec::new();
    for (key, level) in entries {
        let name = key.get_ref().as_str();
        if let Some(id) = RuleId::parse(name) {
            by_rule.push((id, *level));
        } else if let Some(category) = registry::category_named(name) {
            by_category.extend(RuleId::ALL.into_iter().filter(|id| registry::meta(*id).category == category).map(|id| (id, *level)));
        } else {
            let hint = crate::suggest::closest(name, RuleId::ALL.iter().map(|id| id.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err((key.span().start, format!("unknown rule or category `{name}`{hint}")));
        }
    }
    by_category.extend(by_rule);
    Ok(by_category)
}

/// Whether a path lies under a folder that Microsoft's pipeline checks with certification rules.
pub fn auto_profile(path: &Path) -> Profile {
    let certified = path.components().any(|c| {
        let c = c.as_os_str();
        c == "certified-connectors" || c == "independent-publisher-connectors"
    });
    if certified {
        Profile::Certification
    } else {
        Profile::Base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_categories_and_overrides_apply() {
        let text = "profile = \"base\"\n[rules]\nsyntax = \"warning\"\nduplicate-key = \"off\"\n\n[[overrides]]\nfiles = [\"legacy\"]\nprofile = \"certification\"\nrules = { invalid-json = \"info\" }\n";
        let config = Config::parse(Path::new("/repo/connlint.toml"), text).unwrap();
        let normal = config.rule_set_for(Path::new("/repo/new/Foo"), None, Profile::Base);
        assert!(!normal.contains(RuleId::DuplicateKey));
        assert!(normal.contains(RuleId::InvalidJson));
        // A rule's own entry wins over its category's.
        assert_eq!(normal.severity_of(RuleId::InvalidJson), Some(crate::meta::Severity::Warning));
        let legacy_rules = config.rule_set_for(Path::new("/repo/legacy/Bar"), None, Profile::Base);
        assert_eq!(legacy_rules.severity_of(RuleId::InvalidJson), Some(crate::meta::Severity::Info));
        assert_eq!(normal.profile, Profile::Base);
        let legacy = config.rule_set_for(Path::new("/repo/legacy/Bar"), None, Profile::Base);
        assert_eq!(legacy.profile, Profile::Certification);
        // The command line beats the configuration.
        assert_eq!(config.rule_set_for(Path::new("/repo/legacy/Bar"), Some(Profile::Base), Profile::Base).profile, Profile::Base);
    }

    #[test]
    fn unknown_rule_is_a_positioned_error_with_a_suggestion() {
        let err = Config::parse(Path::new("c.toml"), "[rules]\nduplicate-keys = \"off\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.message.contains("did you mean `duplicate-key`"), "{}", err.message);
    }

    #[test]
    fn bad_level_and_unknown_key_and_bad_toml_are_positioned_errors() {
        let err = Config::parse(Path::new("c.toml"), "[rules]\ninvalid-json = \"loud\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("unknown variant"), "{}", err.message);
        let err = Config::parse(Path::new("c.toml"), "profil = \"base\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1));
        let err = Config::parse(Path::new("c.toml"), "\n\nprofile = \n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = Config::parse(Path::new("c.toml"), "[[overrides]]\nfiles = [\"a[\"]\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("invalid glob"), "{}", err.message);
    }

    #[test]
    fn auto_profile_follows_repository_folders() {
        assert_eq!(auto_profile(Path::new("x/certified-connectors/Foo")), Profile::Certification);
        assert_eq!(auto_profile(Path::new("x/independent-publisher-connectors/Foo")), Profile::Certification);
        assert_eq!(auto_profile(Path::new("x/custom-connectors/Foo")), Profile::Base);
    }
}
