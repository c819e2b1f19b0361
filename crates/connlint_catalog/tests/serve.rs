//! `connlint serve`'s server end to end on a loopback port: paging, filters, errors, path
//! traversal, the HTML page, re-scanning after a change, and a clean stop.

mod common;

use common::{get, request, Reply};
use connlint_catalog::server::{ServeOptions, Server};
use connlint_catalog::Catalog;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// A server over the corpus on a free loopback port, started once for this file's tests.
fn corpus_server() -> Option<SocketAddr> {
    static ADDR: OnceLock<Option<SocketAddr>> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let corpus = common::corpus()?;
        let server = Server::bind("127.0.0.1:0", vec![corpus], ServeOptions::default()).unwrap();
        let addr = server.local_addr().unwrap();
        std::thread::spawn(move || server.run().unwrap());
        Some(addr)
    })
}

/// Every id, following `links.next` from `start`; also checks each page's shape.
fn walk(addr: SocketAddr, start: &str, limit: usize) -> Vec<String> {
    let mut ids = Vec::new();
    let mut next = Some(start.to_string());
    let mut previous_current: Option<String> = None;
    while let Some(target) = next {
        let reply = get(addr, &target);
        assert_eq!(reply.status, 200, "{target}: {}", String::from_utf8_lossy(&reply.body));
        let page = reply.json();
        assert_eq!(page["status_code"], 200);
        assert_eq!(page["status"], "OK");
        let data = page["data"].as_array().unwrap();
        assert!(data.len() <= limit);
        assert_eq!(page["meta"]["items_on_page"], data.len());
        // The previous page's cursor points back to the page before.
        assert_eq!(page["meta"]["cursors"]["previous"].as_str().map(String::from), previous_current);
        previous_current = page["meta"]["cursors"]["current"].as_str().map(String::from);
        ids.extend(data.iter().map(|r| r["id"].as_str().unwrap().to_string()));
        next = page["links"]["next"].as_str().map(String::from);
        assert_eq!(next.is_some(), page["meta"]["cursors"]["next"].is_string());
    }
    ids
}

fn error_shape(reply: &Reply, status: u16, type_name: &str) -> Value {
    assert_eq!(reply.status, status, "{}", String::from_utf8_lossy(&reply.body));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    // serde_json's map sorts its keys.
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["detail", "error", "message", "status_code", "type_name"]);
    assert_eq!(body["status_code"], status);
    assert_eq!(body["type_name"], type_name);
    body
}

#[test]
fn paging_with_limit_7_gives_every_id_exactly_once() {
    let Some(addr) = corpus_server() else { return };
    let ids = walk(addr, "/connector/connectors?limit=7", 7);
    assert_eq!(ids.len(), 1035);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 1035);
    assert_eq!(ids, unique, "pages come in id order");
    // 1035 = 147 × 7 + 6: the last page is short, and a cursor gives the same page again.
    let first = get(addr, "/connector/connectors?limit=7").json();
    let second_link = first["links"]["next"].as_str().unwrap();
    let second = get(addr, second_link).json();
    assert_eq!(get(addr, second_link).json()["data"], second["data"]);
    assert_eq!(second["data"][0]["id"], ids[7]);
    // Without a limit, pages have 20 connectors.
    assert_eq!(get(addr, "/connector/connectors").json()["meta"]["items_on_page"], 20);
}

#[test]
fn each_filter_and_a_combination() {
    let Some(addr) = corpus_server() else { return };
    let count = |query: &str| walk(addr, &format!("/connector/connectors?limit=200&{query}"), 200).len();
    assert_eq!(count("filter[auth_type]=oauth2"), 249);
    assert_eq!(count("filter%5Bauth_type%5D=basic"), 82);
    assert_eq!(count("filter[status]=live"), 23);
    assert_eq!(count("filter[profile]=template"), 2);
    assert_eq!(count("filter[profile]=independent_publisher"), 394);
    assert_eq!(count("filter[publisher]=Microsoft"), 23);
    assert_eq!(count("filter[name]=MAIL"), 13);
    assert_eq!(count("filter[auth_type]=oauth2&filter[profile]=independent_publisher"), 35);
    assert_eq!(count("filter[name]=mail&filter[auth_type]=oauth2"), 3);
    // A value with a space, percent-encoded, and links that keep the filter.
    let page = get(addr, "/connector/connectors?limit=1&filter[publisher]=BrainCore%20Solutions%20GmbH").json();
    assert_eq!(page["data"][0]["id"], "certified-connectors+absentify");
    assert_eq!(page["links"]["next"], Value::Null);
    let page = get(addr, "/connector/connectors?limit=5&filter[auth_type]=oauth2").json();
    assert!(page["links"]["next"].as_str().unwrap().ends_with("&limit=5&filter%5Bauth_type%5D=oauth2"));
    // The same rule as the library's filter.
    let catalog = Catalog::build(&[common::corpus().unwrap()], &Default::default()).unwrap();
    let mut filter = connlint_catalog::Filter::default();
    filter.add("name", "mail").unwrap();
    filter.add("auth_type", "oauth2").unwrap();
    let expected: Vec<&str> = filter.apply(&catalog.records).iter().map(|r| r.id.as_str()).collect();
    assert_eq!(walk(addr, "/connector/connectors?filter[name]=mail&filter[auth_type]=oauth2", 20), expected);
}

