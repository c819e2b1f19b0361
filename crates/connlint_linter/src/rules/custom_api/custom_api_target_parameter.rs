use super::{api_label, is_bound};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a request parameter named `Target` (any case) on a custom API bound to a table
    /// (`bindingtype` 1 or 2).
    ///
    /// ## Why is this bad?
    /// Dataverse gives every bound API a `Target` parameter of its own (the row, or the rows,
    /// the API runs on); a second one with that name collides with it and the API cannot be
    /// created.
    ///
    /// ## Severity
    /// Dataverse adds a `Target` parameter to every bound custom API itself
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/custom-api); a second one
    /// with that name collides and the API cannot be created.
    ///
    /// ## Example
    /// ```xml
    /// <!-- customapis/contoso_GetScore/customapirequestparameters/Target/customapirequestparameter.xml -->
    /// <customapirequestparameter uniquename="Target">
    ///   <type>5</type>
    /// </customapirequestparameter>
    /// ```
    /// Use instead: remove the parameter; the plug-in reads the generated `Target` from the
    /// execution context's input parameters.
    pub CustomApiTargetParameter {
        id: "custom-api-target-parameter",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A bound custom API defines its own Target parameter",
        visits: [Connector],
    }
}

impl Rule for CustomApiTargetParameter {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in solution.custom_apis.iter().filter(|a| is_bound(a)) {
            for part in &api.request_parameters {
                let Some((name, span)) = part.unique_name() else { continue };
                if name.eq_ignore_ascii_case("Target") {
                    cx.report(part.file, span, format!("bound custom API `{}` defines a request parameter `{name}`", api_label(api)))
                        .help("remove this parameter: Dataverse adds a `Target` parameter to every bound API");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    const TARGET_PATH: &str = "customapis/contoso_GetScore/customapirequestparameters/Target/customapirequestparameter.xml";

    fn target(unique: &str) -> String {
        replace(&replace(PARAM, "uniquename=\"Since\"", &format!("uniquename=\"{unique}\"")), "<type>1<", "<type>5<")
    }

    #[test]
    fn fires_on_a_target_parameter_of_a_bound_api() {
        let t = with(&[(TARGET_PATH, &target("target"))]);
        assert_eq!(
            t.messages(&CustomApiTargetParameter),
            [format!("{TARGET_PATH}:1:40 bound custom API `contoso_GetScore` defines a request parameter `target`")]
        );
    }

    #[test]
    fn silent_on_global_apis_and_other_names() {
        valid().assert_silent(&CustomApiTargetParameter);
        let api = replace(API, "<bindingtype>1", "<bindingtype>0");
        with(&[(API_PATH, &api), (TARGET_PATH, &target("Target"))]).assert_silent(&CustomApiTargetParameter);
        with(&[(TARGET_PATH, &target("TargetId"))]).assert_silent(&CustomApiTargetParameter);
        // A response property named Target is not a request parameter.
        let prop = replace(PROP, "uniquename=\"Score\"", "uniquename=\"Target\"");
        with(&[(PROP_PATH, &prop)]).assert_silent(&CustomApiTargetParameter);
    }
}
