//! Hover: on a finding, its rule's page; on an `x-ms-*` key, what the extension does, where it
//! may stand and how Power Platform supports it.

use crate::context::{self, Slot};
use crate::diagnostics::finding_range;
use crate::position::LineMap;
use crate::LintedFile;
use connlint_core::model::extensions::known_extension;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

/// `is_json`: whether the document is JSON, where keys can be found (a YAML swagger gets the
/// findings' pages only).
pub fn hover(text: &str, is_json: bool, linted: Option<&LintedFile>, position: Position) -> Option<Hover> {
    let map = LineMap::new(text);
    let mut sections: Vec<String> = Vec::new();
    let mut range: Option<Range> = None;
    if let Some(linted) = linted.filter(|l| *l.text == *text) {
        let linted_map = LineMap::new(&linted.text);
        let mut shown: Vec<&str> = Vec::new();
        for finding in &linted.findings {
            let at = finding_range(finding, &linted_map);
            if at.start <= position && position <= at.end && !shown.contains(&finding.rule) {
                shown.push(finding.rule);
                range.get_or_insert(at);
                sections.push(match connlint_linter::rule_by_id(finding.rule) {
                    Some(rule) => format!(
                        "{}\n[Rule page]({})",
                        connlint_linter::docs::rule_page(rule.meta()),
                        connlint_linter::docs::rule_help_uri(finding.rule)
                    ),
                    None => format!("**{}**: {}", finding.rule, finding.message),
                });
            }
        }
    }
    let offset = map.offset(position);
    let context = if is_json { context::at(text, offset) } else { None };
    if let Some(context::Context { containers, slot: Slot::Key { text: key, content: Some((start, end)) } }) = context {
        if let Some(extension) = known_extension(&key) {
            let places = if extension.places.is_empty() {
                "anywhere (connlint does not know its places precisely)".to_string()
            } else {
                extension.places.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ")
            };
            let here = match context::place_of(&containers) {
                Some(place) if extension.places.is_empty() || extension.places.contains(&place) => String::new(),
                Some(place) => format!("\n\n**Not expected here**, in {}.", place.name()),
                None => String::new(),
            };
            let purpose = if extension.purpose.is_empty() { String::new() } else { format!("{}\n\n", extension.purpose) };
            sections.push(format!(
                "**{}**\n\n{purpose}May stand in: {places}.\n\nSupport: {}.{here}",
                extension.name,
                extension.support.describe()
            ));
            range.get_or_insert(map.range(start, end));
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: sections.join("\n\n---\n\n") }),
        range,
    })
}
