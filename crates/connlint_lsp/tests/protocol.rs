//! The server driven over the protocol: handshake, diagnostics, code actions, hover, completion,
//! configuration changes and malformed messages.

mod common;

use common::{started_connector, uri_of, write_connector, Client, API_PROPERTIES, SWAGGER};
use lsp_server::{Message, Request, RequestId};
use serde_json::{json, Value};

/// The position (0-based line, UTF-16 character) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (u32, u32) {
    position_at(text, text.find(needle).unwrap())
}

fn position_at(text: &str, offset: usize) -> (u32, u32) {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u32;
    (line, text[line_start..offset].encode_utf16().count() as u32)
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

fn rules_of(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn initialize_declares_capabilities_and_shutdown_then_exit_ends_cleanly() {
    let mut client = Client::start(json!({}));
    let answer = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///nowhere.json"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(answer, json!({"result": null}));
    assert_eq!(client.shutdown(), Ok(true));
    // `exit` without `shutdown` is reported as such (the CLI exits 1).
    let client = Client::start(json!({}));
    assert_eq!(client.exit(), Ok(false));
}

#[test]
fn requests_after_shutdown_are_refused() {
    let mut client = Client::start(json!({}));
    assert_eq!(client.request("shutdown", Value::Null), json!({"result": null}));
    let answer = client.request("textDocument/hover", json!({}));
    assert_eq!(answer["error"]["code"], -32600);
    assert_eq!(client.exit(), Ok(true));
}

#[test]
fn diagnostics_have_utf16_ranges_codes_links_and_severities() {
    let (tmp, mut client, swagger) = started_connector();
    client.open(&swagger, SWAGGER);
    let diagnostics = client.diagnostics(&swagger).unwrap();
    assert_eq!(rules_of(&diagnostics), ["icon-missing", "visibility-value"]);
    let visibility = &diagnostics[1];
    // connlint's column 135 counts characters from 1; each emoji before it is two UTF-16 units.
    assert_eq!(position_of(SWAGGER, "\"Advanced\""), (13, 136));
    assert_eq!(visibility["range"], range((13, 136), (13, 146)));
    assert_eq!(visibility["severity"], 1);
    assert_eq!(visibility["source"], "connlint");
    assert_eq!(visibility["codeDescription"]["href"], "https://github.com/connlint/connlint/blob/main/rules/visibility-value.md");
    assert_eq!(
        visibility["message"],
        "`x-ms-visibility` is `Advanced`; expected `important`, `advanced` or `internal`\nhelp: did you mean `advanced`? the values are case-sensitive"
    );
    assert_eq!(diagnostics[0]["severity"], 2);
    // apiProperties.json is a file of the connector too: it gets its (empty) diagnostics.
    let properties = uri_of(&tmp.path().join("apiProperties.json"));
    assert_eq!(client.diagnostics(&properties), None);
    assert_eq!(client.shutdown(), Ok(true));
}

#[test]
fn related_places_become_related_information() {
    let tmp = tempfile::tempdir().unwrap();
    write_connector(tmp.path());
    let mut client = Client::start(json!({}));
    let swagger_path = tmp.path().join("apiDefinition.swagger.json");
    let swagger = uri_of(&swagger_path);
    // A second operation with the same operationId.
    let text = SWAGGER.replace(
        "\"responses\": {\"200\": {\"description\": \"OK\"}}\n      }\n    }",
        "\"responses\": {\"200\": {\"description\": \"OK\"}}\n      },\n      \"post\": {\"summary\": \"Add é\", \"description\": \"Adds\", \"operationId\": \"ListItems\", \"responses\": {\"200\": {\"description\": \"OK\"}}}\n    }",
    );
    client.open(&swagger, &text);
    let diagnostics = client.diagnostics(&swagger).unwrap();
    let duplicate = diagnostics.iter().find(|d| d["code"] == "operation-id-duplicate").expect("a duplicate operationId");
    let first = position_of(&text, "\"ListItems\"");
    let second = position_at(&text, text.rfind("\"ListItems\"").unwrap());
    // After "Add é": the é is one UTF-16 unit (two bytes: byte column 74).
    assert_eq!(second, (17, 73));
    assert_eq!(duplicate["range"], range(second, (17, 84)));
    assert_eq!(
        duplicate["relatedInformation"],
        json!([{"location": {"uri": swagger, "range": range(first, (first.0, first.1 + 11))}, "message": "`ListItems` is first used here"}])
    );
    client.shutdown().unwrap();
}

#[test]
fn a_change_in_api_properties_relints_the_swagger_and_close_clears() {
    let (tmp, mut client, swagger) = started_connector();
    let properties = uri_of(&tmp.path().join("apiProperties.json"));
    client.open(&properties, API_PROPERTIES);
    assert_eq!(client.diagnostics(&properties).unwrap(), Vec::<Value>::new());
    // The swagger is not open: its findings are published all the same.
    assert_eq!(rules_of(&client.diagnostics(&swagger).unwrap()), ["icon-missing", "visibility-value"]);
    // The policy now names an operation that the swagger (on disk) does not have.
    let renamed = API_PROPERTIES.replace("[\"ListItems\"]", "[\"ListItemz\"]");
    client.change(&properties, 2, &renamed);
    let diagnostics = client.diagnostics(&properties).unwrap();
    assert_eq!(rules_of(&diagnostics), ["policy-operation-unknown"]);
    let at = position_of(&renamed, "\"ListItemz\"");
    assert_eq!(diagnostics[0]["range"], range(at, (at.0, at.1 + 11)));
    // Renaming the operation in the unsaved swagger buffer fixes the other file.
    client.open(&swagger, &SWAGGER.replace("\"ListItems\"", "\"ListItemz\""));
    assert_eq!(client.diagnostics(&properties).unwrap(), Vec::<Value>::new());
    // Closing the swagger reads it from disk again: the policy's finding is back, and the
    // closed file's diagnostics are cleared.
    client.notifications.clear();
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": swagger}}));
    assert_eq!(client.diagnostics(&swagger).unwrap(), Vec::<Value>::new());
    assert_eq!(rules_of(&client.diagnostics(&properties).unwrap()), ["policy-operation-unknown"]);
    // Closing the last file clears every file of the connector.
    client.notifications.clear();
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": properties}}));
    assert_eq!(client.diagnostics(&properties).unwrap(), Vec::<Value>::new());
    client.shutdown().unwrap();
}

#[test]
fn versions_are_echoed_and_saves_relint() {
    let (_tmp, mut client, swagger) = started_connector();
    client.open(&swagger, SWAGGER);
    client.change(&swagger, 7, &SWAGGER.replace("Advanced", "advanced"));
    client.settle();
    let last = client.notifications.iter().rev().find(|n| n.params["uri"] == swagger.as_str()).unwrap();
    assert_eq!(last.params["version"], 7);
    assert_eq!(rules_of(last.params["diagnostics"].as_array().unwrap()), ["icon-missing"]);
    client.notifications.clear();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": swagger}}));
    assert_eq!(rules_of(&client.diagnostics(&swagger).unwrap()), ["icon-missing"]);
    client.shutdown().unwrap();
}

#[test]
fn connlint_toml_and_settings_choose_the_rules_and_x_connlint_ignore_suppresses() {
    let tmp = tempfile::tempdir().unwrap();
    write_connector(tmp.path());
    let config = tmp.path().join("connlint.toml");
    std::fs::write(&config, "[rules]\nicon-missing = \"off\"\n").unwrap();
    let mut client = Client::start(json!({}));
    let swagger = uri_of(&tmp.path().join("apiDefinition.swagger.json"));
    client.open(&swagger, SWAGGER);
    assert_eq!(rules_of(&client.diagnostics(&swagger).unwrap()), ["visibility-value"]);
    // The configuration changes on disk; the client's watcher says so.
    std::fs::write(&config, "[rules]\nicon-missing = \"error\"\nvisibility-value = \"off\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri_of(&config), "type": 2}]}));
    let diagnostics = client.diagnostics(&swagger).unwrap();
    assert_eq!(rules_of(&diagnostics), ["icon-missing"]);
    assert_eq!(diagnostics[0]["severity"], 1);
    // An unsaved connlint.toml buffer is not used (the linter reads configurations from disk),
    // but the file given in the settings is.
    let other = tmp.path().join("other.toml");
    std::fs::write(&other, "[rules]\nicon-missing = \"off\"\n").unwrap();
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"connlint": {"configFile": other}}}));
    assert_eq!(rules_of(&client.diagnostics(&swagger).unwrap()), ["visibility-value"]);
    // A suppression in the buffer.
    let suppressed = SWAGGER.replace("{\"name\": \"q\",", "{\"x-connlint-ignore\": \"visibility-value\", \"name\": \"q\",");
    client.change(&swagger, 2, &suppressed);
    assert_eq!(client.diagnostics(&swagger).unwrap(), Vec::<Value>::new());
    // A broken configuration is shown, and the last diagnostics stay.
    std::fs::write(&other, "[rules]\nno-such-rule = \"off\"\n").unwrap();
    client.notifications.clear();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri_of(&other), "type": 2}]}));
    client.settle();
    let shown = client.notifications.iter().find(|n| n.method == "window/showMessage").expect("the error is shown");
    assert!(shown.params["message"].as_str().unwrap().contains("no-such-rule"), "{}", shown.params);
    client.shutdown().unwrap();
}

