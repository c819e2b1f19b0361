//! OpenAPI 3.0 / 3.1 → Swagger 2.0 (and Swagger 2.0, which is only copied).
//!
//! - **Servers.** The first server of the document gives `schemes`, `host` and `basePath`, with
//!   its variables' defaults put in. Other servers, and servers of path items and operations,
//!   are dropped.
//! - **Operations.** `get`, `put`, `post`, `delete`, `options`, `head` and `patch` are kept
//!   (`trace` has no Swagger 2.0 form). operationIds are made valid and unique, and made up from
//!   the method and path where missing. Path-level parameters are merged into each operation.
//! - **Parameters.** `query`, `header` and `path` parameters take their type from their schema;
//!   arrays get a `collectionFormat` from `style`/`explode`. Cookie parameters are dropped.
//!   Each gets an `x-ms-summary` from its name when it has none.
//! - **Request bodies.** One media type is kept: JSON first, then form-urlencoded, multipart,
//!   then the first. Forms become `formData` parameters; anything else one `body` parameter.
//! - **Responses.** The schema of the JSON media type (else the first); `produces` lists every
//!   media type. `2XX`-style codes become the range's first code.
//! - **Components.** Schemas become `definitions` of the same name. Parameters, request bodies,
//!   responses, headers and path items are put in where they are referenced.
//! - **Security.** apiKey (header or query) and basic are kept; HTTP bearer becomes an apiKey
//!   `Authorization` header; OAuth 2.0 keeps its authorization-code flow (`accessCode`), or else
//!   its first flow; openIdConnect, mutual TLS and cookies are dropped. apiProperties.json gets
//!   the connection parameters of the first scheme the document's `security` uses.

use super::build::{self, quoted, Notes, Object, OperationIds};
use super::converter::{Converter, MAX_REF_HOPS};
use super::refs::{DocId, Documents};
use super::{Conversion, ConversionReport, InputFormat, InputPlace, NoteKind, METHODS};
use crate::json::owned::{Member, Node, Value};
use crate::source::Span;
use std::collections::{HashMap, HashSet, VecDeque};

pub(super) fn convert(root: &Node, format: InputFormat, place: InputPlace<'_>) -> Conversion {
    let mut notes = Notes::default();
    if format == InputFormat::Swagger20 {
        return copy_swagger(root, notes);
    }
    let docs = Documents::load(root, place, &mut notes);
    let mut cx = Converter {
        docs: &docs,
        notes,
        definitions: Vec::new(),
        definition_names: HashMap::new(),
        used_definition_names: HashSet::new(),
        pending: VecDeque::new(),
        kept_schemes: HashSet::new(),
    };
    // Component schemas keep their names, whatever order they are reached in.
    if let Some(schemas) = root.get("components").and_then(|c| c.get("schemas")).and_then(Node::as_object) {
        for member in schemas {
            let mut pointer = String::from("/components/schemas");
            crate::json::push_pointer_token(&mut pointer, &member.key.text);
            cx.definition_name(0, &pointer);
        }
    }

    let mut out = Object::new(root.span);
    out.put("swagger", build::string(root.get("openapi").map_or(root.span, |n| n.span), "2.0"));
    if let Some(info) = root.get("info") {
        out.put_at("info", member_key(root, "info"), convert_info(info));
    }
    servers(&mut cx, root, &mut out);

    let security_definitions = security_schemes(&mut cx, root);
    let (paths, operations_in, operations_kept) = paths(&mut cx, root);
    if operations_kept == 0 {
        let at = root.get("paths").map_or(root.span, |p| p.span);
        let webhooks = root.get("webhooks").and_then(Node::as_object).map_or(0, <[Member]>::len);
        cx.notes
            .add(NoteKind::NoOperations, at, "the description has no operation to convert, so the connector would have no action")
            .help(if webhooks > 0 {
                "its webhooks cannot become triggers by themselves: add an operation that registers the webhook, marked with `x-ms-trigger` and an `x-ms-notification-url` parameter"
            } else {
                "add the API's operations under `paths`"
            });
    }
    out.put_at("paths", member_key(root, "paths"), paths);

    // Convert every schema that was named, including those named while converting others.
    while let Some((doc, pointer, name)) = cx.pending.pop_front() {
        let Some(node) = super::refs::pointer_get(docs.doc(doc).root(), &pointer) else { continue };
        let converted = cx.schema(doc, node);
        cx.definitions.push((name, converted));
    }
    if !cx.definitions.is_empty() {
        let at = root.get("components").map_or(root.span, |c| c.span);
        let mut definitions = Object::new(at);
        // Component schemas first, in their input order; then the others, as reached.
        let order: Vec<String> = cx
            .definition_names
            .iter()
            .filter(|((d, p), _)| *d == 0 && p.starts_with("/components/schemas/"))
            .map(|(_, n)| n.clone())
            .collect();
        let mut entries = std::mem::take(&mut cx.definitions);
        entries.sort_by_key(|(name, node)| (!order.contains(name), node.span.start));
        for (name, node) in entries {
            let key_span = node.span;
            definitions.put_at(&name, key_span, node);
        }
        out.put("definitions", definitions.build());
    }
    if let Some(security_definitions) = security_definitions {
        out.put("securityDefinitions", security_definitions);
        if let Some(security) = root.get("security") {
            if let Some(kept) = security_requirements(&cx, security) {
                out.put_at("security", member_key(root, "security"), kept);
            }
        }
    }
    for key in ["tags", "externalDocs"] {
        if let Some(member) = root.member(key) {
            out.copy(member);
        }
    }
    for member in root.as_object().unwrap_or_default() {
        if member.key.text.starts_with("x-") {
            out.copy(member);
        }
    }
    if let Some(webhooks) = root.member("webhooks") {
        let count = webhooks.value.as_object().map_or(0, <[Member]>::len);
        cx.notes
            .add(NoteKind::CallbackDropped, webhooks.key.span, format!("{count} webhook{} dropped", plural(count)))
            .help("a connector receives events through a trigger: an operation marked `x-ms-trigger: single` whose body has a property marked `x-ms-notification-url`");
    }

    let api_properties =
        super::connection::api_properties_from_definitions(out.get("securityDefinitions"), root.get("security"), root.span);
    let title = root.get("info").and_then(|i| i.get("title")).and_then(Node::as_str).map(str::to_string);
    Conversion {
        swagger: out.build(),
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

/// A Swagger 2.0 document is already what Power Platform reads: it is copied, with an
/// operationId made up where one is missing; apiProperties.json is made from it.
fn copy_swagger(root: &Node, mut notes: Notes) -> Conversion {
    let mut operations = 0;
    let mut ids = OperationIds::default();
    for path in root.get("paths").and_then(Node::as_object).unwrap_or_default() {
        for op in path.value.as_object().unwrap_or_default() {
            if let Some(id) = op.value.get("operationId").and_then(Node::as_str) {
                ids.claim(id);
            }
        }
    }
    let mut root = root.clone();
    if let Some(Node { value: Value::Object(paths), .. }) = root_member_mut(&mut root, "paths") {
        for path in paths.iter_mut() {
            let Value::Object(methods) = &mut path.value.value else { continue };
            for op in methods.iter_mut().filter(|m| METHODS.contains(&&*m.key.text)) {
                operations += 1;
                let Value::Object(members) = &mut op.value.value else { continue };
                if members.iter().any(|m| &*m.key.text == "operationId") {
                    continue;
                }
                let id = ids.claim(&operation_id_from(&op.key.text, &path.key.text));
                notes.add(
                    NoteKind::OperationIdChanged,
                    op.key.span,
                    format!("`{} {}` has no operationId; it is now `{id}`", op.key.text.to_ascii_uppercase(), path.key.text),
                );
                members.insert(
                    0,
                    Member {
                        key: crate::json::Key { span: op.key.span, text: "operationId".into() },
                        value: build::string(op.key.span, id),
                    },
                );
            }
        }
    }
    let api_properties =
        super::connection::api_properties_from_definitions(root.get("securityDefinitions"), root.get("security"), root.span);
    let title = root.get("info").and_then(|i| i.get("title")).and_then(Node::as_str).map(str::to_string);
    Conversion {
        swagger: root,
        report: ConversionReport {
            format: InputFormat::Swagger20,
            input: Node::default(),
            api_properties,
            title,
            notes: notes.list,
            operations_in: operations,
            operations_kept: operations,
        },
    }
}

fn root_member_mut<'n>(node: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    match &mut node.value {
        Value::Object(members) => members.iter_mut().find(|m| &*m.key.text == key).map(|m| &mut m.value),
        _ => None,
    }
}

