//! Which rules run, and at what severity: the profile's rules, changed by configuration and
//! `--select` / `--ignore`. Looked up by [`RuleId`] in constant time.

use crate::meta::{Profile, Severity};
use crate::registry;
use crate::rule::Rule;
use crate::rule_id::RuleId;

/// A rule's configured level: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The rules to run on a connector, each with its severity.
#[derive(Clone)]
pub struct RuleSet {
    pub profile: Profile,
    /// The severity of each rule that runs, indexed by [`RuleId::index`].
    severities: [Option<Severity>; RuleId::COUNT],
    /// The rules that run with their severities, in registry order.
    rules: Vec<(&'static dyn Rule, Severity)>,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("profile", &self.profile)
            .field("rules", &self.rules.iter().map(|(r, s)| (r.meta().id, *s)).collect::<Vec<_>>())
            .finish()
    }
}

impl RuleSet {
    fn from_severities(profile: Profile, severities: [Option<Severity>; RuleId::COUNT]) -> Self {
        let rules = RuleId::ALL.iter().filter_map(|id| severities[id.index()].map(|s| (registry::rule(*id), s))).collect();
        Self { profile, severities, rules }
    }

    /// Every rule of `profile` at its default severity, then `levels` applied in order (later
    /// entries win). A level given for a certification rule turns it on in any profile.
    pub fn new(profile: Profile, levels: &[(RuleId, Level)]) -> Self {
        let mut severities = [None; RuleId::COUNT];
        for id in RuleId::ALL {
            let meta = registry::meta(id);
            if meta.profile <= profile && !meta.opt_in() {
                severities[id.index()] = Some(meta.severity_in(profile));
            }
        }
        for (id, level) in levels {
            severities[id.index()] = level.severity();
        }
        Self::from_severities(profile, severities)
    }

    /// Adds every opt-in rule (see [`crate::meta::RuleMeta::opt_in`]) not already in the set, at its
    /// default severity (`connlint check --schema`).
    pub fn with_opt_in(self) -> Self {
        let profile = self.profile;
        self.map(|id, severity| {
            let meta = registry::meta(id);
            severity.or_else(|| meta.opt_in().then(|| meta.severity_in(profile)))
        })
    }

    /// Only `rule`, at its default severity (for tests).
    pub fn only(rule: &'static dyn Rule) -> Self {
        let id = rule.meta().rule_id.expect("a rule has a rule id");
        let mut severities = [None; RuleId::COUNT];
        severities[id.index()] = Some(rule.meta().severity_in(Profile::Certification));
        Self::from_severities(Profile::Certification, severities)
    }

    /// The set with each rule's severity (`None`: off) replaced by `f(id, severity)`.
    pub(crate) fn map(&self, f: impl Fn(RuleId, Option<Severity>) -> Option<Severity>) -> Self {
        Self::from_severities(self.profile, std::array::from_fn(|index| f(RuleId::ALL[index], self.severities[index])))
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn contains(&self, id: RuleId) -> bool {
        self.severities[id.index()].is_some()
    }

    /// The severity `id` runs at, if it runs.
    pub fn severity_of(&self, id: RuleId) -> Option<Severity> {
        self.severities[id.index()]
    }

    /// Whether any rule of `category` is in the set.
    pub fn has_category(&self, category: crate::meta::Category) -> bool {
        self.entries().iter().any(|(rule, _)| rule.meta().category == category)
    }

    /// The rules and their severities, in registry order.
    pub fn entries(&self) -> &[(&'static dyn Rule, Severity)] {
        &self.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_and_levels_select_rules() {
        let base = RuleSet::new(Profile::Base, &[]);
        let in_base = |id: &RuleId| registry::meta(*id).profile == Profile::Base && !registry::meta(*id).opt_in();
        assert!(RuleId::ALL.iter().filter(|id| in_base(id)).all(|id| base.contains(*id)));
        assert_eq!(base.len(), RuleId::ALL.iter().filter(|id| in_base(id)).count());
        let without = RuleSet::new(Profile::Base, &[(RuleId::InvalidJson, Level::Off)]);
        assert!(!without.contains(RuleId::InvalidJson));
        assert_eq!(without.len(), base.len() - 1);
        // Later levels win.
        let warned = RuleSet::new(Profile::Base, &[(RuleId::InvalidJson, Level::Off), (RuleId::InvalidJson, Level::Warning)]);
        assert_eq!(warned.severity_of(RuleId::InvalidJson), Some(Severity::Warning));
    }

    #[test]
    fn opt_in_rules_run_only_when_asked_for() {
        let certification = RuleSet::new(Profile::Certification, &[]);
        assert!(!certification.contains(RuleId::SchemaApiProperties));
        let with = RuleSet::new(Profile::Base, &[]).with_opt_in();
        assert!(with.contains(RuleId::SchemaApiProperties) && with.contains(RuleId::SchemaSettings));
        let opt_in = RuleId::ALL.iter().filter(|id| registry::meta(**id).opt_in()).count();
        assert_eq!(with.len(), RuleSet::new(Profile::Base, &[]).len() + opt_in);
        let named = RuleSet::new(Profile::Base, &[(RuleId::SchemaSettings, Level::Warning)]);
        assert!(named.contains(RuleId::SchemaSettings) && !named.contains(RuleId::SchemaApiProperties));
    }
}