#[test]
fn the_profile_setting_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    write_connector(tmp.path());
    let swagger = uri_of(&tmp.path().join("apiDefinition.swagger.json"));
    let mut base = Client::start(json!({"profile": "base"}));
    base.open(&swagger, SWAGGER);
    let base_count = base.diagnostics(&swagger).unwrap().len();
    let mut certification = Client::start(json!({"profile": "certification"}));
    certification.open(&swagger, SWAGGER);
    let certification_count = certification.diagnostics(&swagger).unwrap().len();
    assert!(certification_count > base_count, "{certification_count} > {base_count}");
    base.shutdown().unwrap();
    certification.shutdown().unwrap();
}

fn code_actions(client: &mut Client, uri: &str, range: Value, only: Option<&str>) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    let answer = client.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": range, "context": context}));
    answer["result"].as_array().cloned().unwrap_or_default()
}

#[test]
fn code_actions_fix_fix_all_and_suppress() {
    let (_tmp, mut client, swagger) = started_connector();
    client.open(&swagger, SWAGGER);
    client.settle();
    let at = position_of(SWAGGER, "\"Advanced\"");
    let actions = code_actions(&mut client, &swagger, range((at.0, at.1 + 2), (at.0, at.1 + 2)), None);
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Fix `visibility-value`", "Suppress `visibility-value` here (x-connlint-ignore)", "Fix all connlint issues (safe fixes)"]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["edit"]["changes"][&swagger], json!([{"range": range(at, (at.0, at.1 + 10)), "newText": "\"advanced\""}]));
    // The suppression goes first in the parameter object, on its line.
    let parameter = position_of(SWAGGER, "\"name\": \"q\"");
    assert_eq!(
        actions[1]["edit"]["changes"][&swagger],
        json!([{"range": range(parameter, parameter), "newText": "\"x-connlint-ignore\": \"visibility-value\", "}])
    );
    assert_eq!(actions[2]["kind"], "source.fixAll.connlint");
    assert_eq!(actions[2]["edit"], actions[0]["edit"]);
    // Asked for the fix-all kind only (as editors do on save).
    let fix_all = code_actions(&mut client, &swagger, range((0, 0), (0, 0)), Some("source.fixAll"));
    assert_eq!(fix_all.len(), 1);
    assert_eq!(fix_all[0]["kind"], "source.fixAll.connlint");
    // Applying the suppression removes the finding; applying the fix too.
    let suppressed = SWAGGER.replace("{\"name\": \"q\",", "{\"x-connlint-ignore\": \"visibility-value\", \"name\": \"q\",");
    client.change(&swagger, 2, &suppressed);
    assert_eq!(rules_of(&client.diagnostics(&swagger).unwrap()), ["icon-missing"]);
    // icon-missing has no fix; it can be suppressed in the root object, on a line of its own as
    // the root's members are.
    let root_actions = code_actions(&mut client, &swagger, range((0, 0), (0, 0)), Some("quickfix"));
    let titles: Vec<&str> = root_actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Suppress `icon-missing` here (x-connlint-ignore)"]);
    assert_eq!(
        root_actions[0]["edit"]["changes"][&swagger],
        json!([{"range": range((1, 2), (1, 2)), "newText": "\"x-connlint-ignore\": \"icon-missing\",\n  "}])
    );
    client.shutdown().unwrap();
}

