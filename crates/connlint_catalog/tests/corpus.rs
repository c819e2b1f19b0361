//! The catalog of Microsoft's connector repository (`../shared/corpus`): counts, the schema,
//! and three records checked by hand against their files.

mod common;

use connlint_catalog::{Catalog, ConnectorRecord};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The corpus catalog, built once for every test of this file.
fn catalog() -> Option<&'static Catalog> {
    static CATALOG: OnceLock<Option<Catalog>> = OnceLock::new();
    CATALOG.get_or_init(|| common::corpus().map(|path| Catalog::build(&[path], &Default::default()).unwrap())).as_ref()
}

fn record(id: &str) -> Value {
    let record = catalog().unwrap().get(id).unwrap_or_else(|| panic!("no record {id}"));
    serde_json::to_value(record).unwrap()
}

fn tally<'r>(records: &'r [ConnectorRecord], key: impl Fn(&'r ConnectorRecord) -> String) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in records {
        *counts.entry(key(r)).or_insert(0) += 1;
    }
    counts
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn one_record_per_connector_folder_with_unique_ids_and_the_folder_profiles() {
    let Some(catalog) = catalog() else { return };
    assert_eq!(catalog.records.len(), 1035);
    assert!(catalog.input_errors.is_empty());
    let ids: std::collections::HashSet<&str> = catalog.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 1035);
    assert!(catalog.records.windows(2).all(|w| w[0].id < w[1].id), "records are sorted by id");
    // Microsoft's two templates (templates/certified-connectors and templates/Independent
    // Publisher) are their own profile, though the linter lints the first as certified.
    assert_eq!(
        tally(&catalog.records, |r| r.power_platform.profile.to_string()),
        counts(&[("certified", 619), ("custom", 20), ("independent_publisher", 394), ("template", 2)])
    );
    assert_eq!(tally(&catalog.records, |r| r.power_platform.lint.profile.to_string()), counts(&[("base", 21), ("certification", 1014)]));
    assert_eq!(record("templates+certified-connectors")["power_platform"]["lint"]["profile"], "certification");
    assert_eq!(record("templates+independent-publisher")["power_platform"]["lint"]["profile"], "base");
}

#[test]
fn the_distributions_of_auth_status_and_triggers() {
    let Some(catalog) = catalog() else { return };
    let records = &catalog.records;
    assert_eq!(
        tally(records, |r| r.auth_type.to_string()),
        counts(&[("apiKey", 567), ("basic", 82), ("custom", 5), ("none", 132), ("oauth2", 249)])
    );
    assert_eq!(
        tally(records, |r| r.oauth_grant_type.unwrap_or("null").to_string()),
        counts(&[("authorization_code", 246), ("implicit", 3), ("null", 786)])
    );
    assert_eq!(tally(records, |r| r.status.to_string()), counts(&[("beta", 1012), ("live", 23)]));
    assert_eq!(
        tally(records, |r| r.power_platform.status_source.to_string()),
        counts(&[("default", 933), ("info", 91), ("operations", 10), ("title", 1)])
    );
    assert_eq!(records.iter().filter(|r| r.power_platform.counts.triggers > 0).count(), 220);
    assert_eq!(records.iter().map(|r| r.power_platform.counts.triggers).sum::<usize>(), 729);
    assert_eq!(records.iter().filter(|r| r.supported_events.iter().any(|e| e.delivery == "webhook")).count(), 199);
    assert_eq!(records.iter().filter(|r| r.power_platform.auth_options.len() > 1).count(), 10);
    assert_eq!(records.iter().filter(|r| r.icon_url.is_some()).count(), 13);
    assert_eq!(records.iter().filter(|r| r.power_platform.lint.errors > 0).count(), 759);
}

