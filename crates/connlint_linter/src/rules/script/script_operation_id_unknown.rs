use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a string that custom code (`script.csx`) compares with the operation id
    /// (`this.Context.OperationId == "X"`, `OperationId.Equals("X")`, `case "X":` or `"X" =>` in a
    /// `switch` on it) when the swagger has no operation with that `operationId`.
    ///
    /// ## Why is this bad?
    /// The branch never runs: a renamed or misspelt operationId silently sends the operation
    /// down the script's default path.
    ///
    /// ## Example
    /// With a swagger whose operation is `ListInvoices`:
    /// ```json
    /// "if (this.Context.OperationId == \"ListInvoice\") { ... }"
    /// ```
    /// Use instead:
    /// ```json
    /// "if (this.Context.OperationId == \"ListInvoices\") { ... }"
    /// ```
    pub ScriptOperationIdUnknown {
        id: "script-operation-id-unknown",
        category: Script,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "script.csx compares the operation id with a name the swagger does not have",
        visits: [Connector],
    }
}

impl Rule for ScriptOperationIdUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, s)) = cx.script() else { return };
        let Some(swagger) = cx.swagger() else { return };
        let ids: Vec<&str> = swagger.operations.iter().filter_map(|op| op.operation_id.map(|id| id.value)).collect();
        if ids.is_empty() {
            return;
        }
        for lit in s.operation_id_literals() {
            if ids.contains(&lit.text.as_str()) {
                continue;
            }
            let near = closest(&lit.text, ids.iter().copied());
            let message = match near {
                Some(known) => {
                    format!("the script checks for operation `{}`, which the swagger does not have; did you mean `{known}`?", lit.text)
                }
                None => format!("the script checks for operation `{}`, which the swagger does not have", lit.text),
            };
            let diagnostic = cx.report(file, lit.span, message).help("compare with operationIds exactly as the swagger spells them");
            // The operation it probably means, in the swagger.
            if let Some(id) = near.and_then(|known| swagger.operations.iter().filter_map(|op| op.operation_id).find(|id| id.value == known))
            {
                diagnostic.label(swagger.file, id.span, format!("the swagger's operation `{}`", id.value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const SWAGGER: &str =
        r#"{"swagger": "2.0", "paths": {"/i": {"get": {"operationId": "ListInvoices"}, "post": {"operationId": "CreateInvoice"}}}}"#;

    #[test]
    fn reports_unknown_operation_ids() {
        let text = "if (this.Context.OperationId == \"ListInvoice\") {}\nswitch (Context.OperationId)\n{\n    case \"SendReminder\": break;\n    case \"CreateInvoice\": break;\n}";
        assert_eq!(
            messages(&ScriptOperationIdUnknown, swagger(SWAGGER).with_script(text)),
            [
                "1:33 the script checks for operation `ListInvoice`, which the swagger does not have; did you mean `ListInvoices`?",
                "4:10 the script checks for operation `SendReminder`, which the swagger does not have",
            ]
        );
    }

    #[test]
    fn silent_on_known_ids_and_other_strings() {
        let text =
            "if (this.Context.OperationId == \"ListInvoices\") { request.Headers.Add(\"X-Key\", \"v\"); }\nif (name == \"Other\") {}";
        assert_silent(&ScriptOperationIdUnknown, swagger(SWAGGER).with_script(text));
        assert_silent(&ScriptOperationIdUnknown, api_properties("{}").with_script("if (Context.OperationId == \"X\") {}"));
    }
}
