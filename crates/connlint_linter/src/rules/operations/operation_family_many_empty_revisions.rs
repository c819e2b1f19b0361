use super::families;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a family of operations (`x-ms-api-annotation.family`, or the operationId) in
    /// which more than one operation has no `revision`. Each such operation after the first
    /// is reported.
    ///
    /// ## Why is this bad?
    /// An operation without a revision counts as revision 1, so two of them make the family's
    /// versions impossible to order, and the designers cannot tell which one is newer.
    /// Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// Several operations of a family without a revision are refused as
    /// `OperationFamilyHasManyEmptyRevisions`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItems" }, { "operationId": "GetItemsNew", "x-ms-api-annotation": { "family": "GetItems" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems" }, { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } }
    /// ```
    pub OperationFamilyManyEmptyRevisions {
        id: "operation-family-many-empty-revisions",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationFamilyHasManyEmptyRevisions"],
        summary: "More than one operation of a family has no revision",
        visits: [Connector],
    }
}

impl Rule for OperationFamilyManyEmptyRevisions {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for family in families(swagger) {
            let empty: Vec<_> = family.iter().filter(|m| m.revision.is_none()).collect();
            let Some(first) = empty.first() else { continue };
            for member in empty.iter().skip(1) {
                cx.report_swagger(
                    member.op.span(),
                    format!(
                        "`{}` and `{}` of family `{}` both have no revision",
                        first.op.display_name(),
                        member.op.display_name(),
                        member.family
                    ),
                )
                .help("give the newer operation `\"revision\": 2` (or higher) in its `x-ms-api-annotation`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_second_empty_revision() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List"},
  "put": {"operationId": "ListNew", "x-ms-api-annotation": {"family": "List"}}
}}}"#;
        assert_eq!(
            messages(&OperationFamilyManyEmptyRevisions, swagger(text)),
            ["3:3 `List` and `ListNew` of family `List` both have no revision"]
        );
    }

    #[test]
    fn silent_when_revisions_are_given() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List"},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "Other"},
  "delete": {}
}}}"#;
        assert_silent(&OperationFamilyManyEmptyRevisions, swagger(text));
    }
}
