//! Rule documentation pages, rendered from each rule's metadata and doc comment.
//!
//! `rules/<id>.md` and `rules/README.md` at the repository root are these pages; a test fails
//! when they are stale, and `CONNLINT_UPDATE_DOCS=1 cargo test -p connlint_linter docs` rewrites
//! them.

use crate::meta::RuleMeta;
use crate::registry::RULES;

/// connlint's home page, where the rule pages are published.
pub const INFORMATION_URI: &str = "https://github.com/connlint/connlint";

/// The address of a rule's page (`rules/<id>.md` in the repository): SARIF's `helpUri` and the
/// language server's `codeDescription`.
pub fn rule_help_uri(id: &str) -> String {
    format!("{INFORMATION_URI}/blob/main/rules/{id}.md")
}

/// One rule's page (Markdown).
pub fn rule_page(meta: &RuleMeta) -> String {
    let ms = if meta.ms_names.is_empty() {
        "none".to_string()
    } else {
        meta.ms_names.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
    };
    let body: Vec<&str> = meta.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    format!(
        "# {}\n\n{}.\n\n| Default severity | Profile | Category | Microsoft Swagger Validator name | Fix |\n|---|---|---|---|---|\n| {} | {} | {} | {} | {} |\n\n{}\n",
        meta.id,
        meta.summary,
        meta.severity_label(),
        meta.profile.as_str(),
        meta.category.as_str(),
        ms,
        fix_label(meta),
        body.join("\n").trim_end()
    )
}

/// Whether `connlint check --fix` corrects the rule's findings: `always`, `sometimes` or `no`.
pub fn fix_label(meta: &RuleMeta) -> &'static str {
    match meta.fix {
        crate::fix::FixAvailability::None => "no",
        availability => availability.as_str(),
    }
}

/// How severities are chosen; part of `rules/README.md`.
pub const SEVERITY_MODEL: &str = "## Severities

A severity says what Microsoft does with the problem, not how often it appears in connectors
Microsoft has already merged. The levels follow the profile the connector is linted with:

| Profile | error | warning | info |
|---|---|---|---|
| `certification` | Microsoft's certification validator reports it as an error, or the platform refuses to import the connector | Microsoft's documentation or a certification reviewer asks for it, but the validator lets it through | advice |
| `base` | the platform refuses the definition (paconn, the maker portal, a solution import, the Dataverse Web API), or the connector misbehaves at run time | documented guidance, or a likely mistake the platform accepts | advice |

A few rules report a warning under `base` and an error under `certification`, because Microsoft's
validator treats them as errors only when certification rules are on; the tables show them as
`warning (certification: error)`. A level set in `connlint.toml` applies under both profiles.

**Evidence.** Every rule that can report an error says why in a `## Severity` section of its page,
with at least one of:

- the Microsoft documentation page that states the requirement (a link);
- the Microsoft Swagger Validator identifier it corresponds to, in backticks (the identifiers are
  listed on <https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules>
  and in the coverage table below), or a validator message seen in the output of Microsoft's
  pipeline on a pull request to microsoft/PowerPlatformConnectors (a link to it);
- a `Reproduce:` statement: what to do and what the platform then does (the import that fails,
  the request that goes wrong).

Rules of the `breaking` category cite Microsoft's Breaking Change Detector, which the pipeline runs
on every changed swagger, or Microsoft's pages on versioning and updating certified connectors.
A test (`error_rules_cite_evidence`) fails when an error rule has no such section.

Firing rates in Microsoft's repository are not evidence either way: its pipeline validates only the
swagger files a pull request changes, with the rules of the day, so connectors merged years ago
keep problems a new submission would be refused for. Where no evidence shows that Microsoft
refuses a problem, the rule is a warning (or info), and its `## Severity` section says why.
";

/// The index of all rules (Markdown), sorted by category and id.
pub fn rules_index() -> String {
    let mut metas: Vec<&RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| (m.category, m.id));
    let mut out = String::from(
        "# connlint rules\n\nGenerated from the rules' own documentation; do not edit by hand \
         (`CONNLINT_UPDATE_DOCS=1 cargo test -p connlint_linter docs` rewrites these pages).\n\n",
    );
    out.push_str(SEVERITY_MODEL);
    out.push_str(&format!(
        "\n## Rules\n\n{} rules. The Fix column says whether `connlint check --fix` corrects a rule's findings: \
         `always`, `sometimes` (when the correction is unambiguous) or `no`.\n\n\
         | Rule | Category | Severity | Profile | Microsoft name | Fix | Summary |\n|---|---|---|---|---|---|---|\n",
        metas.len()
    ));
    for m in metas {
        let ms = if m.ms_names.is_empty() { "-".to_string() } else { m.ms_names.join(", ") };
        out.push_str(&format!(
            "| [{id}]({id}.md) | {} | {} | {} | {} | {} | {} |\n",
            m.category.as_str(),
            m.severity_label(),
            m.profile.as_str(),
            ms,
            fix_label(m),
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

    /// The `## Severity` section of a rule's docs, up to the next heading.
    fn severity_section(docs: &str) -> Option<String> {
        let lines: Vec<&str> = docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
        let start = lines.iter().position(|l| l.trim() == "## Severity")?;
        let rest = &lines[start + 1..];
        let end = rest.iter().position(|l| l.starts_with("## ")).unwrap_or(rest.len());
        Some(rest[..end].join("\n"))
    }

    /// What counts as evidence that a problem is an error (see [`SEVERITY_MODEL`]).
    fn cites_evidence(meta: &RuleMeta, section: &str) -> bool {
        use crate::microsoft::MICROSOFT_NAMES;
        let named = |name: &str| section.contains(&format!("`{name}`"));
        section.contains("https://")
            || section.contains("Reproduce:")
            || meta.ms_names.iter().any(|n| named(n))
            || MICROSOFT_NAMES.iter().any(|(_, n)| named(n))
    }

    #[test]
    fn error_rules_cite_evidence() {
        let mut offenders = Vec::new();
        for rule in RULES.iter() {
            let meta = rule.meta();
            let error = meta.default_severity == crate::Severity::Error || meta.certification_severity == Some(crate::Severity::Error);
            if !error {
                continue;
            }
            match severity_section(meta.docs) {
                None => offenders.push(format!("{}: no `## Severity` section", meta.id)),
                Some(section) if !cites_evidence(meta, &section) => offenders.push(format!(
                    "{}: its `## Severity` section cites no evidence (a https:// link, a Microsoft identifier in backticks, or `Reproduce:`)",
                    meta.id
                )),
                Some(_) => {}
            }
        }
        assert!(
            offenders.is_empty(),
            "{} error rules do not justify their severity (see the severity model in rules/README.md):\n{}",
            offenders.len(),
            offenders.join("\n")
        );
    }

    #[test]
    fn severity_sections_are_found_and_judged() {
        let meta = crate::rule_by_id("operation-id-missing").unwrap().meta();
        assert_eq!(
            severity_section("## What\nx\n\n## Severity\nsee `OperationIdRequired`.\n\n## Example\ny").as_deref(),
            Some("see `OperationIdRequired`.\n")
        );
        assert!(severity_section("## What\nx").is_none());
        assert!(cites_evidence(meta, "Reproduce: import it; the portal refuses it."));
        assert!(cites_evidence(meta, "See https://learn.microsoft.com/x."));
        assert!(cites_evidence(meta, "The validator's `PathRedefined`."));
        assert!(!cites_evidence(meta, "Everybody knows it is wrong."));
        assert!(!cites_evidence(meta, "Not `SomethingMicrosoftNeverNamed`."));
    }

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
