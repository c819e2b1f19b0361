//! Microsoft's connector repository beside the project (`../shared`), for tests that check a
//! property over real files; they skip what is absent. The linter's tests use it too (through
//! the `test-support` feature).

/// The swagger of every `step`-th connector folder of each group (in name order), as read;
/// empty when the repository is absent.
pub fn swaggers(step: usize) -> Vec<String> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/PowerPlatformConnectors");
    let mut texts = Vec::new();
    for group in ["certified-connectors", "independent-publisher-connectors", "custom-connectors"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(group)) else { continue };
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        texts.extend(dirs.iter().step_by(step).filter_map(|d| std::fs::read_to_string(d.join("apiDefinition.swagger.json")).ok()));
    }
    texts
}
