//! What a rule is: the `Rule` trait with its typed hooks, the `ChangeRule` trait of the rules that
//! compare two versions, and the macro that declares either. The metadata types are in
//! [`crate::meta`].

use crate::change::Change;
use crate::context::{ChangeCx, Context};
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{Operation, Parameter, SchemaVisit};

pub use crate::meta::{Category, Profile, RuleMeta, Severity, Visit};

/// Gives a rule's metadata; implemented by [`crate::declare_rule!`].
pub trait HasMeta {
    fn meta(&self) -> &'static RuleMeta;
}

/// A check. Implement the hooks named in the rule's `visits`; the others are never called. A
/// test runs every hook of every rule and fails when a rule implements a hook its `visits` does
/// not name, or names one it does not implement (the default bodies mark that they ran).
pub trait Rule: HasMeta + Send + Sync + 'static {
    fn check_connector(&self, _cx: &mut Context<'_, '_>) {
        default_hook_ran();
    }
    fn check_operation(&self, _operation: &Operation<'_>, _cx: &mut Context<'_, '_>) {
        default_hook_ran();
    }
    /// `operation` is `None` for a parameter of a path item.
    fn check_parameter(&self, _parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, _cx: &mut Context<'_, '_>) {
        default_hook_ran();
    }
    fn check_schema(&self, _schema: &SchemaVisit<'_>, _cx: &mut Context<'_, '_>) {
        default_hook_ran();
    }
    /// An object that describes a value with schema keywords: a schema, or a non-body parameter
    /// or its `items` (see [`Visit::ValueSchema`]).
    fn check_value_schema(&self, _schema: &Node, _cx: &mut Context<'_, '_>) {
        default_hook_ran();
    }
    /// The keywords of note (see [`SchemaKeywords`]) without which [`Rule::check_schema`] and
    /// [`Rule::check_value_schema`] have nothing to say about a schema. The engine calls those
    /// hooks only on the schemas that have one of them, which it knows from its walk, instead
    /// of calling every rule on every schema to look for its keywords again; parameters, whose
    /// keywords are not sorted out, are passed to `check_value_schema` all the same. `None`, the
    /// default: every schema.
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        None
    }
    /// The rule as a change rule, when it is one: `connlint check` skips it, `connlint diff` runs
    /// only these. Every [`ChangeRule`] is a `Rule` through the blanket impl below, so that the
    /// registry, [`crate::RuleSet`], configuration and docs treat both alike.
    fn as_change(&self) -> Option<&dyn ChangeRule> {
        None
    }
}

/// A check that compares an old and a new version of a connector (`connlint diff`, category
/// `breaking`); it visits [`Visit::Change`] only. Declared with [`crate::declare_rule!`] like any rule.
pub trait ChangeRule: HasMeta + Send + Sync + 'static {
    /// Reports what breaks between the two versions of `change` through `cx`.
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>);
}

impl<T: ChangeRule> Rule for T {
    fn as_change(&self) -> Option<&dyn ChangeRule> {
        Some(self)
    }
}

#[cfg(test)]
thread_local! {
    /// Set by a hook's default body: the rule does not implement that hook.
    pub(crate) static DEFAULT_HOOK_RAN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks, in tests, that a default hook body ran; nothing otherwise.
#[inline(always)]
fn default_hook_ran() {
    #[cfg(test)]
    DEFAULT_HOOK_RAN.set(true);
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
            pub const META: $crate::meta::RuleMeta = $crate::meta::RuleMeta {
                id: $id,
                rule_id: Some($crate::rule_id::RuleId::$name),
                category: $crate::meta::Category::$category,
                default_severity: $crate::meta::Severity::$severity,
                certification_severity: $crate::__certification_severity!($($certification)?),
                profile: $crate::meta::Profile::$profile,
                ms_names: &[$($ms),*],
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                visits: &[$($crate::meta::Visit::$visit),*],
                fix: $crate::__fix_availability!($($fix)?),
            };
        }

        impl $crate::rule::HasMeta for $name {
            fn meta(&self) -> &'static $crate::meta::RuleMeta {
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
        Some($crate::meta::Severity::$severity)
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
