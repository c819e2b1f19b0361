use super::{api_label, code, non_empty, Code};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a global custom API (`bindingtype` 0, or no `bindingtype`) that names a table in
    /// `boundentitylogicalname`.
    ///
    /// ## Why is this bad?
    /// Only an API bound to a table may name one; Dataverse rejects a global API with a
    /// `boundentitylogicalname`, so the solution does not import. Usually `bindingtype` was
    /// meant to be 1 (Entity) or 2 (EntityCollection).
    ///
    /// ## Severity
    /// `boundentitylogicalname` only applies to APIs bound to a table
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapi);
    /// Dataverse refuses it on a global API, so the solution does not import.
    ///
    /// ## Example
    /// ```xml
    /// <customapi uniquename="contoso_Notify">
    ///   <bindingtype>0</bindingtype>
    ///   <boundentitylogicalname>account</boundentitylogicalname>
    /// </customapi>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapi uniquename="contoso_Notify">
    ///   <bindingtype>1</bindingtype>
    ///   <boundentitylogicalname>account</boundentitylogicalname>
    /// </customapi>
    /// ```
    pub CustomApiGlobalBoundEntity {
        id: "custom-api-global-bound-entity",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A global custom API names a boundentitylogicalname",
        visits: [Connector],
    }
}

impl Rule for CustomApiGlobalBoundEntity {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            if !matches!(code(api.element, "bindingtype"), Code::Missing | Code::Int(0)) {
                continue;
            }
            let Some(entity) = non_empty(api.element, "boundentitylogicalname") else { continue };
            cx.report(
                api.file,
                entity.text_span(),
                format!("custom API `{}` is global (bindingtype 0) but names the table `{}`", api_label(api), entity.text()),
            )
            .help(
                "remove `boundentitylogicalname`, or set `bindingtype` to 1 (Entity) or 2 (EntityCollection) to bind the API to the table",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_a_global_api_with_a_table() {
        let t = edited(API_PATH, "<bindingtype>1", "<bindingtype>0");
        assert_eq!(
            t.messages(&CustomApiGlobalBoundEntity),
            ["customapis/contoso_GetScore/customapi.xml:4:27 custom API `contoso_GetScore` is global (bindingtype 0) but names the table `account`"]
        );
    }

    #[test]
    fn fires_when_the_binding_type_is_missing() {
        let t = edited(API_PATH, "  <bindingtype>1</bindingtype>\n", "");
        assert_eq!(t.positions(&CustomApiGlobalBoundEntity), ["customapis/contoso_GetScore/customapi.xml:3:27"]);
    }

    #[test]
    fn silent_on_bound_apis_and_empty_names() {
        valid().assert_silent(&CustomApiGlobalBoundEntity);
        edited(API_PATH, "<bindingtype>1", "<bindingtype>2").assert_silent(&CustomApiGlobalBoundEntity);
        let api = replace(API, "<bindingtype>1", "<bindingtype>0");
        with(&[(API_PATH, &replace(&api, "<boundentitylogicalname>account<", "<boundentitylogicalname><"))])
            .assert_silent(&CustomApiGlobalBoundEntity);
    }
}
