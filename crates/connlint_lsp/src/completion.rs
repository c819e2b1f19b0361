//! Completion: the `x-ms-*` keys that may stand where the cursor is, the allowed values of
//! `x-ms-visibility`, `x-ms-trigger`, `x-ms-url-encoding` and of a policy's `templateId`, and
//! the swagger's operationIds inside an `x-ms-dynamic-*` extension's `operationId`.

use crate::context::{self, Slot, Step};
use crate::position::LineMap;
use connlint_core::model::extensions::{Support, TriggerKind, UrlEncoding, Visibility, KNOWN_EXTENSIONS};
use connlint_core::FileRole;
use connlint_linter::side_files::policy::TEMPLATES;
use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, Position, TextEdit};
use std::path::Path;

pub fn complete(path: &Path, text: &str, position: Position) -> Vec<CompletionItem> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let Some(role) = connlint_linter::discover::role_of_file_name(name) else { return Vec::new() };
    // The context scan reads JSON; a YAML swagger gets no completion rather than wrong ones.
    if connlint_core::Syntax::of_path(path) != connlint_core::Syntax::Json {
        return Vec::new();
    }
    let map = LineMap::new(text);
    let Some(context) = context::at(text, map.offset(position)) else { return Vec::new() };
    match (&context.slot, role) {
        (Slot::Key { content, .. }, FileRole::Swagger) => {
            let Some(place) = context::place_of(&context.containers) else { return Vec::new() };
            KNOWN_EXTENSIONS
                .iter()
                .filter(|e| e.support != Support::IgnoredAutoRest && e.places.contains(&place))
                .map(|e| {
                    let mut item = item(e.name, CompletionItemKind::PROPERTY, &map, *content, format!("\"{}\": ", e.name));
                    item.detail = Some(e.support.describe().to_string());
                    item.documentation = (!e.purpose.is_empty()).then(|| Documentation::String(e.purpose.to_string()));
                    item
                })
                .collect()
        }
        (Slot::Value { key: Some(key), content, .. }, _) => {
            let values: Vec<String> = match (key.as_str(), role) {
                ("x-ms-visibility", FileRole::Swagger) => Visibility::VALUES.iter().map(|v| v.to_string()).collect(),
                ("x-ms-trigger", FileRole::Swagger) => TriggerKind::VALUES.iter().map(|v| v.to_string()).collect(),
                ("x-ms-url-encoding", FileRole::Swagger) => UrlEncoding::VALUES.iter().map(|v| v.to_string()).collect(),
                ("templateId", FileRole::ApiProperties) => TEMPLATES.iter().map(|t| t.id.to_string()).collect(),
                ("operationId", FileRole::Swagger) if in_dynamic_extension(&context.containers) => context::operation_ids(text),
                _ => Vec::new(),
            };
            values.iter().map(|v| item(v, CompletionItemKind::VALUE, &map, *content, format!("\"{v}\""))).collect()
        }
        _ => Vec::new(),
    }
}

fn in_dynamic_extension(containers: &[Step]) -> bool {
    containers.iter().any(|step| matches!(step, Step::Key(key) if key.starts_with("x-ms-dynamic-")))
}

/// An item that replaces the string the cursor is in (inside its quotes) by `label`, or inserts
/// `unquoted_insert` (quotes included) where no string is started yet.
fn item(label: &str, kind: CompletionItemKind, map: &LineMap, content: Option<(usize, usize)>, unquoted_insert: String) -> CompletionItem {
    let mut item = CompletionItem { label: label.to_string(), kind: Some(kind), ..Default::default() };
    match content {
        Some((start, end)) => {
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range: map.range(start, end), new_text: label.to_string() }))
        }
        None => item.insert_text = Some(unquoted_insert),
    }
    item
}
