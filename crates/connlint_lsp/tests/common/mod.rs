//! A test client: the server runs on a thread, connected by in-memory channels.

#![allow(dead_code)]

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<bool, String>>>,
    next_id: i32,
    /// Notifications from the server, in order, not yet taken by a test.
    pub notifications: Vec<Notification>,
}

const WAIT: Duration = Duration::from_secs(60);

impl Client {
    /// Starts a server and completes the initialize handshake.
    pub fn start(initialization_options: Value) -> Self {
        let (client, server) = Connection::memory();
        let handle = std::thread::spawn(move || connlint_lsp::serve(server));
        let mut client = Client { connection: client, server: Some(handle), next_id: 0, notifications: Vec::new() };
        let result = client.request("initialize", json!({"capabilities": {}, "initializationOptions": initialization_options}));
        assert_eq!(result["result"]["capabilities"]["positionEncoding"], "utf-16");
        client.notify("initialized", json!({}));
        client
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.connection.sender.send(Message::Notification(Notification::new(method.into(), params))).unwrap();
    }

    /// Sends a request and returns its response as JSON (`result` or `error`), keeping the
    /// notifications that came before it.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection.sender.send(Message::Request(Request::new(id.clone(), method.into(), params))).unwrap();
        self.response_to(id)
    }

    pub fn send(&self, message: Message) {
        self.connection.sender.send(message).unwrap();
    }

    pub fn response_to(&mut self, id: RequestId) -> Value {
        loop {
            match self.connection.receiver.recv_timeout(WAIT).expect("the server answers") {
                Message::Response(response) if response.id == id => return response_json(response),
                Message::Response(other) => panic!("a response to another request: {other:?}"),
                Message::Notification(notification) => self.notifications.push(notification),
                Message::Request(_) => {}
            }
        }
    }

    /// Waits until the server has handled everything sent so far (it answers in order).
    pub fn settle(&mut self) {
        let answer = self.request("connlint/unknown-request", json!({}));
        assert_eq!(answer["error"]["code"], -32601);
    }

    /// The diagnostics last published for `uri` since the notifications were cleared.
    pub fn diagnostics(&mut self, uri: &str) -> Option<Vec<Value>> {
        self.settle();
        self.notifications
            .iter()
            .rev()
            .filter(|n| n.method == "textDocument/publishDiagnostics")
            .find(|n| n.params["uri"] == uri)
            .map(|n| n.params["diagnostics"].as_array().unwrap().clone())
    }

    pub fn open(&self, uri: &str, text: &str) {
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}));
    }

    pub fn change(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Shuts the server down as the protocol asks and returns what `serve` returned.
    pub fn shutdown(mut self) -> Result<bool, String> {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer, json!({"result": null}));
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().expect("the server thread does not panic")
    }

    /// Ends the connection without shutdown.
    pub fn exit(mut self) -> Result<bool, String> {
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().expect("the server thread does not panic")
    }
}

fn response_json(response: Response) -> Value {
    match response.response_result {
        Err(error) => json!({"error": {"code": error.code, "message": error.message}}),
        Ok(result) => json!({"result": result}),
    }
}

pub fn uri_of(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

/// A connector whose swagger has an `x-ms-visibility` of the wrong case (a safe fix) after
/// non-ASCII text on its line, and whose apiProperties.json has a policy naming an operation.
pub const SWAGGER: &str = r#"{
  "swagger": "2.0",
  "info": {"title": "Démo", "description": "A demo connector for tests", "version": "1.0"},
  "host": "api.example.com",
  "basePath": "/",
  "schemes": ["https"],
  "consumes": [],
  "produces": ["application/json"],
  "paths": {
    "/items": {
      "get": {
        "summary": "List items", "description": "Lists the items", "operationId": "ListItems",
        "parameters": [
          {"name": "q", "in": "query", "type": "string", "description": "Qüery 😀 text", "x-ms-summary": "Qüery 😀", "x-ms-visibility": "Advanced"}
        ],
        "responses": {"200": {"description": "OK"}}
      }
    }
  },
  "definitions": {},
  "parameters": {},
  "responses": {},
  "securityDefinitions": {},
  "security": [],
  "tags": []
}
"#;

pub const API_PROPERTIES: &str = r##"{
  "properties": {
    "iconBrandColor": "#da3b01",
    "capabilities": [],
    "publisher": "Contoso",
    "stackOwner": "Contoso",
    "policyTemplateInstances": [
      {"templateId": "setheader", "title": "Header", "parameters": {"x-ms-apimTemplateParameter.name": "X-Id",
        "x-ms-apimTemplateParameter.value": "1", "x-ms-apimTemplateParameter.existsAction": "override",
        "x-ms-apimTemplate-policySection": "Request", "x-ms-apimTemplate-operationName": ["ListItems"]}}
    ]
  }
}
"##;

/// Writes the connector (and a 1×1 icon, so that `icon-missing` stays quiet) into `dir`.
pub fn write_connector(dir: &Path) {
    std::fs::write(dir.join("apiDefinition.swagger.json"), SWAGGER).unwrap();
    std::fs::write(dir.join("apiProperties.json"), API_PROPERTIES).unwrap();
}

/// The connector written into a new temporary folder, a server started with default settings,
/// and the swagger's URI (not yet opened).
pub fn started_connector() -> (tempfile::TempDir, Client, String) {
    let tmp = tempfile::tempdir().unwrap();
    write_connector(tmp.path());
    let client = Client::start(json!({}));
    let swagger = uri_of(&tmp.path().join("apiDefinition.swagger.json"));
    (tmp, client, swagger)
}
