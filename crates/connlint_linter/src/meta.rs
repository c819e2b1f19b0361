//! What is known about a rule without running it: its id, category, severity, profile, docs
//! and the contexts it visits. Imports neither the `Rule` trait nor the context, which both use
//! these types.

use crate::rule_id::RuleId;
use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which rule set a rule belongs to. Microsoft's pipeline runs certification rules only for
/// connectors under `certified-connectors/` and `independent-publisher-connectors/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Rules for every connector.
    Base,
    /// Base rules plus the certification rules.
    Certification,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Base => "base",
            Profile::Certification => "certification",
        }
    }
}

/// Where a rule looks; the `rules/` docs are grouped by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// File encoding, JSON syntax, duplicate keys.
    Syntax,
    /// Conformance to the Swagger 2.0 specification's own schema (allowed values, JSON types,
    /// required fields, patterns).
    Spec,
    /// Steps of converting an OpenAPI 3 description or a Postman collection into a connector
    /// that lose something or make a judgement (`connlint convert`, and `check` on such input).
    Conversion,
    /// Which files a connector has and how they are named.
    Files,
    /// The swagger's root: version, info, host, basePath, schemes.
    Document,
    Paths,
    Operations,
    Parameters,
    Responses,
    Schemas,
    References,
    /// `x-ms-*` extensions.
    Extensions,
    Security,
    ApiProperties,
    Settings,
    /// Agreement between the connector's files.
    CrossFile,
    /// The connector's icon (`icon.png`).
    Icon,
    /// The custom code file (`script.csx`).
    Script,
    /// Validation against Microsoft's JSON Schemas (corrected); off unless asked for.
    JsonSchema,
    /// Rules of Microsoft's certification review (profile `certification`).
    Certification,
    /// Changes between an old and a new version of a connector (`connlint diff`).
    Breaking,
    /// A Power Platform solution's own files: its manifest and its connectors' XML.
    Solution,
    /// Dataverse custom APIs in a solution (`customapis/`).
    CustomApi,
    /// Dataverse `connectors` records (a Web API export).
    Records,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Spec => "spec",
            Category::Conversion => "conversion",
            Category::Files => "files",
            Category::Document => "document",
            Category::Paths => "paths",
            Category::Operations => "operations",
            Category::Parameters => "parameters",
            Category::Responses => "responses",
            Category::Schemas => "schemas",
            Category::References => "references",
            Category::Extensions => "extensions",
            Category::Security => "security",
            Category::ApiProperties => "api-properties",
            Category::Settings => "settings",
            Category::CrossFile => "cross-file",
            Category::Icon => "icon",
            Category::Script => "script",
            Category::JsonSchema => "json-schema",
            Category::Certification => "certification",
            Category::Breaking => "breaking",
            Category::Solution => "solution",
            Category::CustomApi => "custom-api",
            Category::Records => "records",
        }
    }

    /// Whether this category's rules check units of `kind`: a solution's rules run on its own
    /// files, a records file's on its records, syntax rules on every file, and every other rule
    /// on connectors.
    pub fn checks(self, kind: connlint_core::UnitKind) -> bool {
        use connlint_core::UnitKind;
        match self {
            Category::Syntax => true,
            Category::Solution | Category::CustomApi => kind == UnitKind::Solution,
            Category::Records => kind == UnitKind::Records,
            _ => kind == UnitKind::Connector,
        }
    }
}

/// The typed contexts the engine offers a rule. A rule lists the ones it implements, so the
/// engine calls each hook only on the rules that need it; a test checks that every rule lists
/// exactly the hooks it implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// [`Rule::check_connector`](crate::rule::Rule::check_connector), once per connector.
    Connector,
    /// [`Rule::check_operation`](crate::rule::Rule::check_operation), once per operation.
    Operation,
    /// [`Rule::check_parameter`](crate::rule::Rule::check_parameter), once per parameter of
    /// every operation and path item.
    Parameter,
    /// [`Rule::check_schema`](crate::rule::Rule::check_schema), once per schema object anywhere
    /// in the swagger (that has one of the rule's
    /// [`schema_keywords`](crate::rule::Rule::schema_keywords)).
    Schema,
    /// [`Rule::check_value_schema`](crate::rule::Rule::check_value_schema), once per object that
    /// describes a value with schema keywords (`type`, `format`, `enum`, `pattern` ...): each
    /// non-body parameter and its `items` (a body parameter's `schema` is a schema object), then
    /// every schema object (that has one of the rule's
    /// [`schema_keywords`](crate::rule::Rule::schema_keywords)).
    ValueSchema,
    /// [`ChangeRule::check_change`](crate::rule::ChangeRule::check_change), once per comparison
    /// of an old and a new connector (`connlint diff` only; `check` never calls it).
    Change,
}

/// Everything known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, used in configuration, output and docs: `rule_id.as_str()`.
    pub id: &'static str,
    /// The rule's identity; `None` only for the pseudo-rule [`INTERNAL_ERROR`], which is no rule.
    pub rule_id: Option<RuleId>,
    pub category: Category,
    pub default_severity: Severity,
    /// The severity under the `certification` profile when it differs from
    /// `default_severity`: Microsoft's validator reports the problem as an error only when
    /// certification rules are on.
    pub certification_severity: Option<Severity>,
    pub profile: Profile,
    /// The Microsoft Swagger Validator identifiers this rule checks, if any.
    pub ms_names: &'static [&'static str],
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The rule's documentation (Markdown), from its doc comment.
    pub docs: &'static str,
    pub visits: &'static [Visit],
    /// Whether its findings carry fixes (`fix:` in `declare_rule!`; `None` when left out).
    pub fix: crate::fix::FixAvailability,
}

impl RuleMeta {
    /// The first Microsoft name, for outputs that take one.
    pub fn ms_name(&self) -> Option<&'static str> {
        self.ms_names.first().copied()
    }

    /// The severity the rule runs at by default under `profile`.
    pub fn severity_in(&self, profile: Profile) -> Severity {
        match (profile, self.certification_severity) {
            (Profile::Certification, Some(severity)) => severity,
            _ => self.default_severity,
        }
    }

    /// The default severity as the docs show it: `warning (certification: error)` when the
    /// certification profile raises it.
    pub fn severity_label(&self) -> String {
        match self.certification_severity {
            Some(severity) if severity != self.default_severity => format!("{} (certification: {severity})", self.default_severity),
            _ => self.default_severity.to_string(),
        }
    }

    pub fn visits(&self, visit: Visit) -> bool {
        self.visits.contains(&visit)
    }

    /// Whether the rule runs only when asked for (by name in configuration, or with
    /// `connlint check --schema` for the `json-schema` category), whatever the profile.
    pub fn opt_in(&self) -> bool {
        self.category == Category::JsonSchema
    }
}

/// The pseudo-rule of a rule that crashed: the other rules' findings are kept. It is no rule (it
/// has no [`RuleId`]), so it cannot be turned off or suppressed.
pub static INTERNAL_ERROR: RuleMeta = RuleMeta {
    id: "internal-error",
    rule_id: None,
    category: Category::Syntax,
    default_severity: Severity::Error,
    certification_severity: None,
    profile: Profile::Base,
    ms_names: &[],
    summary: "A rule crashed on this file; please report it",
    docs: "connlint itself failed while checking this connector. The other rules' findings are still reported.\n",
    visits: &[],
    fix: crate::fix::FixAvailability::None,
};
