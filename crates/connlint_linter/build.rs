//! Generates the rule registry and the `RuleId` enum: every `src/rules/<category>/<rule>.rs`
//! file holds one rule, a unit struct named after the file in PascalCase, whose id is the file
//! name in kebab-case. A new rule is one new file plus its `pub mod` line in the category's
//! `mod.rs`; no list of rules is kept by hand.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let rules_dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    // (category, file stem, type name), in registry order.
    let mut rules: Vec<(String, String, String)> = Vec::new();
    let mut categories: Vec<_> =
        std::fs::read_dir(rules_dir).expect("src/rules exists").filter_map(Result::ok).filter(|e| e.path().is_dir()).collect();
    categories.sort_by_key(|e| e.file_name());
    for category in categories {
        println!("cargo:rerun-if-changed={}", category.path().display());
        let category_name = category.file_name().into_string().expect("UTF-8 category name");
        let mut files: Vec<_> = std::fs::read_dir(category.path()).expect("readable").filter_map(Result::ok).collect();
        files.sort_by_key(|e| e.file_name());
        let module_list = std::fs::read_to_string(category.path().join("mod.rs")).unwrap_or_default();
        for file in files {
            let name = file.file_name().into_string().expect("UTF-8 rule file name");
            let Some(stem) = name.strip_suffix(".rs") else { continue };
            if stem == "mod" {
                continue;
            }
            // Files not yet declared in mod.rs are work in progress; a unit test makes sure
            // none is left out for good.
            if !module_list.contains(&format!("pub mod {stem};")) {
                continue;
            }
            let type_name: String = stem
                .split('_')
                .map(|part| {
                    let mut chars = part.chars();
                    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
                })
                .collect();
            rules.push((category_name.clone(), stem.to_string(), type_name));
        }
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR set by cargo");
    std::fs::write(Path::new(&out_dir).join("registry.rs"), registry(&rules)).expect("write registry");
    std::fs::write(Path::new(&out_dir).join("rule_id.rs"), rule_id(&rules)).expect("write rule ids");
}

/// `RULES`, indexed by `RuleId`.
fn registry(rules: &[(String, String, String)]) -> String {
    let mut out = String::from(
        "/// Every rule, in the order of their files; `RULES[id as usize]` is the rule of `id` (see\n\
         /// [`crate::rule_id::RuleId`]).\npub static RULES: &[&dyn crate::rule::Rule] = &[\n",
    );
    for (category, stem, type_name) in rules {
        writeln!(out, "    &crate::rules::{category}::{stem}::{type_name},").unwrap();
    }
    out.push_str("];\n");
    out
}

/// The `RuleId` enum: its variants, `COUNT`, `ALL`, `as_str` and the sorted table `parse`
/// searches.
fn rule_id(rules: &[(String, String, String)]) -> String {
    let id = |stem: &str| stem.replace('_', "-");
    let mut out = String::from(
        "/// A rule's identity, one variant per rule, in registry order (the order of the rule files).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[repr(u16)]\npub enum RuleId {\n",
    );
    for (_, stem, type_name) in rules {
        writeln!(out, "    /// `{}`", id(stem)).unwrap();
        writeln!(out, "    {type_name},").unwrap();
    }
    out.push_str("}\n\nimpl RuleId {\n");
    writeln!(out, "    /// How many rules there are.\n    pub const COUNT: usize = {};\n", rules.len()).unwrap();
    out.push_str("    /// Every rule id, in registry order.\n    pub const ALL: [RuleId; Self::COUNT] = [\n");
    for (_, _, type_name) in rules {
        writeln!(out, "        RuleId::{type_name},").unwrap();
    }
    out.push_str("    ];\n\n    /// The rule's kebab-case id, as configuration and output spell it.\n");
    out.push_str("    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for (_, stem, type_name) in rules {
        writeln!(out, "            RuleId::{type_name} => \"{}\",", id(stem)).unwrap();
    }
    out.push_str("        }\n    }\n}\n\n/// Every id with its rule, sorted by id for binary search.\n");
    out.push_str("const BY_NAME: [(&str, RuleId); RuleId::COUNT] = [\n");
    let mut sorted: Vec<_> = rules.iter().map(|(_, stem, type_name)| (id(stem), type_name)).collect();
    sorted.sort();
    for (name, type_name) in sorted {
        writeln!(out, "    (\"{name}\", RuleId::{type_name}),").unwrap();
    }
    out.push_str("];\n");
    out
}
