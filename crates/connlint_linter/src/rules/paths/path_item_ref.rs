use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a path item (the object under a path key) that has a `$ref`.
    ///
    /// ## Why is this bad?
    /// Swagger 2.0 allows path items to be references, but Power Platform does not follow
    /// them: the operations behind the reference are missing from the connector. Microsoft's
    /// Swagger Validator rejects it.
    ///
    /// ## Severity
    /// A `$ref` on a path item is not supported by the platform: `PathItemRefNotSuppored`
    /// (Microsoft's spelling) on
    /// https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "$ref": "#/x-shared/items" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get": { "operationId": "ListItems" } } } }
    /// ```
    pub PathItemRef {
        id: "path-item-ref",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["PathItemRefNotSuppored"],
        summary: "A path item is a $ref, which is not supported",
        visits: [Connector],
    }
}

impl Rule for PathItemRef {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for item in &swagger.paths {
            let Some(member) = item.node.member("$ref") else { continue };
            cx.report_swagger(
                member.key.span,
                format!("path `{}` is defined by a `$ref`, which Power Platform does not follow", item.path()),
            )
            .help("write the operations inline under the path");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_ref_key() {
        let text = "{\"paths\": {\n  \"/items\": {\"$ref\": \"#/x-items\"}\n}, \"x-items\": {}}";
        assert_eq!(
            messages(&PathItemRef, swagger(text)),
            ["2:14 path `/items` is defined by a `$ref`, which Power Platform does not follow"]
        );
    }

    #[test]
    fn silent_on_refs_inside_operations() {
        let text = r##"{"paths": {"/items": {"get": {"responses": {"200": {"$ref": "#/responses/ok"}}}}}, "responses": {"ok": {"description": "ok"}}}"##;
        assert_silent(&PathItemRef, swagger(text));
    }
}
