use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `info.contact.email` that is not a plain e-mail address: one `@` between a
    /// non-empty local part and a domain with at least one dot, only ASCII characters, and no
    /// spaces, angle brackets or `mailto:` prefix.
    ///
    /// ## Why is this bad?
    /// The address is published as the support contact of the connector; Microsoft's
    /// validator rejects values it cannot parse as an address.
    ///
    /// ## Severity
    /// The validator checks the contact address and reports a malformed one as
    /// `ContactEmailNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "info": { "contact": { "email": "mailto:support@contoso" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "contact": { "email": "support@contoso.com" } } }
    /// ```
    pub ContactEmailInvalid {
        id: "contact-email-invalid",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["ContactEmailNotValid"],
        summary: "info.contact.email is not a valid e-mail address",
        visits: [Connector],
    }
}

/// Whether `email` is a plain ASCII address `local@domain.tld`.
pub(crate) fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    let allowed_local = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let allowed_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    !local.is_empty()
        && local.chars().all(allowed_local)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && domain.contains('.')
        && domain.chars().all(allowed_domain)
        && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

impl Rule for ContactEmailInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(email) = cx.swagger().and_then(|s| s.info.as_ref()).and_then(|i| i.contact.as_ref()).and_then(|c| c.email) else {
            return;
        };
        // An empty value is reported by contact-incomplete in the certification profile.
        if email.value.trim().is_empty() || is_email(email.value) {
            return;
        }
        let help = if email.value.trim() != email.value {
            "remove the surrounding spaces".to_string()
        } else if let Some(rest) = email.value.strip_prefix("mailto:") {
            format!("write the address alone: `{rest}`")
        } else {
            "write a single address such as `support@contoso.com`".to_string()
        };
        cx.report_swagger(email.span, format!("`info.contact.email` `{}` is not a valid e-mail address", email.value)).help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn check(email: &str) -> Vec<String> {
        messages(&ContactEmailInvalid, swagger(&format!("{{\"info\": {{\"contact\": {{\n  \"email\": \"{email}\"\n}}}}}}")))
    }

    #[test]
    fn fires_on_malformed_addresses() {
        for email in [
            "support",
            "support@contoso",
            "mailto:a@b.com",
            "a b@c.com",
            "ü@contoso.com",
            "a@b.com; c@d.com",
            " a@b.com",
            "a@-b.com",
            "@b.com",
        ] {
            assert_eq!(check(email), [format!("2:12 `info.contact.email` `{email}` is not a valid e-mail address")], "{email}");
        }
    }

    #[test]
    fn silent_on_valid_addresses_and_empty_values() {
        for email in ["support@contoso.com", "first.last+tag@mail.contoso.co.uk", "o'brien@x.io", ""] {
            assert!(check(email).is_empty(), "{email}");
        }
        assert_silent(&ContactEmailInvalid, swagger(r#"{"info": {"contact": {"email": 5}}}"#));
    }
}
