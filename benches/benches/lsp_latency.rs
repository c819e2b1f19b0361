//! Language server latency: after a `didChange` of the largest swagger in the corpus
//! (Encodian, 1.1 MB), how long until its `publishDiagnostics` arrives. 50 edits after 3 of
//! warm-up; prints the median and the 99th percentile (nearest rank, so the slowest of 50).
//! The target is 30 ms (`cargo bench -p connlint_bench --bench lsp_latency`, release profile).
//!
//! The server runs on a thread, connected by in-memory channels, as in connlint_lsp's tests:
//! what is measured is the server's work (lint of the whole connector, diagnostics, JSON), not
//! a pipe. Skips with a message when the corpus is absent.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

const WARM_UP: usize = 3;
const EDITS: usize = 50;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/PowerPlatformConnectors/certified-connectors/Encodian");
    let path = dir.join("apiDefinition.swagger.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return;
    };
    let path = path.canonicalize().unwrap();
    let uri = lsp_types::Url::from_file_path(&path).unwrap().to_string();
    let (client, server) = Connection::memory();
    let handle = std::thread::spawn(move || connlint_lsp::serve(server));
    let send = |message: Message| client.sender.send(message).unwrap();
    send(Message::Request(Request::new(RequestId::from(1), "initialize".into(), json!({"capabilities": {}}))));
    send(Message::Notification(Notification::new("initialized".into(), json!({}))));
    let wait_for_diagnostics = |version: i32| -> usize {
        loop {
            match client.receiver.recv_timeout(Duration::from_secs(60)).expect("the server publishes") {
                Message::Notification(n)
                    if n.method == "textDocument/publishDiagnostics"
                        && n.params["uri"] == uri.as_str()
                        && n.params["version"] == version =>
                {
                    return n.params["diagnostics"].as_array().map_or(0, Vec::len);
                }
                _ => {}
            }
        }
    };
    send(Message::Notification(Notification::new(
        "textDocument/didOpen".into(),
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}}),
    )));
    let findings = wait_for_diagnostics(0);
    // Each edit changes one letter of the title (a typing user), alternating so that every
    // version differs from the last.
    let title = text.find("\"title\"").expect("a title") + "\"title\": \"".len();
    let mut latencies = Vec::with_capacity(EDITS);
    for version in 1..=(WARM_UP + EDITS) as i32 {
        let mut edited = text.clone();
        edited.replace_range(title..title + 1, if version % 2 == 0 { "X" } else { "Y" });
        let started = Instant::now();
        send(Message::Notification(Notification::new(
            "textDocument/didChange".into(),
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}),
        )));
        wait_for_diagnostics(version);
        if version as usize > WARM_UP {
            latencies.push(started.elapsed());
        }
    }
    latencies.sort();
    let median = (latencies[EDITS / 2 - 1] + latencies[EDITS / 2]) / 2;
    let p99 = latencies[(EDITS * 99).div_ceil(100) - 1];
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "lsp_latency: Encodian swagger ({} bytes, {findings} diagnostics), {EDITS} edits, {profile} build: didChange -> publishDiagnostics median {:.1} ms, p99 {:.1} ms (target 30 ms)",
        text.len(),
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
    send(Message::Request(Request::new(RequestId::from(2), "shutdown".into(), json!(null))));
    send(Message::Notification(Notification::new("exit".into(), json!(null))));
    handle.join().unwrap().unwrap();
}