fn member_key(node: &Node, key: &str) -> Span {
    node.member(key).map_or(node.span, |m| m.key.span)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn convert_info(info: &Node) -> Node {
    let mut out = Object::new(info.span);
    for member in info.as_object().unwrap_or_default() {
        match &*member.key.text {
            "license" => {
                let mut license = Object::new(member.value.span);
                for part in member.value.as_object().unwrap_or_default() {
                    if matches!(&*part.key.text, "name" | "url") || part.key.text.starts_with("x-") {
                        license.copy(part);
                    }
                }
                // Swagger 2.0 requires a licence's name.
                if license.has("name") {
                    out.put_at("license", member.key.span, license.build());
                }
            }
            "title" | "description" | "version" | "termsOfService" | "contact" => {
                out.copy(member);
            }
            "summary" if info.get("description").is_none() => {
                out.put_at("description", member.key.span, member.value.clone());
            }
            key if key.starts_with("x-") => {
                out.copy(member);
            }
            _ => {}
        }
    }
    out.build()
}

/// `schemes`, `host` and `basePath` from the first server.
fn servers(cx: &mut Converter<'_, '_>, root: &Node, out: &mut Object) {
    let servers = root.get("servers").and_then(Node::as_array).unwrap_or_default();
    let Some(first) = servers.first() else {
        cx.notes
            .add(
                NoteKind::HostUnresolved,
                root.get("info").map_or(root.span, |i| i.span),
                "the description has no `servers`, so the connector has no host",
            )
            .help("set `host` (and `basePath`) in the swagger to the API's address");
        return;
    };
    for extra in &servers[1..] {
        let url = extra.get("url").and_then(Node::as_str).unwrap_or("?");
        cx.notes
            .add(NoteKind::ServerDropped, extra.span, format!("server `{url}` dropped: a connector has one host"))
            .help("to reach several hosts, use the `dynamichosturl` policy with a connection parameter, or make one connector per host");
    }
    let Some(url_node) = first.get("url") else { return };
    let mut url = url_node.as_str().unwrap_or_default().to_string();
    if let Some(variables) = first.get("variables").and_then(Node::as_object) {
        let mut names = Vec::new();
        for variable in variables {
            let default = variable.value.get("default").and_then(Node::as_str).unwrap_or_default();
            url = url.replace(&format!("{{{}}}", variable.key.text), default);
            names.push(format!("`{}` = `{default}`", variable.key.text));
        }
        cx.notes
            .add(NoteKind::ServerVariable, url_node.span, format!("server variables take their defaults: {}", names.join(", ")))
            .help("if users must choose the value, use the `dynamichosturl` policy with a connection parameter");
    }
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
        None => (None, url.as_str()),
    };
    let Some(scheme) = scheme.filter(|s| s == "http" || s == "https") else {
        cx.notes
            .add(NoteKind::HostUnresolved, url_node.span, format!("the server URL `{url}` has no host, so the connector has none"))
            .help("set `host` in the swagger to the API's address");
        let base = rest.trim_end_matches('/');
        if base.starts_with('/') && base.len() > 1 {
            out.put("basePath", build::string(url_node.span, base));
        }
        return;
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if !crate::spec::is_valid_host(host) {
        cx.notes.add(NoteKind::HostUnresolved, url_node.span, format!("the server URL `{url}` has no usable host"));
    } else {
        out.put("host", build::string(url_node.span, host));
    }
    let base = path.trim_end_matches('/');
    out.put("basePath", build::string(url_node.span, if base.is_empty() { "/" } else { base }));
    out.put("schemes", build::strings(url_node.span, [scheme.as_str()]));
}

/// Paths and operations; returns them with the count of input operations and of those kept.
fn paths(cx: &mut Converter<'_, '_>, root: &Node) -> (Node, usize, usize) {
    let paths_node = root.get("paths");
    let mut out = Object::new(paths_node.map_or(root.span, |p| p.span));
    let mut ids = OperationIds::default();
    // operationIds of the input are claimed first, so made-up ones never take them.
    let mut declared: HashMap<Span, String> = HashMap::new();
    let mut seen_declared = HashSet::new();
    for path in paths_node.and_then(Node::as_object).unwrap_or_default() {
        let Some((_, item)) = cx.follow(0, &path.value) else { continue };
        for op in item.as_object().unwrap_or_default() {
            if let Some(id) = op.value.get("operationId") {
                if let Some(text) = id.as_str() {
                    if seen_declared.insert(text.to_string()) && valid_operation_id(text) {
                        declared.insert(id.span, ids.claim(text));
                    }
                }
            }
        }
    }
    let (mut count_in, mut kept) = (0, 0);
    for path in paths_node.and_then(Node::as_object).unwrap_or_default() {
        let Some((doc, item)) = cx.follow(0, &path.value) else {
            cx.notes.add(
                NoteKind::OperationDropped,
                path.key.span,
                format!("path `{}` dropped: its `$ref` cannot be followed", path.key.text),
            );
            continue;
        };
        let item_span = cx.span(doc, item);
        let mut out_item = Object::new(item_span);
        let shared_parameters = item.get("parameters").and_then(Node::as_array).unwrap_or_default();
        if let Some(servers) = item.member("servers") {
            cx.notes
                .add(
                    NoteKind::ServerDropped,
                    cx.key_span(doc, servers.key.span),
                    format!("the servers of path `{}` dropped: a connector has one host", path.key.text),
                )
                .help("operations that need another host can use the `routerequesttoendpoint` or `dynamichosturl` policy");
        }
        for op in item.as_object().unwrap_or_default() {
            let method = &*op.key.text;
            if method == "trace" {
                count_in += 1;
                cx.notes.add(
                    NoteKind::OperationDropped,
                    cx.key_span(doc, op.key.span),
                    format!("`TRACE {}` dropped: Swagger 2.0 has no `trace` operation", path.key.text),
                );
                continue;
            }
            if !METHODS.contains(&method) {
                continue;
            }
            count_in += 1;
            kept += 1;
            let converted = operation(cx, doc, &path.key.text, method, op, shared_parameters, &mut ids, &declared);
            out_item.put_at(method, cx.key_span(doc, op.key.span), converted);
        }
        if !out_item.is_empty() {
            // Swagger 2.0 paths start with `/` (OpenAPI 3 requires it too, but not every author).
            let key = if path.key.text.starts_with('/') { path.key.text.to_string() } else { format!("/{}", path.key.text) };
            out.put_at(&key, path.key.span, out_item.build());
        }
    }
    (out.build(), count_in, kept)
}

fn valid_operation_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphabetic()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[allow(clippy::too_many_arguments)]
fn operation(
    cx: &mut Converter<'_, '_>,
    doc: DocId,
    path: &str,
    method: &str,
    op: &Member,
    shared_parameters: &[Node],
    ids: &mut OperationIds,
    declared: &HashMap<Span, String>,
) -> Node {
    let node = &op.value;
    let span = cx.span(doc, node);
    let mut out = Object::new(span);
    let method_at = cx.key_span(doc, op.key.span);
    for key in ["tags", "summary", "description", "externalDocs"] {
        if let Some(member) = node.member(key) {
            out.copy(member);
        }
    }
    if let Some(summary) = node.member("summary") {
        let text = summary.value.as_str().unwrap_or_default();
        let clean = build::clean_summary(text);
        if clean != text.trim() || text.trim().is_empty() {
            let at = cx.span(doc, &summary.value);
            if clean.is_empty() {
                out.remove("summary");
            } else {
                out.put_at("summary", cx.key_span(doc, summary.key.span), build::string(at, clean.as_str()));
            }
            if node.get("description").is_none() {
                out.put_at("description", cx.key_span(doc, summary.key.span), summary.value.clone());
            }
            cx.notes.add(
                NoteKind::SummaryChanged,
                at,
                format!("summary became `{clean}`: Power Platform takes one line without `/ \\ < > * % & ?`"),
            );
        }
    }
    // operationId: the input's, made valid and unique, or one made from method and path.
    let id_node = node.get("operationId");
    let wanted = id_node.and_then(Node::as_str);
    let id = match (id_node, wanted) {
        (Some(n), Some(_)) if declared.contains_key(&n.span) && doc == 0 => declared[&n.span].clone(),
        _ => {
            let made = match wanted {
                Some(text) => ids.claim(text),
                None => ids.claim(&operation_id_from(method, path)),
            };
            let at = id_node.map_or(method_at, |n| cx.span(doc, n));
            let message = match wanted {
                Some(text) => format!("operationId `{text}` became `{made}` (letters, digits and `_` only, unique)"),
                None => format!("`{} {path}` has no operationId; it is now `{made}`", method.to_ascii_uppercase()),
            };
            cx.notes.add(NoteKind::OperationIdChanged, at, message);
            made
        }
    };
    out.put("operationId", build::string(id_node.map_or(method_at, |n| cx.span(doc, n)), id));

    // Parameters: the operation's win over the path item's of the same name and place.
    let mut parameters: Vec<Node> = Vec::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let own = node.get("parameters").and_then(Node::as_array).unwrap_or_default();
    for parameter in own.iter().chain(shared_parameters) {
        let Some((pdoc, resolved)) = cx.follow(doc, parameter) else { continue };
        let name = resolved.get("name").and_then(Node::as_str).unwrap_or_default().to_string();
        let place = resolved.get("in").and_then(Node::as_str).unwrap_or_default().to_string();
        if !seen.insert((name, place)) {
            continue;
        }
        if let Some(converted) = self::parameter(cx, pdoc, resolved, cx.span(doc, parameter)) {
            parameters.push(converted);
        }
    }
    let mut consumes: Option<String> = None;
    if let Some(body) = node.get("requestBody") {
        if let Some((bdoc, resolved)) = cx.follow(doc, body) {
            let (media, body_parameters) = request_body(cx, bdoc, resolved, node);
            consumes = media;
            parameters.extend(body_parameters);
        }
    }
    if let Some(media) = consumes {
        out.put("consumes", build::strings(span, [media.as_str()]));
    }
    let (mut responses, produces) = responses(cx, doc, node.get("responses"), span);
    if responses.as_object().is_some_and(<[Member]>::is_empty) {
        // Swagger 2.0 requires at least one response.
        cx.notes.add(
            NoteKind::ResponseChanged,
            method_at,
            format!("`{} {path}` describes no response; a `default` one was added", method.to_ascii_uppercase()),
        );
        let mut fallback = Object::new(span);
        let mut response = Object::new(span);
        response.put("description", build::string(span, "Response"));
        fallback.put("default", response.build());
        responses = fallback.build();
    }
    if !produces.is_empty() {
        out.put("produces", build::strings(span, produces.iter().map(String::as_str)));
    }
    if !parameters.is_empty() {
        out.put_at("parameters", member_key(node, "parameters"), build::array(span, parameters));
    }
    out.put_at("responses", member_key(node, "responses"), responses);
    if let Some(deprecated) = node.member("deprecated") {
        out.copy(deprecated);
    }
    if let Some(security) = node.get("security") {
        if let Some(kept) = security_requirements(cx, security) {
            out.put_at("security", member_key(node, "security"), kept);
        }
    }
    for member in node.as_object().unwrap_or_default() {
        if member.key.text.starts_with("x-") {
            out.copy(member);
        }
    }
    if let Some(servers) = node.member("servers") {
        cx.notes.add(
            NoteKind::ServerDropped,
            cx.key_span(doc, servers.key.span),
            format!("the servers of `{} {path}` dropped: a connector has one host", method.to_ascii_uppercase()),
        );
    }
    if let Some(callbacks) = node.member("callbacks") {
        let names: Vec<&str> = callbacks.value.as_object().unwrap_or_default().iter().map(|m| &*m.key.text).collect();
        cx.notes
            .add(NoteKind::CallbackDropped, cx.key_span(doc, callbacks.key.span), format!("callback{} {} dropped", plural(names.len()), quoted(&names)))
            .help("a connector receives callbacks through a trigger: mark the subscribing operation `x-ms-trigger: single` and its callback URL property `x-ms-notification-url: true`");
    }
    out.build()
}

/// `GET /pets/{id}` → `GetPetsById`.
fn operation_id_from(method: &str, path: &str) -> String {
    let mut words = vec![method.to_string()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                words.push("by".into());
                words.push(param.to_string());
            }
            None => words.push(segment.to_string()),
        }
    }
    build::pascal_case(&words.join(" "))
}

