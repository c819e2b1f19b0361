//! `connlint convert` end to end: every input of `../shared/convert-inputs` converts, its output
//! is Swagger 2.0 by the official schema, `connlint check` finds no error on it that the input
//! does not force, and every input operation is kept or named by a finding. Then the command's
//! own behaviour: output folders, `-o -`, unrecognised and hostile input.

mod common;

use common::{connlint, repo_root, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const OFFICIAL_SCHEMA: &str = include_str!("../../connlint_core/src/spec/swagger-2.0.schema.json");

fn inputs_root() -> Option<PathBuf> {
    let root = repo_root().join("../shared/convert-inputs");
    root.is_dir().then_some(root)
}

/// Errors of `connlint check` on a converted connector that its input causes: rule → count.
type ForcedErrors = Vec<(&'static str, usize)>;

/// Each input: its path under convert-inputs, its operations (the README's `ops` column), and
/// the errors `connlint check` reports on the converted connector that the input itself causes
/// (rule → count), each with the reason.
fn cases() -> Vec<(&'static str, usize, ForcedErrors)> {
    vec![
        ("openapi3/oai-petstore-expanded/petstore-expanded.yaml", 4, vec![]),
        ("openapi3/oai-uspto/uspto.yaml", 3, vec![]),
        ("openapi3/oai-link-example/link-example.json", 6, vec![]),
        ("openapi3/oai-callback-example/callback-example.yaml", 1, vec![]),
        ("openapi3/oai-webhook-example/webhook-example.yaml", 0, vec![]),
        ("openapi3/redocly-museum/openapi.yaml", 8, vec![]),
        ("openapi3/camara-quality-on-demand/API_definitions/quality-on-demand.yaml", 5, vec![]),
        ("openapi3/swagger-petstore-v3/openapi.yaml", 19, vec![]),
        ("openapi3/twilio-api-v2010/twilio_api_v2010.json", 197, vec![]),
        // Its response schemas expand to more than 1,000 schema objects, as in the input.
        ("openapi3/discord/openapi.json", 242, vec![("operation-schema-too-large", 20), ("schema-too-large", 20)]),
        // 288 operations (the limit is 256), and six paths written with a query string
        // (`/responses?beta=true`), as in the input.
        ("openapi3/openai/openapi.yaml", 288, vec![("path-query-or-fragment", 6), ("too-many-operations", 1)]),
        // Schemas that expand to more than 1,000 schema objects, as in the input.
        ("openapi3/influxdb-oss/oss.yml", 225, vec![("operation-schema-too-large", 1), ("schema-too-large", 3)]),
        // The input refers to `#/components/schemas/custom_attributes`, which it does not define.
        ("openapi3/intercom/api.intercom.io.yaml", 108, vec![("unresolved-ref", 4)]),
        // Swagger 2.0 inputs are copied as they are: their own defects stay.
        ("swagger2-yaml/docker-engine/swagger.yaml", 108, vec![("required-property-undefined", 1), ("response-example-not-produced", 7)]),
        ("swagger2-yaml/netlify/swagger.yml", 174, vec![]),
        ("swagger2-yaml/alertmanager/openapi.yaml", 9, vec![("required-property-undefined", 1)]),
        ("swagger2-yaml/oai-uber-v2/uber.yaml", 5, vec![]),
        ("postman/microsoft-graph/Microsoft Graph.postman_collection.json", 168, vec![]),
        ("postman/quipu-api-v2/issue175.json", 42, vec![]),
        ("postman/wise-payouts/Payouts and third party payouts API.postman_collection.json", 33, vec![]),
        ("postman/docusign-click/click-collection.json", 28, vec![]),
        ("postman/brightspace-test-data-setup/Test Data Setup.postman_collection.json", 47, vec![]),
        ("postman/digitickets-order/Order - Basic Example.postman_collection.json", 4, vec![]),
    ]
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn every_input_converts_to_valid_swagger_that_keeps_or_names_every_operation() {
    let Some(root) = inputs_root() else { return };
    let schema: Value = serde_json::from_str(OFFICIAL_SCHEMA).unwrap();
    let validator = jsonschema::options().with_draft(jsonschema::Draft::Draft4).should_validate_formats(false).build(&schema).unwrap();
    let out = tempfile::tempdir().unwrap();
    let cases = cases();
    assert_eq!(cases.len(), 23, "the README lists 23 inputs");
    let mut summary = Vec::new();
    for (input, operations_in, forced) in cases {
        let name = input.split('/').nth(1).unwrap();
        let dir = out.path().join(name);
        let converted =
            connlint(&["convert", root.join(input).to_str().unwrap(), "-o", dir.to_str().unwrap(), "--format", "json"], out.path());
        let code = converted.status.code();
        assert!(matches!(code, Some(0 | 1)), "{input}: exit {code:?}\n{}", stderr(&converted));
        let findings: Value = serde_json::from_str(&stdout(&converted)).unwrap();
        let findings = findings["diagnostics"].as_array().unwrap().clone();
        // Every finding points into the input.
        for finding in &findings {
            assert!(finding["file"].as_str().unwrap().ends_with(input.rsplit('/').next().unwrap()), "{input}: {finding}");
        }

        // Strict Swagger 2.0 by the official schema.
        let swagger = json(&dir.join("apiDefinition.swagger.json"));
        let errors: Vec<String> = validator.iter_errors(&swagger).map(|e| format!("{} at {}", e, e.instance_path)).take(5).collect();
        assert!(errors.is_empty(), "{input}: not Swagger 2.0: {errors:#?}");
        json(&dir.join("apiProperties.json"));
        json(&dir.join("settings.json"));

        // Operations: kept, merged (Postman) or dropped with a finding.
        let kept: usize = swagger["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .filter(|k| ["get", "put", "post", "delete", "options", "head", "patch"].contains(&k.as_str()))
                    .count()
            })
            .sum();
        let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
        let merged: usize = findings
            .iter()
            .filter(|f| f["rule"] == "conversion-operations-merged")
            .map(|f| f["related"].as_array().map_or(0, Vec::len))
            .sum();
        let dropped = count("conversion-operation-dropped");
        assert_eq!(kept + merged + dropped, operations_in, "{input}: {kept} kept + {merged} merged + {dropped} dropped");
        if operations_in == 0 {
            assert_eq!(count("conversion-no-operations"), 1, "{input}: an input without operations is named");
        } else {
            assert!((kept + merged) * 10 >= operations_in * 9, "{input}: fewer than 90% of the operations kept");
        }

        // `connlint check` on the output: no error but those the input forces.
        let checked = connlint(&["check", dir.to_str().unwrap(), "--profile", "base", "--no-config", "--format", "json"], out.path());
        let report: Value = serde_json::from_str(&stdout(&checked)).unwrap();
        let mut errors: BTreeMap<String, usize> = BTreeMap::new();
        for finding in report["diagnostics"].as_array().unwrap() {
            if finding["severity"] == "error" {
                *errors.entry(finding["rule"].as_str().unwrap().to_string()).or_default() += 1;
            }
        }
        let forced: BTreeMap<String, usize> = forced.into_iter().map(|(rule, n)| (rule.to_string(), n)).collect();
        assert_eq!(errors, forced, "{input}: errors of `connlint check` on the converted connector");
        summary.push(format!("{name}: {kept}/{operations_in} operations kept, {} findings", findings.len()));
    }
    eprintln!("{}", summary.join("\n"));
}

#[test]
fn a_multi_file_description_follows_its_references_inside_the_allowed_folder() {
    let Some(root) = inputs_root() else { return };
    let input = root.join("openapi3/camara-quality-on-demand/API_definitions/quality-on-demand.yaml");
    let out = tempfile::tempdir().unwrap();
    // By default only the input's folder: `../common/...` is outside it and reported.
    let outside = connlint(&["convert", input.to_str().unwrap(), "-o", "-", "--format", "json"], out.path());
    let findings: Value = serde_json::from_str(&stderr(&outside)).unwrap();
    let refused: Vec<&str> = findings["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "conversion-external-ref")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused.iter().all(|m| m.contains("outside the folder")), "{refused:?}");
    // With the description's root folder allowed, both common files are read.
    let allowed = root.join("openapi3/camara-quality-on-demand");
    let inside =
        connlint(&["convert", input.to_str().unwrap(), "-o", "-", "--ref-root", allowed.to_str().unwrap(), "--format", "json"], out.path());
    let findings: Value = serde_json::from_str(&stderr(&inside)).unwrap();
    assert!(!findings["diagnostics"].as_array().unwrap().iter().any(|f| f["rule"] == "conversion-external-ref"), "{findings}");
    let swagger: Value = serde_json::from_str(&stdout(&inside)).unwrap();
    let definitions = swagger["definitions"].as_object().unwrap();
    assert!(definitions.contains_key("ErrorInfo"), "a schema of CAMARA_common.yaml became a definition");
    let text = stdout(&inside);
    assert!(!text.contains("\"$ref\": \"../"), "no reference to another file is left");
}

#[test]
fn output_folders_are_named_kept_and_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.yaml");
    std::fs::write(&input, "openapi: 3.0.3\ninfo: {title: My API, version: '1'}\nservers: [{url: 'https://api.example.com/v1'}]\npaths:\n  /items:\n    get:\n      operationId: ListItems\n      summary: List items\n      responses: {'200': {description: OK}}\n").unwrap();
    let first = connlint(&["convert", "api.yaml"], dir.path());
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let out = dir.path().join("My-API");
    let swagger = std::fs::read_to_string(out.join("apiDefinition.swagger.json")).unwrap();
    assert!(swagger.starts_with("{\n  \"swagger\": \"2.0\",\n  \"info\": {\n    \"title\": \"My API\""), "{swagger}");
    assert!(swagger.contains("\"host\": \"api.example.com\"") && swagger.contains("\"basePath\": \"/v1\""));
    let properties = json(&out.join("apiProperties.json"));
    assert_eq!(properties["properties"]["iconBrandColor"], "#007ee5");
    assert_eq!(json(&out.join("settings.json"))["apiDefinition"], "apiDefinition.swagger.json");

    // The folder is not empty now: refused without --force, and nothing is changed.
    std::fs::write(out.join("apiDefinition.swagger.json"), "mine").unwrap();
    let again = connlint(&["convert", "api.yaml"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is not empty; pass --force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(out.join("apiDefinition.swagger.json")).unwrap(), "mine");
    let forced = connlint(&["convert", "api.yaml", "--force"], dir.path());
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(out.join("apiDefinition.swagger.json")).unwrap(), swagger);

    // `-o -`: the swagger on standard output, nothing written.
    let printed = connlint(&["convert", "api.yaml", "-o", "-"], dir.path());
    assert_eq!(stdout(&printed), swagger);
}

#[test]
fn findings_fail_at_the_chosen_level_and_print_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("api.json"),
        r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
"servers": [{"url": "https://a.example.com"}, {"url": "https://b.example.com"}],
"paths": {"/items": {"get": {"operationId": "list", "responses": {"200": {"description": "OK"}}}}}}"#,
    )
    .unwrap();
    let human = connlint(&["convert", "api.json", "-o", "out"], dir.path());
    assert_eq!(human.status.code(), Some(1), "a warning fails by default");
    assert!(stdout(&human).contains("conversion-server-dropped"), "{}", stdout(&human));
    assert!(stdout(&human).contains("api.json:2:47"), "{}", stdout(&human));
    let lenient = connlint(&["convert", "api.json", "-o", "out2", "--fail-on", "error", "--format", "compact"], dir.path());
    assert_eq!(lenient.status.code(), Some(0));
    assert_eq!(
        stdout(&lenient).lines().next().unwrap(),
        "api.json:2:47: warning [conversion-server-dropped] server `https://b.example.com` dropped: a connector has one host"
    );
    let sarif = connlint(&["convert", "api.json", "-o", "out3", "--format", "sarif"], dir.path());
    let sarif: Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "conversion-server-dropped");
}

