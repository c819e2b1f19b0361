use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

/// Microsoft does not publish its limit; 128 characters is a provisional one. The longest
/// operationId in the certified and independent-publisher corpus has 77.
pub(crate) const MAX_OPERATION_ID_LENGTH: usize = 128;

declare_rule! {
    /// ## What it does
    /// Reports an `operationId` longer than 128 characters. Microsoft's validator has a limit
    /// but does not publish it; 128 is a provisional limit chosen for this rule, well above
    /// the longest operationId in Microsoft's certified connectors (77). Turn the rule off if
    /// your platform accepts longer names.
    ///
    /// ## Why is this bad?
    /// The operationId becomes the action's name in Power Automate and the function name in
    /// Power Apps formulas, and is stored in flow definitions; overly long names are
    /// rejected by Microsoft's Swagger Validator and are unreadable in formulas anyway.
    ///
    /// ## Severity
    /// The validator has a length limit for operationIds, `OperationIdTooLong`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// Microsoft does not publish the number, so connlint's provisional limit sits above every
    /// certified connector.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetAllTheItemsOfTheCurrentUserIncludingTheArchivedOnesAndTheDeletedOnesSortedByCreationDateDescendingWithPagingSupportEnabled" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "ListItems" }
    /// ```
    pub OperationIdTooLong {
        id: "operation-id-too-long",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationIdTooLong"],
        summary: "An operationId is longer than 128 characters",
        visits: [Operation],
    }
}

impl Rule for OperationIdTooLong {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(id) = op.operation_id else { return };
        let length = id.value.chars().count();
        if length > MAX_OPERATION_ID_LENGTH {
            cx.report_swagger(id.span, format!("operationId is {length} characters long; the limit is {MAX_OPERATION_ID_LENGTH}"))
                .help("use a shorter name such as `ListItems`; put the details in `summary` and `description`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_above_the_limit() {
        let text = format!("{{\"paths\": {{\"/a\": {{\n  \"get\": {{\"operationId\": \"{}\"}}}}}}}}", "x".repeat(129));
        assert_eq!(messages(&OperationIdTooLong, swagger(&text)), ["2:26 operationId is 129 characters long; the limit is 128"]);
    }

    #[test]
    fn silent_at_the_limit() {
        let text = format!("{{\"paths\": {{\"/a\": {{\"get\": {{\"operationId\": \"{}\"}}, \"put\": {{}}}}}}}}", "é".repeat(128));
        assert_silent(&OperationIdTooLong, swagger(&text));
    }
}
