//! Conversion: what converting an OpenAPI 3 description or a Postman collection into a
//! connector lost or decided, one rule per kind of note that `connlint_core::convert` makes.
//! The notes point into the input, so these rules report at the input's lines.

pub mod conversion_bearer_mapped;
pub mod conversion_callback_dropped;
pub mod conversion_composition_dropped;
pub mod conversion_const_mapped;
pub mod conversion_cookie_parameter_dropped;
pub mod conversion_discriminator_changed;
pub mod conversion_external_ref;
pub mod conversion_host_unresolved;
pub mod conversion_link_dropped;
pub mod conversion_media_type_dropped;
pub mod conversion_no_operations;
pub mod conversion_nullable_mapped;
pub mod conversion_operation_dropped;
pub mod conversion_operation_id_changed;
pub mod conversion_operations_merged;
pub mod conversion_parameter_changed;
pub mod conversion_response_changed;
pub mod conversion_schema_keyword_dropped;
pub mod conversion_script_dropped;
pub mod conversion_security_unsupported;
pub mod conversion_server_dropped;
pub mod conversion_server_variable;
pub mod conversion_summary_changed;
pub mod conversion_variable_unresolved;
pub mod conversion_write_only_dropped;

use crate::context::Context;
use connlint_core::convert::NoteKind;

/// Reports every note of `kind` as a finding of the running rule, with its help and related places.
pub(crate) fn report_notes(cx: &mut Context<'_, '_>, kind: NoteKind) {
    let file = cx.swagger_file();
    let notes: Vec<_> = cx.conversion_notes(kind).collect();
    for note in notes {
        let finding = cx.report(file, note.span, note.message.clone());
        if let Some(help) = &note.help {
            finding.help(help.clone());
        }
        for (span, label) in &note.related {
            finding.label(file, *span, label.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use connlint_core::convert::NoteKind;

    /// Every kind of note has its rule, under the id the core names.
    #[test]
    fn every_note_kind_has_a_rule() {
        for kind in NoteKind::ALL {
            let rule = crate::rule_by_id(kind.rule_id()).unwrap_or_else(|| panic!("no rule `{}`", kind.rule_id()));
            assert_eq!(rule.meta().category, crate::Category::Conversion);
        }
    }
}
