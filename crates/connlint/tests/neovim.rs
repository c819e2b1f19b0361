//! End to end with a real editor's client: Neovim (headless) and its built-in LSP client run
//! `connlint server`, get a diagnostic at the right place, apply its quick fix, and see the
//! diagnostic go (tests/neovim/quickfix.lua does the editor's part).
//!
//! Needs `nvim` on PATH. Without it the test is skipped with a message, unless
//! `CONNLINT_REQUIRE_NVIM=1` (set by `.ci/run`, which installs Neovim), where it fails.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SWAGGER: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Démo", "description": "A demo connector for tests", "version": "1.0"},
  "host": "api.example.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {
    "/items": {
      "get": {
        "summary": "List items", "description": "Lists the items", "operationId": "ListItems",
        "parameters": [
          {"name": "q", "in": "query", "type": "string", "x-ms-summary": "Qüery 😀", "x-ms-visibility": "Advanced"}
        ],
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}
"#;

fn nvim_available() -> bool {
    Command::new("nvim").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

#[test]
fn neovim_shows_the_diagnostic_applies_the_quick_fix_and_the_diagnostic_goes() {
    if !nvim_available() {
        let required = std::env::var("CONNLINT_REQUIRE_NVIM").is_ok_and(|v| v == "1");
        assert!(!required, "CONNLINT_REQUIRE_NVIM=1 but `nvim` is not on PATH");
        eprintln!("SKIPPED: the Neovim end-to-end test needs `nvim` on PATH (set CONNLINT_REQUIRE_NVIM=1 to make this a failure)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let swagger = tmp.path().join("apiDefinition.swagger.json");
    std::fs::write(&swagger, SWAGGER).unwrap();
    let out = tmp.path().join("nvim.out");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/quickfix.lua");
    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("CONNLINT_BIN", env!("CARGO_BIN_EXE_connlint"))
        .env("CONNLINT_FILE", &swagger)
        .env("CONNLINT_OUT", &out)
        .env("XDG_STATE_HOME", tmp.path())
        .env("XDG_CACHE_HOME", tmp.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = nvim.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = nvim.kill();
            panic!("nvim did not finish in 120 s; it wrote: {:?}", std::fs::read_to_string(&out).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let seen = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.success(), "nvim exited with {status}; it wrote:\n{seen}");
    // The finding is at `"Advanced"` on line 12 (0-based 11): Neovim shows byte columns, which
    // it computed from connlint's UTF-16 range; the ü and the emoji before it are 2 and 4 bytes.
    let line = SWAGGER.lines().nth(11).unwrap();
    let start = line.find("\"Advanced\"").unwrap();
    assert_eq!(start, 107);
    let fixed_line = line.replace("\"Advanced\"", "\"advanced\"");
    assert_eq!(
        seen.lines().collect::<Vec<_>>(),
        [
            "DIAGNOSTIC visibility-value 11:107-11:117",
            "APPLIED Fix `visibility-value`",
            "GONE visibility-value",
            &format!("LINE {fixed_line}"),
            "DONE",
        ]
    );
}
