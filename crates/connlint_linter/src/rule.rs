//! What a rule is: its metadata, the typed contexts it visits, and the macro that declares one.

use crate::context::Context;
use connlint_core::model::swagger::{Operation, Parameter, SchemaVisit};
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
/// engine calls each hook only on the rules that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// [`Rule::check_connector`], once per connector.
    Connector,
    /// [`Rule::check_operation`], once per operation.
    Operation,
    /// [`Rule::check_parameter`], once per parameter of every operation and path item.
    Parameter,
    /// [`Rule::check_schema`], once per schema object anywhere in the swagger.
    Schema,
    /// [`Rule::check_change`], once per comparison of an old and a new connector (`connlint
    /// diff` only; `check` never calls it).
    Change,
}

/// Everything known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, used in configuration, output and docs.
    pub id: &'static str,
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
    /// Whether its findings carry fixes (`fix:` in [`declare_rule!`]; `None` when left out).
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

/// Gives a rule's metadata; implemented by [`declare_rule!`].
pub trait HasMeta {
    fn meta(&self) -> &'static RuleMeta;
}

/// A check. Implement the hooks named in the rule's `visits`; the others are never called.
pub trait Rule: HasMeta + Send + Sync + 'static {
    fn check_connector(&self, _cx: &mut Context<'_, '_>) {}
    fn check_operation(&self, _operation: &Operation<'_>, _cx: &mut Context<'_, '_>) {}
    /// `operation` is `None` for a parameter of a path item.
    fn check_parameter(&self, _parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, _cx: &mut Context<'_, '_>) {}
    fn check_schema(&self, _schema: &SchemaVisit<'_>, _cx: &mut Context<'_, '_>) {}
    /// Compares an old and a new version of the connector; `cx` is the new one.
    fn check_change(&self, _change: &crate::diff::ChangeContext<'_, '_>, _cx: &mut Context<'_, '_>) {}
}

/// Declares a rule: a unit struct, its doc comment kept as its documentation, and its metadata.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub OperationIdMissing {
///         id: "operation-id-missing",
///         category: Operations,
///         severity: Error,
///         profile: Base,
///         ms_names: ["OperationIdRequired"],
///         summary: "Every operation needs an operationId",
///         visits: [Operation],
///     }
/// }
/// ```
///
/// An optional `certification_severity: Error,` after `severity` sets a different default
/// under the `certification` profile (see [`RuleMeta::certification_severity`]); an optional
/// `fix: Always,` or `fix: Sometimes,` before `visits` says that the rule attaches fixes (see
/// [`RuleMeta::fix`]).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub $name:ident {
            id: $id:literal,
            category: $category:ident,
            severity: $severity:ident,
            $(certification_severity: $certification:ident,)?
            profile: $profile:ident,
            ms_names: [$($ms:literal),* $(,)?],
            summary: $summary:literal,
            $(fix: $fix:ident,)?
            visits: [$($visit:ident),* $(,)?] $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                id: $id,
                category: $crate::rule::Category::$category,
                default_severity: $crate::rule::Severity::$severity,
                certification_severity: $crate::__certification_severity!($($certification)?),
                profile: $crate::rule::Profile::$profile,
                ms_names: &[$($ms),*],
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                visits: &[$($crate::rule::Visit::$visit),*],
                fix: $crate::__fix_availability!($($fix)?),
            };
        }

        impl $crate::rule::HasMeta for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                &Self::META
            }
        }
    };
}

/// `declare_rule!`'s optional `certification_severity`, as an `Option<Severity>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __certification_severity {
    () => {
        None
    };
    ($severity:ident) => {
        Some($crate::rule::Severity::$severity)
    };
}

/// `declare_rule!`'s optional `fix`, as a `FixAvailability`.
#[doc(hidden)]
#[macro_export]
macro_rules! __fix_availability {
    () => {
        $crate::fix::FixAvailability::None
    };
    ($fix:ident) => {
        $crate::fix::FixAvailability::$fix
    };
}
