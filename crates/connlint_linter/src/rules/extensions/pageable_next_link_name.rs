use super::{enum_suggestion, one_of};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::responses::{lookup, success_schema, Lookup};
use connlint_core::model::swagger::Operation;

/// The values Power Platform accepts for `nextLinkName`.
const NEXT_LINK_NAMES: [&str; 2] = ["nextLink", "@odata.nextLink"];

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-pageable` whose `nextLinkName` is not exactly `nextLink` or
    /// `@odata.nextLink`, or names a property that the operation's success response schema
    /// does not declare (when that schema lists its properties; `$ref`s and `allOf` are
    /// followed).
    ///
    /// ## Why is this bad?
    /// With `x-ms-pageable`, Power Automate follows the URL in the named response property to
    /// fetch the next page. Power Platform supports only these two names, and a name the
    /// response never contains means only the first page is ever returned. Microsoft's Swagger
    /// Validator rejects other names.
    ///
    /// ## Severity
    /// `x-ms-pageable.nextLinkName` other than `nextLink` or `@odata.nextLink` is refused as
    /// `InvalidNextLinkNameValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "operationId": "ListItems", "x-ms-pageable": { "nextLinkName": "next" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "operationId": "ListItems", "x-ms-pageable": { "nextLinkName": "@odata.nextLink" } }
    /// ```
    pub PageableNextLinkName {
        id: "pageable-next-link-name",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["InvalidNextLinkNameValue"],
        summary: "x-ms-pageable nextLinkName is not nextLink or @odata.nextLink, or not in the response",
        visits: [Operation],
    }
}

impl Rule for PageableNextLinkName {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(name) = op.pageable.as_ref().and_then(|p| p.next_link_name) else { return };
        if !NEXT_LINK_NAMES.contains(&name.value) {
            let diagnostic =
                cx.report_swagger(name.span, format!("`nextLinkName` is `{}`; expected {}", name.value, one_of(&NEXT_LINK_NAMES)));
            match enum_suggestion(name.value, &NEXT_LINK_NAMES) {
                Some(fix) => diagnostic.help(format!("did you mean `{fix}`? the names are case-sensitive")),
                None => diagnostic.help("return the next page's URL in a `nextLink` or `@odata.nextLink` property and name it here"),
            };
            return;
        }
        let Some(swagger) = cx.swagger() else { return };
        let Some(schema) = success_schema(swagger, op) else { return };
        // Both accepted names are a single property name (a dot is not a path separator).
        if let Lookup::Missing { .. } = lookup(swagger, schema, name.value) {
            cx.report_swagger(
                name.span,
                format!("`nextLinkName` is `{}`, but the success response of `{}` has no such property", name.value, op.display_name()),
            )
            .help(format!(
                "declare `{}` (a string) in the response schema, or remove `x-ms-pageable` if the API does not page",
                name.value
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_other_names_and_names_the_response_lacks() {
        let text = r##"{"paths": {"/a": {
  "get": {"operationId": "A", "x-ms-pageable": {"nextLinkName": "nextlink"}},
  "post": {"operationId": "B", "x-ms-pageable": {"nextLinkName": "next"}},
  "put": {"operationId": "C", "x-ms-pageable": {"nextLinkName": "@odata.nextLink"},
    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Page"}}}}
}},
"definitions": {"Page": {"type": "object", "properties": {"value": {"type": "array"}, "nextLink": {"type": "string"}}}}}"##;
        let findings = run(&PageableNextLinkName, swagger(text));
        let got: Vec<_> =
            findings.iter().map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "2:65 `nextLinkName` is `nextlink`; expected `nextLink` or `@odata.nextLink` | did you mean `nextLink`? the names are case-sensitive",
                "3:66 `nextLinkName` is `next`; expected `nextLink` or `@odata.nextLink` | return the next page's URL in a `nextLink` or `@odata.nextLink` property and name it here",
                "4:65 `nextLinkName` is `@odata.nextLink`, but the success response of `C` has no such property | declare `@odata.nextLink` (a string) in the response schema, or remove `x-ms-pageable` if the API does not page",
            ]
        );
    }

    #[test]
    fn silent_on_declared_or_undeclared_response_properties() {
        let text = r##"{"paths": {"/a": {
  "get": {"x-ms-pageable": {"nextLinkName": "@odata.nextLink"},
    "responses": {"200": {"description": "OK", "schema": {"allOf": [{"$ref": "#/definitions/Page"}]}}}},
  "post": {"x-ms-pageable": {"nextLinkName": "nextLink"}, "responses": {"200": {"description": "OK", "schema": {"type": "object"}}}},
  "put": {"x-ms-pageable": {"nextLinkName": "nextLink"}},
  "patch": {"operationId": "NotPaged"}
}},
"definitions": {"Page": {"type": "object", "properties": {"@odata.nextLink": {"type": "string"}}}}}"##;
        assert_silent(&PageableNextLinkName, swagger(text));
    }
}