/// The flattened schema of a non-body parameter (type, format, items ...).
struct Flat {
    members: Vec<(String, Node)>,
    /// Why it is not what the input said, when it is not.
    changed: Option<String>,
}

/// A query, header or path parameter; `None` (with a note) for a cookie one.
fn parameter(cx: &mut Converter<'_, '_>, doc: DocId, node: &Node, site: Span) -> Option<Node> {
    let span = if doc == 0 { node.span } else { site };
    let name = node.get("name").and_then(Node::as_str).unwrap_or_default();
    let place = node.get("in").and_then(Node::as_str).unwrap_or_default();
    if name.is_empty() || !matches!(place, "query" | "header" | "path" | "cookie") {
        let which = if name.is_empty() { "a parameter without a name".to_string() } else { format!("parameter `{name}`") };
        cx.notes.add(
            NoteKind::ParameterChanged,
            span,
            format!("{which} dropped: it needs a `name` and `in` of query, header, path or cookie"),
        );
        return None;
    }
    if place == "header" && crate::platform::RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        cx.notes
            .add(NoteKind::ParameterChanged, span, format!("header parameter `{name}` dropped: Power Platform sets this header itself"))
            .help("credentials belong in the security definition and its connection parameters");
        return None;
    }
    if place == "cookie" {
        cx.notes
            .add(NoteKind::CookieParameterDropped, span, format!("cookie parameter `{name}` dropped: Swagger 2.0 cannot send cookies"))
            .help("if the API needs it, send it from custom code (script.csx), or as a `Cookie` header parameter");
        return None;
    }
    let mut out = Object::new(span);
    for key in ["name", "in", "description"] {
        if let Some(member) = node.member(key) {
            out.put_at(key, cx.key_span(doc, member.key.span), member.value.clone());
        }
    }
    if place == "path" {
        out.put("required", build::boolean(span, true));
    } else if let Some(required) = node.member("required") {
        out.copy(required);
    }
    let flat = match (node.get("schema"), node.get("content")) {
        (Some(schema), _) => flatten(cx, doc, schema, place, node),
        (None, Some(_)) => Flat {
            members: vec![("type".into(), build::string(span, "string"))],
            changed: Some("is described by `content` (a serialised document), so it is sent as a string".into()),
        },
        (None, None) => {
            Flat { members: vec![("type".into(), build::string(span, "string"))], changed: Some("has no schema; it is a string".into()) }
        }
    };
    if let Some(why) = flat.changed {
        cx.notes.add(NoteKind::ParameterChanged, span, format!("parameter `{name}` {why}"));
    }
    for (key, value) in flat.members {
        out.put(&key, value);
    }
    if let Some(member) = node.member("allowEmptyValue").filter(|_| place == "query") {
        out.copy(member);
    }
    for member in node.as_object().unwrap_or_default() {
        if member.key.text.starts_with("x-") {
            out.put_at(&member.key.text, cx.key_span(doc, member.key.span), member.value.clone());
        }
    }
    if !out.has("x-ms-summary") && !name.is_empty() {
        out.put("x-ms-summary", build::string(span, build::title_case(name)));
    }
    Some(out.build())
}

