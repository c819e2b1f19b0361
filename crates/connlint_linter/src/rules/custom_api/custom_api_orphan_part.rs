use super::part_label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a request parameter or response property file under `customapis/<api>/` when
    /// that folder has no `customapi.xml`.
    ///
    /// ## Why is this bad?
    /// A parameter belongs to the custom API whose folder holds it. Without `customapi.xml`
    /// there is no API to attach it to: the API was deleted or renamed and its parameters were
    /// left behind, or `customapi.xml` is missing from the solution, and the import fails or
    /// creates an API without its definition.
    ///
    /// ## Severity
    /// Request parameters and response properties belong to a custom API record
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapirequestparameter);
    /// without the `customapi.xml` they refer to, the import has nothing to attach them to and
    /// fails.
    ///
    /// ## Example
    /// A solution with only these files under `customapis/`:
    /// ```json
    /// ["customapis/contoso_Old/customapirequestparameters/Since/customapirequestparameter.xml"]
    /// ```
    /// Use instead:
    /// ```json
    /// ["customapis/contoso_Old/customapi.xml",
    ///  "customapis/contoso_Old/customapirequestparameters/Since/customapirequestparameter.xml"]
    /// ```
    pub CustomApiOrphanPart {
        id: "custom-api-orphan-part",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API parameter or property has no customapi.xml in its folder",
        visits: [Connector],
    }
}

impl Rule for CustomApiOrphanPart {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for part in &solution.orphan_parts {
            let span = part.element.name_span;
            cx.report(part.file, span, format!("`{}` belongs to no custom API: its folder has no `customapi.xml`", part_label(part)))
                .help("add the API's `customapi.xml` to its folder, or delete the parameters left behind by a removed API");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_parts_whose_api_folder_has_no_customapi_xml() {
        assert_eq!(
            without(API_PATH).messages(&CustomApiOrphanPart),
            [
                format!("{PARAM_PATH}:1:2 `Since` belongs to no custom API: its folder has no `customapi.xml`"),
                format!("{PROP_PATH}:1:2 `Score` belongs to no custom API: its folder has no `customapi.xml`"),
            ]
        );
    }

    #[test]
    fn silent_when_every_part_has_its_api() {
        valid().assert_silent(&CustomApiOrphanPart);
        // Folders that differ only in case still find their API.
        let param_path = PARAM_PATH.replace("contoso_GetScore", "CONTOSO_getscore");
        with(&[(param_path.as_str(), PARAM)]).assert_silent(&CustomApiOrphanPart);
    }
}
