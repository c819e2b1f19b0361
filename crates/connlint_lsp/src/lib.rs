//! `connlint server`: connlint as a language server (LSP over stdio).
//!
//! The server keeps the text of every open document and lints the whole connector folder of a
//! document when it is opened, changed or saved: open buffers are read instead of their files
//! (through [`connlint_core::Overlay`]), the connector's other files from disk, with the same
//! rules, `connlint.toml` lookup and `x-connlint-ignore` suppressions as `connlint check`.
//! Diagnostics are published for every file of the connector, so a change in apiProperties.json
//! updates the swagger's cross-file findings.
//!
//! Requests are answered from the findings of the last lint (code actions, hover) or from the
//! open document's text (completion), one message at a time: a lint of a 1 MB swagger takes tens
//! of milliseconds, so the synchronous loop of `lsp-server` is enough. Whatever a handler does,
//! a panic in it is caught and answered with an error: the server never stops on bad input.

mod actions;
mod completion;
pub mod context;
mod diagnostics;
mod hover;
pub mod position;
pub mod transport;

use connlint_core::Overlay;
use connlint_linter::{discover, Finding, LintOptions, Profile};
use crossbeam_channel::Sender;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{notification as note, request as req};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions, DidChangeWatchedFilesRegistrationOptions,
    FileSystemWatcher, GlobPattern, HoverProviderCapability, InitializeParams, MessageType, PositionEncodingKind, PublishDiagnosticsParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use std::collections::{BTreeSet, HashMap};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The code action kind of "fix all connlint issues", which editors run on save when asked
/// (`editor.codeActionsOnSave`).
pub const FIX_ALL_KIND: &str = "source.fixAll.connlint";

/// Serves one client over standard input and output until it says `exit`. Returns whether the
/// session ended as the protocol wants (`shutdown` before `exit`).
pub fn run_stdio() -> Result<bool, String> {
    let (sender, receiver, threads) = transport::stdio();
    let result = serve(Connection { sender, receiver });
    threads.join_writer().map_err(|e| format!("writing to the client failed: {e}"))?;
    result
}

/// Serves one client over `connection`: the initialize handshake, then every message until
/// `exit` or until the client hangs up. Returns whether `shutdown` came before `exit`.
pub fn serve(connection: Connection) -> Result<bool, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let settings = params.initialization_options.as_ref().map(Settings::from_json).unwrap_or_default();
    let watch_dynamically = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "connlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let mut server = Server::new(connection.sender.clone(), settings);
    if watch_dynamically {
        server.watch_config_files();
    }
    let mut shutdown = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) if shutdown => {
                server.send(Response::new_err(request.id, ErrorCode::InvalidRequest as i32, "the server is shutting down".into()));
            }
            Message::Request(request) if request.method == <req::Shutdown as req::Request>::METHOD => {
                shutdown = true;
                server.send(Response::new_ok(request.id, ()));
            }
            Message::Request(request) => server.answer(request),
            Message::Notification(notification) if notification.method == note::Exit::METHOD => return Ok(shutdown),
            Message::Notification(notification) => server.take_notification(notification),
            // Answers to our own requests (the watcher registration): nothing to do.
            Message::Response(_) => {}
        }
    }
    Ok(shutdown)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..Default::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL_KIND)]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "-".into(), ":".into()]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// What the client may set, in `initializationOptions` or as `connlint` in
/// `workspace/didChangeConfiguration`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `base` or `certification`; by default the configuration's, else chosen by the path.
    pub profile: Option<Profile>,
    /// A configuration file to use instead of the nearest `connlint.toml`.
    pub config_file: Option<PathBuf>,
}

impl Settings {
    /// Reads the settings from `{"profile": ..., "configFile": ...}`, also nested under
    /// `connlint`; what cannot be read is left at its default.
    fn from_json(value: &serde_json::Value) -> Self {
        let value = value.get("connlint").unwrap_or(value);
        let mut settings = Settings::default();
        if let Some(profile) = value.get("profile").and_then(|p| serde_json::from_value(p.clone()).ok()) {
            settings.profile = Some(profile);
        }
        settings.config_file = value.get("configFile").and_then(|c| c.as_str()).filter(|c| !c.is_empty()).map(PathBuf::from);
        settings
    }

    fn lint_options(&self) -> LintOptions {
        LintOptions { profile: self.profile, config: self.config_file.clone(), keep_sources: true, ..Default::default() }
    }
}

/// An open document.
#[derive(Debug, Clone)]
struct Document {
    path: PathBuf,
    version: i32,
    text: Arc<str>,
}

