use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports custom code (`script.csx`) larger than 1 MB (1,048,576 bytes).
    ///
    /// ## Why is this bad?
    /// Power Platform does not accept custom code files over 1 MB.
    ///
    /// ## Severity
    /// Microsoft limits custom code to less than 1 MB
    /// (https://learn.microsoft.com/connectors/custom-connectors/write-code); a larger file is not
    /// accepted.
    ///
    /// ## Example
    /// A `script.csx` of 1.5 MB with large embedded data.
    /// ```json
    /// { "script.csx": 1572864 }
    /// ```
    /// Use instead: move the data to the API or a policy and keep the script small.
    /// ```json
    /// { "script.csx": 20480 }
    /// ```
    pub ScriptTooLarge {
        id: "script-too-large",
        category: Script,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "script.csx is larger than 1 MB",
        visits: [Connector],
    }
}

/// The largest custom code file Power Platform accepts.
pub const MAX_SCRIPT_BYTES: usize = 1024 * 1024;

impl Rule for ScriptTooLarge {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, source)) = cx.model.script() else { return };
        let size = source.text().len();
        if size > MAX_SCRIPT_BYTES {
            cx.report(file, Span::empty(0), format!("the custom code is {size} bytes, over the 1 MB ({MAX_SCRIPT_BYTES}-byte) limit"))
                .help("shrink the script: move data or logic to the API or to policies");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_a_script_over_one_megabyte() {
        let text = "a".repeat(MAX_SCRIPT_BYTES + 1);
        assert_eq!(
            messages(&ScriptTooLarge, swagger("{}").with_script(&text)),
            ["1:1 the custom code is 1048577 bytes, over the 1 MB (1048576-byte) limit"]
        );
    }

    #[test]
    fn silent_at_the_limit() {
        assert_silent(&ScriptTooLarge, swagger("{}").with_script(&"a".repeat(MAX_SCRIPT_BYTES)));
    }
}
