use super::{api_label, is_on, solution};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a custom API that is a function (`<isfunction>1</isfunction>`) and is also
    /// enabled for workflows (`<workflowsdkstepenabled>1</workflowsdkstepenabled>`).
    ///
    /// ## Why is this bad?
    /// Workflows and Power Automate can only use custom APIs that are actions; Dataverse
    /// rejects a function with `workflowsdkstepenabled` 1, so the solution does not import.
    ///
    /// ## Severity
    /// Only actions can be enabled for workflows; Dataverse refuses a function with
    /// `workflowsdkstepenabled` set
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapi).
    ///
    /// ## Example
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <isfunction>1</isfunction>
    ///   <workflowsdkstepenabled>1</workflowsdkstepenabled>
    /// </customapi>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <isfunction>1</isfunction>
    ///   <workflowsdkstepenabled>0</workflowsdkstepenabled>
    /// </customapi>
    /// ```
    pub CustomApiFunctionWorkflow {
        id: "custom-api-function-workflow",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API function is enabled for workflows",
        visits: [Connector],
    }
}

impl Rule for CustomApiFunctionWorkflow {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = solution(cx) else { return };
        for api in &solution.custom_apis {
            if !is_on(api.element, "isfunction") || !is_on(api.element, "workflowsdkstepenabled") {
                continue;
            }
            let Some(workflow) = api.element.child("workflowsdkstepenabled") else { continue };
            cx.report(
                api.file,
                workflow.text_span(),
                format!("custom API `{}` is a function but `workflowsdkstepenabled` is 1", api_label(api)),
            )
            .help("set `workflowsdkstepenabled` to 0, or make the API an action (`isfunction` 0) to use it in workflows");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_a_workflow_enabled_function() {
        let t = edited(API_PATH, "<workflowsdkstepenabled>0", "<workflowsdkstepenabled>1");
        assert_eq!(
            t.messages(&CustomApiFunctionWorkflow),
            ["customapis/contoso_GetScore/customapi.xml:18:27 custom API `contoso_GetScore` is a function but `workflowsdkstepenabled` is 1"]
        );
    }

    #[test]
    fn silent_on_the_valid_function() {
        valid().assert_silent(&CustomApiFunctionWorkflow);
    }

    #[test]
    fn silent_on_a_workflow_enabled_action() {
        let api = replace(API, "<workflowsdkstepenabled>0", "<workflowsdkstepenabled>1");
        let api = replace(&api, "<isfunction>1", "<isfunction>0");
        with(&[(API_PATH, &api)]).assert_silent(&CustomApiFunctionWorkflow);
    }

    #[test]
    fn silent_when_the_flag_is_missing() {
        edited(API_PATH, "  <workflowsdkstepenabled>0</workflowsdkstepenabled>\n", "").assert_silent(&CustomApiFunctionWorkflow);
    }
}
