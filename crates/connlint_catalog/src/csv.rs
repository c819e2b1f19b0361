//! The catalog as CSV (RFC 4180): one row per connector, lists joined with `;`.

use crate::record::ConnectorRecord;

/// The columns, in order.
pub const COLUMNS: [&str; 21] = [
    "id",
    "name",
    "status",
    "auth_type",
    "oauth_grant_type",
    "oauth_scopes",
    "identity_provider",
    "profile",
    "publisher",
    "stack_owner",
    "categories",
    "website_url",
    "privacy_policy_url",
    "actions",
    "triggers",
    "deprecated",
    "internal",
    "custom_code",
    "lint_errors",
    "lint_warnings",
    "path",
];

/// The header and one line per record, each ending in CRLF as RFC 4180 says.
pub fn render(records: &[&ConnectorRecord]) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for r in records {
        let p = &r.power_platform;
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        push_row(
            &mut out,
            [
                r.id.clone(),
                r.name.clone(),
                r.status.to_string(),
                r.auth_type.to_string(),
                r.oauth_grant_type.unwrap_or_default().to_string(),
                r.oauth_scopes.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(";"),
                text(&p.identity_provider),
                p.profile.to_string(),
                text(&p.publisher),
                text(&p.stack_owner),
                p.categories.join(";"),
                text(&r.website_url),
                text(&p.privacy_policy_url),
                p.counts.actions.to_string(),
                p.counts.triggers.to_string(),
                p.counts.deprecated.to_string(),
                p.counts.internal.to_string(),
                p.custom_code.to_string(),
                p.lint.errors.to_string(),
                p.lint.warnings.to_string(),
                p.path.clone(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&field));
    }
    out.push_str("\r\n");
}

/// A field quoted when it holds a comma, a quote or a line break; quotes are doubled.
fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(super::quote("plain"), "plain");
        assert_eq!(super::quote("a, b"), "\"a, b\"");
        assert_eq!(super::quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::quote("two\nlines"), "\"two\nlines\"");
    }
}