/// The type keywords of a parameter's schema, for a Swagger 2.0 non-body parameter or `items`.
fn flatten(cx: &mut Converter<'_, '_>, doc: DocId, schema: &Node, place: &str, parameter: &Node) -> Flat {
    let span = cx.span(doc, schema);
    let Some((sdoc, schema)) = cx.follow(doc, schema) else {
        return Flat {
            members: vec![("type".into(), build::string(span, "string"))],
            changed: Some("has a schema that cannot be found; it is a string".into()),
        };
    };
    let schema = first_alternative(schema);
    let mut members = Vec::new();
    let mut changed = None;
    let ty = schema_type(schema);
    match ty.as_deref() {
        Some("object") | None if schema.get("properties").is_some() || ty.is_some() => {
            members.push(("type".into(), build::string(span, "string")));
            changed = Some("is an object, which Swagger 2.0 cannot send outside a body; it is a string".into());
        }
        None => {
            members.push(("type".into(), build::string(span, "string")));
            changed = Some("has no type; it is a string".into());
        }
        Some(ty) => {
            members.push(("type".into(), build::string(span, ty)));
            for key in [
                "format",
                "enum",
                "default",
                "maximum",
                "minimum",
                "exclusiveMaximum",
                "exclusiveMinimum",
                "maxLength",
                "minLength",
                "pattern",
                "maxItems",
                "minItems",
                "multipleOf",
            ] {
                if let Some(value) = schema.get(key) {
                    if matches!(key, "exclusiveMaximum" | "exclusiveMinimum") && value.as_bool().is_none() {
                        continue;
                    }
                    if key == "enum" && value.as_array().is_none_or(<[Node]>::is_empty) {
                        continue;
                    }
                    members.push((key.into(), Node { span, value: value.value.clone() }));
                }
            }
            if let Some(value) = schema.get("const") {
                members.push(("enum".into(), build::array(span, vec![Node { span, value: value.value.clone() }])));
            }
            if ty == "array" {
                let items = schema.get("items");
                let inner = match items {
                    Some(items) => flatten(cx, sdoc, items, "items", parameter),
                    None => Flat { members: vec![("type".into(), build::string(span, "string"))], changed: None },
                };
                let mut object = Object::new(span);
                for (key, value) in inner.members {
                    object.put(&key, value);
                }
                members.push(("items".into(), object.build()));
                if changed.is_none() {
                    changed = inner.changed;
                }
                if place != "items" {
                    let style = parameter.get("style").and_then(Node::as_str);
                    let explode = parameter.get("explode").and_then(Node::as_bool);
                    let format = match (place, style, explode) {
                        ("query", None | Some("form"), None | Some(true)) => "multi",
                        ("query", Some("spaceDelimited"), _) => "ssv",
                        ("query", Some("pipeDelimited"), _) => "pipes",
                        _ => "csv",
                    };
                    members.push(("collectionFormat".into(), build::string(span, format)));
                }
            }
        }
    }
    if let Some(style) = parameter.get("style").and_then(Node::as_str) {
        if matches!(style, "deepObject" | "label" | "matrix") && place != "items" {
            changed = Some(format!("uses `style: {style}`, which Swagger 2.0 cannot describe; it is sent as a plain value"));
        }
    }
    Flat { members, changed }
}

