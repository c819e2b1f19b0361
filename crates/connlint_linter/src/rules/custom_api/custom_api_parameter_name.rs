use super::parts;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a request parameter or response property whose `name` element is not
    /// `{API uniquename}.{parameter uniquename}`.
    ///
    /// ## Why is this bad?
    /// `name` is the primary name of the parameter's row in Dataverse. It is not used when the
    /// API is called, so nothing fails, but the recommended `{API}.{parameter}` form is what
    /// makes the rows of many APIs' parameters tell apart in lists, views and solution
    /// layers; a name left over from another API or parameter misleads whoever maintains it.
    ///
    /// ## Example
    /// ```xml
    /// <customapirequestparameter uniquename="Since">
    ///   <name>Since</name>
    /// </customapirequestparameter>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapirequestparameter uniquename="Since">
    ///   <name>contoso_GetScore.Since</name>
    /// </customapirequestparameter>
    /// ```
    pub CustomApiParameterName {
        id: "custom-api-parameter-name",
        category: CustomApi,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A custom API parameter or property name is not `{api}.{parameter}`",
        visits: [Connector],
    }
}

impl Rule for CustomApiParameterName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            let Some((api_name, _)) = api.unique_name().filter(|(n, _)| !n.is_empty()) else { continue };
            for (kind, part) in parts(api) {
                let Some((part_name, _)) = part.unique_name().filter(|(n, _)| !n.is_empty()) else { continue };
                let Some(name) = super::non_empty(part.element, "name") else { continue };
                let expected = format!("{api_name}.{part_name}");
                if name.text().eq_ignore_ascii_case(&expected) {
                    continue;
                }
                cx.report(
                    part.file,
                    name.text_span(),
                    format!("{} name `{}` does not follow `{{API}}.{{parameter}}`; expected `{expected}`", kind.noun(), name.text()),
                )
                .help(format!("set `<name>` to `{expected}`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_names_without_the_api() {
        let param = replace(PARAM, "<name>contoso_GetScore.Since<", "<name>Since<");
        let prop = replace(PROP, "<name>contoso_GetScore.Score<", "<name>contoso_GetRating.Score<");
        assert_eq!(
            with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]).messages(&CustomApiParameterName),
            [
                format!("{PARAM_PATH}:10:9 request parameter name `Since` does not follow `{{API}}.{{parameter}}`; expected `contoso_GetScore.Since`"),
                format!("{PROP_PATH}:9:9 response property name `contoso_GetRating.Score` does not follow `{{API}}.{{parameter}}`; expected `contoso_GetScore.Score`"),
            ]
        );
    }

    #[test]
    fn silent_on_the_convention_and_missing_names() {
        valid().assert_silent(&CustomApiParameterName);
        edited(PARAM_PATH, "<name>contoso_GetScore.Since<", "<name>CONTOSO_getscore.since<").assert_silent(&CustomApiParameterName);
        edited(PROP_PATH, "  <name>contoso_GetScore.Score</name>\n", "").assert_silent(&CustomApiParameterName);
    }
}
