//! `--select` / `--ignore`: narrow the rules chosen by profile and configuration, by rule id or
//! category name.
//!
//! `--select` keeps only the named rules (a category names all of its rules); a rule named by
//! its id is turned on even when the profile or the configuration leaves it off (a certification
//! rule in the base profile, say), at its configured or default severity. A category in
//! `--select` keeps only those of its rules that are already on. `--ignore` then removes rules.

use crate::engine::RuleSet;
use crate::registry::RULES;
use crate::rule::{Rule, RuleMeta};

/// Rule ids and categories from `--select` and `--ignore`.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None`: every rule the profile and configuration chose.
    select: Option<Vec<Name>>,
    ignore: Vec<Name>,
}

#[derive(Clone, Copy)]
enum Name {
    Rule(&'static dyn Rule),
    Category(&'static str),
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::Rule(rule) => write!(f, "Rule({})", rule.meta().id),
            Name::Category(category) => write!(f, "Category({category})"),
        }
    }
}

impl Name {
    fn parse(text: &str, option: &str) -> Result<Self, SelectionError> {
        if let Some(rule) = RULES.iter().find(|r| r.meta().id == text) {
            return Ok(Name::Rule(*rule));
        }
        if let Some(rule) = RULES.iter().find(|r| r.meta().category.as_str() == text) {
            return Ok(Name::Category(rule.meta().category.as_str()));
        }
        let names = RULES.iter().map(|r| r.meta().id).chain(RULES.iter().map(|r| r.meta().category.as_str()));
        let suggestion = crate::suggest::closest(text, names).map(str::to_string);
        Err(SelectionError { option: option.to_string(), name: text.to_string(), suggestion })
    }

    fn matches(self, meta: &RuleMeta) -> bool {
        match self {
            Name::Rule(rule) => rule.meta().id == meta.id,
            Name::Category(category) => meta.category.as_str() == category,
        }
    }
}

/// A name in `--select` or `--ignore` that is neither a rule id nor a category.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{option}: no rule or category `{name}`{}; `connlint rules` lists them", .suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
pub struct SelectionError {
    /// `--select` or `--ignore`.
    pub option: String,
    pub name: String,
    pub suggestion: Option<String>,
}

