use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `schemes` array that lists `http` but not `https`.
    ///
    /// ## Why is this bad?
    /// Over plain HTTP, credentials, tokens and user data travel unencrypted between Microsoft's
    /// connector service and the API. Certification requires HTTPS, and most APIs offer it.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "schemes": ["http"], "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "schemes": ["https"], "paths": {} }
    /// ```
    pub SchemeNotHttps {
        id: "scheme-not-https",
        category: Document,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The connector calls its API over plain http only",
        visits: [Connector],
    }
}

impl Rule for SchemeNotHttps {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(schemes) = cx.swagger().and_then(|s| s.schemes.as_ref()) else { return };
        if schemes.value.iter().any(|s| s.value == "https") {
            return;
        }
        if let Some(http) = schemes.value.iter().find(|s| s.value == "http") {
            cx.report_swagger(http.span, "the API is called over `http` only; requests and credentials are sent unencrypted")
                .help("use `\"https\"` if the API supports it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_http_only() {
        let text = "{\n  \"schemes\": [\"ws\", \"http\"]\n}";
        assert_eq!(
            messages(&SchemeNotHttps, swagger(text)),
            ["2:21 the API is called over `http` only; requests and credentials are sent unencrypted"]
        );
    }

    #[test]
    fn silent_when_https_is_listed() {
        assert_silent(&SchemeNotHttps, swagger("{\"schemes\": [\"http\", \"https\"]}"));
        assert_silent(&SchemeNotHttps, swagger("{\"schemes\": [\"https\"]}"));
        assert_silent(&SchemeNotHttps, swagger("{\"schemes\": []}"));
        assert_silent(&SchemeNotHttps, swagger("{\"host\": \"api.contoso.com\"}"));
    }
}
