use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use connlint_core::{FileId, Span};
use std::sync::OnceLock;

declare_rule! {
    /// ## What it does
    /// Looks through every text file of the connector (swagger, apiProperties.json,
    /// settings.json, script) for credentials and tenant identifiers left in it:
    /// private key blocks (`-----BEGIN ... PRIVATE KEY-----`), AWS access key ids (`AKIA...`),
    /// GitHub (`ghp_...`) and Slack (`xoxb-...`) tokens, `Bearer` tokens of 20 characters or
    /// more, a `clientSecret` with a value, and Azure AD tenant GUIDs in
    /// `login.microsoftonline.com/<tenant>` or `login.windows.net/<tenant>` URLs or in a
    /// `tenant`/`tenantId` value. Placeholder GUIDs (all zeros, one repeated digit,
    /// `12345678-1234-...`) and placeholder texts in angle brackets or braces are not reported.
    /// A heuristic, so a warning.
    ///
    /// ## Why is this bad?
    /// Connector files are published (the certification repository is public) and shared
    /// between environments. A secret in them is leaked; a fixed tenant makes the connector
    /// work for one organisation only. Microsoft's pipeline runs a credential scanner on
    /// submissions.
    ///
    /// ## Example
    /// ```json
    /// { "tokenUrl": "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/token" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "tokenUrl": "https://login.microsoftonline.com/common/oauth2/token" }
    /// ```
    pub HardcodedSecret {
        id: "hardcoded-secret",
        category: Security,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A file contains a credential or a fixed tenant id",
        visits: [Connector],
    }
}

fn is_token_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~' | b'+' | b'/' | b'=')
}

/// Length of the run of bytes at `from` that satisfy `accept`.
fn run_len(bytes: &[u8], from: usize, accept: impl Fn(u8) -> bool) -> usize {
    bytes[from.min(bytes.len())..].iter().take_while(|b| accept(**b)).count()
}

/// Whether `text` at `at` is a GUID; returns it.
fn guid_at(text: &str, at: usize) -> Option<&str> {
    let candidate = text.get(at..at + 36)?;
    let ok = candidate.bytes().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { b == b'-' } else { b.is_ascii_hexdigit() });
    ok.then_some(candidate)
}

/// Whether a GUID is an obvious placeholder.
fn is_placeholder_guid(guid: &str) -> bool {
    let hex: Vec<u8> = guid.bytes().filter(|b| *b != b'-').map(|b| b.to_ascii_lowercase()).collect();
    hex.iter().all(|b| *b == hex[0])
        || guid.to_ascii_lowercase().starts_with("12345678-1234")
        || guid.eq_ignore_ascii_case("00000000-0000-0000-0000-000000000000")
}

/// A finding: byte offset, length, and what it looks like.
type Hit = (usize, usize, String);

/// Words that mark a value as a placeholder rather than a real credential.
const PLACEHOLDER_WORDS: [&str; 9] = ["dummy", "example", "your", "placeholder", "xxxx", "****", "here", "value-from", "sample"];

/// Whether a credential-looking value is an obvious placeholder.
fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.trim().is_empty() || value.starts_with(['<', '{', '[', '@', '$']) || PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w))
}

/// Where a kind of credential may start: what the scan looks for (lowercased) and what follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needle {
    /// `xoxb-`, `xoxp-` or `xoxa-`: a Slack token.
    Slack,
    PrivateKey,
    AwsKeyId,
    GitHubToken,
    Bearer,
    ClientSecretKey,
    /// `login.microsoftonline.com/<tenant>`.
    MicrosoftOnline,
    /// `login.windows.net/<tenant>` and `sts.windows.net/<tenant>`.
    WindowsNet,
    /// `"tenant"` or `"tenantId"` as a key.
    TenantKey,
}

const NEEDLES: [(&str, Needle); 9] = [
    ("xox", Needle::Slack),
    ("-----begin ", Needle::PrivateKey),
    ("akia", Needle::AwsKeyId),
    ("ghp_", Needle::GitHubToken),
    ("bearer ", Needle::Bearer),
    ("\"clientsecret\"", Needle::ClientSecretKey),
    ("login.microsoftonline.com/", Needle::MicrosoftOnline),
    (".windows.net/", Needle::WindowsNet),
    ("tenant", Needle::TenantKey),
];

