use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use std::net::IpAddr;

declare_rule! {
    /// ## What it does
    /// Reports a `host` that does not look like a production host: `localhost`, an IP address,
    /// or a name one of whose labels is (or starts or ends with) `staging`, `stage`, `dev`,
    /// `test`, `qa`, `uat` or `sandbox` as a separate part, such as `api-dev.contoso.com` or
    /// `staging.contoso.com`. A heuristic, so a warning.
    ///
    /// ## Why is this bad?
    /// A certified connector is used by every customer, so it must call the service's
    /// production endpoint; the certification review rejects test and staging hosts.
    ///
    /// ## Example
    /// ```json
    /// { "host": "api-staging.contoso.com" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "host": "api.contoso.com" }
    /// ```
    pub HostNotProduction {
        id: "host-not-production",
        category: Certification,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "The host looks like a test, staging or local machine",
        visits: [Connector],
    }
}

const NON_PRODUCTION: [&str; 8] = ["staging", "stage", "dev", "test", "qa", "uat", "sandbox", "localhost"];

/// Why `host` (without port) does not look like production, if it doesn't.
fn why(host: &str) -> Option<String> {
    let bare = host.trim_start_matches('[').split(']').next().unwrap_or(host);
    if bare.parse::<IpAddr>().is_ok() {
        return Some("is an IP address".to_string());
    }
    let name = host.rsplit_once(':').map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host });
    for label in name.split('.') {
        for part in label.split(['-', '_']) {
            let part = part.to_ascii_lowercase();
            if let Some(word) = NON_PRODUCTION.iter().find(|w| part == **w) {
                return Some(format!("contains `{word}`"));
            }
        }
    }
    None
}

impl Rule for HostNotProduction {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(host) = cx.swagger().and_then(|s| s.host) else { return };
        if let Some(reason) = why(host.value) {
            cx.report_swagger(host.span, format!("host `{}` {reason}; certified connectors must use the production host", host.value))
                .help("point `host` at the service's public production endpoint");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn check(host: &str) -> Vec<String> {
        messages(&HostNotProduction, swagger(&format!("{{\n  \"host\": \"{host}\"\n}}")))
    }

    #[test]
    fn fires_on_test_hosts_and_addresses() {
        assert_eq!(
            check("api-staging.contoso.com"),
            ["2:11 host `api-staging.contoso.com` contains `staging`; certified connectors must use the production host"]
        );
        assert_eq!(
            check("localhost:8080"),
            ["2:11 host `localhost:8080` contains `localhost`; certified connectors must use the production host"]
        );
        assert_eq!(check("10.0.0.1"), ["2:11 host `10.0.0.1` is an IP address; certified connectors must use the production host"]);
        assert_eq!(check("[::1]:443").len(), 1);
        assert_eq!(check("DEV.contoso.com").len(), 1);
    }

    #[test]
    fn silent_on_production_names_containing_the_words() {
        for host in ["api.contoso.com", "developer.contoso.com", "latest.contoso.com", "contest.io:443", "devops.azure.com"] {
            assert!(check(host).is_empty(), "{host}");
        }
    }
}