#[test]
fn a_second_suppression_extends_the_existing_one() {
    let (_tmp, mut client, swagger) = started_connector();
    let text = SWAGGER.replacen("\"swagger\": \"2.0\",", "\"swagger\": \"2.0\", \"x-connlint-ignore\": \"host-missing\",", 1);
    client.open(&swagger, &text);
    client.settle();
    let actions = code_actions(&mut client, &swagger, range((0, 0), (0, 0)), Some("quickfix"));
    let suppress = actions.iter().find(|a| a["title"] == "Suppress `icon-missing` here (x-connlint-ignore)").unwrap();
    let at = position_of(&text, "\"host-missing\"");
    assert_eq!(
        suppress["edit"]["changes"][&swagger],
        json!([{"range": range(at, (at.0, at.1 + 14)), "newText": "[\"host-missing\", \"icon-missing\"]"}])
    );
    client.shutdown().unwrap();
}

#[test]
fn hover_shows_the_rule_page_and_extension_docs() {
    let (_tmp, mut client, swagger) = started_connector();
    client.open(&swagger, SWAGGER);
    client.settle();
    let hover = |client: &mut Client, (line, character): (u32, u32)| {
        client.request("textDocument/hover", json!({"textDocument": {"uri": swagger}, "position": {"line": line, "character": character}}))
    };
    let at = position_of(SWAGGER, "\"Advanced\"");
    let on_finding = hover(&mut client, (at.0, at.1 + 3));
    let markdown = on_finding["result"]["contents"]["value"].as_str().unwrap();
    assert!(markdown.starts_with("# visibility-value\n"), "{markdown}");
    assert!(markdown.contains("[Rule page](https://github.com/connlint/connlint/blob/main/rules/visibility-value.md)"));
    assert_eq!(on_finding["result"]["range"], range(at, (at.0, at.1 + 10)));
    let key = position_of(SWAGGER, "x-ms-summary");
    let on_key = hover(&mut client, (key.0, key.1 + 4));
    assert_eq!(
        on_key["result"]["contents"]["value"],
        "**x-ms-summary**\n\nThe display name of an operation, parameter, property or response in the designer.\n\n\
         May stand in: an operation, a parameter, a schema, a response, a response header.\n\n\
         Support: documented by Microsoft for custom connectors."
    );
    assert_eq!(on_key["result"]["range"], range(key, (key.0, key.1 + 12)));
    // Nothing to say on plain text.
    assert_eq!(hover(&mut client, (1, 4)), json!({"result": null}));
    client.shutdown().unwrap();
}