#[test]
fn one_connector_and_the_error_shapes() {
    let Some(addr) = corpus_server() else { return };
    let one = get(addr, "/connector/connectors/certified-connectors+the-events-calendar");
    assert_eq!(one.status, 200);
    let body = one.json();
    assert_eq!(body["status_code"], 200);
    assert_eq!(body["data"]["name"], "The Events Calendar");
    for bad in ["limit=0", "limit=201", "limit=ten", "limit=", "limit=7.5"] {
        let body = error_shape(&get(addr, &format!("/connector/connectors?{bad}")), 400, "RequestValidationError");
        assert_eq!(body["detail"]["parameter"], "limit");
    }
    let body = error_shape(&get(addr, "/connector/connectors?cursor=bm90LW91cnM"), 400, "RequestValidationError");
    assert_eq!(body["detail"]["parameter"], "cursor");
    let body = error_shape(&get(addr, "/connector/connectors?filter[colour]=red"), 400, "RequestValidationError");
    assert_eq!(body["message"], "cannot filter on `colour`; the filter fields are auth_type, status, profile, publisher, name");
    error_shape(&get(addr, "/connector/connectors?filter[name]=%zz"), 400, "RequestValidationError");
    let body = error_shape(&get(addr, "/connector/connectors/certified-connectors+no-such-thing"), 404, "NotFoundError");
    assert_eq!(body["detail"]["id"], "certified-connectors+no-such-thing");
    error_shape(&get(addr, "/elsewhere"), 404, "NotFoundError");
    for method in ["POST", "PUT", "DELETE", "PATCH", "HEAD"] {
        for target in ["/connector/connectors", "/connector/connectors/certified-connectors+absentify", "/"] {
            let reply = request(addr, method, target);
            if method == "HEAD" {
                assert_eq!(reply.status, 405);
                continue;
            }
            error_shape(&reply, 405, "MethodNotAllowedError");
            assert_eq!(reply.header("allow"), Some("GET"));
        }
    }
}

#[test]
fn path_traversal_is_a_404() {
    let Some(addr) = corpus_server() else { return };
    for target in [
        "/connector/connectors/..%2F..%2F..%2Fetc%2Fpasswd",
        "/connector/connectors/../../../etc/passwd",
        "/connector/connectors/%2e%2e",
        "/connector/connectors/..",
        "/connector/connectors/certified-connectors%2Fabsentify",
        "/connector/connectors/certified-connectors/absentify/apiProperties.json",
        "/../../etc/passwd",
    ] {
        let reply = get(addr, target);
        error_shape(&reply, 404, "NotFoundError");
        assert!(!String::from_utf8_lossy(&reply.body).contains("root:"), "{target}");
    }
}

#[test]
fn the_catalog_page_forbids_network_requests() {
    let Some(addr) = corpus_server() else { return };
    let reply = get(addr, "/");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(reply.header("content-security-policy"), Some(connlint_catalog::html::CONTENT_SECURITY_POLICY));
    let page = String::from_utf8(reply.body).unwrap();
    assert!(page.contains(r#"<script id="catalog-data" type="application/json">[{"id":"#));
    assert!(!page.contains("http://cdn") && !page.contains("<link "));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn files_that_change_are_served_after_a_rescan_and_the_server_stops_cleanly() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("connectors");
    copy_dir(&common::repo_root().join("testdata/connectors/clean"), &root.join("Contoso Notes"));
    let options = ServeOptions { recheck_interval: Duration::ZERO, workers: 2, ..Default::default() };
    let server = Server::bind("127.0.0.1:0", vec![root.clone()], options).unwrap();
    let addr = server.local_addr().unwrap();
    let stop = server.stop_handle().unwrap();
    let running = std::thread::spawn(move || server.run());
    let ids = |addr| walk(addr, "/connector/connectors", 20);
    assert_eq!(ids(addr), ["contoso-notes"]);
    // A new connector folder.
    copy_dir(&common::repo_root().join("testdata/connectors/sample"), &root.join("Sample"));
    assert_eq!(ids(addr), ["contoso-notes", "sample"]);
    // An edited title (the same size, so only the modification time tells; wait so it differs).
    let swagger = root.join("Sample/apiDefinition.swagger.json");
    let text = std::fs::read_to_string(&swagger).unwrap();
    let old_name = get(addr, "/connector/connectors/sample").json()["data"]["name"].as_str().unwrap().to_string();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&swagger, text.replacen(&format!("\"{old_name}\""), "\"Renamed\"", 1)).unwrap();
    assert_eq!(get(addr, "/connector/connectors/sample").json()["data"]["name"], "Renamed");
    // A removed folder.
    std::fs::remove_dir_all(root.join("Contoso Notes")).unwrap();
    assert_eq!(ids(addr), ["sample"]);
    stop.stop();
    running.join().unwrap().unwrap();
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err(), "the port is closed");
}

#[test]
fn a_small_bounded_load_gives_no_errors() {
    let root: PathBuf = common::repo_root().join("testdata/connectors");
    let server = Server::bind("127.0.0.1:0", vec![root], ServeOptions::default()).unwrap();
    let addr = server.local_addr().unwrap();
    let stop = server.stop_handle().unwrap();
    let running = std::thread::spawn(move || server.run());
    let ids: Vec<String> = walk(addr, "/connector/connectors", 20);
    assert_eq!(ids.len(), 4);
    let errors = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..8 {
            let (ids, errors) = (&ids, &errors);
            scope.spawn(move || {
                for i in 0..50 {
                    let target = match (worker + i) % 3 {
                        0 => "/connector/connectors?limit=2".to_string(),
                        1 => format!("/connector/connectors/{}", ids[i % ids.len()]),
                        _ => "/connector/connectors?filter[auth_type]=apiKey".to_string(),
                    };
                    if get(addr, &target).status != 200 {
                        errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    assert_eq!(errors.into_inner(), 0);
    stop.stop();
    running.join().unwrap().unwrap();
}
