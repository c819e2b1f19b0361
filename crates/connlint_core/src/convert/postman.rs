//! Postman collections (v2.0 and v2.1) → Swagger 2.0.
//!
//! - **Requests → operations.** Each request is one operation: its name is the summary and, in
//!   PascalCase, the operationId (made unique); its description is kept; its innermost folder
//!   is its tag. Requests with the same method and path become one operation, with the
//!   parameters and responses of all of them.
//! - **URL.** `{{variables}}` in the host resolve from the collection's variables (up to 20
//!   levels). The host that most requests use is the connector's host, and the path that all
//!   their base URLs share is its `basePath`. `:name` and `{{name}}` path segments become
//!   `{name}` path parameters; query entries become query parameters.
//! - **Headers** other than `Authorization` and `Content-Type` become header parameters (a
//!   literal value is its default, unless the header looks like a secret).
//! - **Bodies.** Raw JSON becomes a `body` parameter whose schema is inferred from the example,
//!   with the example kept; other raw text a string body; urlencoded and formdata fields become
//!   `formData` parameters (formdata files are `file`).
//! - **Saved responses** become one response per status code, with a schema inferred from the
//!   body and the body as the example.
//! - **Auth** (collection, folder or request): bearer → an apiKey `Authorization` header; basic
//!   → basic; apikey → apiKey; oauth2 authorization code → oauth2 `accessCode`. Other kinds are
//!   reported and dropped. Scripts (pre-request and test) are reported and dropped.

use super::build::{self, Notes, Object, OperationIds};
use super::connection::api_properties_from_definitions;
use super::schema_infer::infer;
use super::{Conversion, ConversionReport, InputFormat, NoteKind, METHODS};
use crate::json::owned::{Member, Node, Value};
use crate::source::Span;
use std::collections::HashMap;

/// Most nested variable substitutions (`{{a}}` → `{{b}}` → ...).
const MAX_SUBSTITUTIONS: usize = 20;
/// Deepest folder nesting walked.
const MAX_FOLDER_DEPTH: usize = 64;

/// The security scheme requests of a folder use: `None` to inherit, `Some(None)` for `noauth`.
type InheritedAuth = Option<Option<String>>;

/// An operation of a path: its method, the first request, and the places of the requests merged
/// into it.
type MethodEntry = (String, Request, Vec<Span>);

/// One request, read and converted, before requests are merged by method and path.
struct Request {
    /// Where notes about the request point: its name.
    at: Span,
    name: String,
    method: String,
    host: Option<String>,
    scheme: Option<String>,
    /// The path that the host variable brought (`{{baseUrl}}` = `https://x/v2` → `/v2`).
    base: String,
    /// Path segments after the base, with `{param}` for path parameters.
    segments: Vec<String>,
    operation: Object,
    parameters: Vec<Node>,
    responses: Object,
    consumes: Option<String>,
    /// The security scheme the request uses: `Some(None)` for `noauth`, `None` to inherit.
    auth: Option<Option<String>>,
}

struct Cx<'n> {
    notes: Notes,
    variables: HashMap<String, String>,
    /// Security schemes by name, made from the auth objects met.
    schemes: Vec<(String, Node)>,
    /// Unresolved host variables already reported.
    unresolved: HashMap<String, usize>,
    root: &'n Node,
}