fn labels(answer: &Value) -> Vec<String> {
    answer["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_string()).collect()
}

#[test]
fn completion_offers_extensions_values_and_operation_ids() {
    let (tmp, mut client, swagger) = started_connector();
    let complete = |client: &mut Client, uri: &str, text: &str, needle: &str| {
        client.change(uri, 9, text);
        let (line, character) = position_of(text, needle);
        let character = character + needle.encode_utf16().count() as u32;
        client.request("textDocument/completion", json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}))
    };
    client.open(&swagger, SWAGGER);
    // A key being typed in an operation (the document is broken from there on).
    let typing = SWAGGER.replace("\"operationId\": \"ListItems\",", "\"operationId\": \"ListItems\", \"x-ms-tr");
    let answer = complete(&mut client, &swagger, &typing, "\"x-ms-tr");
    let names = labels(&answer);
    assert!(names.contains(&"x-ms-trigger".to_string()) && names.contains(&"x-ms-visibility".to_string()), "{names:?}");
    assert!(!names.contains(&"x-ms-url-encoding".to_string()), "a parameter's extension is not offered on an operation");
    let trigger = answer["result"].as_array().unwrap().iter().find(|i| i["label"] == "x-ms-trigger").unwrap();
    let (line, start) = position_of(&typing, "x-ms-tr");
    assert_eq!(trigger["textEdit"], json!({"range": range((line, start), (line, start + 7)), "newText": "x-ms-trigger"}));
    // Values.
    for (key, expected) in [
        ("x-ms-visibility", vec!["important", "advanced", "internal"]),
        ("x-ms-trigger", vec!["single", "batch"]),
        ("x-ms-url-encoding", vec!["single", "double"]),
    ] {
        let text = SWAGGER.replace("\"operationId\": \"ListItems\",", &format!("\"operationId\": \"ListItems\", \"{key}\": \""));
        assert_eq!(labels(&complete(&mut client, &swagger, &text, &format!("\"{key}\": \""))), expected);
    }
    // operationIds inside a dynamic extension, from this (broken) buffer.
    let dynamic = SWAGGER.replace("\"x-ms-visibility\": \"Advanced\"}", "\"x-ms-dynamic-values\": {\"operationId\": \"");
    assert_eq!(labels(&complete(&mut client, &swagger, &dynamic, "{\"operationId\": \"")), ["ListItems"]);
    // Policy template ids in apiProperties.json.
    let properties = uri_of(&tmp.path().join("apiProperties.json"));
    client.open(&properties, API_PROPERTIES);
    let typing = API_PROPERTIES.replace("\"templateId\": \"setheader\"", "\"templateId\": \"set");
    let ids = labels(&complete(&mut client, &properties, &typing, "\"templateId\": \"set"));
    assert_eq!(ids.len(), 16);
    assert!(ids.contains(&"setheader".to_string()) && ids.contains(&"dynamichosturl".to_string()));
    client.shutdown().unwrap();
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    write_connector(tmp.path());
    let mut client = Client::start(json!({}));
    // Wrong parameters for a request: InvalidParams.
    let answer = client.request("textDocument/codeAction", json!({"textDocument": 42}));
    assert_eq!(answer["error"]["code"], -32602);
    // An unknown method: MethodNotFound.
    assert_eq!(client.request("connlint/nothing", json!(null))["error"]["code"], -32601);
    // Notifications with wrong parameters, for unknown files and unknown methods are ignored.
    client.notify("textDocument/didOpen", json!({"textDocument": "no"}));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/a.swagger.json", "version": 1}, "contentChanges": [{"text": "{"}]}),
    );
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": "not a uri"}}));
    client.notify("$/unknown", json!([1, 2, 3]));
    // A request id given as a string works too.
    client.send(Message::Request(Request::new(RequestId::from("text-id".to_string()), "textDocument/completion".into(), json!({}))));
    assert_eq!(client.response_to(RequestId::from("text-id".to_string()))["error"]["code"], -32602);
    // And the server still lints.
    let swagger = uri_of(&tmp.path().join("apiDefinition.swagger.json"));
    client.open(&swagger, "{\"swagger\": \"2.0\", \"info\": {");
    let diagnostics = client.diagnostics(&swagger).unwrap();
    assert!(rules_of(&diagnostics).contains(&"invalid-json"), "{diagnostics:?}");
    client.shutdown().unwrap();
}

