use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Reports an empty `schemes` array and every entry of it other than `http` and `https`.
    ///
    /// ## Why is this bad?
    /// Connectors call their API over HTTP(S) only. Microsoft's validator rejects the WebSocket
    /// schemes `ws` and `wss`, any other value, and a `schemes` array without entries (leave the
    /// key out instead, or list `https`).
    ///
    /// ## Severity
    /// The validator accepts only `http` and `https`, and a non-empty `schemes` list:
    /// `SchemeNotValid`, `SchemeNotSupported` and `SchemesArrayEmpty` on
    /// https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "schemes": ["wss"], "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "schemes": ["https"], "paths": {} }
    /// ```
    pub SchemeInvalid {
        id: "scheme-invalid",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["SchemeNotValid", "SchemeNotSupported", "SchemesArrayEmpty"],
        summary: "The schemes array is empty or lists something other than http and https",
        visits: [Connector],
    }
}

impl Rule for SchemeInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let Some(schemes) = &swagger.schemes else { return };
        // Non-string entries are left out of the model (and reported by `json-type-incorrect`),
        // so look at the array itself to tell an empty one.
        if swagger.root.get("schemes").and_then(Node::as_array).is_some_and(<[Node]>::is_empty) {
            cx.report_swagger(schemes.span, "`schemes` is empty; list at least one scheme").help("write `\"schemes\": [\"https\"]`");
            return;
        }
        for scheme in &schemes.value {
            let (message, help) = match scheme.value {
                "http" | "https" => continue,
                "ws" | "wss" => (
                    format!("the WebSocket scheme `{}` is not supported; connectors use `http` or `https`", scheme.value),
                    "connectors cannot open WebSocket connections; remove it and use `https`".to_string(),
                ),
                other if other.eq_ignore_ascii_case("http") || other.eq_ignore_ascii_case("https") => {
                    (format!("scheme `{other}` must be written in lower case"), format!("write `\"{}\"`", other.to_ascii_lowercase()))
                }
                other => (
                    format!("unknown scheme `{other}`; expected `http` or `https`"),
                    if other.contains("://") || other.contains('.') {
                        "`schemes` lists only scheme names; the host name belongs in `host`".to_string()
                    } else {
                        "use `https` (or `http` if the API offers nothing else)".to_string()
                    },
                ),
            };
            cx.report_swagger(scheme.span, message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_bad_entry() {
        let text = "{\n  \"schemes\": [\n    \"https\",\n    \"wss\",\n    \"ftp\", \"HTTPS\"\n  ]\n}";
        assert_eq!(
            messages(&SchemeInvalid, swagger(text)),
            [
                "4:5 the WebSocket scheme `wss` is not supported; connectors use `http` or `https`",
                "5:5 unknown scheme `ftp`; expected `http` or `https`",
                "5:12 scheme `HTTPS` must be written in lower case",
            ]
        );
    }

    #[test]
    fn fires_on_an_empty_array() {
        let text = "{\n  \"schemes\": [ ]\n}";
        assert_eq!(messages(&SchemeInvalid, swagger(text)), ["2:14 `schemes` is empty; list at least one scheme"]);
    }

    #[test]
    fn silent_on_http_and_https() {
        assert_silent(&SchemeInvalid, swagger("{\"schemes\": [\"https\", \"http\"]}"));
        assert_silent(&SchemeInvalid, swagger("{\"swagger\": \"2.0\"}"));
        // Wrong types are `json-type-incorrect`'s: an array of numbers is not empty.
        assert_silent(&SchemeInvalid, swagger("{\"schemes\": [1]}"));
        assert_silent(&SchemeInvalid, swagger("{\"schemes\": \"https\"}"));
    }
}