/// The type of a schema: `type` (the first that is not `null` in a 3.1 list), else `object`
/// when it has properties.
fn schema_type(schema: &Node) -> Option<String> {
    match schema.get("type").map(|t| &t.value) {
        Some(Value::String(t)) => Some(t.to_string()),
        Some(Value::Array(types)) => types.iter().filter_map(Node::as_str).find(|t| *t != "null").map(str::to_string),
        _ => schema.get("properties").map(|_| "object".to_string()),
    }
}

/// For a schema that is only `oneOf`/`anyOf`, its first alternative that is not `null`.
fn first_alternative(schema: &Node) -> &Node {
    if schema.get("type").is_some() {
        return schema;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) =
            schema.get(key).and_then(Node::as_array).and_then(|a| a.iter().find(|s| s.get("type").and_then(Node::as_str) != Some("null")))
        {
            return first;
        }
    }
    schema
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`, `text/json`).
fn is_json(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase();
    media == "application/json" || media.ends_with("+json") || media.ends_with("/json") || media == "*/*"
}

/// The media type kept from a `content` object: JSON first, then forms, then the first.
fn pick_media(content: &[Member]) -> Option<&Member> {
    content
        .iter()
        .find(|m| is_json(&m.key.text))
        .or_else(|| content.iter().find(|m| m.key.text.starts_with("application/x-www-form-urlencoded")))
        .or_else(|| content.iter().find(|m| m.key.text.starts_with("multipart/form-data")))
        .or_else(|| content.first())
}

/// A request body as `body` or `formData` parameters, with the media type kept.
fn request_body(cx: &mut Converter<'_, '_>, doc: DocId, body: &Node, operation: &Node) -> (Option<String>, Vec<Node>) {
    let span = cx.span(doc, body);
    let Some(content_member) = body.member("content") else { return (None, Vec::new()) };
    let content = content_member.value.as_object().unwrap_or_default();
    let Some(chosen) = pick_media(content) else { return (None, Vec::new()) };
    let media = chosen.key.text.to_string();
    if content.len() > 1 {
        let others: Vec<&str> = content.iter().filter(|m| m.key.text != chosen.key.text).map(|m| &*m.key.text).collect();
        cx.notes
            .add(
                NoteKind::MediaTypeDropped,
                cx.key_span(doc, content_member.key.span),
                format!("the request body has {} media types; kept `{media}`, dropped {}", content.len(), quoted(&others)),
            )
            .help("a connector operation sends one media type; make one operation per media type if callers need the others");
    }
    let required = body.get("required").and_then(Node::as_bool).unwrap_or(false);
    let schema = chosen.value.get("schema");
    let form = media.starts_with("application/x-www-form-urlencoded") || media.starts_with("multipart/form-data");
    if form {
        let mut parameters = Vec::new();
        let mut properties: Vec<(DocId, &Member)> = Vec::new();
        let mut required_names: Vec<String> = Vec::new();
        if let Some(schema) = schema {
            collect_form_properties(cx, doc, schema, &mut properties, &mut required_names, 0);
        }
        for (pdoc, property) in properties {
            let at = cx.key_span(pdoc, property.key.span);
            let mut out = Object::new(at);
            out.put("name", build::string(at, &*property.key.text));
            out.put("in", build::string(at, "formData"));
            if let Some(description) = property.value.get("description") {
                out.put("description", Node { span: at, value: description.value.clone() });
            }
            out.put("required", build::boolean(at, required_names.iter().any(|n| *n == *property.key.text)));
            let resolved = cx.follow(pdoc, &property.value).map(|(_, n)| n);
            let binary = resolved.and_then(|s| s.get("format")).and_then(Node::as_str).is_some_and(|f| f == "binary")
                || resolved.is_some_and(|s| s.get("contentMediaType").is_some());
            if binary && media.starts_with("multipart/form-data") {
                out.put("type", build::string(at, "file"));
            } else {
                let flat = flatten(cx, pdoc, &property.value, "formData", &Node { span: at, value: Value::Object(Vec::new()) });
                if let Some(why) = flat.changed {
                    cx.notes.add(NoteKind::ParameterChanged, at, format!("form field `{}` {why}", property.key.text));
                }
                for (key, value) in flat.members {
                    out.put(&key, value);
                }
            }
            out.put("x-ms-summary", build::string(at, build::title_case(&property.key.text)));
            parameters.push(out.build());
        }
        return (Some(media), parameters);
    }
    let name = operation
        .get("x-codegen-request-body-name")
        .or_else(|| body.get("x-bodyName"))
        .and_then(Node::as_str)
        .unwrap_or("body")
        .to_string();
    let mut out = Object::new(span);
    out.put("name", build::string(span, name));
    out.put("in", build::string(span, "body"));
    if let Some(description) = body.member("description") {
        out.put_at("description", cx.key_span(doc, description.key.span), description.value.clone());
    }
    out.put("required", build::boolean(span, required));
    let converted = match schema {
        Some(schema) => cx.schema(doc, schema),
        None => Object::new(span).build(),
    };
    out.put("schema", converted);
    for member in body.as_object().unwrap_or_default() {
        if member.key.text.starts_with("x-") {
            out.put_at(&member.key.text, cx.key_span(doc, member.key.span), member.value.clone());
        }
    }
    (Some(media), vec![out.build()])
}

/// The properties of a form body's schema, through `$ref`s and `allOf`.
fn collect_form_properties<'n>(
    cx: &Converter<'n, '_>,
    doc: DocId,
    schema: &'n Node,
    out: &mut Vec<(DocId, &'n Member)>,
    required: &mut Vec<String>,
    depth: usize,
) {
    if depth > MAX_REF_HOPS {
        return;
    }
    let Some((doc, schema)) = cx.follow(doc, schema) else { return };
    for name in schema.get("required").and_then(Node::as_array).unwrap_or_default() {
        if let Some(name) = name.as_str() {
            required.push(name.to_string());
        }
    }
    for property in schema.get("properties").and_then(Node::as_object).unwrap_or_default() {
        if property.value.get("readOnly").and_then(Node::as_bool) == Some(true) {
            continue;
        }
        if !out.iter().any(|(_, m)| m.key.text == property.key.text) {
            out.push((doc, property));
        }
    }
    for part in schema.get("allOf").and_then(Node::as_array).unwrap_or_default() {
        collect_form_properties(cx, doc, part, out, required, depth + 1);
    }
}

/// Responses, and the media types they produce.
fn responses(cx: &mut Converter<'_, '_>, doc: DocId, node: Option<&Node>, at: Span) -> (Node, Vec<String>) {
    let mut out = Object::new(node.map_or(at, |n| cx.span(doc, n)));
    let mut produces: Vec<String> = Vec::new();
    for member in node.and_then(Node::as_object).unwrap_or_default() {
        let key_at = cx.key_span(doc, member.key.span);
        let code = normalise_code(&member.key.text);
        let Some(code) = code else {
            cx.notes.add(NoteKind::ResponseChanged, key_at, format!("response `{}` dropped: it is not a status code", member.key.text));
            continue;
        };
        if code != *member.key.text {
            if node.and_then(|n| n.get(&code)).is_some() || out.has(&code) {
                cx.notes.add(
                    NoteKind::ResponseChanged,
                    key_at,
                    format!("response `{}` dropped: `{code}` is already described", member.key.text),
                );
                continue;
            }
            cx.notes.add(
                NoteKind::ResponseChanged,
                key_at,
                format!("response `{}` became `{code}`: Swagger 2.0 has no status-code ranges", member.key.text),
            );
        }
        let Some((rdoc, response)) = cx.follow(doc, &member.value) else { continue };
        let span = cx.span(rdoc, response);
        let mut converted = Object::new(span);
        match response.member("description") {
            Some(description) if description.value.as_str().is_some() => {
                converted.put_at("description", cx.key_span(rdoc, description.key.span), description.value.clone());
            }
            // Swagger 2.0 requires a description: the status code's name says the least that is true.
            _ => {
                converted.put("description", build::string(span, reason_phrase(&code)));
            }
        }
        if let Some(content) = response.get("content").and_then(Node::as_object) {
            for media in content {
                if !produces.contains(&media.key.text.to_string()) {
                    produces.push(media.key.text.to_string());
                }
            }
            if let Some(chosen) = pick_media(content) {
                if let Some(schema) = chosen.value.get("schema") {
                    let schema = cx.schema(rdoc, schema);
                    converted.put("schema", schema);
                }
                if let Some(example) = chosen.value.get("example") {
                    let mut examples = Object::new(cx.span(rdoc, example));
                    examples.put(&chosen.key.text, example.clone());
                    converted.put("examples", examples.build());
                }
            }
        }
        if let Some(headers) = response.get("headers").and_then(Node::as_object) {
            let mut out_headers = Object::new(span);
            for header in headers {
                let Some((hdoc, resolved)) = cx.follow(rdoc, &header.value) else { continue };
                let hspan = cx.span(hdoc, resolved);
                let mut h = Object::new(hspan);
                if let Some(description) = resolved.get("description") {
                    h.put("description", Node { span: hspan, value: description.value.clone() });
                }
                let flat = match resolved.get("schema") {
                    Some(schema) => flatten(cx, hdoc, schema, "header", resolved),
                    None => Flat { members: vec![("type".into(), build::string(hspan, "string"))], changed: None },
                };
                for (key, value) in flat.members {
                    h.put(&key, value);
                }
                out_headers.put_at(&header.key.text, cx.key_span(rdoc, header.key.span), h.build());
            }
            if !out_headers.is_empty() {
                converted.put("headers", out_headers.build());
            }
        }
        if let Some(links) = response.member("links") {
            let names: Vec<&str> = links.value.as_object().unwrap_or_default().iter().map(|m| &*m.key.text).collect();
            cx.notes.add(
                NoteKind::LinkDropped,
                cx.key_span(rdoc, links.key.span),
                format!("link{} {} dropped: Swagger 2.0 has no links", plural(names.len()), quoted(&names)),
            );
        }
        for extension in response.as_object().unwrap_or_default() {
            if extension.key.text.starts_with("x-") {
                converted.copy(extension);
            }
        }
        out.put_at(&code, key_at, converted.build());
    }
    (out.build(), produces)
}

/// The name of a status code (`404` → `Not Found`), or `Response`.
fn reason_phrase(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        "400" => "Bad Request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not Found",
        "409" => "Conflict",
        "422" => "Unprocessable Entity",
        "429" => "Too Many Requests",
        "500" => "Internal Server Error",
        _ => "Response",
    }
}

/// A response key as Swagger 2.0 allows it: `default` or three digits; `2XX` → `200`.
fn normalise_code(key: &str) -> Option<String> {
    if key == "default" || (key.len() == 3 && key.bytes().all(|b| b.is_ascii_digit())) {
        return Some(key.to_string());
    }
    let bytes = key.as_bytes();
    if bytes.len() == 3 && (b'1'..=b'5').contains(&bytes[0]) && key[1..].eq_ignore_ascii_case("xx") {
        return Some(format!("{}00", bytes[0] as char));
    }
    None
}

/// `securityDefinitions` from `components.securitySchemes`.
fn security_schemes(cx: &mut Converter<'_, '_>, root: &Node) -> Option<Node> {
    let schemes = root.get("components")?.get("securitySchemes")?;
    let mut out = Object::new(schemes.span);
    for member in schemes.as_object().unwrap_or_default() {
        let Some((doc, scheme)) = cx.follow(0, &member.value) else { continue };
        let span = cx.span(doc, scheme);
        let name = &*member.key.text;
        let ty = scheme.get("type").and_then(Node::as_str).unwrap_or_default();
        let mut converted = Object::new(span);
        match ty {
            "apiKey" => {
                let place = scheme.get("in").and_then(Node::as_str).unwrap_or_default();
                if place == "cookie" {
                    cx.notes.add(
                        NoteKind::SecurityUnsupported,
                        span,
                        format!("security scheme `{name}` dropped: an API key in a cookie cannot be sent by a connector"),
                    );
                    continue;
                }
                if scheme.get("name").and_then(Node::as_str).is_none() || !matches!(place, "header" | "query") {
                    cx.notes.add(
                        NoteKind::SecurityUnsupported,
                        span,
                        format!("security scheme `{name}` dropped: an API key needs `name` and `in` (header or query)"),
                    );
                    continue;
                }
                converted.put("type", build::string(span, "apiKey"));
                for key in ["name", "in", "description"] {
                    if let Some(m) = scheme.member(key) {
                        converted.copy(m);
                    }
                }
            }
            "http" => {
                let how = scheme.get("scheme").and_then(Node::as_str).unwrap_or_default().to_ascii_lowercase();
                match how.as_str() {
                    "basic" => {
                        converted.put("type", build::string(span, "basic"));
                    }
                    "bearer" => {
                        cx.notes
                            .add(NoteKind::BearerMapped, span, format!("bearer scheme `{name}` became an API key sent in the `Authorization` header"))
                            .help("users then type `Bearer <token>`, or add a policy that prefixes it; for OAuth 2.0 tokens, use an oauth2 scheme instead");
                        converted.put("type", build::string(span, "apiKey"));
                        converted.put("name", build::string(span, "Authorization"));
                        converted.put("in", build::string(span, "header"));
                    }
                    other => {
                        cx.notes.add(
                            NoteKind::SecurityUnsupported,
                            span,
                            format!(
                                "security scheme `{name}` (HTTP `{other}`) dropped: Power Platform supports basic, API key and OAuth 2.0"
                            ),
                        );
                        continue;
                    }
                }
                if let Some(m) = scheme.member("description") {
                    converted.copy(m);
                }
            }
            "oauth2" => {
                let flows = scheme.get("flows").and_then(Node::as_object).unwrap_or_default();
                let chosen = flows.iter().find(|f| &*f.key.text == "authorizationCode").or_else(|| flows.first());
                let Some(flow) = chosen else { continue };
                let flow_name = &*flow.key.text;
                let flow_type = match flow_name {
                    "authorizationCode" => "accessCode",
                    "clientCredentials" => "application",
                    other => other,
                };
                let others: Vec<&str> = flows.iter().filter(|f| f.key.text != flow.key.text).map(|f| &*f.key.text).collect();
                if flow_name != "authorizationCode" {
                    cx.notes
                        .add(
                            NoteKind::SecurityUnsupported,
                            cx.key_span(doc, flow.key.span),
                            format!("security scheme `{name}` uses the OAuth 2.0 `{flow_name}` flow; Power Platform connectors sign in with the authorization-code flow"),
                        )
                        .help(if flow_name == "clientCredentials" { "client credentials are not supported by custom connectors" } else { "check that the API offers the authorization-code flow and describe it instead" });
                } else if !others.is_empty() {
                    cx.notes.add(
                        NoteKind::SecurityUnsupported,
                        cx.key_span(doc, flow.key.span),
                        format!("security scheme `{name}`: kept the authorizationCode flow, dropped {} (Power Platform uses only the authorization-code flow)", quoted(&others)),
                    );
                }
                let needs_authorization = matches!(flow_type, "accessCode" | "implicit");
                let needs_token = flow_type != "implicit";
                let has = |key: &str| flow.value.get(key).and_then(Node::as_str).is_some_and(|u| !u.is_empty());
                if (needs_authorization && !has("authorizationUrl")) || (needs_token && !has("tokenUrl")) {
                    cx.notes.add(
                        NoteKind::SecurityUnsupported,
                        cx.key_span(doc, flow.key.span),
                        format!("security scheme `{name}` dropped: its `{flow_name}` flow lacks its authorization or token URL"),
                    );
                    continue;
                }
                converted.put("type", build::string(span, "oauth2"));
                converted.put("flow", build::string(cx.key_span(doc, flow.key.span), flow_type));
                for key in ["authorizationUrl", "tokenUrl"] {
                    if let Some(m) = flow.value.member(key) {
                        if (key == "authorizationUrl" && matches!(flow_type, "accessCode" | "implicit"))
                            || (key == "tokenUrl" && flow_type != "implicit")
                        {
                            converted.copy(m);
                        }
                    }
                }
                // Scopes of every flow: operations may ask for a scope that only another flow lists.
                let mut scopes = Object::new(flow.value.get("scopes").map_or(span, |s| s.span));
                for f in flows {
                    for scope in f.value.get("scopes").and_then(Node::as_object).unwrap_or_default() {
                        if !scopes.has(&scope.key.text) {
                            scopes.copy(scope);
                        }
                    }
                }
                converted.put("scopes", scopes.build());
                if let Some(m) = scheme.member("description") {
                    converted.copy(m);
                }
            }
            "openIdConnect" | "mutualTLS" => {
                cx.notes
                    .add(NoteKind::SecurityUnsupported, span, format!("security scheme `{name}` ({ty}) dropped: Swagger 2.0 and Power Platform have no such scheme"))
                    .help(if ty == "openIdConnect" { "describe the identity provider's authorization-code flow as an oauth2 scheme (its authorization and token URLs are in the provider's discovery document)" } else { "client certificates are not supported by custom connectors" });
                continue;
            }
            _ => continue,
        }
        cx.kept_schemes.insert(name.to_string());
        out.put_at(name, member.key.span, converted.build());
    }
    (!out.is_empty()).then(|| out.build())
}

/// A `security` list with the requirements on dropped schemes left out (`None` when nothing is
/// left of a non-empty list).
fn security_requirements(cx: &Converter<'_, '_>, security: &Node) -> Option<Node> {
    let list = security.as_array()?;
    if list.is_empty() {
        return Some(security.clone());
    }
    let kept: Vec<Node> = list
        .iter()
        .filter(|requirement| {
            requirement.as_object().is_some_and(|names| !names.is_empty() && names.iter().all(|n| cx.kept_schemes.contains(&*n.key.text)))
        })
        .cloned()
        .collect();
    (!kept.is_empty()).then(|| build::array(security.span, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn converted(text: &str) -> (serde_json::Value, Vec<String>) {
        let root = crate::yaml::parse(text).root.unwrap();
        let format = super::super::detect(&root).unwrap();
        let conversion = super::super::convert(root, format, InputPlace::default());
        let swagger = serde_json::from_str(&super::super::write::to_json(&conversion.swagger)).unwrap();
        (swagger, conversion.report.notes.iter().map(|n| n.message.clone()).collect())
    }

    #[test]
    fn what_swagger_2_requires_is_always_there() {
        let (swagger, notes) = converted(
            "openapi: 3.0.0\ninfo: {title: T, version: '1', license: {identifier: MIT}}\nservers: [{url: 'https://a b.example.com'}]\npaths:\n  items:\n    get:\n      operationId: list\n      parameters:\n        - {in: query, schema: {type: string}}\n        - {name: x, in: body}\n      responses: {'404': {}}\n    post:\n      operationId: add\n      responses: {}\ncomponents:\n  securitySchemes:\n    Authorization: {type: apiKey, name: Authorization, in: header}\n    broken: {type: apiKey}\n    oauth: {type: oauth2, flows: {authorizationCode: {scopes: {}}}}\n",
        );
        assert!(swagger["info"].get("license").is_none());
        assert!(swagger.get("host").is_none(), "a host with a space is not a host");
        let item = &swagger["paths"]["/items"];
        assert!(item["get"].get("parameters").is_none());
        assert_eq!(item["get"]["responses"]["404"]["description"], "Not Found");
        assert_eq!(item["post"]["responses"]["default"]["description"], "Response");
        let schemes = swagger["securityDefinitions"].as_object().unwrap();
        assert_eq!(schemes.keys().collect::<Vec<_>>(), ["Authorization"], "{notes:?}");
        assert_eq!(
            notes,
            [
                "the server URL `https://a b.example.com` has no usable host",
                "a parameter without a name dropped: it needs a `name` and `in` of query, header, path or cookie",
                "parameter `x` dropped: it needs a `name` and `in` of query, header, path or cookie",
                "`POST items` describes no response; a `default` one was added",
                "security scheme `broken` dropped: an API key needs `name` and `in` (header or query)",
                "security scheme `oauth` dropped: its `authorizationCode` flow lacks its authorization or token URL",
            ]
        );
    }

    #[test]
    fn made_up_names_and_codes() {
        assert_eq!(operation_id_from("get", "/pets/{petId}/photos"), "GetPetsByPetIdPhotos");
        assert_eq!(normalise_code("2XX").as_deref(), Some("200"));
        assert_eq!(normalise_code("4xx").as_deref(), Some("400"));
        assert_eq!(normalise_code("default").as_deref(), Some("default"));
        assert_eq!(normalise_code("abc"), None);
        assert!(is_json("application/problem+json; charset=utf-8"));
        assert!(!is_json("application/xml"));
    }
}