pub(super) fn convert(root: &Node, format: InputFormat) -> Conversion {
    let mut cx = Cx { notes: Notes::default(), variables: HashMap::new(), schemes: Vec::new(), unresolved: HashMap::new(), root };
    for variable in root.get("variable").and_then(Node::as_array).unwrap_or_default() {
        let key = variable.get("key").or_else(|| variable.get("id")).and_then(Node::as_str);
        let value = variable.get("value").map(scalar_text);
        if let (Some(key), Some(value)) = (key, value) {
            cx.variables.insert(key.to_string(), value);
        }
    }
    let collection_auth = root.get("auth").map(|auth| cx.auth(auth));
    report_events(&mut cx, root);

    // Walk folders depth first, in order; each request with the tag and auth it inherits.
    let mut requests: Vec<Request> = Vec::new();
    let mut operations_in = 0;
    let mut stack: Vec<(&Node, Option<String>, InheritedAuth, usize)> = Vec::new();
    for item in root.get("item").and_then(Node::as_array).unwrap_or_default().iter().rev() {
        stack.push((item, None, collection_auth.clone(), 0));
    }
    while let Some((item, tag, inherited_auth, depth)) = stack.pop() {
        report_events(&mut cx, item);
        if let Some(children) = item.get("item").and_then(Node::as_array) {
            if depth >= MAX_FOLDER_DEPTH {
                continue;
            }
            let folder = item.get("name").and_then(Node::as_str).map(str::to_string);
            let auth = match item.get("auth") {
                Some(auth) => Some(cx.auth(auth)),
                None => inherited_auth,
            };
            for child in children.iter().rev() {
                stack.push((child, folder.clone().or(tag.clone()), auth.clone(), depth + 1));
            }
            continue;
        }
        if item.get("request").is_none() {
            continue;
        }
        operations_in += 1;
        if let Some(request) = read_request(&mut cx, item, tag, inherited_auth) {
            requests.push(request);
        }
    }

    // The connector's host: the one most requests use; its base path: what all their bases share.
    let mut host_counts: Vec<(String, String, usize)> = Vec::new();
    for r in &requests {
        if let Some(host) = &r.host {
            match host_counts.iter_mut().find(|(h, _, _)| h == host) {
                Some(entry) => entry.2 += 1,
                None => host_counts.push((host.clone(), r.scheme.clone().unwrap_or_else(|| "https".into()), 1)),
            }
        }
    }
    // Ties go to the host met first.
    let chosen = host_counts.iter().rev().max_by_key(|(_, _, n)| *n).cloned();
    let base_path = match &chosen {
        Some((host, _, _)) => common_base(requests.iter().filter(|r| r.host.as_ref() == Some(host)).map(|r| r.base.as_str())),
        None => String::new(),
    };

    let mut out = Object::new(root.span);
    out.put("swagger", build::string(root.span, "2.0"));
    let info = root.get("info");
    let info_span = info.map_or(root.span, |i| i.span);
    let title = info.and_then(|i| i.get("name")).and_then(Node::as_str).map(str::to_string);
    let mut out_info = Object::new(info_span);
    if let Some(name) = info.and_then(|i| i.member("name")) {
        out_info.put_at("title", name.key.span, name.value.clone());
    }
    if let Some(description) = info.and_then(|i| i.get("description")).and_then(description_text) {
        out_info.put("description", build::string(info_span, description));
    }
    let version = info.and_then(|i| i.get("version")).and_then(Node::as_str).unwrap_or("1.0");
    out_info.put("version", build::string(info_span, version));
    out.put("info", out_info.build());
    match &chosen {
        Some((host, scheme, _)) => {
            let at = requests.iter().find(|r| r.host.as_ref() == Some(host)).map_or(root.span, |r| r.at);
            out.put("host", build::string(at, host.as_str()));
            out.put("basePath", build::string(at, if base_path.is_empty() { "/".to_string() } else { base_path.clone() }));
            out.put("schemes", build::strings(at, [scheme.as_str()]));
            for r in requests.iter().filter(|r| r.host.as_ref().is_some_and(|h| h != host)) {
                cx.notes.add(
                    NoteKind::ServerDropped,
                    r.at,
                    format!("request `{}` goes to `{}`; the connector's host is `{host}`", r.name, r.host.as_deref().unwrap_or_default()),
                );
            }
        }
        None if !requests.is_empty() => {
            cx.notes
                .add(NoteKind::HostUnresolved, info_span, "no request has a host that resolves, so the connector has none")
                .help("define the host variable in the collection's variables, or set `host` in the swagger");
        }
        None => {}
    }

    // Merge requests by method and path.
    let mut ids = OperationIds::default();
    let mut paths: Vec<(String, Vec<MethodEntry>)> = Vec::new();
    for mut request in requests {
        let mut path = request.base.strip_prefix(base_path.as_str()).unwrap_or(&request.base).to_string();
        for segment in &request.segments {
            path.push('/');
            path.push_str(segment);
        }
        if path.is_empty() {
            path.push('/');
        }
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        // Paths that differ only in their parameters' names (`/users/{id}`, `/users/{userId}`)
        // are the same URLs to Power Platform: the first one met names them all.
        let shape = path_shape(&path);
        if let Some((first, _)) = paths.iter().find(|(p, _)| *p != path && path_shape(p) == shape) {
            let renames: Vec<(String, String)> =
                path_templates(&path).into_iter().zip(path_templates(first)).filter(|(a, b)| a != b).collect();
            path = first.clone();
            for parameter in request.parameters.iter_mut() {
                rename_path_parameter(parameter, &renames);
            }
        }
        let entry = match paths.iter_mut().find(|(p, _)| *p == path) {
            Some(entry) => entry,
            None => {
                paths.push((path.clone(), Vec::new()));
                paths.last_mut().expect("just pushed")
            }
        };
        match entry.1.iter_mut().find(|(m, _, _)| *m == request.method) {
            Some((_, first, merged)) => {
                merged.push(request.at);
                for parameter in request.parameters {
                    let key = parameter_key(&parameter);
                    if !first.parameters.iter().any(|p| parameter_key(p) == key) {
                        first.parameters.push(parameter);
                    }
                }
                for code in request.responses.build().as_object().unwrap_or_default() {
                    if !first.responses.has(&code.key.text) {
                        first.responses.copy(code);
                    }
                }
                if first.consumes.is_none() {
                    first.consumes = request.consumes;
                }
            }
            None => entry.1.push((request.method.clone(), request, Vec::new())),
        }
    }
    let mut out_paths = Object::new(root.get("item").map_or(root.span, |i| i.span));
    let mut operations_kept = 0;
    for (path, operations) in paths {
        let mut item = Object::new(root.span);
        for (method, request, merged) in operations {
            operations_kept += 1 + merged.len();
            let Request { at, name, mut operation, parameters, responses, consumes, auth, .. } = request;
            if !merged.is_empty() {
                let note = cx.notes.add(
                    NoteKind::OperationsMerged,
                    at,
                    format!(
                        "{} requests are `{} {path}`; they became one operation with the parameters and responses of all",
                        merged.len() + 1,
                        method.to_ascii_uppercase()
                    ),
                );
                for span in merged {
                    note.related(span, "merged into the first");
                }
            }
            let wanted = build::pascal_case(&name);
            let id = ids.claim(if wanted.is_empty() { "Operation" } else { &wanted });
            if id != wanted && !wanted.is_empty() {
                cx.notes.add(NoteKind::OperationIdChanged, at, format!("operationId `{wanted}` is taken; request `{name}` is `{id}`"));
            }
            operation.put("operationId", build::string(at, id));
            if let Some(media) = consumes {
                operation.put("consumes", build::strings(at, [media.as_str()]));
            }
            // Path parameters for every `{name}` segment, declared or not.
            let mut parameters = parameters;
            for name in path_templates(&path) {
                if !parameters
                    .iter()
                    .any(|p| p.get("in").and_then(Node::as_str) == Some("path") && p.get("name").and_then(Node::as_str) == Some(&name))
                {
                    parameters.insert(0, simple_parameter(at, &name, "path", true, None, None));
                }
            }
            if !parameters.is_empty() {
                operation.put("parameters", build::array(at, parameters));
            }
            let responses = if responses.is_empty() {
                let mut fallback = Object::new(at);
                let mut ok = Object::new(at);
                ok.put("description", build::string(at, "Success"));
                fallback.put("200", ok.build());
                fallback
            } else {
                responses
            };
            operation.put("responses", responses.build());
            match auth {
                Some(None) => {
                    operation.put("security", build::array(at, Vec::new()));
                }
                Some(Some(scheme)) if Some(Some(scheme.clone())) != collection_auth => {
                    let mut requirement = Object::new(at);
                    requirement.put(&scheme, build::array(at, Vec::new()));
                    operation.put("security", build::array(at, vec![requirement.build()]));
                }
                _ => {}
            }
            item.put_at(&method, at, operation.build());
        }
        out_paths.put(&path, item.build());
    }
    if operations_kept == 0 {
        cx.notes.add(
            NoteKind::NoOperations,
            root.get("item").map_or(root.span, |i| i.span),
            "the collection has no request to convert, so the connector would have no action",
        );
    }
    out.put("paths", out_paths.build());
    if !cx.schemes.is_empty() {
        let mut definitions = Object::new(root.span);
        for (name, scheme) in &cx.schemes {
            definitions.put(name, scheme.clone());
        }
        out.put("securityDefinitions", definitions.build());
        if let Some(Some(scheme)) = &collection_auth {
            let mut requirement = Object::new(root.span);
            requirement.put(scheme, build::array(root.span, Vec::new()));
            out.put("security", build::array(root.span, vec![requirement.build()]));
        }
    }
    let swagger = out.build();
    let api_properties = api_properties_from_definitions(swagger.get("securityDefinitions"), swagger.get("security"), root.span);
    Conversion {
        swagger,
        report: ConversionReport {
            format,
            input: Node::default(),
            api_properties,
            title,
            notes: cx.notes.list,
            operations_in,
            operations_kept,
        },
    }
}