/// The last lint of one file: the text the findings' spans are in, and the findings.
#[derive(Debug, Clone, Default)]
pub(crate) struct LintedFile {
    pub text: Arc<str>,
    pub findings: Vec<Finding>,
}

struct Server {
    sender: Sender<Message>,
    settings: Settings,
    documents: HashMap<Url, Document>,
    /// The texts of `documents`, by path, for the loader.
    overlay: Overlay,
    /// For each connector folder linted: the files that got diagnostics, with their findings.
    linted: HashMap<PathBuf, HashMap<Url, LintedFile>>,
    /// The configuration error last shown, so that it is not shown again on every keystroke.
    shown_error: Option<String>,
}

impl Server {
    fn new(sender: Sender<Message>, settings: Settings) -> Self {
        Server { sender, settings, documents: HashMap::new(), overlay: Overlay::default(), linted: HashMap::new(), shown_error: None }
    }

    fn send(&self, message: impl Into<Message>) {
        // The client hung up: the loop ends when the receiver does.
        let _ = self.sender.send(message.into());
    }

    fn log(&self, kind: MessageType, message: String) {
        let params = lsp_types::LogMessageParams { typ: kind, message };
        self.send(Notification::new(note::LogMessage::METHOD.into(), params));
    }

    /// Asks the client to tell us about changes to configuration files and connector files.
    fn watch_config_files(&self) {
        let watchers = ["**/connlint.toml", "**/*.swagger.json", "**/apiProperties.json", "**/settings.json", "**/*.csx"]
            .into_iter()
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.into()), kind: None })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "connlint-watch".into(),
            method: note::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = RegistrationParams { registrations: vec![registration] };
        self.send(Request::new(
            RequestId::from("connlint-watch".to_string()),
            <req::RegisterCapability as req::Request>::METHOD.into(),
            params,
        ));
    }

    fn answer(&mut self, request: Request) {
        let id = request.id.clone();
        let method = request.method.clone();
        let response = match std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(request))) {
            Ok(response) => response,
            Err(_) => {
                Response::new_err(id, ErrorCode::InternalError as i32, format!("connlint failed on `{method}` (a bug: please report it)"))
            }
        };
        self.send(response);
    }

    fn dispatch(&mut self, request: Request) -> Response {
        fn params<R: req::Request>(request: &Request) -> Result<R::Params, Response> {
            serde_json::from_value(request.params.clone()).map_err(|e| {
                Response::new_err(
                    request.id.clone(),
                    ErrorCode::InvalidParams as i32,
                    format!("invalid params for `{}`: {e}", request.method),
                )
            })
        }
        fn reply<R: req::Request>(request: &Request, answer: impl FnOnce(R::Params) -> R::Result) -> Response {
            match params::<R>(request) {
                Ok(p) => Response::new_ok(request.id.clone(), answer(p)),
                Err(error) => error,
            }
        }
        match request.method.as_str() {
            <req::CodeActionRequest as req::Request>::METHOD => reply::<req::CodeActionRequest>(&request, |p| {
                let uri = p.text_document.uri.clone();
                self.linted_file(&uri).map(|file| actions::code_actions(&uri, file, &p))
            }),
            <req::HoverRequest as req::Request>::METHOD => reply::<req::HoverRequest>(&request, |p| {
                let uri = &p.text_document_position_params.text_document.uri;
                let document = self.documents.get(uri)?;
                let is_json = connlint_core::Syntax::of_path(&document.path) == connlint_core::Syntax::Json;
                hover::hover(&document.text, is_json, self.linted_file(uri), p.text_document_position_params.position)
            }),
            <req::Completion as req::Request>::METHOD => reply::<req::Completion>(&request, |p| {
                let uri = &p.text_document_position.text_document.uri;
                let document = self.documents.get(uri)?;
                let items = completion::complete(&document.path, &document.text, p.text_document_position.position);
                Some(lsp_types::CompletionResponse::Array(items))
            }),
            // Only in this crate's unit tests: a handler that fails, to check that the loop survives.
            #[cfg(test)]
            "connlint/test-panic" => panic!("a handler failed"),
            method => {
                Response::new_err(request.id.clone(), ErrorCode::MethodNotFound as i32, format!("connlint does not handle `{method}`"))
            }
        }
    }

    fn linted_file(&self, uri: &Url) -> Option<&LintedFile> {
        self.linted.values().find_map(|files| files.get(uri))
    }

    fn take_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        if std::panic::catch_unwind(AssertUnwindSafe(|| self.notified(notification))).is_err() {
            self.log(MessageType::ERROR, format!("connlint failed on `{method}` (a bug: please report it)"));
        }
    }

    fn notified(&mut self, notification: Notification) {
        fn params<N: note::Notification>(notification: Notification) -> Option<N::Params> {
            serde_json::from_value(notification.params).ok()
        }
        match notification.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Some(p) = params::<note::DidOpenTextDocument>(notification) else { return };
                let document = p.text_document;
                self.set_text(document.uri, document.version, document.text.into());
            }
            note::DidChangeTextDocument::METHOD => {
                let Some(p) = params::<note::DidChangeTextDocument>(notification) else { return };
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().next_back() {
                    self.set_text(p.text_document.uri, p.text_document.version, change.text.into());
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let Some(p) = params::<note::DidSaveTextDocument>(notification) else { return };
                match self.documents.get(&p.text_document.uri) {
                    Some(document) if is_config_file(&document.path) => self.relint_all(),
                    Some(document) => {
                        let dir = folder_of(&document.path);
                        self.lint_folder(&dir);
                    }
                    None => {}
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Some(p) = params::<note::DidCloseTextDocument>(notification) else { return };
                self.close(&p.text_document.uri);
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Some(p) = params::<note::DidChangeWatchedFiles>(notification) else { return };
                let paths: Vec<PathBuf> = p.changes.iter().filter_map(|c| c.uri.to_file_path().ok()).collect();
                if paths.iter().any(|p| is_config_file(p)) {
                    self.relint_all();
                } else {
                    let dirs: BTreeSet<PathBuf> = paths.iter().map(|p| folder_of(p)).filter(|d| self.has_open_documents(d)).collect();
                    for dir in dirs {
                        self.lint_folder(&dir);
                    }
                }
            }
            note::DidChangeConfiguration::METHOD => {
                let Some(p) = params::<note::DidChangeConfiguration>(notification) else { return };
                if p.settings.is_object() {
                    self.settings = Settings::from_json(&p.settings);
                    self.relint_all();
                }
            }
            _ => {}
        }
    }

    fn set_text(&mut self, uri: Url, version: i32, text: Arc<str>) {
        let Ok(path) = uri.to_file_path() else { return };
        self.overlay.set(path.clone(), text.clone());
        let config = is_config_file(&path);
        self.documents.insert(uri, Document { path: path.clone(), version, text });
        if config {
            self.relint_all();
        } else {
            self.lint_folder(&folder_of(&path));
        }
    }

    fn close(&mut self, uri: &Url) {
        let Some(document) = self.documents.remove(uri) else { return };
        self.overlay.remove(&document.path);
        let dir = folder_of(&document.path);
        if is_config_file(&document.path) {
            // Its saved version applies again.
            self.relint_all();
        } else if self.has_open_documents(&dir) {
            // The connector now reads the closed file from disk, which may change the others'
            // findings; the closed file's own diagnostics go.
            self.lint_folder(&dir);
            if let Some(files) = self.linted.get_mut(&dir) {
                files.remove(uri);
            }
            self.publish(uri.clone(), None, Vec::new());
        } else {
            for file in self.linted.remove(&dir).unwrap_or_default().into_keys() {
                self.publish(file, None, Vec::new());
            }
            self.publish(uri.clone(), None, Vec::new());
        }
    }

    fn has_open_documents(&self, dir: &Path) -> bool {
        self.documents.values().any(|d| folder_of(&d.path) == dir)
    }

    fn relint_all(&mut self) {
        let dirs: BTreeSet<PathBuf> = self.documents.values().filter(|d| !is_config_file(&d.path)).map(|d| folder_of(&d.path)).collect();
        for dir in dirs {
            self.lint_folder(&dir);
        }
    }

    /// Lints the connector in `dir` with the open documents' texts, and publishes the
    /// diagnostics of each of its files (empty for files whose findings are gone).
    fn lint_folder(&mut self, dir: &Path) {
        let open: Vec<PathBuf> = self.documents.values().filter(|d| folder_of(&d.path) == dir).map(|d| d.path.clone()).collect();
        let inputs: Vec<PathBuf> = open.iter().filter(|p| is_connector_document(p, self.overlay.text(p))).cloned().collect();
        if inputs.is_empty() {
            return;
        }
        let (targets, _) = discover(&inputs);
        let Some(target) = targets.into_iter().find(|t| t.container.is_none()) else { return };
        let options = self.settings.lint_options();
        let overlay = &self.overlay;
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| connlint_linter::lint_target_overlaid(target, &options, overlay)));
        let report = match outcome {
            Ok(Ok(report)) => report,
            Ok(Err(error)) => {
                let message = format!("connlint: {error}");
                if self.shown_error.as_ref() != Some(&message) {
                    self.send(Notification::new(
                        note::ShowMessage::METHOD.into(),
                        lsp_types::ShowMessageParams { typ: MessageType::ERROR, message: message.clone() },
                    ));
                    self.shown_error = Some(message);
                }
                return;
            }
            Err(_) => {
                self.log(MessageType::ERROR, format!("connlint failed linting {} (a bug: please report it)", dir.display()));
                return;
            }
        };
        self.shown_error = None;
        // Open documents are `Arc<str>`; a kept file shares the loaded text (`Arc<String>`), so
        // it is copied here, once per file with findings.
        let sources: HashMap<&Path, Arc<str>> =
            report.reports.iter().flat_map(|r| r.sources.iter()).map(|s| (s.path.as_path(), Arc::from(s.text.as_str()))).collect();
        let mut files: HashMap<Url, LintedFile> = HashMap::new();
        for finding in report.reports.iter().flat_map(|r| r.findings.iter()) {
            let Some(uri) = self.uri_of(&finding.path) else { continue };
            let file = files.entry(uri).or_insert_with(|| LintedFile {
                text: self
                    .overlay
                    .text(&finding.path)
                    .cloned()
                    .or_else(|| sources.get(finding.path.as_path()).cloned())
                    .unwrap_or_else(|| "".into()),
                findings: Vec::new(),
            });
            file.findings.push(finding.clone());
        }
        let texts = |path: &Path| self.overlay.text(path).cloned().or_else(|| sources.get(path).cloned());
        let previous = self.linted.remove(dir).unwrap_or_default();
        let mut uris: BTreeSet<Url> = previous.into_keys().collect();
        uris.extend(files.keys().cloned());
        uris.extend(open.iter().filter_map(|p| self.uri_of(p)));
        for uri in uris {
            let version = self.documents.get(&uri).map(|d| d.version);
            let diagnostics = files.get(&uri).map(|file| diagnostics::to_lsp(file, &texts)).unwrap_or_default();
            self.publish(uri, version, diagnostics);
        }
        self.linted.insert(dir.to_path_buf(), files);
    }

    /// The URI of a file: the client's own for an open document (it may spell a path in
    /// another way than `Url::from_file_path` does, such as percent-encoding), else the file URI.
    fn uri_of(&self, path: &Path) -> Option<Url> {
        match self.documents.iter().find(|(_, d)| d.path == path) {
            Some((uri, _)) => Some(uri.clone()),
            None => Url::from_file_path(path).ok(),
        }
    }

    fn publish(&self, uri: Url, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new(note::PublishDiagnostics::METHOD.into(), params));
    }
}

