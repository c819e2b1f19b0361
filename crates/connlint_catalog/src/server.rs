//! A read-only HTTP/1.1 server for the catalog, with the contract of Apideck's Connector API:
//!
//! - `GET /connector/connectors?cursor=&limit=&filter[FIELD]=VALUE` — a page of connectors;
//! - `GET /connector/connectors/{id}` — one connector;
//! - `GET /` — the HTML catalog page.
//!
//! Errors use Apideck's shape `{status_code, error, type_name, message, detail}`: 400 for a bad
//! `limit`, cursor or filter, 404 for an unknown path or id, 405 for a method other than GET.
//!
//! It is written on `std::net` (no HTTP crate): the contract is three GET routes with no request
//! bodies, and a hand-written server of this size builds in no time on CI's two cores, where an
//! async stack (tokio, hyper, axum) would add about a hundred crates. Connections are handled by
//! a fixed pool of threads fed by a bounded queue, so a flood of clients waits in the kernel's
//! backlog instead of growing threads or memory; each response closes its connection.
//!
//! Ids are looked up in the catalog, never turned into paths, so a request can only reach what
//! was scanned; an id with characters no id has (`.`, `%`, `/`) is a 404 before any lookup.
//! Before answering, the server checks (at most once per [`ServeOptions::recheck_interval`])
//! whether the scanned files changed (see [`Catalog::fingerprint`]) and builds the catalog
//! again if so; requests meanwhile are answered from the previous catalog.

use crate::catalog::Catalog;
use crate::filter::Filter;
use crate::page::{self, GetEnvelope, PageError};
use connlint_linter::{LintError, LintOptions};
use serde::Serialize;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The longest request head (request line and headers) read.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// A request body (which no route takes) is read and dropped up to this size, so the client
/// sees the 405 instead of a reset connection.
const MAX_DRAINED_BODY: usize = 1024 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub lint: LintOptions,
    /// How often, at most, a request checks whether the files changed.
    pub recheck_interval: Duration,
    /// Threads answering requests.
    pub workers: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { lint: LintOptions::default(), recheck_interval: Duration::from_secs(1), workers: 8 }
    }
}

/// A catalog and what is served from it, built together.
struct Generation {
    catalog: Catalog,
    fingerprint: u64,
    html: String,
}

impl Generation {
    fn build(inputs: &[PathBuf], lint: &LintOptions) -> Result<Generation, LintError> {
        let catalog = Catalog::build(inputs, lint)?;
        let fingerprint = catalog.fingerprint();
        let html = crate::html::render(&catalog.records.iter().collect::<Vec<_>>());
        Ok(Generation { catalog, fingerprint, html })
    }
}

/// What the worker threads share.
struct State {
    inputs: Vec<PathBuf>,
    options: ServeOptions,
    current: RwLock<Arc<Generation>>,
    last_check: Mutex<Instant>,
    /// Held while building, so that one request builds and the others keep answering.
    building: Mutex<()>,
}

impl State {
    /// The catalog to answer from, built again first if the files changed.
    fn generation(&self) -> Arc<Generation> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner()).clone();
        let due = {
            let mut last = self.last_check.lock().unwrap_or_else(|e| e.into_inner());
            let due = last.elapsed() >= self.options.recheck_interval;
            if due {
                *last = Instant::now();
            }
            due
        };
        if !due || current.catalog.fingerprint() == current.fingerprint {
            return current;
        }
        let Ok(_building) = self.building.try_lock() else { return current };
        match Generation::build(&self.inputs, &self.options.lint) {
            Ok(next) => {
                eprintln!("connlint serve: files changed; the catalog now has {} connectors", next.catalog.records.len());
                let next = Arc::new(next);
                *self.current.write().unwrap_or_else(|e| e.into_inner()) = next.clone();
                next
            }
            Err(e) => {
                eprintln!("connlint serve: files changed but the catalog could not be built again ({e}); serving the previous one");
                current
            }
        }
    }
}

/// A bound server; [`Server::run`] answers requests until [`StopHandle::stop`].
pub struct Server {
    listener: TcpListener,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
}

/// Stops a running server from another thread (or a signal handler).
#[derive(Debug, Clone)]
pub struct StopHandle {
    stop: Arc<AtomicBool>,
    addr: SocketAddr,
}