impl Cx<'_> {
    /// The security scheme an auth object needs (added to `schemes` once); `None` for `noauth`
    /// and for kinds that cannot be converted (reported).
    fn auth(&mut self, auth: &Node) -> Option<String> {
        let kind = auth.get("type").and_then(Node::as_str).unwrap_or_default();
        let span = auth.span;
        let (name, scheme) = match kind {
            "noauth" | "" => return None,
            "bearer" => {
                if !self.schemes.iter().any(|(n, _)| n == "bearer") {
                    self.notes
                        .add(NoteKind::BearerMapped, span, "bearer auth became an API key sent in the `Authorization` header")
                        .help("users then type `Bearer <token>`; for OAuth 2.0 tokens, describe the OAuth flow instead");
                }
                let mut s = Object::new(span);
                s.put("type", build::string(span, "apiKey"));
                s.put("name", build::string(span, "Authorization"));
                s.put("in", build::string(span, "header"));
                ("bearer", s.build())
            }
            "basic" => {
                let mut s = Object::new(span);
                s.put("type", build::string(span, "basic"));
                ("basic", s.build())
            }
            "apikey" => {
                let key = auth_attribute(auth, "apikey", "key").unwrap_or_else(|| "x-api-key".into());
                let place = auth_attribute(auth, "apikey", "in").unwrap_or_else(|| "header".into());
                let mut s = Object::new(span);
                s.put("type", build::string(span, "apiKey"));
                s.put("name", build::string(span, key));
                s.put("in", build::string(span, if place == "query" { "query" } else { "header" }));
                ("api_key", s.build())
            }
            "oauth2" => {
                let grant = auth_attribute(auth, "oauth2", "grant_type").unwrap_or_else(|| "authorization_code".into());
                if grant != "authorization_code" && grant != "authorization_code_with_pkce" {
                    self.notes
                        .add(
                            NoteKind::SecurityUnsupported,
                            span,
                            format!(
                                "OAuth 2.0 `{grant}` grant dropped: Power Platform connectors sign in with the authorization-code flow"
                            ),
                        )
                        .help("client credentials are not supported by custom connectors");
                    return None;
                }
                let mut s = Object::new(span);
                s.put("type", build::string(span, "oauth2"));
                s.put("flow", build::string(span, "accessCode"));
                let resolved =
                    |url: Option<String>| url.map(|u| self.substitute(&u)).filter(|u| u.starts_with("http") && !u.contains("{{"));
                let (Some(auth_url), Some(token_url)) =
                    (resolved(auth_attribute(auth, "oauth2", "authUrl")), resolved(auth_attribute(auth, "oauth2", "accessTokenUrl")))
                else {
                    self.notes
                        .add(NoteKind::SecurityUnsupported, span, "OAuth 2.0 auth dropped: the collection does not give its authorization and token URLs")
                        .help("describe the sign-in in the swagger's securityDefinitions (an oauth2 accessCode scheme with authorizationUrl and tokenUrl)");
                    return None;
                };
                s.put("authorizationUrl", build::string(span, auth_url));
                s.put("tokenUrl", build::string(span, token_url));
                let mut scopes = Object::new(span);
                for scope in auth_attribute(auth, "oauth2", "scope").unwrap_or_default().split_whitespace() {
                    scopes.put(scope, build::string(span, scope));
                }
                s.put("scopes", scopes.build());
                ("oauth2", s.build())
            }
            other => {
                self.notes.add(
                    NoteKind::SecurityUnsupported,
                    span,
                    format!("`{other}` auth dropped: Power Platform supports basic, API key and OAuth 2.0"),
                );
                return None;
            }
        };
        if !self.schemes.iter().any(|(n, _)| n == name) {
            self.schemes.push((name.to_string(), scheme));
        }
        Some(name.to_string())
    }

    /// `text` with the collection's `{{variables}}` put in (those it defines).
    fn substitute(&self, text: &str) -> String {
        let mut text = text.to_string();
        for _ in 0..MAX_SUBSTITUTIONS {
            let mut changed = false;
            let next = rewrite_variables(&text, |name| {
                let value = self.variables.get(name.trim()).cloned();
                changed |= value.is_some();
                value
            });
            text = next;
            if !changed {
                break;
            }
        }
        text
    }
}

