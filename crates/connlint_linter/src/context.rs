//! What a rule sees while it runs, and how it reports: [`Context`] for a rule checking one
//! connector, [`ChangeCx`] for a change rule comparing two versions.

use crate::change::Loc;
use crate::diagnostic::Diagnostic;
use crate::meta::{Profile, RuleMeta, Severity};
use connlint_core::model::api_properties::ApiProperties;
use connlint_core::model::settings::Settings;
use connlint_core::model::swagger::Swagger;
use connlint_core::{Connector, ConnectorModel, FileId, Span};

/// The connector being linted and the sink for one rule's findings.
pub struct Context<'m, 'a> {
    pub model: &'m ConnectorModel<'a>,
    pub profile: Profile,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) diagnostics: &'m mut Vec<Diagnostic>,
    /// Facts several rules need, computed once per connector on first use.
    pub(crate) derived: &'m Derived<'a>,
}

/// Per-connector facts shared by rules, so that each is computed once however many rules ask.
#[derive(Default)]
pub(crate) struct Derived<'a> {
    /// The swagger's semantic facts (call graph, call entries).
    pub(crate) semantic: crate::semantic::Facts<'a>,
    /// Whether the swagger's text contains `x-ms-notification-url` at all: most connectors have
    /// no webhook, and then no body schema needs to be expanded to look for one.
    pub(crate) mentions_notification_url: std::sync::OnceLock<bool>,
    /// Where the swagger breaks the Swagger 2.0 specification's schema.
    pub(crate) spec_violations: std::sync::OnceLock<Vec<connlint_core::spec::Violation<'a>>>,
    /// The lexical scan of the script (`script.csx`), which every script rule reads.
    pub(crate) script_scan: std::sync::OnceLock<crate::side_files::csx::Scan>,
}

impl<'a> Derived<'a> {
    /// The places where the swagger tree `root` breaks the Swagger 2.0 schema, walked on first
    /// use. `root` is the tree the model's swagger is built from: every caller passes that one,
    /// so the one walk serves them all.
    pub(crate) fn spec_violations_of(&self, root: Option<&'a connlint_core::json::Node<'a>>) -> &[connlint_core::spec::Violation<'a>] {
        self.spec_violations.get_or_init(|| root.map(connlint_core::spec::check).unwrap_or_default())
    }

    /// [`Derived::spec_violations_of`], walking the members of the swagger's large objects on
    /// rayon's threads: for a big connector, whose walk is the longest task before its rules.
    pub(crate) fn spec_violations_in_parallel_of(
        &self,
        root: Option<&'a connlint_core::json::Node<'a>>,
    ) -> &[connlint_core::spec::Violation<'a>] {
        self.spec_violations.get_or_init(|| root.map(connlint_core::spec::check_in_parallel).unwrap_or_default())
    }
}

impl<'m, 'a> Context<'m, 'a> {
    /// A context for calling `rule`'s hooks directly in a test, with the certification profile
    /// and the rule's default severity.
    #[cfg(test)]
    pub(crate) fn for_test(
        model: &'m ConnectorModel<'a>,
        rule: &'static RuleMeta,
        diagnostics: &'m mut Vec<Diagnostic>,
        derived: &'m Derived<'a>,
    ) -> Self {
        Context { model, profile: Profile::Certification, rule, severity: rule.default_severity, diagnostics, derived }
    }

