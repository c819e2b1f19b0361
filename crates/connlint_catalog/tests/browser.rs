//! The HTML catalog page in a real browser: headless Chromium driven through chromedriver's
//! WebDriver protocol (plain HTTP, spoken here with `std::net`, so the test needs no browser
//! automation package). It opens the page from `file://`, types in the search box, picks
//! filters, opens a detail view, checks which cards are shown against the library's own
//! records, checks that the page made no network request, and saves screenshots to
//! `target/screenshots/`.
//!
//! Without Chromium and chromedriver the test skips with a message, unless
//! `CONNLINT_REQUIRE_BROWSER=1` (set by `.ci/run`), which makes it fail.

mod common;

use base64::Engine as _;
use connlint_catalog::{Catalog, ConnectorRecord};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM_FLAGS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// An executable from `$VAR`, else the first of `names` found on `PATH`.
fn find_program(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// Kills chromedriver (and with it the browser) when the test ends, passed or not.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = call(self.addr, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One WebDriver command; returns its `value`.
fn call(addr: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open: read the head, then Content-Length bytes.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!("{method} {path}: the connection closed before a response"));
        }
        raw.extend_from_slice(&chunk[..n]);
    };
    let length = common::parse_reply(&raw).header("content-length").and_then(|l| l.parse::<usize>().ok()).unwrap_or(0);
    while raw.len() < head_end + length {
        let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..n]);
    }
    let reply = common::parse_reply(&raw);
    let value: Value = serde_json::from_slice(&reply.body).map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&reply.body)))?;
    if reply.status != 200 {
        return Err(format!("{method} {path}: {} {value}", reply.status));
    }
    Ok(value["value"].clone())
}

