use super::families;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose revision is already used by an earlier operation of the
    /// same family (`x-ms-api-annotation.family`, or the operationId when there is none). An
    /// operation without `revision` counts as revision 1; two operations that both lack it are
    /// left to `operation-family-many-empty-revisions`. The later operation is reported.
    ///
    /// ## Why is this bad?
    /// Revisions order the versions of an operation: the designers offer the highest one and
    /// tell makers to upgrade to it. Two versions with the same revision cannot be ordered.
    /// Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// Two operations of one family with the same revision are refused as
    /// `OperationFamilyHasDuplicateRevisions`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "get":  { "operationId": "GetItems", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } },
    ///   "post": { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "get":  { "operationId": "GetItems", "x-ms-api-annotation": { "family": "GetItems", "revision": 1 } },
    ///   "post": { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2 } } }
    /// ```
    pub OperationFamilyDuplicateRevision {
        id: "operation-family-duplicate-revision",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationFamilyHasDuplicateRevisions"],
        summary: "Two operations of one family have the same revision",
        visits: [Connector],
    }
}

impl Rule for OperationFamilyDuplicateRevision {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for family in families(swagger) {
            // Per revision: the first member with it, and the first that wrote it explicitly
            // (a map, not a scan of the earlier members: a family may have 100,000 members).
            let mut first: HashMap<u64, (usize, Option<usize>)> = HashMap::default();
            for (i, member) in family.iter().enumerate() {
                let revision = member.effective_revision();
                if revision.is_nan() {
                    continue; // equal to nothing
                }
                // `+ 0.0` makes -0 and 0 one key, as they compare equal.
                let entry = first.entry((revision + 0.0).to_bits()).or_insert((i, None));
                let earlier = if member.revision.is_some() { Some(entry.0) } else { entry.1 };
                if member.revision.is_some() && entry.1.is_none() {
                    entry.1 = Some(i);
                }
                let Some(earlier) = earlier.filter(|&e| e < i).map(|e| &family[e]) else { continue };
                let span = member.op.api_annotation.as_ref().and_then(|a| a.revision).map_or(member.op.span(), |r| r.span);
                cx.report_swagger(
                    span,
                    format!(
                        "operation `{}` has revision {} of family `{}`, like `{}`",
                        member.op.display_name(),
                        member.effective_revision(),
                        member.family,
                        earlier.op.display_name()
                    ),
                )
                .help("give each version of the operation its own revision number (1, 2, 3, ...)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_later_revision() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List"},
  "put": {"operationId": "ListOld", "x-ms-api-annotation": {"family": "List", "revision": 1}},
  "post": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "patch": {"operationId": "ListV2b", "x-ms-api-annotation": {"family": "List", "revision": 2}}
}}}"#;
        assert_eq!(
            messages(&OperationFamilyDuplicateRevision, swagger(text)),
            [
                "3:91 operation `ListOld` has revision 1 of family `List`, like `List`",
                "5:93 operation `ListV2b` has revision 2 of family `List`, like `ListV2`",
            ]
        );
    }

    #[test]
    fn silent_on_distinct_revisions_and_families() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List"},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "Other", "x-ms-api-annotation": {"revision": 2}},
  "patch": {"operationId": "ListV3", "x-ms-api-annotation": {"family": "List", "revision": 3}}
}}}"#;
        assert_silent(&OperationFamilyDuplicateRevision, swagger(text));
    }
}