impl Selection {
    /// Parses the values of `--select` and `--ignore`; each value may hold several names
    /// separated by commas. An empty `select` keeps every rule.
    pub fn parse(select: &[String], ignore: &[String]) -> Result<Self, SelectionError> {
        let names = |values: &[String], option: &str| -> Result<Vec<Name>, SelectionError> {
            values.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|n| !n.is_empty()).map(|n| Name::parse(n, option)).collect()
        };
        let select = names(select, "--select")?;
        let ignore = names(ignore, "--ignore")?;
        Ok(Self { select: (!select.is_empty()).then_some(select), ignore })
    }

    /// Whether the selection changes nothing.
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.ignore.is_empty()
    }

    /// The rules of `rules` that this selection keeps, plus the rules it names explicitly.
    pub fn apply(&self, rules: &RuleSet) -> RuleSet {
        let mut result = rules.clone();
        let profile = result.profile;
        let list = result.rules_mut();
        if let Some(select) = &self.select {
            list.retain(|(rule, _)| select.iter().any(|n| n.matches(rule.meta())));
            for name in select {
                if let Name::Rule(rule) = *name {
                    if !list.iter().any(|(r, _)| r.meta().id == rule.meta().id) {
                        list.push((rule, rule.meta().severity_in(profile)));
                    }
                }
            }
        }
        list.retain(|(rule, _)| !self.ignore.iter().any(|n| n.matches(rule.meta())));
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Level;
    use crate::rule::{Profile, Severity};

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    fn ids(rules: &RuleSet) -> Vec<&'static str> {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.meta().id).filter(|id| rules.contains(id)).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn select_keeps_only_the_named_rules_and_categories() {
        let base = RuleSet::new(Profile::Base, &[]);
        let selection = Selection::parse(&strings(&["invalid-json,duplicate-key", "extensions"]), &[]).unwrap();
        let mut expected: Vec<_> = RULES
            .iter()
            .map(|r| r.meta())
            .filter(|m| m.id == "invalid-json" || m.id == "duplicate-key" || (m.category.as_str() == "extensions" && base.contains(m.id)))
            .map(|m| m.id)
            .collect();
        expected.sort_unstable();
        assert!(expected.contains(&"unknown-extension"));
        assert_eq!(ids(&selection.apply(&base)), expected);
    }

    #[test]
    fn ignore_removes_rules_and_categories_after_select() {
        let base = RuleSet::new(Profile::Base, &[]);
        let selection = Selection::parse(&strings(&["syntax"]), &strings(&["invalid-json"])).unwrap();
        let chosen = selection.apply(&base);
        assert!(chosen.contains("duplicate-key"));
        assert!(!chosen.contains("invalid-json"));
        assert!(!chosen.contains("unknown-extension"));
        let without_extensions = Selection::parse(&[], &strings(&["extensions"])).unwrap().apply(&base);
        assert!(!without_extensions.contains("unknown-extension"));
        assert!(without_extensions.contains("invalid-json"));
        assert_eq!(
            without_extensions.len(),
            base.len() - RULES.iter().filter(|r| r.meta().category.as_str() == "extensions" && base.contains(r.meta().id)).count()
        );
    }

    crate::declare_rule! {
        /// ## What it does
        /// Nothing; a certification rule for these tests.
        /// ## Why is this bad?
        /// It is not.
        /// ## Example
        /// None.
        pub CertificationOnly {
            id: "certification-only",
            category: Syntax,
            severity: Warning,
            profile: Certification,
            ms_names: [],
            summary: "Test rule",
            visits: [Connector],
        }
    }

    impl Rule for CertificationOnly {}

    #[test]
    fn a_certification_rule_named_explicitly_runs_in_the_base_profile() {
        let base = RuleSet::new(Profile::Base, &[]);
        assert!(!base.contains("certification-only"));
        let selection = Selection { select: Some(vec![Name::Rule(&CertificationOnly)]), ignore: Vec::new() };
        let selected = selection.apply(&base);
        assert_eq!(selected.len(), 1);
        assert_eq!(selected.severity_of("certification-only"), Some(Severity::Warning));
        // Naming its category keeps only the category's rules that were already on.
        let by_category = Selection { select: Some(vec![Name::Category("syntax")]), ignore: Vec::new() }.apply(&base);
        assert!(!by_category.contains("certification-only"));
        assert!(by_category.contains("invalid-json"));
    }

    #[test]
    fn a_configured_severity_is_kept_and_an_explicit_name_turns_an_off_rule_on() {
        let invalid_json = crate::rule_by_id("invalid-json").unwrap().meta();
        let warned = RuleSet::new(Profile::Base, &[(invalid_json, Level::Warning)]);
        let selected = Selection::parse(&strings(&["invalid-json"]), &[]).unwrap().apply(&warned);
        assert_eq!(selected.severity_of("invalid-json"), Some(Severity::Warning));
        let off = RuleSet::new(Profile::Base, &[(invalid_json, Level::Off)]);
        let selected = Selection::parse(&strings(&["invalid-json"]), &[]).unwrap().apply(&off);
        assert_eq!(selected.severity_of("invalid-json"), Some(Severity::Error));
    }

    #[test]
    fn empty_selection_changes_nothing() {
        let base = RuleSet::new(Profile::Base, &[]);
        let selection = Selection::parse(&strings(&["", " , "]), &[]).unwrap();
        assert!(selection.is_empty());
        assert_eq!(ids(&selection.apply(&base)), ids(&base));
    }

    #[test]
    fn unknown_names_are_errors_with_a_suggestion() {
        let err = Selection::parse(&strings(&["invalid-json,duplicate-keys"]), &[]).unwrap_err();
        assert_eq!(err.suggestion.as_deref(), Some("duplicate-key"));
        assert_eq!(
            err.to_string(),
            "--select: no rule or category `duplicate-keys` (did you mean `duplicate-key`?); `connlint rules` lists them"
        );
        let err = Selection::parse(&[], &strings(&["extensoins"])).unwrap_err();
        assert_eq!((err.option.as_str(), err.suggestion.as_deref()), ("--ignore", Some("extensions")));
        let err = Selection::parse(&[], &strings(&["nothing-like-this-at-all"])).unwrap_err();
        assert_eq!(err.to_string(), "--ignore: no rule or category `nothing-like-this-at-all`; `connlint rules` lists them");
    }
}
