use super::families;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a family of operations (`x-ms-api-annotation.family`, or the operationId) with
    /// more than one operation that is not deprecated and is in `Production` status. An
    /// operation without `status` has the API's status (`info.x-ms-api-annotation.status`),
    /// which defaults to `Preview`. Each such operation after the first is reported.
    ///
    /// ## Why is this bad?
    /// Only one version of an action should be the production one; when a new revision
    /// reaches production the previous one should be deprecated, so makers know which to
    /// use. This is lifecycle guidance, so the rule is a warning.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItems", "x-ms-api-annotation": { "status": "Production" } },
    /// { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2, "status": "Production" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems", "deprecated": true, "x-ms-api-annotation": { "status": "Production" } },
    /// { "operationId": "GetItems_V2", "x-ms-api-annotation": { "family": "GetItems", "revision": 2, "status": "Production" } }
    /// ```
    pub OperationFamilyManyActiveProduction {
        id: "operation-family-many-active-production",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationFamilyHasManyActiveProductionOperations"],
        summary: "A family has more than one active operation in Production status",
        visits: [Connector],
    }
}

impl Rule for OperationFamilyManyActiveProduction {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for family in families(swagger) {
            let live: Vec<_> = family.iter().filter(|m| !m.deprecated && m.production).collect();
            let Some(first) = live.first() else { continue };
            for member in live.iter().skip(1) {
                cx.report_swagger(
                    member.op.span(),
                    format!(
                        "`{}` and `{}` of family `{}` are both active in Production",
                        first.op.display_name(),
                        member.op.display_name(),
                        member.family
                    ),
                )
                .help("deprecate the older revision once the new one is in production");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_with_inherited_and_explicit_status() {
        let text = r#"{"info": {"x-ms-api-annotation": {"status": "Production"}}, "paths": {"/a": {
  "get": {"operationId": "List"},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}}
}}}"#;
        assert_eq!(
            messages(&OperationFamilyManyActiveProduction, swagger(text)),
            ["3:3 `List` and `ListV2` of family `List` are both active in Production"]
        );
    }

    #[test]
    fn silent_with_preview_or_deprecated_versions() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "List", "x-ms-api-annotation": {"status": "Production"}},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}}
}}}"#;
        assert_silent(&OperationFamilyManyActiveProduction, swagger(text));
        let text = r#"{"info": {"x-ms-api-annotation": {"status": "Production"}}, "paths": {"/a": {
  "get": {"operationId": "List", "deprecated": true},
  "put": {"operationId": "ListV2", "x-ms-api-annotation": {"family": "List", "revision": 2}},
  "post": {"operationId": "ListV3", "x-ms-api-annotation": {"family": "List", "revision": 3, "status": "Preview"}}
}}}"#;
        assert_silent(&OperationFamilyManyActiveProduction, swagger(text));
    }
}
