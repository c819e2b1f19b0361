use super::label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::{self, Node, Value};
use connlint_core::solution::decode_json_string;
use connlint_core::source::origin::Decoded;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Looks inside a `connectors` record's `connectionparameters` and
    /// `connectionparametersets` (JSON documents kept as strings) for members whose name says
    /// they hold a secret (`clientSecret`, `password`, `apiKey`, …) and whose value is an
    /// empty string. The finding points inside the record's string, at the empty value.
    ///
    /// ## Why is this bad?
    /// The Web API never returns secrets: it sends them back empty. A connector created again
    /// from this record has an empty secret, and its connections fail to sign in until
    /// someone sets the secret again in the portal.
    ///
    /// ## Example
    /// ```json
    /// { "name": "new_contoso",
    ///   "connectionparameters": "{\"token\": {\"type\": \"oauthSetting\", \"oAuthSettings\": {\"clientId\": \"abc\", \"clientSecret\": \"\"}}}" }
    /// ```
    /// Use instead: deploy the record, then set the client secret on the connector's security
    /// page in the portal (or deploy from a source that holds the secret, outside the record).
    pub RecordSecretEmptied {
        id: "record-secret-emptied",
        category: Records,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "A connectors record has a secret the Web API returned empty",
        visits: [Connector],
    }
}

const FIELDS: [&str; 2] = ["connectionparameters", "connectionparametersets"];

/// Whether a member's name says it holds a secret.
fn is_secret_name(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    ["secret", "password", "apikey", "api_key", "api-key"].iter().any(|word| lower.contains(word))
}

/// Every member with a secret name and an empty string value, as the value's span.
fn empty_secrets<'n>(node: &'n Node<'n>, out: &mut Vec<(&'n str, Span)>) {
    match &node.value {
        Value::Object(members) => {
            for member in members {
                if is_secret_name(&member.key.text) && member.value.as_str() == Some("") {
                    out.push((&member.key.text, member.value.span));
                }
                empty_secrets(&member.value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| empty_secrets(item, out)),
        _ => {}
    }
}

impl Rule for RecordSecretEmptied {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for record in &cx.model.records {
            let text = connector.file(record.file).source.text();
            for field in FIELDS {
                let Some(node) = record.get(field).filter(|n| n.as_str().is_some()) else { continue };
                let decoded: Decoded = decode_json_string(text, node.span);
                let parsed = json::parse(&decoded.text);
                let Some(root) = parsed.root.as_ref() else { continue };
                let mut found = Vec::new();
                empty_secrets(root, &mut found);
                for (key, span) in found {
                    let real = Span::new(decoded.real_offset(span.start), decoded.real_offset(span.end));
                    cx.report(
                        record.file,
                        real,
                        format!("{}: `{key}` in `{field}` is empty; the Web API returns secrets empty, so set the secret in the portal", label(record)),
                    )
                    .help("after deploying the record, enter the secret on the connector's security page (or keep it outside the record and set it at deployment)");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_empty_secrets_inside_the_string() {
        let text = "{\n  \"name\": \"new_contoso\",\n  \"connectionparameters\": \"{\\\"token\\\": {\\\"oAuthSettings\\\": {\\\"clientId\\\": \\\"abc\\\", \\\"clientSecret\\\": \\\"\\\"}}}\",\n  \"connectionparametersets\": \"{\\\"values\\\": [{\\\"parameters\\\": {\\\"ApiKey\\\": \\\"\\\", \\\"password\\\": \\\"x\\\"}}]}\"\n}";
        assert_eq!(
            records(text).messages(&RecordSecretEmptied),
            [
                "connectors.json:3:102 record `new_contoso`: `clientSecret` in `connectionparameters` is empty; the Web API returns secrets empty, so set the secret in the portal",
                "connectors.json:4:75 record `new_contoso`: `ApiKey` in `connectionparametersets` is empty; the Web API returns secrets empty, so set the secret in the portal",
            ]
        );
    }

    #[test]
    fn silent_on_set_secrets_other_empty_values_and_unreadable_documents() {
        let text = "{\"name\": \"n\", \"connectionparameters\": \"{\\\"clientSecret\\\": \\\"s3cret\\\", \\\"clientId\\\": \\\"\\\", \\\"password\\\": {\\\"type\\\": \\\"securestring\\\"}}\", \"connectionparametersets\": \"not json\", \"description\": \"{\\\"secret\\\": \\\"\\\"}\"}";
        records(text).assert_silent(&RecordSecretEmptied);
    }

    #[test]
    fn secret_names() {
        assert!(
            is_secret_name("clientSecret") && is_secret_name("PASSWORD") && is_secret_name("x-api-key") && is_secret_name("apiKeyValue")
        );
        assert!(!is_secret_name("clientId") && !is_secret_name("keyName"));
    }
}