#[test]
fn unreadable_unrecognised_and_hostile_inputs_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, text: &[u8]| {
        std::fs::write(dir.path().join(name), text).unwrap();
        let output = connlint(&["convert", name, "-o", "out"], dir.path());
        assert!(!dir.path().join("out").exists(), "{name}: nothing is written");
        (output.status.code(), stderr(&output))
    };
    let (code, message) = run("plain.json", br#"{"hello": "world"}"#);
    assert_eq!(code, Some(2));
    assert!(message.contains("is not an OpenAPI 3.0 or 3.1 description, a Swagger 2.0 file or a Postman collection"), "{message}");

    let (code, message) = run("missing-comma.yaml", b"openapi: 3.0.0\ninfo: {title: T version: 1}\n  bad: [\n");
    assert_eq!(code, Some(2));
    assert!(message.contains("missing-comma.yaml:"), "positioned: {message}");

    // A billion laughs: refused at the alias that goes over the bound, not expanded.
    let mut bomb = String::from("openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, prev) in (b'b'..=b'j').zip(b'a'..) {
        let (i, prev) = (i as char, prev as char);
        bomb.push_str(&format!("{i}: &{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let (code, message) = run("bomb.yaml", bomb.as_bytes());
    assert_eq!(code, Some(2));
    assert!(message.contains("bomb.yaml:") && message.contains("alias"), "{message}");

    // 100,000 levels of nesting: an error at the level that goes too deep.
    let deep = format!("openapi: 3.0.0\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (code, message) = run("deep.yaml", deep.as_bytes());
    assert_eq!(code, Some(2));
    assert!(message.contains("deep.yaml:2:"), "{message}");

    // 200 MB: refused by size before it is read.
    let big = dir.path().join("big.yaml");
    std::fs::File::create(&big).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let output = connlint(&["convert", "big.yaml", "-o", "out"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("209715200 bytes, over the limit"), "{}", stderr(&output));
}

#[test]
fn references_outside_the_folder_or_to_urls_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("api");
    std::fs::create_dir(&api).unwrap();
    std::fs::write(dir.path().join("secret.yaml"), "Secret: {type: string}\n").unwrap();
    std::fs::write(api.join("shared.yaml"), "Pet: {type: object, properties: {name: {type: string}}}\n").unwrap();
    std::fs::write(
        api.join("openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /pets:\n    get:\n      operationId: ListPets\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: 'shared.yaml#/Pet'}\n        '400':\n          description: Bad\n          content:\n            application/json:\n              schema: {$ref: '../secret.yaml#/Secret'}\n        '500':\n          description: Error\n          content:\n            application/json:\n              schema: {$ref: 'http://192.0.2.1/remote.yaml#/Error'}\n",
    )
    .unwrap();
    let output = connlint(&["convert", "api/openapi.yaml", "-o", "-", "--format", "compact", "--fail-on", "error"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let findings = stderr(&output);
    assert!(
        findings.contains(
            "api/openapi.yaml:18:30: warning [conversion-external-ref] `$ref` to `../secret.yaml` not followed: it is outside the folder"
        ),
        "{findings}"
    );
    assert!(
        findings.contains(
            "api/openapi.yaml:23:30: warning [conversion-external-ref] `$ref` to `http://192.0.2.1/remote.yaml` not followed: it is a URL"
        ),
        "{findings}"
    );
    let swagger: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(swagger["definitions"]["Pet"]["properties"]["name"]["type"], "string", "the file inside the folder is read");
    assert!(swagger["definitions"].get("Secret").is_none(), "the file outside is not");
}

#[test]
fn check_lints_an_openapi_description_through_its_conversion_at_input_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: T, version: '1', description: An API}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /pets/{id}:\n    get:\n      operationId: GetPet\n      summary: Get a pet\n      description: Returns one pet.\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n        - {name: session, in: cookie, schema: {type: string}}\n      responses:\n        '200': {description: OK, content: {application/json: {schema: {type: object, nullable: true}}}}\n",
    )
    .unwrap();
    let output = connlint(
        &[
            "check",
            "openapi.yaml",
            "--no-config",
            "--format",
            "compact",
            "--select",
            "conversion,path-parameter-missing-encoding,unknown-property",
        ],
        dir.path(),
    );
    let text = stdout(&output);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("openapi.yaml:")).collect::<Vec<_>>(),
        [
            "openapi.yaml:11:18: warning [path-parameter-missing-encoding] path parameter `id` does not say how it is URL-encoded",
            "openapi.yaml:12:11: warning [conversion-cookie-parameter-dropped] cookie parameter `session` dropped: Swagger 2.0 cannot send cookies",
            "openapi.yaml:14:96: info [conversion-nullable-mapped] null is allowed: written as `x-nullable: true`",
        ],
        "{text}"
    );
}
