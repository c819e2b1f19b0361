//! Code actions: each finding's fix as a quick fix, "fix all" (`source.fixAll.connlint`) with
//! every safe fix that does not overlap another, and "suppress this rule here", which adds the
//! rule to `x-connlint-ignore` in the innermost object around the finding.

use crate::diagnostics::finding_range;
use crate::position::LineMap;
use crate::{LintedFile, FIX_ALL_KIND};
use connlint_core::json::{Node, Value};
use connlint_core::{FileRole, Span, Syntax};
use connlint_linter::suppression::IGNORE_KEY;
use connlint_linter::{Applicability, Finding, Fix};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Range, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;

pub fn code_actions(uri: &Url, file: &LintedFile, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let map = LineMap::new(&file.text);
    let wanted = |kind: &CodeActionKind| match &params.context.only {
        None => true,
        // `source` asks for every source action, `quickfix` for quick fixes.
        Some(only) => only.iter().any(|o| kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))),
    };
    let mut actions = Vec::new();
    let at_range: Vec<&Finding> = file.findings.iter().filter(|f| overlaps(finding_range(f, &map), params.range)).collect();
    if wanted(&CodeActionKind::QUICKFIX) {
        for finding in &at_range {
            let diagnostic = diagnostic_for(finding, params);
            if let Some(fix) = &finding.fix {
                let unsafe_note = if fix.applicability == Applicability::Unsafe { " (unsafe: check the result)" } else { "" };
                actions.push(CodeAction {
                    title: format!("Fix `{}`{unsafe_note}", finding.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic.clone(),
                    edit: Some(edit_of(uri, &map, fix.edits.iter().map(|e| (e.span, e.content.clone())))),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..Default::default()
                });
            }
            if let Some((span, content)) = suppression_edit(&file.text, &finding_path_name(finding), finding) {
                actions.push(CodeAction {
                    title: format!("Suppress `{}` here ({IGNORE_KEY})", finding.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic,
                    edit: Some(edit_of(uri, &map, [(span, content)])),
                    ..Default::default()
                });
            }
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL_KIND);
    if wanted(&fix_all) {
        let safe: Vec<&Fix> =
            file.findings.iter().filter_map(|f| f.fix.as_ref()).filter(|f| f.applicability == Applicability::Safe).collect();
        let (_, applied) = connlint_linter::fix::apply(&file.text, &safe);
        if !applied.is_empty() {
            let edits = applied.iter().flat_map(|&i| safe[i].edits.iter().map(|e| (e.span, e.content.clone())));
            actions.push(CodeAction {
                title: "Fix all connlint issues (safe fixes)".into(),
                kind: Some(fix_all),
                edit: Some(edit_of(uri, &map, edits)),
                ..Default::default()
            });
        }
    }
    actions.into_iter().map(CodeActionOrCommand::CodeAction).collect()
}

fn finding_path_name(finding: &Finding) -> String {
    finding.path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string()
}

/// Whether two ranges touch (an empty request range at a finding's edge counts).
fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The client's diagnostic for `finding`, when it sent it, so the editor can link the action.
fn diagnostic_for(finding: &Finding, params: &CodeActionParams) -> Option<Vec<lsp_types::Diagnostic>> {
    let code = lsp_types::NumberOrString::String(finding.rule.to_string());
    let matching: Vec<_> = params.context.diagnostics.iter().filter(|d| d.code.as_ref() == Some(&code)).cloned().collect();
    (!matching.is_empty()).then_some(matching)
}

fn edit_of(uri: &Url, map: &LineMap, edits: impl IntoIterator<Item = (Span, String)>) -> WorkspaceEdit {
    let edits =
        edits.into_iter().map(|(span, new_text)| TextEdit { range: map.range(span.start as usize, span.end as usize), new_text }).collect();
    WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
}

/// The edit that suppresses `finding`'s rule in the innermost object around it, in a JSON
/// swagger or apiProperties.json: adds `"x-connlint-ignore": "<rule>"` as the object's first
/// member, or the rule to the `x-connlint-ignore` already there. `None` for problems that are
/// not a rule's (they cannot be suppressed) and for other files.
fn suppression_edit(text: &str, file_name: &str, finding: &Finding) -> Option<(Span, String)> {
    connlint_linter::RuleId::parse(finding.rule)?;
    let role = connlint_linter::discover::role_of_file_name(file_name)?;
    if !matches!(role, FileRole::Swagger | FileRole::ApiProperties) || Syntax::of_path(&finding.path) != Syntax::Json {
        return None;
    }
    let parsed = connlint_core::json::parse(text);
    let object = innermost_object(parsed.root.as_ref()?, finding.span)?;
    let members = object.as_object()?;
    let rule = finding.rule;
    if let Some(existing) = members.iter().find(|m| &*m.key.text == IGNORE_KEY) {
        let value = &existing.value;
        return match &value.value {
            Value::String(_) => {
                let current = text.get(value.span.range())?;
                Some((value.span, format!("[{current}, \"{rule}\"]")))
            }
            Value::Array(items) if items.is_empty() => Some((Span::empty(value.span.end - 1), format!("\"{rule}\""))),
            Value::Array(_) => Some((Span::empty(value.span.end - 1), format!(", \"{rule}\""))),
            _ => None,
        };
    }
    let member = format!("\"{IGNORE_KEY}\": \"{rule}\"");
    match members.first() {
        None => Some((Span::empty(object.span.start + 1), member)),
        Some(first) => {
            // Keep the object's layout: the new member gets the same spacing as the first one.
            let spacing = text.get(object.span.start as usize + 1..first.key.span.start as usize)?;
            let after = if spacing.is_empty() { " " } else { spacing };
            Some((Span::empty(first.key.span.start), format!("{member},{after}")))
        }
    }
}

/// The innermost object whose text holds `span`.
fn innermost_object<'a>(node: &'a Node<'a>, span: Span) -> Option<&'a Node<'a>> {
    if !(node.span.start <= span.start && span.end <= node.span.end) {
        return None;
    }
    let children: Box<dyn Iterator<Item = &Node>> = match &node.value {
        Value::Object(members) => Box::new(members.iter().map(|m| &m.value)),
        Value::Array(items) => Box::new(items.iter()),
        _ => Box::new(std::iter::empty()),
    };
    for child in children {
        if let Some(found) = innermost_object(child, span) {
            return Some(found);
        }
    }
    matches!(node.value, Value::Object(_)).then_some(node)
}
