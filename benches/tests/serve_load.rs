//! The load test's small bounded form, run by `cargo test`: 400 requests from 8 clients against
//! the server over `testdata/connectors`, in process. The full run (10,000 requests from 32
//! clients against `connlint serve` over the corpus) is in the README's Performance section.

use std::path::Path;
use std::process::Command;

#[test]
fn four_hundred_requests_from_eight_clients_give_no_errors() {
    let connectors = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/connectors");
    let output =
        Command::new(env!("CARGO_BIN_EXE_serve-load")).args(["--requests", "400", "--concurrency", "8"]).arg(&connectors).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("connectors: 4\n"), "{stdout}");
    assert!(stdout.contains("requests: 400, concurrency: 8, errors: 0\n"), "{stdout}");
    assert!(stdout.contains("stopped cleanly: true\n"), "{stdout}");
}
