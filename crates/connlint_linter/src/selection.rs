//! `--select` / `--ignore`: narrow the rules chosen by profile and configuration, by rule id or
//! category name.
//!
//! `--select` keeps only the named rules (a category names all of its rules); a rule named by
//! its id is turned on even when the profile or the configuration leaves it off (a certification
//! rule in the base profile, say), at its configured or default severity. A category in
//! `--select` keeps only those of its rules that are already on. `--ignore` then removes rules.

use crate::meta::{Category, Profile};
use crate::registry;
use crate::rule_id::RuleId;
use crate::rule_set::RuleSet;

/// Rule ids and categories from `--select` and `--ignore`.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `None`: every rule the profile and configuration chose.
    select: Option<Vec<Name>>,
    ignore: Vec<Name>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Rule(RuleId),
    Category(Category),
}

impl Name {
    fn parse(text: &str, option: &str) -> Result<Self, SelectionError> {
        if let Some(id) = RuleId::parse(text) {
            return Ok(Name::Rule(id));
        }
        if let Some(category) = registry::category_named(text) {
            return Ok(Name::Category(category));
        }
        let names = RuleId::ALL.iter().map(|id| id.as_str()).chain(registry::RULES.iter().map(|r| r.meta().category.as_str()));
        let suggestion = crate::suggest::closest(text, names).map(str::to_string);
        Err(SelectionError { option: option.to_string(), name: text.to_string(), suggestion })
    }

    fn matches(self, id: RuleId) -> bool {
        match self {
            Name::Rule(rule) => rule == id,
            Name::Category(category) => registry::meta(id).category == category,
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
        let profile: Profile = rules.profile;
        rules.map(|id, severity| {
            let severity = match &self.select {
                // A rule named by its id runs even when it was off; a category keeps only its
                // rules that are on.
                Some(select) if select.contains(&Name::Rule(id)) => severity.or_else(|| Some(registry::meta(id).severity_in(profile))),
                Some(select) => severity.filter(|_| select.iter().any(|n| n.matches(id))),
                None => severity,
            };
            severity.filter(|_| !self.ignore.iter().any(|n| n.matches(id)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::Severity;
    use crate::rule_set::Level;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| s.to_string()).collect()
    }

    fn ids(rules: &RuleSet) -> Vec<&'static str> {
        let mut ids: Vec<_> = RuleId::ALL.iter().filter(|id| rules.contains(**id)).map(|id| id.as_str()).collect();
        ids.sort_unstable();
        ids
    }

    fn in_category(category: Category, rules: &RuleSet) -> impl Iterator<Item = RuleId> + '_ {
        RuleId::ALL.into_iter().filter(move |id| registry::meta(*id).category == category && rules.contains(*id))
    }

    #[test]
    fn select_keeps_only_the_named_rules_and_categories() {
        let base = RuleSet::new(Profile::Base, &[]);
        let selection = Selection::parse(&strings(&["invalid-json,duplicate-key", "extensions"]), &[]).unwrap();
        let named = [RuleId::InvalidJson, RuleId::DuplicateKey].into_iter();
        let mut expected: Vec<_> = named.chain(in_category(Category::Extensions, &base)).map(RuleId::as_str).collect();
        expected.sort_unstable();
        assert!(expected.contains(&"unknown-extension"));
        assert_eq!(ids(&selection.apply(&base)), expected);
    }

    #[test]
    fn ignore_removes_rules_and_categories_after_select() {
        let base = RuleSet::new(Profile::Base, &[]);
        let selection = Selection::parse(&strings(&["syntax"]), &strings(&["invalid-json"])).unwrap();
        let chosen = selection.apply(&base);
        assert!(chosen.contains(RuleId::DuplicateKey));
        assert!(!chosen.contains(RuleId::InvalidJson));
        assert!(!chosen.contains(RuleId::UnknownExtension));
        let without_extensions = Selection::parse(&[], &strings(&["extensions"])).unwrap().apply(&base);
        assert!(!without_extensions.contains(RuleId::UnknownExtension));
        assert!(without_extensions.contains(RuleId::InvalidJson));
        assert_eq!(without_extensions.len(), base.len() - in_category(Category::Extensions, &base).count());
    }

    #[test]
    fn a_certification_rule_named_explicitly_runs_in_the_base_profile() {
        // `publisher-missing` is a certification rule of the `api-properties` category.
        let rule = RuleId::PublisherMissing;
        assert_eq!(registry::meta(rule).profile, Profile::Certification);
        let base = RuleSet::new(Profile::Base, &[]);
        assert!(!base.contains(rule));
        let selection = Selection { select: Some(vec![Name::Rule(rule)]), ignore: Vec::new() };
        let selected = selection.apply(&base);
        assert_eq!(selected.len(), 1);
        assert_eq!(selected.severity_of(rule), Some(registry::meta(rule).severity_in(Profile::Base)));
        // Naming its category keeps only the category's rules that were already on.
        let by_category = Selection { select: Some(vec![Name::Category(Category::ApiProperties)]), ignore: Vec::new() }.apply(&base);
        assert!(!by_category.contains(rule));
        assert!(by_category.contains(RuleId::IconBrandColorFormat));
        assert_eq!(by_category.len(), in_category(Category::ApiProperties, &base).count());
    }

    #[test]
    fn a_configured_severity_is_kept_and_an_explicit_name_turns_an_off_rule_on() {
        let warned = RuleSet::new(Profile::Base, &[(RuleId::InvalidJson, Level::Warning)]);
        let selected = Selection::parse(&strings(&["invalid-json"]), &[]).unwrap().apply(&warned);
        assert_eq!(selected.severity_of(RuleId::InvalidJson), Some(Severity::Warning));
        let off = RuleSet::new(Profile::Base, &[(RuleId::InvalidJson, Level::Off)]);
        let selected = Selection::parse(&strings(&["invalid-json"]), &[]).unwrap().apply(&off);
        assert_eq!(selected.severity_of(RuleId::InvalidJson), Some(Severity::Error));
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