impl StopHandle {
    /// Asks the server to stop: it finishes the requests it has and [`Server::run`] returns.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop, which is blocked until a connection arrives.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

impl Server {
    /// Builds the catalog of `inputs` and binds `addr` (port 0 picks a free port).
    pub fn bind(addr: impl ToSocketAddrs, inputs: Vec<PathBuf>, options: ServeOptions) -> std::io::Result<Server> {
        let generation = Generation::build(&inputs, &options.lint).map_err(std::io::Error::other)?;
        let listener = TcpListener::bind(addr)?;
        let state = State {
            inputs,
            options,
            current: RwLock::new(Arc::new(generation)),
            last_check: Mutex::new(Instant::now()),
            building: Mutex::new(()),
        };
        Ok(Server { listener, state: Arc::new(state), stop: Arc::new(AtomicBool::new(false)) })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// How many connectors the catalog has now.
    pub fn connectors(&self) -> usize {
        self.state.current.read().unwrap_or_else(|e| e.into_inner()).catalog.records.len()
    }

    /// Paths that could not be used, from the first build.
    pub fn input_errors(&self) -> Vec<connlint_linter::InputError> {
        self.state.current.read().unwrap_or_else(|e| e.into_inner()).catalog.input_errors.clone()
    }

    pub fn stop_handle(&self) -> std::io::Result<StopHandle> {
        let mut addr = self.local_addr()?;
        // A server bound to every interface is woken through loopback.
        if addr.ip().is_unspecified() {
            addr.set_ip(if addr.is_ipv4() { std::net::Ipv4Addr::LOCALHOST.into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
        }
        Ok(StopHandle { stop: self.stop.clone(), addr })
    }

    /// Answers requests until stopped; then waits for the requests being answered.
    pub fn run(self) -> std::io::Result<()> {
        let workers = self.state.options.workers.max(1);
        let (sender, receiver) = mpsc::sync_channel::<TcpStream>(workers * 4);
        let receiver = Arc::new(Mutex::new(receiver));
        let threads: Vec<_> = (0..workers)
            .map(|i| {
                let receiver = receiver.clone();
                let state = self.state.clone();
                std::thread::Builder::new().name(format!("connlint-serve-{i}")).spawn(move || loop {
                    let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    match next {
                        Ok(stream) => {
                            // A client that goes away mid-request is its own problem.
                            let _ = handle_connection(stream, &state);
                        }
                        Err(_) => break,
                    }
                })
            })
            .collect::<Result<_, _>>()?;
        for stream in self.listener.incoming() {
            if self.stop.load(Ordering::SeqCst) {
                break;
            }
            match stream {
                Ok(stream) => {
                    if sender.send(stream).is_err() {
                        break;
                    }
                }
                // Out of file descriptors, say: wait a little rather than spin.
                Err(_) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        drop(sender);
        for thread in threads {
            let _ = thread.join();
        }
        Ok(())
    }
}

/// A response ready to write.
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    allow_get_only: bool,
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    }
}

/// Apideck's error object.
#[derive(Serialize)]
struct ApiError<'a> {
    status_code: u16,
    error: &'static str,
    type_name: &'static str,
    message: &'a str,
    detail: serde_json::Value,
}

fn error(status: u16, message: &str, detail: serde_json::Value) -> Response {
    let type_name = match status {
        400 => "RequestValidationError",
        404 => "NotFoundError",
        405 => "MethodNotAllowedError",
        _ => "InternalServerError",
    };
    let body = ApiError { status_code: status, error: reason(status), type_name, message, detail };
    json(status, &body)
}

fn json(status: u16, value: &impl Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => Response { status, content_type: "application/json", body, allow_get_only: status == 405 },
        Err(e) => {
            Response { status: 500, content_type: "text/plain; charset=utf-8", body: e.to_string().into_bytes(), allow_get_only: false }
        }
    }
}

/// Reads one request, answers it and closes the connection.
fn handle_connection(stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    stream.set_write_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = Vec::new();
    let mut content_length = 0usize;
    let mut request_line = String::new();
    loop {
        let mut line = Vec::new();
        let n = (&mut reader).take((MAX_HEAD_BYTES - head.len().min(MAX_HEAD_BYTES)) as u64 + 1).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(()); // closed before a full request (the stop handle's wake-up, say)
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD_BYTES {
            return respond(stream, error(400, "the request head is too large", serde_json::Value::Null));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if request_line.is_empty() {
            request_line = text.to_string();
            continue;
        }
        if text.is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    if content_length > 0 {
        let _ = std::io::copy(&mut (&mut reader).take(content_length.min(MAX_DRAINED_BODY) as u64), &mut std::io::sink());
    }
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let response = route(method, target, state);
    respond(stream, response)
}

fn respond(mut stream: TcpStream, response: Response) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if response.allow_get_only {
        head.push_str("Allow: GET\r\n");
    }
    if response.content_type.starts_with("text/html") {
        head.push_str(&format!("Content-Security-Policy: {}\r\n", crate::html::CONTENT_SECURITY_POLICY));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

const LIST_PATH: &str = "/connector/connectors";

/// The response to `method target`.
fn route(method: &str, target: &str, state: &State) -> Response {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    enum Route<'t> {
        Page,
        List,
        One(&'t str),
    }
    let route = if path == "/" || path == "/index.html" {
        Route::Page
    } else if path == LIST_PATH || path == "/connector/connectors/" {
        Route::List
    } else if let Some(id) = path.strip_prefix("/connector/connectors/") {
        Route::One(id)
    } else {
        return error(404, &format!("nothing is served at `{path}`"), serde_json::json!({ "path": path }));
    };
    if method != "GET" {
        return error(
            405,
            &format!("this server is read-only: `{method}` is not allowed, only GET"),
            serde_json::json!({ "method": method }),
        );
    }
    match route {
        Route::Page => {
            let generation = state.generation();
            Response {
                status: 200,
                content_type: "text/html; charset=utf-8",
                body: generation.html.clone().into_bytes(),
                allow_get_only: false,
            }
        }
        Route::List => list(query, state),
        Route::One(id) => one(id, state),
    }
}

fn one(id: &str, state: &State) -> Response {
    let not_found = || error(404, "no connector has this id", serde_json::json!({ "id": id }));
    // Ids are slugs: anything else (`..`, `%2F`, `/`) names no connector and is not looked up.
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'_') {
        return not_found();
    }
    let generation = state.generation();
    match generation.catalog.get(id) {
        Some(record) => json(200, &GetEnvelope::new(record)),
        None => not_found(),
    }
}

/// A query parameter that is not understood.
fn bad_request(parameter: &str, value: &str, message: &str) -> Response {
    error(400, message, serde_json::json!({ "parameter": parameter, "value": value }))
}

fn list(query: &str, state: &State) -> Response {
    let mut cursor: Option<String> = None;
    let mut limit: Option<String> = None;
    let mut filter = Filter::default();
    let mut filter_pairs: Vec<(String, String)> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let (Some(key), Some(value)) = (percent_decode(raw_key), percent_decode(raw_value)) else {
            return bad_request(raw_key, raw_value, "the query string is not valid percent-encoded UTF-8");
        };
        if key == "cursor" {
            cursor = Some(value);
        } else if key == "limit" {
            limit = Some(value);
        } else if let Some(field) = key.strip_prefix("filter[").and_then(|k| k.strip_suffix(']')) {
            if let Err(e) = filter.add(field, &value) {
                return bad_request(&key, &value, &e.to_string());
            }
            filter_pairs.push((field.to_string(), value));
        }
        // Other parameters are ignored, as web APIs commonly do.
    }
    let limit_value = match page::parse_limit(limit.as_deref()) {
        Ok(n) => n,
        Err(e) => return bad_request("limit", limit.as_deref().unwrap_or(""), &e.to_string()),
    };
    let generation = state.generation();
    let matching = filter.apply(&generation.catalog.records);
    let link = |cursor: &str| {
        let mut url = format!("{LIST_PATH}?cursor={cursor}&limit={limit_value}");
        for (field, value) in &filter_pairs {
            url.push_str(&format!("&filter%5B{}%5D={}", percent_encode(field), percent_encode(value)));
        }
        url
    };
    match page::page(&matching, cursor.as_deref(), limit_value, link) {
        Ok(envelope) => json(200, &envelope),
        Err(e @ PageError::Cursor(_)) => bad_request("cursor", cursor.as_deref().unwrap_or(""), &e.to_string()),
        Err(e @ PageError::Limit(_)) => bad_request("limit", limit.as_deref().unwrap_or(""), &e.to_string()),
    }
}

/// `%XX` escapes and `+` (a space in a query string) decoded; `None` when an escape is broken
/// or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Everything but unreserved characters (RFC 3986) escaped.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_coding_round_trips_and_refuses_broken_escapes() {
        assert_eq!(percent_decode("filter%5Bname%5D").as_deref(), Some("filter[name]"));
        assert_eq!(percent_decode("a+b%20c").as_deref(), Some("a b c"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_encode("Microsoft Corp/ä"), "Microsoft%20Corp%2F%C3%A4");
        assert_eq!(percent_decode(&percent_encode("Microsoft Corp/ä")).as_deref(), Some("Microsoft Corp/ä"));
    }
}