/// All of [`NEEDLES`] in one automaton. Searched over a lowercased copy of the text, its SIMD
/// prefilter skips ahead as it could not over the text itself with case ignored, and one pass
/// for every needle costs less than half of one search per needle.
fn needles() -> &'static AhoCorasick {
    static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let texts = NEEDLES.map(|(text, _)| text);
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(texts).expect("the needles are plain strings")
    })
}

/// (byte offset, length, what) of every finding in `text`.
pub(crate) fn scan(text: &str) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(found_at) = needles().find(Input::new(&lower).span(from..lower.len())) {
        let (needle_text, needle) = NEEDLES[found_at.pattern().as_usize()];
        let at = found_at.start();
        let after = at + needle_text.len();
        // Every occurrence of every needle is looked at. No needle is part of another, and
        // only `xox` can overlap itself (`xoxoxb-`): after it, look again one byte on.
        from = if needle == Needle::Slack { at + 1 } else { after };
        let hit = match needle {
            Needle::Slack => {
                let kind = lower.as_bytes().get(at + 3);
                let token = matches!(kind, Some(b'b' | b'p' | b'a')) && lower.as_bytes().get(at + 4) == Some(&b'-');
                let n = if token { run_len(bytes, at + 5, |b| b.is_ascii_alphanumeric() || b == b'-') } else { 0 };
                (n >= 20).then(|| (at, 5 + n, "a Slack token".to_string()))
            }
            Needle::PrivateKey => private_key(&lower, at),
            Needle::AwsKeyId => {
                let candidate = text.get(at..at + 20);
                let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
                let after_ok = bytes.get(at + 20).is_none_or(|b| !b.is_ascii_alphanumeric());
                let shape = |c: &str| c.starts_with("AKIA") && c[4..].bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                candidate
                    .filter(|c| shape(c) && before_ok && after_ok && !is_placeholder(c))
                    .map(|_| (at, 20, "an AWS access key id".to_string()))
            }
            Needle::GitHubToken => {
                let n = run_len(bytes, after, |b| b.is_ascii_alphanumeric());
                (n >= 36).then(|| (at, 4 + n, "a GitHub token".to_string()))
            }
            Needle::Bearer => bearer_token(text, after),
            Needle::ClientSecretKey => client_secret(text, at),
            Needle::MicrosoftOnline => tenant_in_url(text, after),
            Needle::WindowsNet => {
                let host = lower[..at].ends_with("login") || lower[..at].ends_with("sts");
                host.then(|| tenant_in_url(text, after)).flatten()
            }
            Needle::TenantKey => tenant_key(text, at),
        };
        found.extend(hit);
    }
    found.sort();
    found.dedup_by_key(|(at, _, _)| *at);
    found
}

/// A `-----BEGIN ... PRIVATE KEY-----` line, with `-----begin ` found at `at` of the lowercased text.
fn private_key(lower: &str, at: usize) -> Option<Hit> {
    let line_end = lower[at..].find("-----\n").or_else(|| lower.get(at + 11..)?.find("-----").map(|e| e + 11))?;
    lower[at..at + line_end].contains("private key").then(|| (at, line_end + 5, "a private key".to_string()))
}

/// A token after `Bearer `, which starts at `start`.
fn bearer_token(text: &str, start: usize) -> Option<Hit> {
    let n = run_len(text.as_bytes(), start, is_token_char);
    let token = text.get(start..start + n)?;
    let mixed = token.bytes().any(|b| b.is_ascii_digit()) && token.bytes().any(|b| b.is_ascii_alphabetic());
    (n >= 20 && mixed && !is_placeholder(token)).then(|| (start, n, "a bearer token".to_string()))
}

/// The tenant GUID of a sign-in URL, which starts at `start` (after the host's `/`).
fn tenant_in_url(text: &str, start: usize) -> Option<Hit> {
    let guid = guid_at(text, start)?;
    (!is_placeholder_guid(guid)).then(|| (start, 36, format!("the tenant id {guid}")))
}

/// `"clientSecret": "<value>"` with the key found at `at`.
fn client_secret(text: &str, at: usize) -> Option<Hit> {
    let rest = &text[at + 14..];
    let colon = rest.find(|c: char| !c.is_whitespace())?;
    if !rest[colon..].starts_with(':') {
        return None;
    }
    let after = &rest[colon + 1..];
    let quote = after.find(|c: char| !c.is_whitespace())?;
    if !after[quote..].starts_with('"') {
        return None;
    }
    let value_start = at + 14 + colon + 1 + quote + 1;
    let end = text[value_start..].find('"')?;
    let value = &text[value_start..value_start + end];
    (!is_placeholder(value) && value.len() >= 8).then(|| (value_start, end, "a client secret".to_string()))
}