/// `text` with each `{{name}}` replaced by `replace(name)`, or kept where that is `None`.
fn rewrite_variables(text: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else { break };
        out.push_str(&rest[..start]);
        match replace(&rest[start + 2..start + end]) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[start..start + end + 2]),
        }
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

/// An auth attribute in either version's form: v2.1 `[{key, value}]`, v2.0 `{key: value}`.
fn auth_attribute(auth: &Node, kind: &str, key: &str) -> Option<String> {
    let attributes = auth.get(kind)?;
    match &attributes.value {
        Value::Array(items) => {
            items.iter().find(|a| a.get("key").and_then(Node::as_str) == Some(key)).and_then(|a| a.get("value")).map(scalar_text)
        }
        Value::Object(_) => attributes.get(key).map(scalar_text),
        _ => None,
    }
}

fn scalar_text(node: &Node) -> String {
    match &node.value {
        Value::String(s) => s.to_string(),
        Value::Number(n) if n.is_integer => format!("{}", n.value as i64),
        Value::Number(n) => format!("{}", n.value),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn description_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.to_string()),
        Value::Object(_) => node.get("content").and_then(Node::as_str).map(str::to_string),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// Scripts (`event` entries with code) that a connector cannot run.
fn report_events(cx: &mut Cx<'_>, node: &Node) {
    for event in node.get("event").and_then(Node::as_array).unwrap_or_default() {
        let listen = event.get("listen").and_then(Node::as_str).unwrap_or("script");
        let exec = event.get("script").and_then(|s| s.get("exec"));
        let has_code = match exec.map(|e| &e.value) {
            Some(Value::Array(lines)) => lines.iter().filter_map(Node::as_str).any(|l| !l.trim().is_empty()),
            Some(Value::String(s)) => !s.trim().is_empty(),
            _ => false,
        };
        if has_code {
            let what = if listen == "prerequest" {
                "pre-request script"
            } else if listen == "test" {
                "test script"
            } else {
                "script"
            };
            cx.notes
                .add(NoteKind::ScriptDropped, event.span, format!("{what} dropped: a connector does not run Postman scripts"))
                .help("what it computes (a signature, a header) can be done in custom code (script.csx) or a policy");
        }
    }
}

fn read_request(cx: &mut Cx<'_>, item: &Node, tag: Option<String>, inherited_auth: Option<Option<String>>) -> Option<Request> {
    let name_node = item.get("name");
    let name = name_node.and_then(Node::as_str).unwrap_or("Request").to_string();
    let at = name_node.map_or(item.span, |n| n.span);
    let request = item.get("request")?;
    let (method, url) = match &request.value {
        Value::String(url) => ("get".to_string(), UrlParts::from_raw(url)),
        Value::Object(_) => {
            let method = request.get("method").and_then(Node::as_str).unwrap_or("GET").to_ascii_lowercase();
            let url = match request.get("url") {
                Some(Node { value: Value::String(raw), .. }) => UrlParts::from_raw(raw),
                Some(url) => UrlParts::from_object(url),
                None => UrlParts::default(),
            };
            (method, url)
        }
        _ => return None,
    };
    if !METHODS.contains(&method.as_str()) {
        cx.notes.add(
            NoteKind::OperationDropped,
            at,
            format!("request `{name}` dropped: `{}` is not a method Swagger 2.0 has", method.to_ascii_uppercase()),
        );
        return None;
    }
    // The host part, with variables put in: it may bring a scheme and a base path.
    let host_text = cx.substitute(&url.host);
    let (scheme, host, base) = split_base(&host_text, url.protocol.as_deref());
    let host = match host {
        Some(h) if !h.contains("{{") && !h.is_empty() => Some(h),
        _ => {
            for variable in template_variables(&host_text) {
                let count = cx.unresolved.entry(variable.clone()).or_insert(0);
                *count += 1;
                if *count == 1 {
                    cx.notes
                        .add(NoteKind::VariableUnresolved, at, format!("`{{{{{variable}}}}}` in the URL's host is not defined in the collection"))
                        .help(format!("define `{variable}` in the collection's variables (its environment is not part of the export), or set `host` in the swagger"));
                }
            }
            None
        }
    };
    let mut operation = Object::new(item.span);
    if let Some(tag) = tag {
        operation.put("tags", build::strings(at, [tag.as_str()]));
    }
    let summary = build::clean_summary(&name);
    if summary != name.trim() {
        cx.notes.add(
            NoteKind::SummaryChanged,
            at,
            format!("summary became `{summary}`: Power Platform takes one line without `/ \\ < > * % & ?`"),
        );
    }
    if !summary.is_empty() {
        operation.put("summary", build::string(at, summary));
    }
    if let Some(description) = request.get("description").or_else(|| item.get("description")).and_then(description_text) {
        operation.put("description", build::string(at, description));
    }
    let mut parameters = Vec::new();
    let mut segments = Vec::new();
    let path_variables: HashMap<String, String> = url
        .variables
        .iter()
        .filter_map(|v| {
            Some((v.get("key").and_then(Node::as_str)?.to_string(), v.get("description").and_then(description_text).unwrap_or_default()))
        })
        .collect();
    for segment in &url.path {
        let segment = segment.trim();
        if segment.is_empty() {
            continue;
        }
        let converted =
            if let Some(param) = segment.strip_prefix(':') { format!("{{{}}}", parameter_name(param)) } else { replace_variables(segment) };
        segments.push(converted);
    }
    for segment in &segments {
        for name in template_names(segment) {
            let description = path_variables.get(name).filter(|d| !d.is_empty()).cloned();
            parameters.push(simple_parameter(at, name, "path", true, description, None));
        }
    }
    for query in &url.query {
        let Some(key) = query.get("key").and_then(Node::as_str).filter(|k| !k.is_empty()) else { continue };
        if parameters
            .iter()
            .any(|p| p.get("in").and_then(Node::as_str) == Some("query") && p.get("name").and_then(Node::as_str) == Some(key))
        {
            continue;
        }
        let description = query.get("description").and_then(description_text);
        parameters.push(simple_parameter(query.span, key, "query", false, description, None));
    }
    let mut content_type: Option<String> = None;
    if let Request0 { headers: Some(headers) } = Request0::of(request) {
        for header in headers {
            let Some(key) = header.get("key").and_then(Node::as_str).filter(|k| !k.is_empty()) else { continue };
            let lower = key.to_ascii_lowercase();
            let value = header.get("value").and_then(Node::as_str).unwrap_or_default();
            if lower == "content-type" {
                content_type = Some(value.to_string()).filter(|v| !v.contains("{{"));
                continue;
            }
            if crate::platform::RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(key)) {
                if lower != "authorization" {
                    cx.notes.add(
                        NoteKind::ParameterChanged,
                        header.span,
                        format!("header `{key}` dropped: Power Platform sets this header itself"),
                    );
                }
                continue;
            }
            if parameters
                .iter()
                .any(|p| p.get("in").and_then(Node::as_str) == Some("header") && p.get("name").and_then(Node::as_str) == Some(key))
            {
                continue;
            }
            let secret = ["key", "token", "secret", "auth", "password", "signature", "cookie"].iter().any(|s| lower.contains(s));
            let default = (!value.is_empty() && !value.contains("{{") && !secret).then(|| value.to_string());
            let description = header.get("description").and_then(description_text);
            parameters.push(simple_parameter(header.span, key, "header", false, description, default));
        }
    }
    let mut consumes = None;
    if let Some(body) = request.get("body") {
        let (media, body_parameters) = read_body(cx, body, content_type.as_deref());
        consumes = media;
        parameters.extend(body_parameters);
    }
    let mut responses = Object::new(item.span);
    for response in item.get("response").and_then(Node::as_array).unwrap_or_default() {
        let code =
            response.get("code").and_then(Node::as_number).map(|n| format!("{}", n.value as i64)).unwrap_or_else(|| "default".to_string());
        if responses.has(&code) {
            cx.notes.add(
                NoteKind::ResponseChanged,
                response.span,
                format!("a second saved `{code}` response of `{name}` dropped: a connector keeps one response per status code"),
            );
            continue;
        }
        let mut out = Object::new(response.span);
        let description =
            response.get("status").and_then(Node::as_str).or_else(|| response.get("name").and_then(Node::as_str)).unwrap_or("Response");
        out.put("description", build::string(response.span, description));
        if let Some(body) = response.get("body").and_then(Node::as_str) {
            let parsed = crate::json::parse(body);
            if let (true, Some(example)) = (parsed.errors.is_empty(), parsed.root.map(crate::json::Node::into_owned)) {
                let at = response.get("body").map_or(response.span, |b| b.span);
                out.put("schema", infer(&example, at));
                let mut examples = Object::new(at);
                examples.put("application/json", relocate(example, at));
                out.put("examples", examples.build());
            }
        }
        responses.put(&code, out.build());
    }
    let auth = match request.get("auth") {
        Some(auth) => Some(cx.auth(auth)),
        None => inherited_auth,
    };
    let _ = cx.root;
    Some(Request { at, name, method, host, scheme, base, segments, operation, parameters, responses, consumes, auth })
}

