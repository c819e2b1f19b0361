use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;

declare_rule! {
    /// ## What it does
    /// Reports an `info` object without `contact`, and a `contact` that lacks `name`, `url` or
    /// `email`, or has one of them empty.
    ///
    /// ## Why is this bad?
    /// Certification publishes the contact on the connector's documentation page so users and
    /// Microsoft support can reach the publisher. Microsoft's validator asks for all three
    /// fields when certification rules are on.
    ///
    /// ## Severity
    /// Under certification the validator reports a missing `info.contact` as
    /// `RequiredPropertyMissing`; the error appears in the output of Microsoft's PR pipeline on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/1095.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso", "contact": { "name": "Contoso support" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "title": "Contoso", "contact": { "name": "Contoso support", "url": "https://contoso.com/support", "email": "support@contoso.com" } } }
    /// ```
    pub ContactIncomplete {
        id: "contact-incomplete",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["RequiredPropertyMissing"],
        summary: "info.contact is missing, or lacks its name, url or email",
        visits: [Connector],
    }
}

const FIELDS: [&str; 3] = ["name", "url", "email"];

impl Rule for ContactIncomplete {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let Some(info) = swagger.root.member("info").filter(|m| m.value.as_object().is_some()) else { return };
        let Some(contact) = info.value.member("contact") else {
            cx.report_swagger(info.key.span, "`info` has no `contact`")
                .help("add `\"contact\": {\"name\": \"...\", \"url\": \"https://...\", \"email\": \"...\"}`");
            return;
        };
        // A wrong-typed contact is reported by json-type-incorrect.
        if contact.value.as_object().is_none() {
            return;
        }
        let missing: Vec<&str> = FIELDS.iter().copied().filter(|f| contact.value.get(f).is_none()).collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
            cx.report_swagger(contact.key.span, format!("`info.contact` has no {list}"))
                .help("give the publisher's support contact: its `name`, a support `url` and an `email`");
        }
        for field in FIELDS {
            if let Some(value) = contact.value.get(field).filter(|v| is_blank(v)) {
                cx.report_swagger(value.span, format!("`info.contact.{field}` is empty")).help("fill in the publisher's support contact");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_without_contact() {
        let text = "{\n  \"info\": {\"title\": \"T\"}\n}";
        assert_eq!(messages(&ContactIncomplete, swagger(text)), ["2:3 `info` has no `contact`"]);
    }

    #[test]
    fn fires_on_missing_and_empty_fields() {
        let text = "{\"info\": {\n  \"contact\": {\"name\": \"\", \"email\": \"a@b.com\"}\n}}";
        assert_eq!(messages(&ContactIncomplete, swagger(text)), ["2:3 `info.contact` has no `url`", "2:23 `info.contact.name` is empty"]);
    }

    #[test]
    fn silent_when_complete_or_wrongly_typed() {
        assert_silent(
            &ContactIncomplete,
            swagger(r#"{"info": {"contact": {"name": "Support", "url": "https://c.com", "email": "s@c.com"}}}"#),
        );
        assert_silent(&ContactIncomplete, swagger(r#"{"info": {"contact": []}}"#));
        assert_silent(&ContactIncomplete, swagger(r#"{"info": "x"}"#));
    }
}
