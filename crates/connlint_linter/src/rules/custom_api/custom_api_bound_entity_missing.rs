use super::{api_label, code, Code};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a custom API bound to a table (`bindingtype` 1 Entity or 2 EntityCollection)
    /// without a `boundentitylogicalname`.
    ///
    /// ## Why is this bad?
    /// A bound API runs against rows of one table, named by `boundentitylogicalname`; without
    /// it Dataverse cannot create the API and the solution does not import.
    ///
    /// ## Severity
    /// A custom API bound to a table must name it in `boundentitylogicalname`
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapi);
    /// Dataverse refuses to create it otherwise, so the solution does not import.
    ///
    /// ## Example
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <bindingtype>1</bindingtype>
    /// </customapi>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <bindingtype>1</bindingtype>
    ///   <boundentitylogicalname>account</boundentitylogicalname>
    /// </customapi>
    /// ```
    pub CustomApiBoundEntityMissing {
        id: "custom-api-bound-entity-missing",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A bound custom API has no boundentitylogicalname",
        visits: [Connector],
    }
}

impl Rule for CustomApiBoundEntityMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            let binding = match code(api.element, "bindingtype") {
                Code::Int(1) => "1 (Entity)",
                Code::Int(2) => "2 (EntityCollection)",
                _ => continue,
            };
            let entity = api.element.child("boundentitylogicalname");
            if entity.is_some_and(|e| !e.text().is_empty()) {
                continue;
            }
            // The empty element if there is one, else the binding type.
            let span = match entity {
                Some(entity) => entity.text_span(),
                None => api.element.child("bindingtype").map_or(api.element.name_span, |b| b.text_span()),
            };
            cx.report(api.file, span, format!("custom API `{}` has bindingtype {binding} but no boundentitylogicalname", api_label(api)))
                .help("name the table in `<boundentitylogicalname>` (for example `account`), or set `bindingtype` to 0 for a global API");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_at_the_binding_type_when_the_element_is_missing() {
        let t = edited(API_PATH, "  <boundentitylogicalname>account</boundentitylogicalname>\n", "");
        assert_eq!(
            t.messages(&CustomApiBoundEntityMissing),
            ["customapis/contoso_GetScore/customapi.xml:3:16 custom API `contoso_GetScore` has bindingtype 1 (Entity) but no boundentitylogicalname"]
        );
    }

    #[test]
    fn fires_at_an_empty_element_for_a_collection_binding() {
        let api = replace(API, "<bindingtype>1", "<bindingtype>2");
        let api =
            replace(&api, "<boundentitylogicalname>account</boundentitylogicalname>", "<boundentitylogicalname> </boundentitylogicalname>");
        assert_eq!(
            with(&[(API_PATH, &api)]).messages(&CustomApiBoundEntityMissing),
            ["customapis/contoso_GetScore/customapi.xml:4:27 custom API `contoso_GetScore` has bindingtype 2 (EntityCollection) but no boundentitylogicalname"]
        );
        let api = replace(API, "<boundentitylogicalname>account</boundentitylogicalname>", "<boundentitylogicalname/>");
        assert_eq!(with(&[(API_PATH, &api)]).positions(&CustomApiBoundEntityMissing), ["customapis/contoso_GetScore/customapi.xml:4:26"]);
    }

    #[test]
    fn silent_on_the_valid_bound_api() {
        valid().assert_silent(&CustomApiBoundEntityMissing);
    }

    #[test]
    fn silent_on_global_apis_without_a_table() {
        let api = replace(API, "  <boundentitylogicalname>account</boundentitylogicalname>\n", "");
        with(&[(API_PATH, &replace(&api, "<bindingtype>1", "<bindingtype>0"))]).assert_silent(&CustomApiBoundEntityMissing);
        with(&[(API_PATH, &replace(&api, "  <bindingtype>1</bindingtype>\n", ""))]).assert_silent(&CustomApiBoundEntityMissing);
        // An invalid code is custom-api-value-invalid's business.
        with(&[(API_PATH, &replace(&api, "<bindingtype>1", "<bindingtype>7"))]).assert_silent(&CustomApiBoundEntityMissing);
    }
}
