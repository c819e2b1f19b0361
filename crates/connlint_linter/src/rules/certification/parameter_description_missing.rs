use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter without a `description`, or with an empty one. Parameters with
    /// `"x-ms-visibility": "internal"` are skipped: users never see them.
    ///
    /// ## Why is this bad?
    /// The description is the tooltip and placeholder of the parameter's input box. Microsoft's
    /// validator asks for it when certification rules are on.
    ///
    /// ## Severity
    /// An error under certification: Microsoft's validator reports a parameter without
    /// `description` as `RequiredPropertyMissing`, printed as an error by the pipeline
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/3407,
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/550).
    ///
    /// ## Example
    /// ```json
    /// { "name": "$top", "in": "query", "type": "integer", "x-ms-summary": "Top count" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "$top", "in": "query", "type": "integer", "x-ms-summary": "Top count", "description": "How many items to return." }
    /// ```
    pub ParameterDescriptionMissing {
        id: "parameter-description-missing",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["RequiredPropertyMissing"],
        summary: "A parameter has no description",
        visits: [Parameter],
    }
}

impl Rule for ParameterDescriptionMissing {
    fn check_parameter(&self, parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = parameter.node else { return };
        if parameter.visibility.and_then(|v| v.as_str()) == Some("internal") {
            return;
        }
        let name = parameter.name.map_or("?", |n| n.value);
        match node.get("description") {
            None => {
                cx.report_swagger(parameter.span(), format!("parameter `{name}` has no description"))
                    .help("add a `description` telling users what to enter, such as `The ID of the project.`");
            }
            Some(description) if is_blank(description) => {
                cx.report_swagger(description.span, format!("parameter `{name}` has an empty description"))
                    .help("tell users what to enter, such as `The ID of the project.`");
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_name_or_the_empty_value() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\"},\n  {\"name\": \"q\", \"in\": \"query\", \"description\": \"\"}\n]}}}}";
        assert_eq!(
            messages(&ParameterDescriptionMissing, swagger(text)),
            ["2:12 parameter `top` has no description", "3:47 parameter `q` has an empty description"]
        );
    }

    #[test]
    fn silent_on_internal_and_described_parameters() {
        let text = r##"{"paths": {"/a": {"post": {"parameters": [
            {"name": "v", "in": "query", "x-ms-visibility": "internal"},
            {"name": "q", "in": "query", "description": "The search text."},
            {"$ref": "#/parameters/missing"}]}}}}"##;
        assert_silent(&ParameterDescriptionMissing, swagger(text));
    }
}
