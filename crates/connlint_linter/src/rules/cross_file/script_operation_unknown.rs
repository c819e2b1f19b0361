use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports an entry of apiProperties.json's `scriptOperations` that is not the
    /// `operationId` of any operation in the swagger, and suggests the closest one.
    ///
    /// ## Why is this bad?
    /// Only the operations listed in `scriptOperations` go through the custom code in
    /// `script.csx`. A misspelt or renamed operationId means the operation silently bypasses
    /// the script, and Microsoft's validation rejects the unknown name.
    ///
    /// ## Severity
    /// A `scriptOperations` entry naming no operation of the swagger points at nothing, the
    /// cross-file form of the validator's `OperationIdNotFound`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the operation meant to run through the code runs without it.
    ///
    /// ## Example
    /// With a swagger whose only operation is `ListInvoices`:
    /// ```json
    /// { "properties": { "scriptOperations": ["ListInvoice"] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "scriptOperations": ["ListInvoices"] } }
    /// ```
    pub ScriptOperationUnknown {
        id: "script-operation-unknown",
        category: CrossFile,
        severity: Error,
        profile: Base,
        ms_names: ["OperationIdNotFound"],
        summary: "scriptOperations names an operationId the swagger does not have",
        visits: [Connector],
    }
}

impl Rule for ScriptOperationUnknown {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let (Some(swagger), Some(props)) = (cx.swagger(), cx.api_properties()) else { return };
        let Some(entries) = &props.script_operations else { return };
        let ids: Vec<&str> = swagger.operations.iter().filter_map(|op| op.operation_id.map(|id| id.value)).collect();
        for entry in &entries.value {
            if ids.contains(&entry.value) {
                continue;
            }
            let near = closest(entry.value, ids.iter().copied());
            let message = match near {
                Some(known) => {
                    format!("scriptOperations names `{}`, which is not an operationId in the swagger; did you mean `{known}`?", entry.value)
                }
                None => format!("scriptOperations names `{}`, which is not an operationId in the swagger", entry.value),
            };
            let diagnostic = cx
                .report(props.file, entry.span, message)
                .help("list the operationIds of the operations the script handles, exactly as the swagger spells them");
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

    const SWAGGER: &str = r#"{"swagger": "2.0", "paths": {"/invoices": {
        "get": {"operationId": "ListInvoices"},
        "post": {"operationId": "CreateInvoice"},
        "delete": {"summary": "no operationId"}
    }}}"#;

    #[test]
    fn reports_unknown_operation_ids() {
        let props = "{\"properties\": {\"scriptOperations\": [\n  \"ListInvoices\",\n  \"listinvoice\",\n  \"SendReminder\"\n]}}";
        assert_eq!(
            messages(&ScriptOperationUnknown, swagger(SWAGGER).with_api_properties(props).with_script("")),
            [
                "3:3 scriptOperations names `listinvoice`, which is not an operationId in the swagger; did you mean `ListInvoices`?",
                "4:3 scriptOperations names `SendReminder`, which is not an operationId in the swagger",
            ]
        );
    }

    #[test]
    fn points_at_the_operation_it_probably_means() {
        let props = "{\"properties\": {\"scriptOperations\": [\"listinvoice\", \"SendReminder\"]}}";
        let found = run(&ScriptOperationUnknown, swagger(SWAGGER).with_api_properties(props));
        assert_eq!(related(&found), ["1:38 -> apiDefinition.swagger.json:2:32 the swagger's operation `ListInvoices`"]);
    }

    #[test]
    fn silent_when_every_entry_exists_or_the_list_is_empty() {
        let props = r#"{"properties": {"scriptOperations": ["ListInvoices", "CreateInvoice"]}}"#;
        assert_silent(&ScriptOperationUnknown, swagger(SWAGGER).with_api_properties(props));
        assert_silent(&ScriptOperationUnknown, swagger(SWAGGER).with_api_properties(r#"{"properties": {"scriptOperations": []}}"#));
    }

    #[test]
    fn silent_without_a_swagger_model() {
        let props = r#"{"properties": {"scriptOperations": ["Anything"]}}"#;
        assert_silent(&ScriptOperationUnknown, api_properties(props));
        // A swagger so broken that it has no tree has no model either.
        assert_silent(&ScriptOperationUnknown, swagger("").with_api_properties(props));
    }
}