impl Driver {
    fn start(chromedriver: &Path, chromium: &Path, profile: &Path) -> Driver {
        // A free port: bind, read it, let it go, and hand it to chromedriver.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut driver = Driver { child, addr, session: String::new() };
        let deadline = Instant::now() + Duration::from_secs(30);
        while call(addr, "GET", "/status", None).map(|v| v["ready"] == true) != Ok(true) {
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.to_string_lossy(), "args": args}
        }}});
        let session = call(addr, "POST", "/session", Some(capabilities)).unwrap();
        driver.session = session["sessionId"].as_str().unwrap().to_string();
        driver
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        call(self.addr, method, &format!("/session/{}{path}", self.session), body).unwrap()
    }

    fn script(&self, code: &str) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({"script": code, "args": []})))
    }

    fn element(&self, css: &str) -> String {
        let found = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        found.as_object().and_then(|o| o.values().next()).and_then(Value::as_str).unwrap().to_string()
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.cmd("POST", &format!("/element/{id}/value"), Some(json!({"text": text})));
    }

    /// Empties a text box as a person would: Ctrl+A, then Backspace.
    fn erase(&self, css: &str) {
        self.type_into(css, "\u{E009}a\u{E000}\u{E003}");
    }

    /// Asserts which cards are shown, with a short message when they differ.
    fn assert_shown(&self, expected: &[String], what: &str) {
        let shown = self.shown();
        if shown != expected {
            let first = shown.iter().zip(expected).position(|(a, b)| a != b).unwrap_or(shown.len().min(expected.len()));
            panic!(
                "{what}: {} cards shown, {} expected; first difference at {first}: {:?} vs {:?}",
                shown.len(),
                expected.len(),
                shown.get(first),
                expected.get(first)
            );
        }
    }

    /// The ids of the cards shown, in page order.
    fn shown(&self) -> Vec<String> {
        let ids = self.script("return Array.from(document.querySelectorAll('.card:not([hidden])')).map(c => c.dataset.id);");
        ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    }

    fn screenshot(&self, dir: &Path, name: &str) {
        let png = self.cmd("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD.decode(png.as_str().unwrap()).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// `target/screenshots`, next to the test binary's `target/<profile>/deps`.
fn screenshot_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.ancestors().nth(3).unwrap().to_path_buf();
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ids_where(records: &[ConnectorRecord], keep: impl Fn(&ConnectorRecord) -> bool) -> Vec<String> {
    records.iter().filter(|r| keep(r)).map(|r| r.id.clone()).collect()
}

#[test]
fn search_filters_and_the_detail_view_work_in_chromium() {
    let chromium = find_program("CHROMIUM", &["chromium", "chromium-browser", "google-chrome"]);
    let chromedriver = find_program("CHROMEDRIVER", &["chromedriver"]);
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        let message = "the browser test needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver)";
        if std::env::var_os("CONNLINT_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
            panic!("{message}, and CONNLINT_REQUIRE_BROWSER=1");
        }
        eprintln!("\n*** SKIPPING the browser test: {message} ***\n");
        return;
    };
    let input = common::corpus().unwrap_or_else(|| common::repo_root().join("testdata/connectors"));
    let catalog = Catalog::build(&[input], &Default::default()).unwrap();
    let records = &catalog.records;
    let temp = tempfile::tempdir().unwrap();
    let page = temp.path().join("catalog.html");
    std::fs::write(&page, connlint_catalog::html::render(&records.iter().collect::<Vec<_>>())).unwrap();
    let shots = screenshot_dir();

    let driver = Driver::start(&chromedriver, &chromium, &temp.path().join("profile"));
    driver.cmd("POST", "/url", Some(json!({"url": format!("file://{}", page.display())})));
    let all: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
    driver.assert_shown(&all, "at first");
    assert_eq!(
        driver.script("return document.getElementById('count').textContent"),
        format!("Showing {} of {} connectors", all.len(), all.len())
    );
    driver.screenshot(&shots, "1-all.png");

    // The search box: name or publisher, any case.
    let query = if records.len() > 100 { "mail" } else { "contoso" };
    driver.type_into("#search", query);
    let expected = ids_where(records, |r| {
        r.name.to_lowercase().contains(query) || r.power_platform.publisher.as_deref().unwrap_or("").to_lowercase().contains(query)
    });
    assert!(!expected.is_empty() && expected.len() < all.len());
    driver.assert_shown(&expected, "after the search");
    driver.screenshot(&shots, "2-search.png");
    driver.erase("#search");
    driver.assert_shown(&all, "after erasing the search");

    // Filters combine: auth type, then profile, then "has lint errors".
    let auth = if records.len() > 100 { "oauth2" } else { "apiKey" };
    driver.click(&format!("#filter-auth option[value='{auth}']"));
    driver.assert_shown(&ids_where(records, |r| r.auth_type == auth), "auth type");
    let profile = records.iter().find(|r| r.auth_type == auth).unwrap().power_platform.profile;
    driver.click(&format!("#filter-profile option[value='{profile}']"));
    driver.assert_shown(&ids_where(records, |r| r.auth_type == auth && r.power_platform.profile == profile), "auth type and profile");
    driver.click("#filter-errors");
    let with_errors =
        ids_where(records, |r| r.auth_type == auth && r.power_platform.profile == profile && r.power_platform.lint.errors > 0);
    driver.assert_shown(&with_errors, "auth type, profile and errors");
    driver.screenshot(&shots, "3-filters.png");
    // Status and publisher filters on their own.
    driver.click("#filter-errors");
    driver.click("#filter-auth option[value='']");
    driver.click("#filter-profile option[value='']");
    driver.click("#filter-status option[value='live']");
    driver.assert_shown(&ids_where(records, |r| r.status == "live"), "status");
    driver.click("#filter-status option[value='']");
    let publisher = records.iter().find_map(|r| r.power_platform.publisher.clone()).unwrap();
    let publisher_option = format!("#filter-publisher option[value=\"{}\"]", publisher.replace('"', "\\\""));
    driver.click(&publisher_option);
    driver.assert_shown(&ids_where(records, |r| r.power_platform.publisher.as_deref() == Some(publisher.as_str())), "publisher");
    driver.click("#filter-publisher option[value='']");
    driver.assert_shown(&all, "with no filter");

    // The detail view of the connector with the most triggers.
    let detailed = records.iter().max_by_key(|r| (r.power_platform.counts.triggers, std::cmp::Reverse(r.id.clone()))).unwrap();
    driver.type_into("#search", &detailed.name);
    driver.click(&format!(".card[data-id='{}']", detailed.id));
    assert_eq!(driver.script("return document.getElementById('detail').hidden"), false);
    assert_eq!(driver.script("return document.getElementById('detail-name').textContent"), detailed.name.as_str());
    let triggers = format!("Triggers ({})", detailed.power_platform.counts.triggers);
    assert_eq!(driver.script("return document.getElementById('detail-triggers').textContent"), triggers.as_str());
    let rows = driver.script("return document.querySelectorAll('#detail tbody tr').length").as_u64().unwrap() as usize;
    assert!(rows >= detailed.power_platform.counts.operations, "{rows} rows for {} operations", detailed.power_platform.counts.operations);
    assert_eq!(driver.script("return location.hash"), format!("#{}", detailed.id));
    driver.screenshot(&shots, "4-detail.png");
    driver.click("#close");
    assert_eq!(driver.script("return document.getElementById('detail').hidden"), true);

    // Nothing was fetched: the page is self-contained.
    assert_eq!(driver.script("return performance.getEntriesByType('resource').length"), 0);
    eprintln!("screenshots in {}", shots.display());
}
