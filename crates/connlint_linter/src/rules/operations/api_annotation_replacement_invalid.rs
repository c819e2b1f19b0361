use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Checks `x-ms-api-annotation.replacement` on an operation: it is only meaningful on an
    /// operation with `"deprecated": true`, and it must name both the `api` and the
    /// `operationId` of the replacement.
    ///
    /// ## Why is this bad?
    /// The replacement tells flow makers (and the designers' "use the new version" prompt)
    /// where to go when an operation is retired. On an active operation it is misleading,
    /// and without `api` or `operationId` it points nowhere. Microsoft's Swagger Validator
    /// rejects all three cases.
    ///
    /// ## Severity
    /// The validator checks `x-ms-api-annotation.replacement`:
    /// `ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations`,
    /// `ApiAnnotationExtensionReplacementInfoMissingApiProperty` and
    /// `ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty` are errors on
    /// https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules.
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "GetItems", "x-ms-api-annotation": { "replacement": { "operationId": "GetItems_V2" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "GetItems", "deprecated": true,
    ///   "x-ms-api-annotation": { "replacement": { "api": "contoso", "operationId": "GetItems_V2" } } }
    /// ```
    pub ApiAnnotationReplacementInvalid {
        id: "api-annotation-replacement-invalid",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: [
            "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
            "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
            "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
        ],
        summary: "An operation's replacement annotation is on an active operation or incomplete",
        visits: [Operation],
    }
}

impl Rule for ApiAnnotationReplacementInvalid {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(annotation) = op.api_annotation.as_ref() else { return };
        let (Some(replacement), Some(member)) = (annotation.replacement, annotation.node.member("replacement")) else { return };
        let name = op.display_name();
        if !op.deprecated.is_some_and(|d| d.value) {
            cx.report_swagger(member.key.span, format!("operation `{name}` names a replacement but is not deprecated"))
                .help("add `\"deprecated\": true` to the operation, or remove `replacement`");
        }
        for (key, what) in [("api", "the connector (`api`)"), ("operationId", "the operation (`operationId`)")] {
            if replacement.get(key).is_none() {
                cx.report_swagger(member.key.span, format!("the replacement of `{name}` does not name {what}"))
                    .help(format!("add `\"{key}\"` to `replacement`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_replacement_key() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "A", "x-ms-api-annotation": {"replacement": {"api": "x", "operationId": "B"}}},
  "put": {"operationId": "C", "deprecated": true, "x-ms-api-annotation": {"replacement": {}}}
}}}"#;
        assert_eq!(
            messages(&ApiAnnotationReplacementInvalid, swagger(text)),
            [
                "2:55 operation `A` names a replacement but is not deprecated",
                "3:75 the replacement of `C` does not name the connector (`api`)",
                "3:75 the replacement of `C` does not name the operation (`operationId`)",
            ]
        );
    }

    #[test]
    fn silent_on_complete_replacements_of_deprecated_operations() {
        let text = r#"{"paths": {"/a": {
  "get": {"operationId": "A", "deprecated": true, "x-ms-api-annotation": {"replacement": {"api": "x", "operationId": "B"}}},
  "put": {"operationId": "B", "x-ms-api-annotation": {"family": "A", "revision": 2}}
}}}"#;
        assert_silent(&ApiAnnotationReplacementInvalid, swagger(text));
    }
}