    pub fn connector(&self) -> &'a Connector {
        self.model.connector
    }

    pub fn swagger(&self) -> Option<&'m Swagger<'a>> {
        self.model.swagger.as_ref()
    }

    pub fn api_properties(&self) -> Option<&'m ApiProperties<'a>> {
        self.model.api_properties.as_ref()
    }

    pub fn settings(&self) -> Option<&'m Settings<'a>> {
        self.model.settings.as_ref()
    }

    /// What the swagger means beyond its shape (dynamic calls, their entries ...), computed
    /// once per connector.
    pub(crate) fn semantic(&self) -> crate::semantic::Semantic<'m, 'a> {
        let derived: &'m Derived<'a> = self.derived;
        crate::semantic::Semantic::new(self.swagger(), &derived.semantic)
    }

    /// Whether the swagger may have an `x-ms-notification-url` property (its text names the
    /// extension, or one of its keys has escapes that could spell part of it).
    pub fn may_have_notification_urls(&self) -> bool {
        *self.derived.mentions_notification_url.get_or_init(|| {
            let Some(swagger) = self.swagger() else { return false };
            let file = self.connector().file(swagger.file);
            let text = file.source.text().as_bytes();
            let keys_with_escapes = file.json().is_none_or(|parsed| parsed.keys_with_escapes);
            memchr::memmem::find(text, b"x-ms-notification-url").is_some() || (keys_with_escapes && escapes_a_name_character(text))
        })
    }

    /// Every place where the swagger breaks the Swagger 2.0 specification's own schema, found in
    /// one walk shared by the `spec` rules.
    pub fn spec_violations(&self) -> &'m [connlint_core::spec::Violation<'a>] {
        let derived: &'m Derived<'a> = self.derived;
        derived.spec_violations_of(self.swagger().map(|s| s.root))
    }

    /// The connector's script (`script.csx`) and its lexical scan, made once for all the script
    /// rules.
    pub(crate) fn script(&self) -> Option<(FileId, &'m crate::side_files::csx::Scan)> {
        let (file, source) = self.model.script()?;
        let derived: &'m Derived<'a> = self.derived;
        Some((file, derived.script_scan.get_or_init(|| crate::side_files::csx::scan(source.text()))))
    }

    /// The notes of kind `kind` that converting the swagger's input (an OpenAPI 3 description or
    /// a Postman collection) made; none when the swagger is Swagger 2.0.
    pub fn conversion_notes(&self, kind: connlint_core::convert::NoteKind) -> impl Iterator<Item = &'a connlint_core::convert::Note> {
        let swagger = self.model.swagger.as_ref().map(|s| s.file);
        let file = swagger.map(|id| self.model.connector.file(id));
        file.and_then(|f| f.conversion.as_deref()).into_iter().flat_map(|report| report.notes.iter()).filter(move |n| n.kind == kind)
    }

    /// The swagger's file, for reports about it.
    pub fn swagger_file(&self) -> FileId {
        self.model.swagger.as_ref().map_or(FileId(0), |s| s.file)
    }

    /// Reports a finding of the running rule at `span` in `file`.
    pub fn report(&mut self, file: FileId, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            rule: self.rule,
            severity: self.severity,
            side: crate::change::Side::New,
            file,
            span,
            message: message.into(),
            help: None,
            fix: None,
            related: Vec::new(),
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Reports a finding in the swagger.
    pub fn report_swagger(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let file = self.swagger_file();
        self.report(file, span, message)
    }
}

/// Whether `text` has a `\u` escape of a character of `x-ms-notification-url` (`-` or a
/// lowercase letter): a key can only spell the extension without its plain text through one.
/// Escapes of other characters (`\u00e9`, `\u2019` ...) are common in descriptions, and would
/// otherwise send a connector without webhooks through the body walk.
fn escapes_a_name_character(text: &[u8]) -> bool {
    memchr::memmem::find_iter(text, b"\\u")
        .any(|i| matches!(text.get(i + 2..i + 6), Some([b'0', b'0', b'2', b'd' | b'D'] | [b'0', b'0', b'6' | b'7', _])))
}

/// The sink for one change rule's findings (`connlint diff`); the two versions are in the
/// [`crate::change::Change`] the rule is given.
pub struct ChangeCx<'m> {
    pub profile: Profile,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) diagnostics: &'m mut Vec<Diagnostic>,
}

impl ChangeCx<'_> {
    /// Reports a finding of the running rule at `at`, in the version `at` is in; `other`, the
    /// counterpart in the other version (or the place that survived of what was removed), becomes
    /// a related place.
    pub fn report(&mut self, at: Loc, other: Option<Loc>, message: impl Into<String>) -> &mut Diagnostic {
        let mut diagnostic = Diagnostic::new(self.rule, self.severity, at.file, at.span, message);
        diagnostic.side = at.side;
        if let Some(other) = other {
            diagnostic.label_on(other.side, other.file, other.span, format!("in the {} version", other.side.word()));
        }
        self.diagnostics.push(diagnostic);
        self.diagnostics.last_mut().expect("just pushed")
    }
}
