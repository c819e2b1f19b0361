//! Random edit sequences: insertions, deletions and broken JSON in both files of a connector,
//! with requests at random (often impossible) positions in between. Every request must be
//! answered without an internal error, and no handler may panic (the server reports a caught
//! panic as "connlint failed ..." in `window/logMessage`). The seed is fixed, so a failure
//! replays.

mod common;

use common::{uri_of, write_connector, Client, API_PROPERTIES, SWAGGER};
use serde_json::json;

/// How many edits the test sends (each followed by a lint of the connector).
const EDITS: usize = 3000;

/// xorshift64*: small, and the same sequence on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\n",
    "\r\n",
    "\\",
    "\\u00",
    "😀",
    "é",
    "\u{feff}",
    "null",
    "-1e999",
    "\"x-ms-",
    "\"x-ms-visibility\": \"",
    "\"x-ms-dynamic-values\": {\"operationId\": \"",
    "\"x-connlint-ignore\": \"all\"",
    "\"$ref\": \"#/definitions/",
    "\"operationId\": \"Op\"",
    "\"paths\": {\"/a\": {\"get\": {",
    "\"templateId\": \"",
];

/// A byte offset at a character boundary of `text`.
fn boundary(text: &str, random: &mut Random) -> usize {
    let mut at = random.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn edit(text: &str, random: &mut Random) -> String {
    let mut text = text.to_string();
    match random.below(10) {
        0..=3 => {
            let at = boundary(&text, random);
            text.insert_str(at, FRAGMENTS[random.below(FRAGMENTS.len())]);
        }
        4..=6 => {
            let (a, b) = (boundary(&text, random), boundary(&text, random));
            let (start, end) = (a.min(b), a.max(b).min(a.min(b) + 40));
            let mut end = end;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(start..end, "");
        }
        7 => text.truncate(boundary(&text, random)),
        8 => text = FRAGMENTS[random.below(FRAGMENTS.len())].repeat(random.below(50)),
        _ => text = if random.below(2) == 0 { SWAGGER.to_string() } else { API_PROPERTIES.to_string() },
    }
    text
}

#[test]
fn random_edits_never_break_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    write_connector(tmp.path());
    let uris = [uri_of(&tmp.path().join("apiDefinition.swagger.json")), uri_of(&tmp.path().join("apiProperties.json"))];
    let mut texts = [SWAGGER.to_string(), API_PROPERTIES.to_string()];
    let mut client = Client::start(json!({}));
    for (uri, text) in uris.iter().zip(&texts) {
        client.open(uri, text);
    }
    let mut random = Random(0x5EED_C0DE_2026_1205);
    let mut requests = 0;
    for version in 0..EDITS {
        let which = random.below(2);
        texts[which] = edit(&texts[which], &mut random);
        client.change(&uris[which], version as i32 + 2, &texts[which]);
        if random.below(3) == 0 {
            let uri = &uris[random.below(2)];
            let position = json!({"line": random.below(40), "character": random.below(200)});
            let answer = match random.below(3) {
                0 => client.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": position})),
                1 => client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": position})),
                _ => client.request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": uri}, "range": {"start": position, "end": position}, "context": {"diagnostics": []}}),
                ),
            };
            assert!(answer.get("result").is_some(), "request {requests} after edit {version} failed: {answer}");
            requests += 1;
        }
        // Keep the collected notifications small, checking them on the way.
        if version % 100 == 99 {
            client.settle();
            let failures: Vec<_> =
                client.notifications.iter().filter(|n| n.method == "window/logMessage").map(|n| n.params.to_string()).collect();
            assert!(failures.is_empty(), "after edit {version}: {failures:?}");
            client.notifications.clear();
        }
    }
    assert!(requests > EDITS / 4, "{requests} requests");
    eprintln!("fuzz: {EDITS} edits, {requests} requests, all answered");
    assert_eq!(client.shutdown(), Ok(true));
}