/// A request's headers (a list, or in v2.0 sometimes a raw string, which has no structure).
struct Request0<'n> {
    headers: Option<&'n [Node]>,
}

impl<'n> Request0<'n> {
    fn of(request: &'n Node) -> Self {
        Self { headers: request.get("header").and_then(Node::as_array) }
    }
}

fn read_body(cx: &mut Cx<'_>, body: &Node, content_type: Option<&str>) -> (Option<String>, Vec<Node>) {
    let mode = body.get("mode").and_then(Node::as_str).unwrap_or_default();
    let span = body.span;
    match mode {
        "raw" => {
            let raw_node = body.get("raw");
            let raw = raw_node.and_then(Node::as_str).unwrap_or_default();
            if raw.trim().is_empty() {
                return (None, Vec::new());
            }
            let at = raw_node.map_or(span, |r| r.span);
            let language = body.get("options").and_then(|o| o.get("raw")).and_then(|r| r.get("language")).and_then(Node::as_str);
            // `{{var}}` placeholders outside strings would make the example invalid JSON.
            let quoted = quote_bare_variables(raw);
            let parsed = crate::json::parse(&quoted);
            let mut parameter = Object::new(at);
            parameter.put("name", build::string(at, "body"));
            parameter.put("in", build::string(at, "body"));
            parameter.put("required", build::boolean(at, true));
            let media = match (parsed.errors.is_empty(), parsed.root.map(crate::json::Node::into_owned)) {
                (true, Some(example)) if language != Some("xml") => {
                    let mut schema = infer(&example, at);
                    if let Value::Object(members) = &mut schema.value {
                        members.push(Member { key: crate::json::Key { span: at, text: "example".into() }, value: relocate(example, at) });
                    }
                    parameter.put("schema", schema);
                    "application/json".to_string()
                }
                _ => {
                    let mut schema = Object::new(at);
                    schema.put("type", build::string(at, "string"));
                    parameter.put("schema", schema.build());
                    content_type.map(str::to_string).unwrap_or_else(|| match language {
                        Some("xml") => "application/xml".into(),
                        Some("html") => "text/html".into(),
                        _ => "text/plain".into(),
                    })
                }
            };
            parameter.put("x-ms-summary", build::string(at, "Body"));
            (Some(media), vec![parameter.build()])
        }
        "urlencoded" | "formdata" => {
            let mut parameters = Vec::new();
            let mut has_file = false;
            for field in body.get(mode).and_then(Node::as_array).unwrap_or_default() {
                let Some(key) = field.get("key").and_then(Node::as_str).filter(|k| !k.is_empty()) else { continue };
                if parameters.iter().any(|p: &Node| p.get("name").and_then(Node::as_str) == Some(key)) {
                    continue;
                }
                let file = field.get("type").and_then(Node::as_str) == Some("file");
                has_file |= file;
                let description = field.get("description").and_then(description_text);
                let mut parameter = Object::new(field.span);
                parameter.put("name", build::string(field.span, key));
                parameter.put("in", build::string(field.span, "formData"));
                if let Some(description) = description {
                    parameter.put("description", build::string(field.span, description));
                }
                parameter.put("required", build::boolean(field.span, false));
                parameter.put("type", build::string(field.span, if file && mode == "formdata" { "file" } else { "string" }));
                parameter.put("x-ms-summary", build::string(field.span, build::title_case(key)));
                parameters.push(parameter.build());
            }
            let media = if mode == "urlencoded" { "application/x-www-form-urlencoded" } else { "multipart/form-data" };
            let _ = has_file;
            (Some(media.to_string()), parameters)
        }
        "" => (None, Vec::new()),
        other => {
            let mut parameter = Object::new(span);
            parameter.put("name", build::string(span, "body"));
            parameter.put("in", build::string(span, "body"));
            parameter.put("required", build::boolean(span, true));
            let mut schema = Object::new(span);
            schema.put("type", build::string(span, "string"));
            if other == "file" {
                schema.put("format", build::string(span, "binary"));
            }
            parameter.put("schema", schema.build());
            parameter.put("x-ms-summary", build::string(span, "Body"));
            let media = content_type.map(str::to_string).unwrap_or_else(|| {
                if other == "file" {
                    "application/octet-stream".into()
                } else {
                    "application/json".into()
                }
            });
            if other == "graphql" {
                cx.notes.add(
                    NoteKind::ParameterChanged,
                    span,
                    "a GraphQL body became a string body: Swagger 2.0 has no GraphQL query type",
                );
            }
            (Some(media), vec![parameter.build()])
        }
    }
}

