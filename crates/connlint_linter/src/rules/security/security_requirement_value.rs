use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a security requirement (in the top-level or an operation's `security` array)
    /// whose value is not an array of scope names: `null`, a string, an object or a number.
    ///
    /// ## Why is this bad?
    /// The value of a requirement is the list of scopes it needs. Power Platform expects an
    /// array, `[]` when the scheme has no scopes, and Microsoft's validator rejects anything
    /// else.
    ///
    /// ## Severity
    /// A requirement whose value is missing or null is refused as
    /// `SecurityRequirementMustHaveValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// `[]` is the value for no scopes.
    ///
    /// ## Example
    /// ```json
    /// { "security": [ { "api_key": null } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "security": [ { "api_key": [] } ] }
    /// ```
    pub SecurityRequirementValue {
        id: "security-requirement-value",
        category: Security,
        severity: Error,
        profile: Base,
        ms_names: ["SecurityRequirementMustHaveValue"],
        summary: "A security requirement's value is not an array of scopes",
        visits: [Connector],
    }
}

impl Rule for SecurityRequirementValue {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for req in swagger.security_requirements() {
            if req.value.as_array().is_none() {
                cx.report_swagger(
                    req.value.span,
                    format!("security requirement `{}` has {} where a list of scopes belongs", req.key.text, req.value.json_type().name()),
                )
                .help("write `[]`, or the list of OAuth scopes the operation needs");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_non_array_values() {
        let text = "{\"security\": [\n  {\"a\": null, \"b\": \"read\"}\n],\n\"paths\": {\"/x\": {\"get\": {\"security\": [{\"c\": {}}]}}}}";
        assert_eq!(
            messages(&SecurityRequirementValue, swagger(text)),
            [
                "2:9 security requirement `a` has null where a list of scopes belongs",
                "2:20 security requirement `b` has a string where a list of scopes belongs",
                "4:45 security requirement `c` has an object where a list of scopes belongs",
            ]
        );
    }

    #[test]
    fn silent_on_arrays() {
        let text = r#"{"security": [{"a": []}, {"b": ["read"]}], "paths": {"/x": {"get": {"security": []}}}}"#;
        assert_silent(&SecurityRequirementValue, swagger(text));
    }
}
