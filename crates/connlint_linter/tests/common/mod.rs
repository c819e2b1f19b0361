//! Helpers shared by the linter's integration tests.

use std::path::{Path, PathBuf};

/// Microsoft's connector corpus in `../shared` beside the repository, or `None` (with a message)
/// when it is absent, so that the tests that need it skip.
pub fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/PowerPlatformConnectors");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}
