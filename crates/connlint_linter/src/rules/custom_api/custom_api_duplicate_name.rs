use super::api_label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::model::solution::CustomApiPart;
use connlint_core::{FileId, Span};

declare_rule! {
    /// ## What it does
    /// Reports two custom APIs of a solution with the same `uniquename`, and two request
    /// parameters, or two response properties, of one API with the same `uniquename`
    /// (letter case ignored).
    ///
    /// ## Why is this bad?
    /// Dataverse compares these names without regard to case, and each must be unique: one
    /// message per API, one key per parameter and property. The second one cannot be created,
    /// so the solution does not import (or, across solutions, silently replaces the first).
    ///
    /// ## Severity
    /// Custom API names, parameter names and property names must be unique
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/custom-api); Dataverse
    /// refuses the second one, so the solution does not import.
    ///
    /// ## Example
    /// ```xml
    /// <!-- customapis/contoso_GetScore/customapi.xml -->
    /// <customapi uniquename="contoso_GetScore">
    /// <!-- customapis/contoso_GetScore2/customapi.xml -->
    /// <customapi uniquename="contoso_getscore">
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    /// <customapi uniquename="contoso_GetScore2">
    /// ```
    pub CustomApiDuplicateName {
        id: "custom-api-duplicate-name",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "Two custom APIs, parameters or properties share a uniquename",
        visits: [Connector],
    }
}

impl Rule for CustomApiDuplicateName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        let mut apis: HashMap<String, (&str, FileId, Span)> = HashMap::default();
        for api in &solution.custom_apis {
            let Some((name, span)) = api.unique_name().filter(|(n, _)| !n.is_empty()) else { continue };
            match apis.get(&name.to_ascii_lowercase()) {
                Some(&(first, first_file, first_span)) => {
                    cx.report(api.file, span, format!("custom API uniquename `{name}` is already used by the custom API in `{first}/`"))
                        .help("give each custom API its own uniquename, or remove the copy")
                        .label(first_file, first_span, format!("the custom API in `{first}/` uses it first"));
                }
                None => {
                    apis.insert(name.to_ascii_lowercase(), (api.dir, api.file, span));
                }
            }
            for (list, noun) in [(&api.request_parameters, "request parameters"), (&api.response_properties, "response properties")] {
                duplicates(cx, list, &format!("custom API `{}` has two {noun} with the uniquename", api_label(api)));
            }
        }
    }
}

fn duplicates(cx: &mut Context<'_, '_>, parts: &[CustomApiPart<'_>], what: &str) {
    let mut seen: HashMap<String, (&str, FileId, Span)> = HashMap::default();
    for part in parts {
        let Some((name, span)) = part.unique_name().filter(|(n, _)| !n.is_empty()) else { continue };
        match seen.get(&name.to_ascii_lowercase()) {
            Some(&(first, first_file, first_span)) => {
                cx.report(part.file, span, format!("{what} `{name}` (also `{first}`)"))
                    .help("rename one of them or remove the copy: names must be unique, whatever their case")
                    .label(first_file, first_span, format!("`{first}` is here"));
            }
            None => {
                seen.insert(name.to_ascii_lowercase(), (name, part.file, span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::testing::related;

    #[test]
    fn fires_on_two_apis_with_one_name() {
        let t = with(&[("customapis/contoso_GetScore2/customapi.xml", &plain_api("CONTOSO_GetScore"))]);
        assert_eq!(
            t.messages(&CustomApiDuplicateName),
            ["customapis/contoso_GetScore2/customapi.xml:1:24 custom API uniquename `CONTOSO_GetScore` is already used by the custom API in `customapis/contoso_GetScore/`"]
        );
        // The first one is in another file.
        assert_eq!(
            related(&t.run(&CustomApiDuplicateName)),
            ["1:24 -> customapis/contoso_GetScore/customapi.xml:1:24 the custom API in `customapis/contoso_GetScore/` uses it first"]
        );
    }

    #[test]
    fn fires_on_two_parameters_with_one_name() {
        let second = "customapis/contoso_GetScore/customapirequestparameters/since2/customapirequestparameter.xml";
        let param = replace(PARAM, "uniquename=\"Since\"", "uniquename=\"since\"");
        let t = with(&[(second, &param)]);
        assert_eq!(
            t.messages(&CustomApiDuplicateName),
            [format!("{second}:1:40 custom API `contoso_GetScore` has two request parameters with the uniquename `since` (also `Since`)")]
        );
    }

    #[test]
    fn silent_on_distinct_names() {
        valid().assert_silent(&CustomApiDuplicateName);
        // A parameter and a property may share a name, and so may parts of two APIs.
        let prop = replace(PROP, "uniquename=\"Score\"", "uniquename=\"Since\"");
        let other_param = "customapis/contoso_Other/customapirequestparameters/Since/customapirequestparameter.xml";
        with(&[(PROP_PATH, &prop), ("customapis/contoso_Other/customapi.xml", &plain_api("contoso_Other")), (other_param, PARAM)])
            .assert_silent(&CustomApiDuplicateName);
    }
}
