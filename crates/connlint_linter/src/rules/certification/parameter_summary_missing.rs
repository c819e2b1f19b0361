use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::is_blank;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter without an `x-ms-summary`, or with an empty one. Parameters with
    /// `"x-ms-visibility": "internal"` are skipped (users never see them), and so are body
    /// parameters, whose fields are labelled by their schema's properties. A `$ref`'d
    /// parameter is checked where it is defined, once for each use.
    ///
    /// ## Why is this bad?
    /// `x-ms-summary` is the label of the parameter's input box in the designer; without it
    /// users see the technical name (`$top`, `api-version`). Microsoft's validator asks for it
    /// when certification rules are on.
    ///
    /// ## Severity
    /// An error under certification: Microsoft's validator reports a visible parameter without
    /// `x-ms-summary` as `RequiredPropertyMissing`, and the pipeline prints it as an error
    /// (https://github.com/microsoft/PowerPlatformConnectors/pull/1003,
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/4041).
    ///
    /// ## Example
    /// ```json
    /// { "name": "$top", "in": "query", "type": "integer", "description": "How many items to return." }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "$top", "in": "query", "type": "integer", "x-ms-summary": "Top count", "description": "How many items to return." }
    /// ```
    pub ParameterSummaryMissing {
        id: "parameter-summary-missing",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["RequiredPropertyMissing"],
        summary: "A parameter has no x-ms-summary",
        visits: [Parameter],
    }
}

impl Rule for ParameterSummaryMissing {
    fn check_parameter(&self, parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = parameter.node else { return };
        if parameter.is_in("body") || parameter.visibility.and_then(|v| v.as_str()) == Some("internal") {
            return;
        }
        let name = parameter.name.map_or("?", |n| n.value);
        match node.get("x-ms-summary") {
            None => {
                cx.report_swagger(parameter.span(), format!("parameter `{name}` has no `x-ms-summary`"))
                    .help("add `x-ms-summary`, the short title-case label shown in the designer, such as `Project ID`");
            }
            Some(summary) if is_blank(summary) => {
                cx.report_swagger(summary.span, format!("parameter `{name}` has an empty `x-ms-summary`"))
                    .help("write the short label shown in the designer, such as `Project ID`");
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
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"top\", \"in\": \"query\", \"type\": \"integer\"},\n  {\"name\": \"q\", \"in\": \"query\", \"x-ms-summary\": \" \"}\n]}}}}";
        assert_eq!(
            messages(&ParameterSummaryMissing, swagger(text)),
            ["2:12 parameter `top` has no `x-ms-summary`", "3:48 parameter `q` has an empty `x-ms-summary`"]
        );
    }

    #[test]
    fn silent_on_body_internal_and_labelled_parameters() {
        let text = r##"{"paths": {"/a": {"post": {"parameters": [
            {"name": "body", "in": "body", "schema": {}},
            {"name": "v", "in": "query", "x-ms-visibility": "internal"},
            {"name": "q", "in": "query", "x-ms-summary": "Query"},
            {"$ref": "#/parameters/missing"}]}}}}"##;
        assert_silent(&ParameterSummaryMissing, swagger(text));
    }
}
