use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports `new HttpClient(` (also written `new System.Net.Http.HttpClient(`) in custom
    /// code (`script.csx`). Comments and strings are ignored.
    ///
    /// ## Why is this bad?
    /// Custom code must send requests with `this.Context.SendAsync`, which applies the
    /// connection's authentication and policies; Microsoft says creating an `HttpClient` will
    /// be blocked.
    ///
    /// ## Example
    /// ```json
    /// "var response = await new HttpClient().SendAsync(request);"
    /// ```
    /// Use instead:
    /// ```json
    /// "var response = await this.Context.SendAsync(request, this.CancellationToken);"
    /// ```
    pub ScriptNewHttpClient {
        id: "script-new-http-client",
        category: Script,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "script.csx creates its own HttpClient",
        visits: [Connector],
    }
}

impl Rule for ScriptNewHttpClient {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, s)) = cx.script() else { return };
        for at in s.find_word("new") {
            let rest = s.code[at + 3..].trim_start();
            let ty = rest.strip_prefix("System.Net.Http.").unwrap_or(rest);
            if ty.strip_prefix("HttpClient").is_some_and(|r| r.trim_start().starts_with('(')) {
                cx.report(file, Span::new(at as u32, at as u32 + 3), "custom code creates its own `HttpClient`")
                    .help("send requests with `this.Context.SendAsync(request, this.CancellationToken)`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_each_new_http_client() {
        let text = "var a = new HttpClient();\nvar b = new System.Net.Http.HttpClient (handler);";
        assert_eq!(
            messages(&ScriptNewHttpClient, swagger("{}").with_script(text)),
            ["1:9 custom code creates its own `HttpClient`", "2:9 custom code creates its own `HttpClient`"]
        );
    }

    #[test]
    fn silent_on_context_send_async_comments_and_strings() {
        let text = "// new HttpClient()\nvar s = \"new HttpClient()\";\nvar r = await this.Context.SendAsync(req, this.CancellationToken);\nvar h = new HttpClientHandler();";
        assert_silent(&ScriptNewHttpClient, swagger("{}").with_script(text));
    }
}
