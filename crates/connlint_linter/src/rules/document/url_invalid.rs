use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::Str;

declare_rule! {
    /// ## What it does
    /// Reports a value that must be an absolute URL but is not one: `info.contact.url`,
    /// `info.license.url`, `info.termsOfService`, the `url` of every `externalDocs` object,
    /// and the `Website` and `Privacy policy` entries of `x-ms-connector-metadata`. An absolute
    /// URL starts with a scheme and `://` followed by a host, and contains no spaces. An empty
    /// `info.contact.url` is left to `contact-incomplete`.
    ///
    /// ## Why is this bad?
    /// These links are published on the connector's page. A relative path, a bare domain or a
    /// placeholder cannot be opened, and Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// URL fields that are not absolute URLs fail the validator's `UrlNotValid` check
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "info": { "contact": { "url": "www.contoso.com/support" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "contact": { "url": "https://www.contoso.com/support" } } }
    /// ```
    pub UrlInvalid {
        id: "url-invalid",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["UrlNotValid"],
        summary: "A URL field does not hold an absolute URL",
        visits: [Connector],
    }
}

/// Whether `url` is `scheme://host...` without whitespace.
pub(crate) fn is_absolute_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    scheme_ok && !host.is_empty() && !host.starts_with(':') && !url.chars().any(char::is_whitespace)
}

fn check(cx: &mut Context<'_, '_>, field: &str, url: Str<'_>) {
    if is_absolute_url(url.value) {
        return;
    }
    let help = if !url.value.contains("://") && url.value.contains('.') && !url.value.contains(' ') {
        format!("add the scheme: `https://{}`", url.value)
    } else {
        "write a full URL such as `https://contoso.com/support`".to_string()
    };
    cx.report_swagger(url.span, format!("{field} `{}` is not an absolute URL", url.value)).help(help);
}

fn str_at<'a>(node: Option<&'a Node<'a>>, key: &str) -> Option<Str<'a>> {
    node.and_then(|n| n.get(key)).and_then(|v| Some(Str::new(v.as_str()?, v.span)))
}

impl Rule for UrlInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let info = swagger.root.get("info");
        if let Some(url) = str_at(info.and_then(|i| i.get("contact")), "url").filter(|u| !u.value.trim().is_empty()) {
            check(cx, "`info.contact.url`", url);
        }
        if let Some(url) = str_at(info.and_then(|i| i.get("license")), "url") {
            check(cx, "`info.license.url`", url);
        }
        if let Some(url) = str_at(info, "termsOfService") {
            check(cx, "`info.termsOfService`", url);
        }
        for url in cx.semantic().keywords().external_docs.iter().filter_map(|m| str_at(Some(&m.value), "url")) {
            check(cx, "`externalDocs.url`", url);
        }
        if let Some(metadata) = &swagger.connector_metadata {
            for entry in &metadata.value {
                // Microsoft compares entry names without regard to case.
                let Some(name) = entry
                    .property_name
                    .filter(|n| n.value.eq_ignore_ascii_case("Website") || n.value.eq_ignore_ascii_case("Privacy policy"))
                else {
                    continue;
                };
                if let Some(value) = entry.property_value {
                    check(cx, &format!("the `{}` entry", name.value), value);
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
    fn fires_on_relative_and_schemeless_urls() {
        let text = "{\"info\": {\n  \"contact\": {\"url\": \"www.contoso.com\"},\n  \"license\": {\"url\": \"/license\"},\n  \"termsOfService\": \"https:// bad\"},\n\"tags\": [{\"name\": \"t\", \"externalDocs\": {\"url\": \"docs\"}}],\n\"x-ms-connector-metadata\": [{\"propertyName\": \"Privacy policy\", \"propertyValue\": \"https://\"}]}";
        assert_eq!(
            messages(&UrlInvalid, swagger(text)),
            [
                "2:22 `info.contact.url` `www.contoso.com` is not an absolute URL",
                "3:22 `info.license.url` `/license` is not an absolute URL",
                "4:21 `info.termsOfService` `https:// bad` is not an absolute URL",
                "5:48 `externalDocs.url` `docs` is not an absolute URL",
                "6:81 the `Privacy policy` entry `https://` is not an absolute URL",
            ]
        );
        let found = run(&UrlInvalid, swagger(text));
        assert_eq!(found[0].help.as_deref(), Some("add the scheme: `https://www.contoso.com`"));
    }

    #[test]
    fn silent_on_absolute_urls_and_data() {
        let text = r#"{"info": {"contact": {"url": ""}, "license": {"url": "http://localhost:8080/l"}, "termsOfService": "https://c.com/tos?x=1"},
            "externalDocs": {"url": "https://docs.c.com"},
            "definitions": {"X": {"example": {"externalDocs": {"url": "nope"}}, "properties": {"externalDocs": {"type": "object"}}}},
            "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://c.com"}, {"propertyName": "Categories", "propertyValue": "AI"}]}"#;
        assert_silent(&UrlInvalid, swagger(text));
    }
}
