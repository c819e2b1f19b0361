use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports custom code (`script.csx`) without an `override` of `ExecuteAsync` returning
    /// `Task<HttpResponseMessage>`, and an `ExecuteAsync` declared without `override`.
    ///
    /// ## Why is this bad?
    /// `ExecuteAsync` is the entry point Power Platform calls for every operation routed through
    /// the script; without the override the code never runs (or does not compile).
    ///
    /// ## Severity
    /// `ExecuteAsync` is the method the platform calls for every scripted operation
    /// (https://learn.microsoft.com/connectors/custom-connectors/write-code); without the override
    /// the script is never run.
    ///
    /// ## Example
    /// ```json
    /// "public class Script : ScriptBase { public async Task<HttpResponseMessage> ExecuteAsync() { ... } }"
    /// ```
    /// Use instead:
    /// ```json
    /// "public class Script : ScriptBase { public override async Task<HttpResponseMessage> ExecuteAsync() { ... } }"
    /// ```
    pub ScriptExecuteAsyncMissing {
        id: "script-execute-async-missing",
        category: Script,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "script.csx does not override ExecuteAsync",
        visits: [Connector],
    }
}

impl Rule for ScriptExecuteAsyncMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, s)) = cx.script() else { return };
        let mut declared_without_override = None;
        for at in s.find_word("ExecuteAsync") {
            if !s.code[at + 12..].trim_start().starts_with('(') {
                continue;
            }
            // The declaration's head: back to the previous `;`, `{` or `}`.
            let head_start = s.code[..at].rfind([';', '{', '}']).map_or(0, |p| p + 1);
            let head = &s.code[head_start..at];
            if !head.contains("Task") {
                continue; // a call, such as `await this.ExecuteAsync()`
            }
            if head.split(|c: char| !c.is_alphanumeric()).any(|w| w == "override") {
                return;
            }
            declared_without_override = Some(Span::new(at as u32, at as u32 + 12));
        }
        match declared_without_override {
            Some(span) => {
                cx.report(file, span, "`ExecuteAsync` is declared without `override`")
                    .help("declare it as `public override async Task<HttpResponseMessage> ExecuteAsync()`");
            }
            None => {
                cx.report(file, Span::empty(0), "the custom code does not override `ExecuteAsync`")
                    .help("add `public override async Task<HttpResponseMessage> ExecuteAsync()` to class `Script`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_a_missing_override() {
        let text = "public class Script : ScriptBase\n{\n    public async Task<HttpResponseMessage> ExecuteAsync()\n    {\n    }\n}";
        assert_eq!(
            messages(&ScriptExecuteAsyncMissing, swagger("{}").with_script(text)),
            ["3:44 `ExecuteAsync` is declared without `override`"]
        );
        let text = "public class Script : ScriptBase\n{\n    // public override Task<HttpResponseMessage> ExecuteAsync()\n}";
        assert_eq!(
            messages(&ScriptExecuteAsyncMissing, swagger("{}").with_script(text)),
            ["1:1 the custom code does not override `ExecuteAsync`"]
        );
    }

    #[test]
    fn silent_with_the_override() {
        let text = "public class Script : ScriptBase\n{\n    public override async Task<HttpResponseMessage> ExecuteAsync()\n    {\n        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken);\n    }\n}";
        assert_silent(&ScriptExecuteAsyncMissing, swagger("{}").with_script(text));
        let multiline = "public override async\n    Task<HttpResponseMessage>\n    ExecuteAsync ()\n{ }";
        assert_silent(&ScriptExecuteAsyncMissing, swagger("{}").with_script(multiline));
    }
}