#[test]
fn other_settings_files_are_left_alone_and_watchers_are_registered_when_the_client_can() {
    let tmp = tempfile::tempdir().unwrap();
    let editor_settings = tmp.path().join("settings.json");
    std::fs::write(&editor_settings, "{\"editor.tabSize\": 2}").unwrap();
    let mut client = Client::start(json!({}));
    let uri = uri_of(&editor_settings);
    client.open(&uri, "{\"editor.tabSize\": 2}");
    assert_eq!(client.diagnostics(&uri), None);
    // A paconn settings.json is a connector file.
    client.change(&uri, 2, "{\"apiDefinition\": \"missing.swagger.json\"}");
    let diagnostics = client.diagnostics(&uri).unwrap();
    assert!(!diagnostics.is_empty());
    client.shutdown().unwrap();

    let (connection, server) = lsp_server::Connection::memory();
    let handle = std::thread::spawn(move || connlint_lsp::serve(server));
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    connection
        .sender
        .send(Message::Request(Request::new(RequestId::from(1), "initialize".into(), json!({"capabilities": capabilities}))))
        .unwrap();
    // The server registers its watchers once the client says it is initialized.
    connection.sender.send(Message::Notification(lsp_server::Notification::new("initialized".into(), json!({})))).unwrap();
    let mut registered = None;
    while registered.is_none() {
        match connection.receiver.recv_timeout(std::time::Duration::from_secs(30)).unwrap() {
            Message::Request(request) if request.method == "client/registerCapability" => registered = Some(request.params),
            _ => {}
        }
    }
    let registration = &registered.unwrap()["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(registration["registerOptions"]["watchers"][0]["globPattern"], "**/connlint.toml");
    connection.sender.send(Message::Notification(lsp_server::Notification::new("exit".into(), Value::Null))).unwrap();
    assert_eq!(handle.join().unwrap(), Ok(false));
}