/// `"tenant": "<guid>"` or `"tenantId": "<guid>"`, with `tenant` found at `at`.
fn tenant_key(text: &str, at: usize) -> Option<Hit> {
    let bytes = text.as_bytes();
    let key_end = text[at..].find('"')?;
    if key_end > 8 || at == 0 || bytes[at - 1] != b'"' {
        return None;
    }
    let after = &text[at + key_end + 1..];
    let trimmed = after.trim_start();
    let colon_skip = after.len() - trimmed.len();
    let value = trimmed.strip_prefix(':')?.trim_start();
    let value_at = at + key_end + 1 + colon_skip + (trimmed.len() - value.len());
    let guid = guid_at(text, value_at + 1).filter(|_| value.starts_with('"'))?;
    (!is_placeholder_guid(guid)).then(|| (value_at + 1, 36, format!("the tenant id {guid}")))
}

impl Rule for HardcodedSecret {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for (index, file) in connector.files.iter().enumerate() {
            if file.bytes.is_some() {
                continue;
            }
            let id = FileId(index as u32);
            for (at, len, what) in scan(file.source.text()) {
                cx.report(id, Span::new(at as u32, (at + len) as u32), format!("this looks like {what}"))
                    .help("remove it; credentials belong in connection parameters, and multi-tenant apps use `common`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn finds_credentials_and_tenants() {
        let text = "{\"securityDefinitions\": {\"o\": {\"type\": \"oauth2\",\n  \"tokenUrl\": \"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/token\"}},\n\"x-example\": \"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abc123\",\n\"x-key\": \"AKIAIOSFODNN7ABCDEFG\"}";
        assert_eq!(
            messages(&HardcodedSecret, swagger(text)),
            [
                "2:50 this looks like the tenant id 72f988bf-86f1-41af-91ab-2d7cd011db47",
                "3:37 this looks like a bearer token",
                "4:11 this looks like an AWS access key id",
            ]
        );
        let props = "{\"properties\": {\"connectionParameters\": {\"token\": {\"oAuthSettings\": {\n  \"clientSecret\": \"s3cr3t-value-123\",\n  \"properties\": {\"tenantId\": \"0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}}}}}}";
        assert_eq!(positions(&HardcodedSecret, api_properties(props)), ["apiProperties.json:2:20", "apiProperties.json:3:31"]);
        assert_eq!(scan("-----BEGIN RSA PRIVATE KEY-----\nabc").len(), 1);
        assert_eq!(scan(&format!("ghp_{}", "a1".repeat(18))).len(), 1);
    }

    #[test]
    fn finds_slack_tokens_and_tenant_hosts_in_any_case() {
        let guid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let token = "a1-".repeat(7);
        let text = format!(
            "xoxoxb-{token} XOXP-{token} xoxa-short https://STS.windows.net/{guid}/ login.Windows.net/{guid} my.windows.net/{guid}"
        );
        let hits: Vec<(usize, usize, String)> = scan(&text);
        let tenant = format!("the tenant id {guid}");
        assert_eq!(
            hits,
            [(2, 26, "a Slack token".to_string()), (29, 26, "a Slack token".to_string()), (91, 36, tenant.clone()), (147, 36, tenant),]
        );
    }

    #[test]
    fn silent_on_placeholders() {
        let text = r#"{"tokenUrl": "https://login.microsoftonline.com/common/oauth2/token",
            "x-a": "https://login.windows.net/00000000-0000-0000-0000-000000000000/",
            "x-b": "Bearer {token}", "x-c": "Bearer <access token here>", "x-d": "bearer token",
            "tenantId": "12345678-1234-1234-1234-123456789012", "clientSecret": "", "x-e": "AKIA too short",
            "id": "72f988bf-86f1-41af-91ab-2d7cd011db47"}"#;
        assert_silent(&HardcodedSecret, swagger(text));
        for secret in ["<< Please add your client secret >>", "[[DUMMY]]", "YOUR_CLIENT_SECRET", "Value-From-Your-App-Registration"] {
            assert_silent(&HardcodedSecret, api_properties(&format!(r#"{{"clientSecret": "{secret}"}}"#)));
        }
        assert!(scan("AKIAIOSFODNN7EXAMPLE").is_empty());
    }
}
