use super::{api_label, part_label};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `isoptional` element in a custom API response property
    /// (`customapiresponseproperty.xml`).
    ///
    /// ## Why is this bad?
    /// Only request parameters can be optional; the response property table has no such
    /// column, and a solution whose response property carries the element fails to import.
    ///
    /// ## Severity
    /// Response properties have no `isoptional` column
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapiresponseproperty),
    /// so the import refuses a response property that carries it.
    ///
    /// ## Example
    /// ```xml
    /// <customapiresponseproperty uniquename="Score">
    ///   <isoptional>0</isoptional>
    ///   <type>7</type>
    /// </customapiresponseproperty>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapiresponseproperty uniquename="Score">
    ///   <type>7</type>
    /// </customapiresponseproperty>
    /// ```
    pub CustomApiResponseOptional {
        id: "custom-api-response-optional",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API response property has an isoptional element",
        visits: [Connector],
    }
}

impl Rule for CustomApiResponseOptional {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            for part in &api.response_properties {
                for optional in part.element.children_named("isoptional") {
                    cx.report(
                        part.file,
                        optional.name_span,
                        format!("response property `{}` of custom API `{}` has an `isoptional` element", part_label(part), api_label(api)),
                    )
                    .help("remove `<isoptional>`: only request parameters can be optional");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_the_element_whatever_its_value() {
        for value in ["0", "1", ""] {
            let prop = replace(PROP, "  <name>", &format!("  <IsOptional>{value}</IsOptional>\n  <name>"));
            assert_eq!(
                with(&[(PROP_PATH, &prop)]).messages(&CustomApiResponseOptional),
                [format!("{PROP_PATH}:9:4 response property `Score` of custom API `contoso_GetScore` has an `isoptional` element")]
            );
        }
    }

    #[test]
    fn silent_on_request_parameters() {
        valid().assert_silent(&CustomApiResponseOptional);
        edited(PARAM_PATH, "<isoptional>1", "<isoptional>0").assert_silent(&CustomApiResponseOptional);
    }
}
