//! Generates the rule registry: every `src/rules/<category>/<rule>.rs` file holds one rule, a
//! unit struct named after the file in PascalCase. A new rule is one new file plus its
//! `pub mod` line in the category's `mod.rs`; no list of rules is kept by hand.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let rules_dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut entries = Vec::new();
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
            entries.push(format!("&crate::rules::{category_name}::{stem}::{type_name}"));
        }
    }
    let mut out = String::from("/// Every rule, in the order of their files.\npub static RULES: &[&dyn crate::rule::Rule] = &[\n");
    for entry in &entries {
        writeln!(out, "    {entry},").unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR set by cargo")).join("registry.rs");
    std::fs::write(dest, out).expect("write registry");
}
