//! [`RuleId`]: a rule's identity as a type. `build.rs` generates one variant per rule file
//! (`rules/operations/operation_id_missing.rs` is `RuleId::OperationIdMissing`, id
//! `operation-id-missing`), in registry order, so that `RULES[id as usize]` is the rule of `id`.
//!
//! Inside the linter rules are named by `RuleId`; their kebab-case strings appear only at the
//! edges: the command line, `connlint.toml`, `x-connlint-ignore`, baselines and the outputs.
//!
//! The two pseudo-rules, `internal-error` (a rule crashed) and `io-error` (a file could not be
//! read), are not rules and have no `RuleId`: they cannot be selected, configured or suppressed,
//! and `RuleId::parse` does not know them. `internal-error`'s metadata
//! ([`crate::meta::INTERNAL_ERROR`]) has no `rule_id`; `io-error` exists only as a finding's
//! rule string ([`crate::diagnostic::IO_ERROR`]).

include!(concat!(env!("OUT_DIR"), "/rule_id.rs"));

impl RuleId {
    /// The rule with this kebab-case id.
    pub fn parse(text: &str) -> Option<RuleId> {
        BY_NAME.binary_search_by(|(name, _)| (*name).cmp(text)).ok().map(|i| BY_NAME[i].1)
    }

    /// The position of the rule in registry order, for tables indexed by rule.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no rule's id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no rule `{0}`")]
pub struct UnknownRule(pub String);

impl std::str::FromStr for RuleId {
    type Err = UnknownRule;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RuleId::parse(text).ok_or_else(|| UnknownRule(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::RuleId;

    #[test]
    fn ids_parse_back_and_are_in_order() {
        for (index, id) in RuleId::ALL.iter().enumerate() {
            assert_eq!(id.index(), index);
            assert_eq!(RuleId::parse(id.as_str()), Some(*id));
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(*id));
            assert_eq!(id.to_string(), id.as_str());
        }
        assert_eq!(RuleId::parse("operation-id-missing"), Some(RuleId::OperationIdMissing));
        assert_eq!(RuleId::parse("OperationIdMissing"), None);
        // The pseudo-rules are not rules.
        assert_eq!(RuleId::parse("internal-error"), None);
        assert_eq!(RuleId::parse("io-error"), None);
        assert!("nothing".parse::<RuleId>().is_err());
    }
}