/// `{{var}}` standing where a JSON value should be becomes `"{{var}}"`, so an example with
/// placeholders still reads as JSON.
fn quote_bare_variables(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with("{{") {
            if let Some(end) = rest.find("}}") {
                out.push('"');
                out.push_str(&rest[..end + 2]);
                out.push('"');
                rest = &rest[end + 2..];
                continue;
            }
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A copy of `node` whose every span is `span` (an example parsed from a string has spans into
/// that string, not into the input).
fn relocate(node: Node, span: Span) -> Node {
    let value = match node.value {
        Value::Array(items) => Value::Array(items.into_iter().map(|n| relocate(n, span)).collect()),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|m| Member { key: crate::json::Key { span, text: m.key.text }, value: relocate(m.value, span) })
                .collect(),
        ),
        other => other,
    };
    Node { span, value }
}

fn simple_parameter(span: Span, name: &str, place: &str, required: bool, description: Option<String>, default: Option<String>) -> Node {
    let mut out = Object::new(span);
    out.put("name", build::string(span, name));
    out.put("in", build::string(span, place));
    if let Some(description) = description {
        out.put("description", build::string(span, description));
    }
    out.put("required", build::boolean(span, required));
    out.put("type", build::string(span, "string"));
    if let Some(default) = default {
        out.put("default", build::string(span, default));
    }
    out.put("x-ms-summary", build::string(span, build::title_case(name)));
    out.build()
}

/// A path with its templates' names left out (`/users/{id}` → `/users/{}`).
fn path_shape(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The template names of a whole path, in order.
fn path_templates(path: &str) -> Vec<String> {
    path.split('/').flat_map(|segment| template_names(segment).into_iter().map(str::to_string).collect::<Vec<_>>()).collect()
}

/// Renames a path parameter (`renames`: old name → new name).
fn rename_path_parameter(parameter: &mut Node, renames: &[(String, String)]) {
    if parameter.get("in").and_then(Node::as_str) != Some("path") {
        return;
    }
    let Value::Object(members) = &mut parameter.value else { return };
    for member in members.iter_mut() {
        let Value::String(name) = &member.value.value else { continue };
        if let Some((_, new)) = renames.iter().find(|(old, _)| **old == **name) {
            let span = member.value.span;
            match &*member.key.text {
                "name" => member.value = build::string(span, new.as_str()),
                "x-ms-summary" => member.value = build::string(span, build::title_case(new)),
                _ => {}
            }
        }
    }
}

fn parameter_key(parameter: &Node) -> (String, String) {
    let get = |k: &str| parameter.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
    (get("name"), get("in"))
}

/// A path parameter's name from `:name` (letters, digits, `_`, `-`, `.` kept).
fn parameter_name(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')).collect()
}

/// `v{{version}}` → `v{version}`.
fn replace_variables(segment: &str) -> String {
    rewrite_variables(segment, |name| Some(format!("{{{}}}", parameter_name(name))))
}

/// The `{name}` templates of a path segment.
fn template_names(segment: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = segment;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + end];
        if !name.is_empty() {
            names.push(name);
        }
        rest = &rest[start + end + 1..];
    }
    names
}

