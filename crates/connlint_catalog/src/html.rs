//! The catalog as one self-contained HTML page (`assets/catalog.html`): inline CSS and
//! JavaScript, the records as JSON inside the page, icons as `data:` URLs. Its Content Security
//! Policy forbids every network request, so it works the same from `file://` and from
//! `connlint serve`, offline, and a mistake that would fetch something fails visibly.
//!
//! The page has a search box (name or publisher), filters by auth type, profile, status,
//! publisher and "has lint errors", one card per connector, and a detail view with the
//! operations and triggers (a card's click, or `#ID` in the address).

use crate::record::ConnectorRecord;

/// No fetches of any kind; only the page's own styles and script, and `data:` images.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const TEMPLATE: &str = include_str!("../assets/catalog.html");

/// The page for `records`.
pub fn render(records: &[&ConnectorRecord]) -> String {
    // `<` only occurs inside JSON strings, where `\u003c` means the same; escaping it keeps a
    // description holding `</script>` from ending the data block.
    let data = serde_json::to_string(records).unwrap_or_else(|_| "[]".to_string()).replace('<', "\\u003c");
    TEMPLATE.replacen("{{CSP}}", CONTENT_SECURITY_POLICY, 1).replacen("{{DATA}}", &data, 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_data_cannot_close_its_script_element() {
        let page = super::render(&[]);
        assert!(page.contains(r#"<script id="catalog-data" type="application/json">[]</script>"#));
        assert!(page.contains(super::CONTENT_SECURITY_POLICY));
        assert!(!page.contains("{{"));
    }
}