/// The folder whose connector a file belongs to.
fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == connlint_linter::config::CONFIG_FILE_NAME)
}

/// Whether an open document is one of a connector's files. A `settings.json` counts only when
/// it is paconn's (editors have settings files of their own). Other files (`package.json`) are
/// left alone, whatever the client sends.
fn is_connector_document(path: &Path, text: Option<&Arc<str>>) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    match connlint_linter::discover::role_of_file_name(name) {
        Some(connlint_core::FileRole::Settings) => {
            let text = text.map(|t| t.as_ref()).unwrap_or_default();
            ["\"apiDefinition\"", "\"apiProperties\"", "\"connectorId\""].iter().any(|k| text.contains(k))
        }
        Some(_) => true,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_is_answered_with_an_error_and_the_server_goes_on() {
        let (client, server) = Connection::memory();
        let handle = std::thread::spawn(move || serve(server));
        let request = |id: i32, method: &str| Message::Request(Request::new(RequestId::from(id), method.into(), serde_json::json!({})));
        client.sender.send(request(1, "initialize")).unwrap();
        client.sender.send(Message::Notification(Notification::new("initialized".into(), serde_json::json!({})))).unwrap();
        client.sender.send(request(2, "connlint/test-panic")).unwrap();
        client.sender.send(request(3, "shutdown")).unwrap();
        client.sender.send(Message::Notification(Notification::new("exit".into(), serde_json::Value::Null))).unwrap();
        let mut answers = Vec::new();
        while let Ok(Message::Response(response)) = client.receiver.recv_timeout(std::time::Duration::from_secs(30)) {
            answers.push((response.id.to_string(), response.response_result.map_err(|e| (e.code, e.message))));
            if answers.len() == 3 {
                break;
            }
        }
        let failed =
            Err((ErrorCode::InternalError as i32, "connlint failed on `connlint/test-panic` (a bug: please report it)".to_string()));
        assert_eq!(answers[1], ("2".to_string(), failed));
        assert_eq!(answers[2], ("3".to_string(), Ok(serde_json::Value::Null)));
        assert_eq!(handle.join().unwrap(), Ok(true));
    }
}
