use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `using` directive in custom code (`script.csx`) for a namespace outside the
    /// list Power Platform allows: `System`, `System.Collections`, `System.Collections.Generic`,
    /// `System.Diagnostics`, `System.IO`, `System.IO.Compression`, `System.Linq`, `System.Net`,
    /// `System.Net.Http`, `System.Net.Http.Headers`, `System.Net.Security`,
    /// `System.Security.Authentication`, `System.Security.Cryptography`, `System.Text`,
    /// `System.Text.RegularExpressions`, `System.Threading`, `System.Threading.Tasks`,
    /// `System.Web`, `System.Xml`, `System.Xml.Linq`, `System.Drawing`,
    /// `System.Drawing.Drawing2D`, `System.Drawing.Imaging`, `Microsoft.Extensions.Logging`,
    /// `Newtonsoft.Json` and `Newtonsoft.Json.Linq` (and the custom-code SDK's own
    /// `Microsoft.PowerPlatform.Connectors.*`, which Microsoft's connectors import).
    ///
    /// ## Why is this bad?
    /// Other assemblies are not available to custom code: the script does not compile, and
    /// reviewers reject it.
    ///
    /// ## Severity
    /// Custom code may only use the namespaces Microsoft lists
    /// (https://learn.microsoft.com/connectors/custom-connectors/write-code); others are not
    /// available when the code is compiled, and reviewers reject them
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3478).
    ///
    /// ## Example
    /// ```json
    /// "using System.Text.Json;"
    /// ```
    /// Use instead:
    /// ```json
    /// "using Newtonsoft.Json;"
    /// ```
    pub ScriptNamespaceNotAllowed {
        id: "script-namespace-not-allowed",
        category: Script,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "script.csx imports a namespace custom code cannot use",
        visits: [Connector],
    }
}

/// The namespaces custom code may import.
pub const ALLOWED_NAMESPACES: [&str; 26] = [
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
];

impl Rule for ScriptNamespaceNotAllowed {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, scan)) = cx.script() else { return };
        for using in scan.usings() {
            // The custom-code SDK's own namespaces are used by Microsoft's connectors.
            if ALLOWED_NAMESPACES.contains(&using.namespace.as_str()) || using.namespace.starts_with("Microsoft.PowerPlatform.Connectors.")
            {
                continue;
            }
            cx.report(file, using.span, format!("custom code cannot use namespace `{}`", using.namespace))
                .help("use only the namespaces listed in this rule's documentation (for JSON, Newtonsoft.Json)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_namespaces_outside_the_list() {
        let text = "using System;\nusing System.Text.Json;\nusing Json = Microsoft.Azure.Storage;\n";
        assert_eq!(
            messages(&ScriptNamespaceNotAllowed, swagger("{}").with_script(text)),
            ["2:7 custom code cannot use namespace `System.Text.Json`", "3:14 custom code cannot use namespace `Microsoft.Azure.Storage`"]
        );
    }

    #[test]
    fn silent_on_allowed_namespaces_and_using_statements() {
        let text: String = ALLOWED_NAMESPACES.iter().map(|n| format!("using {n};\n")).collect();
        let text = format!("{text}using Microsoft.PowerPlatform.Connectors.CustomCode.CSharp;\n// using System.Text.Json;\nusing (var stream = new MemoryStream()) {{ }}\nusing static System.Math;\n");
        assert_silent(&ScriptNamespaceNotAllowed, swagger("{}").with_script(&text));
    }
}