#[test]
fn every_record_is_valid_against_the_schema() {
    let Some(catalog) = catalog() else { return };
    let schema: Value = serde_json::from_str(connlint_catalog::RECORD_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for record in &catalog.records {
        let value = serde_json::to_value(record).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", record.id);
    }
}

/// certified-connectors/absentify: an AAD sign-in with no scopes, two webhook triggers whose
/// body schema carries `x-ms-notification-url`, and a hidden tenant-id parameter.
#[test]
fn absentify_matches_its_files() {
    if catalog().is_none() {
        return;
    }
    let r = record("certified-connectors+absentify");
    assert_eq!(r["name"], "absentify");
    assert_eq!(r["status"], "beta");
    assert_eq!(r["auth_type"], "oauth2");
    assert_eq!(r["oauth_grant_type"], "authorization_code");
    assert_eq!(r["oauth_scopes"], json!([]));
    assert_eq!(r["settings"], json!([]), "token:TenantId is hidden");
    assert_eq!(r["website_url"], "https://absentify.com");
    assert_eq!(
        r["supported_events"],
        json!([
            {"event_type": "TriggerRequestCreated", "event_source": "native", "downstream_event_type": "Request created", "delivery": "webhook", "trigger": "single"},
            {"event_type": "TriggerRequestStatusChanged", "event_source": "native", "downstream_event_type": "Request status updated", "delivery": "webhook", "trigger": "single"}
        ])
    );
    let p = &r["power_platform"];
    assert_eq!(p["publisher"], "BrainCore Solutions GmbH");
    assert_eq!(p["brand_color"], "#4a52bb");
    assert_eq!(p["identity_provider"], "aad");
    assert_eq!(p["categories"], json!(["Human Resources", "Business Management"]));
    assert_eq!(p["privacy_policy_url"], "https://absentify.com/privacy-policy");
    assert_eq!(p["counts"], json!({"operations": 2, "actions": 0, "triggers": 2, "deprecated": 0, "internal": 0}));
    assert_eq!(p["policy_templates"], json!([]));
    assert_eq!(p["custom_code"], false);
    assert_eq!(p["lint"], json!({"profile": "certification", "errors": 4, "warnings": 3}));
}

/// certified-connectors/Scrive eSign: two sign-in options (username/password first, then
/// OAuth), and a polling trigger beside three webhook ones.
#[test]
fn scrive_esign_matches_its_files() {
    if catalog().is_none() {
        return;
    }
    let r = record("certified-connectors+scrive-esign");
    assert_eq!(r["name"], "Scrive eSign");
    assert_eq!(r["auth_type"], "basic");
    assert_eq!(r["oauth_grant_type"], Value::Null);
    assert_eq!(r["oauth_scopes"], json!([{"id": "FULL_ACCESS", "label": "FULL_ACCESS"}]));
    assert_eq!(
        r["power_platform"]["auth_options"],
        json!([
            {"id": "basic-auth", "label": "Email/password", "auth_type": "basic", "identity_provider": null},
            {"id": "OAuth", "label": "OAuth/SSO", "auth_type": "oauth2", "identity_provider": "oauth2"}
        ])
    );
    let settings: Vec<(&str, &str)> =
        r["settings"].as_array().unwrap().iter().map(|s| (s["id"].as_str().unwrap(), s["type"].as_str().unwrap())).collect();
    assert_eq!(settings, [("username", "password"), ("password", "password"), ("customApiUrl", "password")]);
    let deliveries: Vec<(&str, &str)> = r["supported_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event_type"].as_str().unwrap(), e["delivery"].as_str().unwrap()))
        .collect();
    assert_eq!(
        deliveries,
        [
            ("WebhookOnDocumentSign", "webhook"),
            ("StartAndOnDocumentSign", "webhook"),
            ("WebhookFromTemplateSign", "webhook"),
            ("PollSignedDocuments", "polling")
        ]
    );
    assert_eq!(r["power_platform"]["counts"], json!({"operations": 24, "actions": 20, "triggers": 4, "deprecated": 1, "internal": 5}));
    assert_eq!(r["power_platform"]["policy_templates"], json!(["pollingtrigger"]));
    assert_eq!(r["power_platform"]["lint"], json!({"profile": "certification", "errors": 16, "warnings": 13}));
}

/// certified-connectors/The Events Calendar: an API key in a secure parameter, a host name
/// parameter, three polling batch triggers, and the same findings as `connlint check`.
#[test]
fn the_events_calendar_matches_its_files() {
    if catalog().is_none() {
        return;
    }
    let r = record("certified-connectors+the-events-calendar");
    assert_eq!(r["name"], "The Events Calendar");
    assert_eq!(r["auth_type"], "apiKey");
    assert_eq!(
        r["settings"],
        json!([
            {"id": "api_key", "label": "Access Token", "type": "password", "required": true, "power_platform_type": "securestring"},
            {"id": "endpointUrl", "label": "End point host", "type": "text", "required": true, "power_platform_type": "string"}
        ])
    );
    let events: Vec<(&str, &str, &str)> = r["supported_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event_type"].as_str().unwrap(), e["event_source"].as_str().unwrap(), e["trigger"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [
            ("NewEventTrigger", "virtual", "batch"),
            ("UpdatedEventTrigger", "virtual", "batch"),
            ("CanceledEventTrigger", "virtual", "batch")
        ]
    );
    assert_eq!(
        r["supported_resources"],
        json!([{"id": "untagged", "name": "untagged", "operations": ["NewEventTrigger", "UpdatedEventTrigger", "CanceledEventTrigger", "CreateEvents"]}])
    );
    let p = &r["power_platform"];
    assert_eq!(p["policy_templates"], json!(["dynamichosturl", "setheader", "pollingtrigger"]));
    assert_eq!(p["brand_color"], "#F9F7F4");
    assert_eq!(p["categories"], json!(["Marketing", "Commerce"]));
    assert_eq!(p["lint"], json!({"profile": "certification", "errors": 1, "warnings": 4}));
}
