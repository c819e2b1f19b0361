//! `connlint server` as a child process over stdio: a body that is not JSON, or a broken
//! header, is skipped with a log message and the session goes on; `shutdown` then `exit` ends
//! it with exit code 0, `exit` alone with 1.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn framed(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

fn run(input: &[u8]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_connlint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let mut output = String::new();
    child.stdout.take().unwrap().read_to_string(&mut output).unwrap();
    (child.wait().unwrap().code(), output)
}

const INITIALIZE: &str = r#"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}"#;
const INITIALIZED: &str = r#"{"jsonrpc": "2.0", "method": "initialized", "params": {}}"#;
const HOVER: &str = r#"{"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///x/a.swagger.json"}, "position": {"line": 0, "character": 0}}}"#;
const SHUTDOWN: &str = r#"{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}"#;
const EXIT: &str = r#"{"jsonrpc": "2.0", "method": "exit"}"#;

#[test]
fn malformed_messages_are_skipped_and_the_session_goes_on() {
    let mut input = Vec::new();
    for body in [INITIALIZE, INITIALIZED] {
        input.extend(framed(body));
    }
    input.extend(framed("{this is not json"));
    input.extend(framed(r#"{"jsonrpc": "2.0", "id": {"an": "object"}, "method": "x"}"#));
    input.extend(b"Content-Length: not-a-number\r\n\r\n");
    for body in [HOVER, SHUTDOWN, EXIT] {
        input.extend(framed(body));
    }
    let (code, output) = run(&input);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains(r#""id":1,"result":{"capabilities""#), "{output}");
    assert_eq!(output.matches("connlint: skipped a malformed message").count(), 3, "{output}");
    assert!(output.contains(r#"{"jsonrpc":"2.0","id":2,"result":null}"#), "{output}");
    assert!(output.contains(r#"{"jsonrpc":"2.0","id":3,"result":null}"#), "{output}");
}

#[test]
fn exit_without_shutdown_exits_1_and_a_closed_input_ends_the_server() {
    let mut input = Vec::new();
    for body in [INITIALIZE, INITIALIZED, EXIT] {
        input.extend(framed(body));
    }
    assert_eq!(run(&input).0, Some(1));
    // The client goes away before initializing: the server ends rather than waits.
    assert_eq!(run(b"").0, Some(2));
}
