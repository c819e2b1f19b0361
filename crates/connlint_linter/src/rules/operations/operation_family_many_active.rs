use super::families;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a family of operations (`x-ms-api-annotation.family`, or the operationId when
    /// there is none) with more than two operations that are not `"deprecated": true`. Each
    /// active operation after the second is reported.
    ///
    /// ## Why is this bad?
    /// When a new revision ships, the previous one should stay active for a while and older
    /// ones should be deprecated; three or more live versions of one action confuse makers
    /// and multiply the surface to maintain. Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// More than two operations of a family that are not deprecated are refused as
    /// `OperationFamilyHasManyActiveOperations`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItems" }, { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } },
    /// { "operationId": "GetItems_V3", "x-ms-api-annotation": { "family": "GetItems", "revision": 3 } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems", "deprecated": true, "x-ms-visibility": "internal" }, "...the V2 and V3 operations..."
    /// ```
    pub OperationFamilyManyActive {
        id: "operation-family-many-active",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationFamilyHasManyActiveOperations"],
        summary: "A family has more than two operations that are not deprecated",
        visits: [Connector],
    }
}

impl Rule for OperationFamilyManyActive {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for family in families(swagger) {
            let active: Vec<_> = family.iter().filter(|m| !m.deprecated).collect();
            for member in active.iter().skip(2) {
                cx.report_swagger(
                    member.op.span(),
                    format!(
                        "family `{}` has {} operations that are not deprecated (`{}` is one too many)",
                        member.family,
                        active.len(),
                        member.op.display_name()
                    ),
                )
                .help("mark the older revisions `\"deprecated\": true` (and hide them with `x-ms-visibility: internal`)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_third_active_operation() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List"},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "ListV3", "x-ms-api-annotation": {"family": "List", "revision": 3}}
}}}"#;
        assert_eq!(
            messages(&OperationFamilyManyActive, swagger(text)),
            ["4:3 family `List` has 3 operations that are not deprecated (`ListV3` is one too many)"]
        );
    }

    #[test]
    fn silent_when_old_revisions_are_deprecated() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List", "deprecated": true},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "ListV3", "x-ms-api-annotation": {"family": "List", "revision": 3}},
  "patch": {"operationId": "Other"}
}}}"#;
        assert_silent(&OperationFamilyManyActive, swagger(text));
    }
}