fn template_variables(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    rewrite_variables(text, |name| {
        names.push(name.trim().to_string());
        None
    });
    names
}

/// `https://api.x.com/v2` → (`https`, `api.x.com`, `/v2`).
fn split_base(text: &str, protocol: Option<&str>) -> (Option<String>, Option<String>, String) {
    let (scheme, rest) = match text.split_once("://") {
        Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
        None => (protocol.map(str::to_ascii_lowercase), text),
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = (!host.is_empty()).then(|| host.to_string());
    (scheme.filter(|s| s == "http" || s == "https"), host, path.trim_end_matches('/').to_string())
}

/// The longest path prefix (whole segments) that every base shares.
fn common_base<'a>(mut bases: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = bases.next() else { return String::new() };
    let mut common: Vec<&str> = first.split('/').filter(|s| !s.is_empty()).collect();
    for base in bases {
        let segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
        let shared = common.iter().zip(&segments).take_while(|(a, b)| a == b).count();
        common.truncate(shared);
    }
    if common.is_empty() {
        String::new()
    } else {
        format!("/{}", common.join("/"))
    }
}

/// A request URL's parts, from the object form or parsed from the raw string.
#[derive(Default)]
struct UrlParts<'n> {
    protocol: Option<String>,
    /// The host as written, variables and all (`{{baseUrl}}`, `api.x.com`).
    host: String,
    path: Vec<String>,
    query: Vec<&'n Node>,
    variables: Vec<&'n Node>,
}

