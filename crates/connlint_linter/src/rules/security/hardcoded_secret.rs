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

/// All of [`NEEDLES`] in one automaton. Searched over the text lowercased (a window at a time,
/// see [`next_needle`]), its SIMD prefilter skips ahead as it could not over the text itself
/// with case ignored, and one pass for every needle costs less than half of one search per
/// needle.
fn needles() -> &'static AhoCorasick {
    static AUTOMATON: OnceLock<AhoCorasick> = OnceLock::new();
    AUTOMATON.get_or_init(|| {
        let texts = NEEDLES.map(|(text, _)| text);
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(texts).expect("the needles are plain strings")
    })
}

/// The longest needle: a match that starts this far or further from the end of a window may
/// run past it.
const LONGEST_NEEDLE: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < NEEDLES.len() {
        if NEEDLES[i].0.len() > longest {
            longest = NEEDLES[i].0.len();
        }
        i += 1;
    }
    longest
};

/// How much of the text is lowercased at a time: small enough to stay in the cache between
/// lowercasing and searching, instead of a copy of the whole file (a megabyte or more).
const WINDOW: usize = 32 * 1024;

/// The offset and [`NEEDLES`] index of the leftmost needle in `text` at or after `from`, as the
/// automaton finds it in the whole lowercased text, found by lowercasing it one [`WINDOW`] at a
/// time into `lower`, which holds the window starting at `*window_start` (an empty `lower` holds
/// none yet).
fn next_needle(text: &[u8], from: usize, lower: &mut Vec<u8>, window_start: &mut usize) -> Option<(usize, usize)> {
    let mut from = from;
    loop {
        let window_end = *window_start + lower.len();
        let at_end = window_end == text.len();
        // A match starting before `safe_end` lies wholly in the window, so the leftmost match
        // found there is the leftmost in the text; one starting later may run past the window.
        let safe_end = if at_end { text.len() } else { window_end.saturating_sub(LONGEST_NEEDLE - 1) };
        if lower.is_empty() || from < *window_start || from >= safe_end {
            if from >= text.len() {
                return None;
            }
            *window_start = from;
            lower.clear();
            // Lowered as it is copied: one pass over the window instead of two.
            lower.extend(text[from..(from + WINDOW).min(text.len())].iter().map(u8::to_ascii_lowercase));
            continue;
        }
        let found = needles().find(Input::new(lower.as_slice()).span(from - *window_start..lower.len()));
        match found.map(|m| (m.start() + *window_start, m.pattern().as_usize())) {
            Some((at, index)) if at < safe_end => return Some((at, index)),
            // None starts before `safe_end`: go on from there, in the next window.
            _ if at_end => return None,
            _ => from = safe_end,
        }
    }
}

/// Whether `haystack` holds `needle` (lowercase), in any case.
fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether `text` ends with `suffix` (lowercase), in any case.
fn ends_with_ignoring_case(text: &[u8], suffix: &[u8]) -> bool {
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// (byte offset, length, what) of every finding in `text`.
pub(crate) fn scan(text: &str) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let (mut lower, mut window_start) = (Vec::new(), 0);
    let mut from = 0;
    while let Some((at, index)) = next_needle(bytes, from, &mut lower, &mut window_start) {
        let (needle_text, needle) = NEEDLES[index];
        let after = at + needle_text.len();
        // Every occurrence of every needle is looked at. No needle is part of another, and
        // only `xox` can overlap itself (`xoxoxb-`): after it, look again one byte on.
        from = if needle == Needle::Slack { at + 1 } else { after };
        let lower_at = |i: usize| bytes.get(i).map(u8::to_ascii_lowercase);
        let hit = match needle {
            Needle::Slack => {
                let token = matches!(lower_at(at + 3), Some(b'b' | b'p' | b'a')) && bytes.get(at + 4) == Some(&b'-');
                let n = if token { run_len(bytes, at + 5, |b| b.is_ascii_alphanumeric() || b == b'-') } else { 0 };
                (n >= 20).then(|| (at, 5 + n, "a Slack token".to_string()))
            }
            Needle::PrivateKey => private_key(text, at),
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
                let host = ends_with_ignoring_case(&bytes[..at], b"login") || ends_with_ignoring_case(&bytes[..at], b"sts");
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

/// A `-----BEGIN ... PRIVATE KEY-----` line, with `-----begin ` (in any case) found at `at`.
fn private_key(text: &str, at: usize) -> Option<Hit> {
    let line_end = text[at..].find("-----\n").or_else(|| text.get(at + 11..)?.find("-----").map(|e| e + 11))?;
    contains_ignoring_case(&text.as_bytes()[at..at + line_end], b"private key").then(|| (at, line_end + 5, "a private key".to_string()))
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
    fn finds_needles_that_straddle_the_lowercased_windows() {
        let guid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        let url = format!("https://LOGIN.microsoftonline.com/{guid}");
        let slack = format!("xoxb-{}", "a1-".repeat(7));
        for before in WINDOW - LONGEST_NEEDLE - 12..WINDOW + 4 {
            // The longest needle, then a self-overlapping one close behind it.
            let text = format!("{} {url} xox{slack}", "a".repeat(before));
            let tenant_at = before + 1 + url.len() - guid.len();
            let slack_at = before + 1 + url.len() + 4;
            let expected = [(tenant_at, 36, format!("the tenant id {guid}")), (slack_at, 26, "a Slack token".to_string())];
            assert_eq!(scan(&text), expected, "{before} bytes before");
        }
        // Many windows, one needle at the end of each.
        let line = format!("{}\"tenantId\": \"{guid}\"\n", "b".repeat(WINDOW - 30));
        assert_eq!(scan(&line.repeat(5)).len(), 5);
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
