use super::{api_label, is_on, solution};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a custom API that is a function (`<isfunction>1</isfunction>`) but has no
    /// response property (`customapiresponseproperties/`).
    ///
    /// ## Why is this bad?
    /// A function is called with HTTP GET and exists to return a value; Dataverse refuses a
    /// function without at least one response property, so the solution does not import.
    ///
    /// ## Severity
    /// A custom API that is a function must return at least one response property
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/custom-api); Dataverse
    /// refuses it otherwise.
    ///
    /// ## Example
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <isfunction>1</isfunction>
    /// </customapi>
    /// <!-- and no customapiresponseproperties folder -->
    /// ```
    /// Use instead:
    /// ```xml
    /// <!-- customapis/contoso_GetScore/customapiresponseproperties/Score/customapiresponseproperty.xml -->
    /// <customapiresponseproperty uniquename="Score">
    ///   <name>contoso_GetScore.Score</name>
    ///   <type>7</type>
    /// </customapiresponseproperty>
    /// ```
    /// or make it an action with `<isfunction>0</isfunction>`.
    pub CustomApiFunctionWithoutResponse {
        id: "custom-api-function-without-response",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API function has no response property",
        visits: [Connector],
    }
}

impl Rule for CustomApiFunctionWithoutResponse {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = solution(cx) else { return };
        for api in &solution.custom_apis {
            if !is_on(api.element, "isfunction") || !api.response_properties.is_empty() {
                continue;
            }
            let Some(isfunction) = api.element.child("isfunction") else { continue };
            cx.report(
                api.file,
                isfunction.text_span(),
                format!("custom API `{}` is a function (isfunction 1) but has no response property", api_label(api)),
            )
            .help("add a response property under `customapiresponseproperties/`, or set `isfunction` to 0 to make it an action");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_a_function_without_response_property() {
        assert_eq!(
            without(PROP_PATH).messages(&CustomApiFunctionWithoutResponse),
            ["customapis/contoso_GetScore/customapi.xml:12:15 custom API `contoso_GetScore` is a function (isfunction 1) but has no response property"]
        );
    }

    #[test]
    fn fires_with_spaces_around_the_value() {
        let api = replace(API, "<isfunction>1</isfunction>", "<isfunction> 1 </isfunction>");
        let t = only(&[(API_PATH, &api), (PARAM_PATH, PARAM)]);
        assert_eq!(t.positions(&CustomApiFunctionWithoutResponse), ["customapis/contoso_GetScore/customapi.xml:12:16"]);
    }

    #[test]
    fn silent_on_the_valid_function() {
        valid().assert_silent(&CustomApiFunctionWithoutResponse);
    }

    #[test]
    fn silent_on_an_action_without_response_property() {
        let api = replace(API, "<isfunction>1</isfunction>", "<isfunction>0</isfunction>");
        only(&[(API_PATH, &api), (PARAM_PATH, PARAM)]).assert_silent(&CustomApiFunctionWithoutResponse);
        let api = replace(API, "  <isfunction>1</isfunction>\n", "");
        only(&[(API_PATH, &api)]).assert_silent(&CustomApiFunctionWithoutResponse);
    }
}
