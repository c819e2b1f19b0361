use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::spec::is_valid_host;

declare_rule! {
    /// ## What it does
    /// Checks that `host` is a bare host name or IP address with an optional port: no scheme
    /// (`https://`), no path, no spaces, no backslashes and no `{...}` templates.
    ///
    /// ## Why is this bad?
    /// Power Platform builds every request URL from `schemes`, `host` and `basePath`. A scheme
    /// or a path inside `host` produces URLs such as `https://https://api.contoso.com/v1/v1`,
    /// and Microsoft's validator rejects such definitions. A host that differs per connection
    /// cannot be templated here; use a placeholder host and the `dynamichosturl` policy template.
    ///
    /// ## Severity
    /// A `host` with a scheme, a path or other stray characters is refused by the validator as
    /// `HostNameNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the platform builds the backend URL from it.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": "2.0", "host": "https://api.contoso.com/v1", "paths": {} }
    /// ```
    /// Use instead:
    /// ```json
    /// { "swagger": "2.0", "host": "api.contoso.com", "basePath": "/v1", "paths": {} }
    /// ```
    pub HostInvalid {
        id: "host-invalid",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["HostNameNotValid"],
        summary: "The host is not a bare host name with an optional port",
        visits: [Connector],
    }
}

/// Splits a URL-like value into a host and a path, dropping a scheme and surrounding spaces.
fn repair(host: &str) -> (String, Option<String>) {
    let mut rest = host.trim();
    if let Some(i) = rest.find("://") {
        let scheme = &rest[..i];
        if !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            rest = &rest[i + 3..];
        }
    }
    let (name, path) = match rest.find('/') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let path = path.map(|p| p.trim_end_matches('/')).filter(|p| !p.is_empty()).map(str::to_string);
    (name.to_string(), path)
}

impl Rule for HostInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(host) = cx.swagger().and_then(|s| s.host) else { return };
        if is_valid_host(host.value) {
            return;
        }
        let problem = if host.value.is_empty() {
            "is empty"
        } else if host.value.contains("://") {
            "includes a URL scheme"
        } else if host.value.contains(['{', '}']) {
            "contains a `{...}` template"
        } else if host.value.contains('/') {
            "includes a path"
        } else if host.value.contains(' ') {
            "contains a space"
        } else if host.value.contains('\\') {
            "contains a backslash"
        } else {
            "is not a host name with an optional numeric port"
        };
        let (name, path) = repair(host.value);
        let help = if !host.value.contains(['{', '}']) && is_valid_host(&name) {
            match path {
                Some(path) => format!("write `\"host\": \"{name}\"` and move the path into `\"basePath\": \"{path}\"`"),
                None => format!("write `\"host\": \"{name}\"`; the scheme belongs in `schemes`"),
            }
        } else if host.value.contains(['{', '}']) {
            "use a fixed placeholder host here and build the per-connection URL with the `dynamichosturl` policy template in apiProperties.json"
                .to_string()
        } else {
            "write only the host name, optionally followed by `:` and a port, e.g. `api.contoso.com:8443`".to_string()
        };
        cx.report_swagger(host.span, format!("`host` `{}` {problem}; expected a bare host name with an optional port", host.value))
            .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn run(host: &str) -> Vec<String> {
        let text = format!("{{\n  \"swagger\": \"2.0\",\n  \"host\": \"{host}\"\n}}");
        run_help(&text)
    }

    fn run_help(text: &str) -> Vec<String> {
        crate::testing::run(&HostInvalid, swagger(text))
            .iter()
            .map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn fires_on_a_url_and_suggests_host_and_base_path() {
        assert_eq!(
            run("https://api.contoso.com/v1/"),
            ["3:11 `host` `https://api.contoso.com/v1/` includes a URL scheme; expected a bare host name with an optional port | \
                 write `\"host\": \"api.contoso.com\"` and move the path into `\"basePath\": \"/v1\"`"]
        );
    }

    #[test]
    fn fires_on_a_scheme_only() {
        assert_eq!(
            run("http://api.contoso.com:8080"),
            ["3:11 `host` `http://api.contoso.com:8080` includes a URL scheme; expected a bare host name with an optional port | \
                 write `\"host\": \"api.contoso.com:8080\"`; the scheme belongs in `schemes`"]
        );
    }

    #[test]
    fn names_the_problem_for_templates_and_spaces() {
        assert_eq!(
            run("{tenant}.contoso.com"),
            [
                "3:11 `host` `{tenant}.contoso.com` contains a `{...}` template; expected a bare host name with an optional port | \
                 use a fixed placeholder host here and build the per-connection URL with the `dynamichosturl` policy template in apiProperties.json"
            ]
        );
        assert_eq!(
            run("api contoso.com"),
            ["3:11 `host` `api contoso.com` contains a space; expected a bare host name with an optional port | \
                 write only the host name, optionally followed by `:` and a port, e.g. `api.contoso.com:8443`"]
        );
    }

    #[test]
    fn fires_on_other_bad_hosts() {
        for bad in
            ["api.contoso.com/v1", "{tenant}.contoso.com", "api contoso", "", "api.contoso.com:", "api.contoso.com:80a", "a:1:2", ":443"]
        {
            assert_eq!(
                positions(&HostInvalid, swagger(&format!("{{\n\"host\": \"{bad}\"}}"))),
                ["apiDefinition.swagger.json:2:9"],
                "{bad}"
            );
        }
    }

    #[test]
    fn silent_on_host_names_ips_and_ports() {
        for good in ["api.contoso.com", "localhost:8080", "10.0.0.1", "contoso-api.azurewebsites.net:443", "münchen.example"] {
            assert_silent(&HostInvalid, swagger(&format!("{{\"host\": \"{good}\"}}")));
        }
        assert_silent(&HostInvalid, swagger("{\"host\": 5}"));
        assert_silent(&HostInvalid, swagger("{\"swagger\": \"2.0\"}"));
    }
}