impl<'n> UrlParts<'n> {
    fn from_raw(raw: &str) -> Self {
        let without_hash = raw.split('#').next().unwrap_or(raw);
        let without_query = without_hash.split('?').next().unwrap_or(without_hash);
        let (protocol, rest) = match without_query.split_once("://") {
            Some((p, rest)) => (Some(p.to_string()), rest),
            None => (None, without_query),
        };
        let mut parts = rest.splitn(2, '/');
        let host = parts.next().unwrap_or_default().to_string();
        let path = parts.next().unwrap_or_default().split('/').map(str::to_string).collect();
        UrlParts { protocol, host, path, query: Vec::new(), variables: Vec::new() }
    }

    fn from_object(url: &'n Node) -> Self {
        let raw = url.get("raw").and_then(Node::as_str).unwrap_or_default();
        let mut parts = if url.get("host").is_some() || url.get("path").is_some() {
            let host = match url.get("host").map(|h| &h.value) {
                Some(Value::Array(items)) => items.iter().filter_map(Node::as_str).collect::<Vec<_>>().join("."),
                Some(Value::String(s)) => s.to_string(),
                _ => String::new(),
            };
            let path = match url.get("path").map(|p| &p.value) {
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|segment| match &segment.value {
                        Value::String(s) => s.to_string(),
                        Value::Object(_) => segment.get("value").and_then(Node::as_str).unwrap_or_default().to_string(),
                        _ => String::new(),
                    })
                    .collect(),
                Some(Value::String(s)) => s.split('/').map(str::to_string).collect(),
                _ => Vec::new(),
            };
            let protocol = url.get("protocol").and_then(Node::as_str).map(str::to_string);
            let (host, port) = (host, url.get("port").and_then(Node::as_str));
            let host = match port {
                Some(port) => format!("{host}:{port}"),
                None => host,
            };
            UrlParts { protocol, host, path, query: Vec::new(), variables: Vec::new() }
        } else {
            Self::from_raw(raw)
        };
        parts.query = url.get("query").and_then(Node::as_array).unwrap_or_default().iter().collect();
        parts.variables = url.get("variable").and_then(Node::as_array).unwrap_or_default().iter().collect();
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_pieces() {
        assert_eq!(split_base("https://api.x.com/v2/", None), (Some("https".into()), Some("api.x.com".into()), "/v2".into()));
        assert_eq!(common_base(["/v2/a", "/v2/b"].into_iter()), "/v2");
        assert_eq!(replace_variables("v{{version}}"), "v{version}");
        assert_eq!(template_names("{a}-{b}"), ["a", "b"]);
        assert_eq!(quote_bare_variables(r#"{"a": {{x}}, "b": "{{y}}"}"#), r#"{"a": "{{x}}", "b": "{{y}}"}"#);
    }
}
