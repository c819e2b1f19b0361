use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports custom code (`script.csx`) that has no class `Script` deriving from
    /// `ScriptBase`, a `Script` class that derives from something else, or one named in
    /// another case (`script`). Comments and strings are ignored.
    ///
    /// ## Why is this bad?
    /// Power Platform runs custom code by instantiating `Script : ScriptBase`; without it the
    /// script fails to compile or is never called.
    ///
    /// ## Severity
    /// The platform runs custom code through a class named `Script` that derives from `ScriptBase`
    /// (https://learn.microsoft.com/connectors/custom-connectors/write-code); without it there is
    /// nothing to call and the code cannot be used.
    ///
    /// ## Example
    /// ```json
    /// "public class Handler : ScriptBase { ... }"
    /// ```
    /// Use instead:
    /// ```json
    /// "public class Script : ScriptBase { ... }"
    /// ```
    pub ScriptClassMissing {
        id: "script-class-missing",
        category: Script,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "script.csx has no class Script deriving from ScriptBase",
        visits: [Connector],
    }
}

impl Rule for ScriptClassMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, s)) = cx.script() else { return };
        let mut script_class = None;
        for at in s.find_word("class") {
            let rest = &s.code[at + 5..];
            let name_start = rest.len() - rest.trim_start().len();
            let name: String = rest[name_start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.eq_ignore_ascii_case("Script") {
                continue;
            }
            let start = (at + 5 + name_start) as u32;
            if name != "Script" {
                script_class =
                    Some((Span::new(start, start + 6), format!("class `{name}` must be named `Script` (C# names are case-sensitive)")));
                continue;
            }
            let after = rest[name_start + name.len()..].trim_start();
            let bases = after.strip_prefix(':').map(|b| b.split('{').next().unwrap_or(""));
            if bases.is_some_and(|b| b.split(',').any(|t| t.trim().rsplit('.').next() == Some("ScriptBase"))) {
                return;
            }
            script_class = Some((Span::new(start, start + 6), "class `Script` does not derive from `ScriptBase`".to_string()));
        }
        match script_class {
            Some((span, message)) => {
                cx.report(file, span, message).help("declare it as `public class Script : ScriptBase`");
            }
            None => {
                cx.report(file, Span::empty(0), "the custom code has no class `Script : ScriptBase`")
                    .help("put the code in `public class Script : ScriptBase` with an `ExecuteAsync` override");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn script(text: &str) -> TestConnector {
        swagger("{}").with_script(text)
    }

    #[test]
    fn reports_a_missing_or_wrongly_based_class() {
        assert_eq!(
            messages(&ScriptClassMissing, script("using System;\npublic class Handler : ScriptBase {}")),
            ["1:1 the custom code has no class `Script : ScriptBase`"]
        );
        assert_eq!(positions(&ScriptClassMissing, script("// class Script : ScriptBase\nclass Other {}")), ["script.csx:1:1"]);
        assert_eq!(
            messages(&ScriptClassMissing, script("using System;\npublic class  Script : Base {}")),
            ["2:15 class `Script` does not derive from `ScriptBase`"]
        );
        assert_eq!(
            messages(&ScriptClassMissing, script("public class script: ScriptBase {}")),
            ["1:14 class `script` must be named `Script` (C# names are case-sensitive)"]
        );
    }

    #[test]
    fn silent_on_the_expected_class() {
        assert_silent(&ScriptClassMissing, script("public class Script : ScriptBase\n{\n}"));
        assert_silent(&ScriptClassMissing, script("public class Script:ScriptBase{ class Helper {} }"));
        assert_silent(&ScriptClassMissing, swagger("{}"));
    }
}
