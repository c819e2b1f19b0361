use super::place;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::spec::ViolationKind;

declare_rule! {
    /// ## What it does
    /// Reports an object that lacks a field the Swagger 2.0 specification requires: `swagger`,
    /// `info` and `paths` at the root, `title` and `version` in `info`, `responses` in an
    /// operation, `description` in a response, `name` and `in` in a parameter (and `schema` in
    /// a body parameter, `type` in any other), `type` in a response header, `name` in a tag,
    /// and the fields each kind of security scheme needs (`tokenUrl`, `authorizationUrl`,
    /// `flow`, `name`, `in`). The finding points at the object's key, or at the object.
    ///
    /// ## Why is this bad?
    /// Microsoft's Swagger Validator rejects the document ("property is required"), and what
    /// depends on the field (how a parameter is sent, what a response is) is undefined.
    ///
    /// ## Severity
    /// The validator reports it as `RequiredPropertyMissing` (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// pipeline runs refused swaggers with "property is required" messages, for example in
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/609.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "200": { "schema": { "type": "object" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// "responses": { "200": { "description": "The item.", "schema": { "type": "object" } } }
    /// ```
    pub SpecRequiredMissing {
        id: "spec-required-missing",
        category: Spec,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredPropertyMissing"],
        summary: "An object lacks a field the Swagger 2.0 specification requires",
        visits: [Connector],
    }
}

impl Rule for SpecRequiredMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for violation in cx.spec_violations() {
            let ViolationKind::Required(name) = violation.kind else { continue };
            let span = violation.key.filter(|_| violation.at_key).map_or(violation.node.span, |k| k.span);
            let message = format!("{} needs `{name}`", place(violation.definition));
            cx.report_swagger(span, message).help(format!("add `{name}`, which Swagger 2.0 requires here"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_the_object_key() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T"}, "paths": {"/i": {"get": {
  "parameters": [{"in": "query", "type": "string"}, {"name": "b", "in": "body"}],
  "responses": {"200": {"headers": {"h": {"description": "d"}}}}}, "post": {}}},
"tags": [{"description": "no name"}], "securityDefinitions": {"o": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a"}}}"#;
        assert_eq!(
            messages(&SpecRequiredMissing, swagger(text)),
            [
                "1:20 `info` needs `version`",
                "2:18 a parameter needs `name`",
                "2:53 a body parameter needs `schema`",
                "3:17 a response needs `description`",
                "3:37 a response header needs `type`",
                "3:68 an operation needs `responses`",
                "4:10 a tag needs `name`",
                "4:63 an OAuth 2.0 security scheme (accessCode flow) needs `tokenUrl`",
            ]
        );
    }

    #[test]
    fn silent_on_complete_objects_and_refs() {
        let text = r##"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/i": {"get": {
  "parameters": [{"$ref": "#/parameters/p"}, {"name": "b", "in": "body", "schema": {}}],
  "responses": {"200": {"description": "x", "headers": {"h": {"type": "string"}}}, "default": {"$ref": "#/responses/r"}}}}},
"tags": [{"name": "t"}]}"##;
        assert_silent(&SpecRequiredMissing, swagger(text));
    }
}
