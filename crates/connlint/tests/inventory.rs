//! `connlint inventory` and `connlint serve` on the command line.

mod common;

use common::{connlint, repo_root, stderr, stdout};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

#[test]
fn json_is_the_list_envelope_with_every_record() {
    let out = connlint(&["inventory", "testdata/connectors"], &repo_root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let envelope: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(envelope["status_code"], 200);
    assert_eq!(envelope["status"], "OK");
    assert_eq!(envelope["meta"]["items_on_page"], 4);
    assert_eq!(envelope["meta"]["cursors"], serde_json::json!({"previous": null, "current": null, "next": null}));
    let ids: Vec<&str> = envelope["data"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["clean", "sample", "spec-mistakes", "yaml"]);
    let clean = &envelope["data"][0];
    assert_eq!(clean["name"], "Contoso Notes");
    assert_eq!(clean["auth_type"], "apiKey");
    assert_eq!(clean["power_platform"]["lint"], serde_json::json!({"profile": "base", "errors": 0, "warnings": 0}));
    assert!(clean["icon_url"].as_str().unwrap().starts_with("data:image/png;base64,iVBORw0KGgo"));
}

#[test]
fn filters_combine_and_an_unknown_field_is_a_usage_error() {
    let root = repo_root();
    let ids = |args: &[&str]| {
        let out = connlint(&[&["inventory", "testdata/connectors"], args].concat(), &root);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let envelope: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        envelope["data"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&["--filter", "auth_type=apiKey"]), ["clean", "sample", "yaml"]);
    assert_eq!(ids(&["--filter", "name=TASKS"]), ["sample", "spec-mistakes"]);
    assert_eq!(ids(&["--filter", "name=tasks", "--filter", "auth_type=apiKey"]), ["sample"]);
    assert_eq!(
        ids(&["--filter", "publisher=Contoso", "--filter", "profile=custom", "--filter", "status=beta"]),
        ["clean", "sample", "yaml"]
    );
    assert_eq!(ids(&["--filter", "publisher=contoso"]), Vec::<String>::new(), "publisher matches exactly");

    let out = connlint(&["inventory", "testdata/connectors", "--filter", "colour=red"], &root);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --filter cannot filter on `colour`; the filter fields are auth_type, status, profile, publisher, name\n"
    );
    assert_eq!(stdout(&out), "");
    let out = connlint(&["inventory", "testdata/connectors", "--filter", "name"], &root);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: --filter `name` is not FIELD=VALUE\n");
}

#[test]
fn id_prints_the_get_envelope_and_an_unknown_id_exits_1() {
    let root = repo_root();
    let out = connlint(&["inventory", "testdata/connectors", "--id", "sample"], &root);
    assert_eq!(out.status.code(), Some(0));
    let envelope: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(envelope.as_object().unwrap().keys().collect::<Vec<_>>(), ["data", "status", "status_code"]);
    assert_eq!(envelope["data"]["name"], "Contoso Tasks");
    assert_eq!(envelope["data"]["power_platform"]["lint"], serde_json::json!({"profile": "base", "errors": 5, "warnings": 4}));
    let out = connlint(&["inventory", "testdata/connectors", "--id", "nope"], &root);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: no connector has the id `nope`; `connlint inventory --format csv` lists the ids\n");
}

#[test]
fn csv_and_html_and_output_files() {
    let root = repo_root();
    let out = connlint(&["inventory", "testdata/connectors", "--format", "csv"], &root);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.len(), 6, "a header, four rows and the empty rest after the last CRLF");
    assert!(lines[0].starts_with("id,name,status,auth_type,oauth_grant_type,"));
    assert_eq!(lines[1], "clean,Contoso Notes,beta,apiKey,,,,custom,Contoso,Contoso,,,,1,0,0,0,false,0,0,clean");

    let temp = tempfile::tempdir().unwrap();
    let page = temp.path().join("catalog.html");
    let out = connlint(&["inventory", "testdata/connectors", "--format", "html", "-o", page.to_str().unwrap()], &root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "with -o nothing goes to standard output");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains(r#""id":"spec-mistakes""#));
    let names: Vec<String> =
        std::fs::read_dir(temp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["catalog.html"], "no temporary file is left");
}

#[test]
fn serve_binds_loopback_answers_and_stops_on_sigint() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args(["serve", "testdata/connectors", "--addr", "127.0.0.1:0"])
        .current_dir(repo_root())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("connlint serve: listening on http://127.0.0.1:"), "{first}");
    assert!(first.ends_with(" (loopback only: other machines cannot connect)\n"), "{first}");
    let addr = first.split("http://").nth(1).unwrap().split(' ').next().unwrap().to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(stream, "GET /connector/connectors/yaml HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.contains(r#""id":"yaml""#));
    assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(rest.ends_with("connlint serve: stopped\n"), "{rest}");
}

#[test]
fn serve_on_a_taken_port_is_a_usage_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = connlint(&["serve", "testdata/connectors", "--addr", &addr], &repo_root());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(&format!("error: cannot serve on {addr}: ")), "{}", stderr(&out));
}

#[test]
fn every_record_of_the_command_line_is_valid_against_the_schema() {
    let args = ["inventory", "testdata/connectors", "testdata/solutions/exported", "testdata/records/connectors.json"];
    let out = connlint(&args, &repo_root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let envelope: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(connlint_catalog::RECORD_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let records = envelope["data"].as_array().unwrap();
    assert_eq!(records.len(), 7);
    for record in records {
        let errors: Vec<String> = validator.iter_errors(record).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", record["id"]);
    }
}
