//! Rule documentation pages, rendered from each rule's metadata and doc comment.
//!
//! `rules/<id>.md` and `rules/README.md` at the repository root are these pages; a test fails
//! when they are stale, and `CONNLINT_UPDATE_DOCS=1 cargo test -p connlint_linter docs` rewrites
//! them.

use crate::registry::RULES;
use crate::rule::RuleMeta;

/// One rule's page (Markdown).
pub fn rule_page(meta: &RuleMeta) -> String {
    let ms = if meta.ms_names.is_empty() {
        "none".to_string()
    } else {
        meta.ms_names.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
    };
    let body: Vec<&str> = meta.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    format!(
        "# {}\n\n{}.\n\n| Default severity | Profile | Category | Microsoft Swagger Validator name |\n|---|---|---|---|\n| {} | {} | {} | {} |\n\n{}\n",
        meta.id,
        meta.summary,
        meta.default_severity,
        meta.profile.as_str(),
        meta.category.as_str(),
        ms,
        body.join("\n").trim_end()
    )
}

/// The index of all rules (Markdown), sorted by category and id.
pub fn rules_index() -> String {
    let mut metas: Vec<&RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| (m.category, m.id));
    let mut out = String::from(
        "# connlint rules\n\nGenerated from the rules' own documentation; do not edit by hand \
         (`CONNLINT_UPDATE_DOCS=1 cargo test -p connlint_linter docs` rewrites these pages).\n\n",
    );
    out.push_str(&format!(
        "{} rules.\n\n| Rule | Category | Severity | Profile | Microsoft name | Summary |\n|---|---|---|---|---|---|\n",
        metas.len()
    ));
    for m in metas {
        let ms = if m.ms_names.is_empty() { "-".to_string() } else { m.ms_names.join(", ") };
        out.push_str(&format!(
            "| [{id}]({id}.md) | {} | {} | {} | {} | {} |\n",
            m.category.as_str(),
            m.default_severity,
            m.profile.as_str(),
            ms,
            m.summary,
            id = m.id
        ));
    }
    out.push_str(&microsoft_coverage());
    out
}

/// The table mapping each Microsoft Swagger Validator identifier to the connlint rules that
/// check it, or to the reason it is not checked.
pub fn microsoft_coverage() -> String {
    use crate::microsoft::{rules_for, MICROSOFT_NAMES, NOT_CHECKABLE};
    let covered = MICROSOFT_NAMES.iter().filter(|(_, n)| !rules_for(n).is_empty()).count();
    let mut out = format!(
        "\n## Microsoft Swagger Validator coverage\n\n{covered} of the {} identifiers Microsoft documents are checked by connlint rules.\n\n\
         | Section | Microsoft identifier | connlint rules |\n|---|---|---|\n",
        MICROSOFT_NAMES.len()
    );
    for (section, name) in MICROSOFT_NAMES {
        let rules = rules_for(name);
        let cell = if !rules.is_empty() {
            rules.iter().map(|id| format!("[{id}]({id}.md)")).collect::<Vec<_>>().join(", ")
        } else if let Some((_, reason)) = NOT_CHECKABLE.iter().find(|(n, _)| n == name) {
            format!("not checked: {reason}")
        } else {
            "not yet covered".to_string()
        };
        out.push_str(&format!("| {section} | `{name}` | {cell} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn docs_in_rules_folder_are_fresh() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let update = std::env::var_os("CONNLINT_UPDATE_DOCS").is_some();
        let mut expected: Vec<(String, String)> = RULES.iter().map(|r| (format!("{}.md", r.meta().id), rule_page(r.meta()))).collect();
        expected.push(("README.md".into(), rules_index()));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
                if entry.path().extension().is_some_and(|e| e == "md") {
                    std::fs::remove_file(entry.path()).unwrap();
                }
            }
        }
        let mut stale = Vec::new();
        for (name, text) in &expected {
            let path = dir.join(name);
            if update {
                std::fs::write(&path, text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        let on_disk = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "md")).count())
            .unwrap_or(0);
        assert!(stale.is_empty(), "stale rule docs {stale:?}: run `CONNLINT_UPDATE_DOCS=1 cargo test -p connlint_linter docs`");
        assert_eq!(on_disk, expected.len(), "rules/ has pages for rules that no longer exist: regenerate the docs");
    }
}
