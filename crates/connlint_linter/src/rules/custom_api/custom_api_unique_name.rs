use super::{api_label, parts};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a custom API `uniquename` without a publisher prefix (`prefix_Name`, the prefix
    /// made of letters and digits and starting with a letter), and any custom API, request
    /// parameter or response property `uniquename` that is missing or holds characters other
    /// than letters, digits and `_`.
    ///
    /// ## Why is this bad?
    /// Dataverse creates a message named after the API's uniquename: it must carry the
    /// publisher's customization prefix and may not contain spaces, dots, hyphens or other
    /// special characters. Parameter and property names become keys of the request and
    /// response, with the same character rule. A solution breaking either does not import.
    ///
    /// ## Severity
    /// The unique name must start with the publisher's customization prefix and use no special
    /// characters
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapi);
    /// Dataverse refuses other names, so the solution does not import.
    ///
    /// ## Example
    /// ```xml
    /// <customapi uniquename="GetScore">
    /// <customapirequestparameter uniquename="Since date">
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    /// <customapirequestparameter uniquename="SinceDate">
    /// ```
    pub CustomApiUniqueName {
        id: "custom-api-unique-name",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API uniquename lacks a publisher prefix or has special characters",
        visits: [Connector],
    }
}

/// The first character that is not a letter, digit or `_`.
fn special_char(name: &str) -> Option<char> {
    name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
}

/// Whether `name` starts with a publisher prefix: letters and digits, starting with a letter,
/// then `_` and at least one more character.
fn has_prefix(name: &str) -> bool {
    let Some((prefix, rest)) = name.split_once('_') else { return false };
    prefix.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && prefix.chars().all(|c| c.is_ascii_alphanumeric()) && !rest.is_empty()
}

impl Rule for CustomApiUniqueName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            match api.unique_name() {
                Some((name, span)) if !name.is_empty() => {
                    if let Some(c) = special_char(name) {
                        cx.report(
                            api.file,
                            span,
                            format!("custom API uniquename `{name}` contains `{c}`; only letters, digits and `_` are allowed"),
                        )
                        .help("remove spaces, dots, hyphens and other special characters from the uniquename");
                    } else if !has_prefix(name) {
                        cx.report(
                            api.file,
                            span,
                            format!("custom API uniquename `{name}` has no publisher prefix; expected `prefix_{name}`"),
                        )
                        .help("start the uniquename with the solution publisher's customization prefix and `_`, as in `contoso_DoThing`");
                    }
                }
                _ => {
                    cx.report(api.file, api.element.name_span, format!("custom API in `{}` has no uniquename", api.dir))
                        .help(format!("add `uniquename=\"{}\"` to `<customapi>`", api_label(api)));
                }
            }
            for (kind, part) in parts(api) {
                match part.unique_name() {
                    Some((name, span)) if !name.is_empty() => {
                        if let Some(c) = special_char(name) {
                            cx.report(
                                part.file,
                                span,
                                format!(
                                    "{} uniquename `{name}` of custom API `{}` contains `{c}`; only letters, digits and `_` are allowed",
                                    kind.noun(),
                                    api_label(api)
                                ),
                            )
                            .help("remove spaces, dots, hyphens and other special characters from the uniquename");
                        }
                    }
                    _ => {
                        cx.report(
                            part.file,
                            part.element.name_span,
                            format!("{} of custom API `{}` has no uniquename", kind.noun(), api_label(api)),
                        )
                        .help(format!("add a `uniquename` attribute to `<{}>`", part.element.name));
                    }
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
    fn fires_on_an_api_without_prefix() {
        let t = only(&[("customapis/GetScore/customapi.xml", &plain_api("GetScore"))]);
        assert_eq!(
            t.messages(&CustomApiUniqueName),
            ["customapis/GetScore/customapi.xml:1:24 custom API uniquename `GetScore` has no publisher prefix; expected `prefix_GetScore`"]
        );
        for bad in ["_GetScore", "1x_GetScore", "contoso_", "con-toso_GetScore"] {
            let t = only(&[("customapis/x/customapi.xml", &plain_api(bad))]);
            assert_eq!(t.positions(&CustomApiUniqueName), ["customapis/x/customapi.xml:1:24"], "{bad}");
        }
    }

    #[test]
    fn fires_on_special_characters() {
        let api = replace(API, "uniquename=\"contoso_GetScore\"", "uniquename=\"contoso_Get.Score\"");
        let param = replace(PARAM, "uniquename=\"Since\"", "uniquename=\"Since date\"");
        assert_eq!(
            with(&[(API_PATH, &api), (PARAM_PATH, &param)]).messages(&CustomApiUniqueName),
            [
                format!("{API_PATH}:1:24 custom API uniquename `contoso_Get.Score` contains `.`; only letters, digits and `_` are allowed"),
                format!("{PARAM_PATH}:1:40 request parameter uniquename `Since date` of custom API `contoso_Get.Score` contains ` `; only letters, digits and `_` are allowed"),
            ]
        );
    }

    #[test]
    fn fires_on_missing_uniquenames() {
        let api = replace(API, " uniquename=\"contoso_GetScore\"", "");
        let prop = replace(PROP, " uniquename=\"Score\"", "");
        assert_eq!(
            with(&[(API_PATH, &api), (PROP_PATH, &prop)]).messages(&CustomApiUniqueName),
            [
                format!("{API_PATH}:1:2 custom API in `customapis/contoso_GetScore` has no uniquename"),
                format!("{PROP_PATH}:1:2 response property of custom API `contoso_GetScore` has no uniquename"),
            ]
        );
    }

    #[test]
    fn silent_on_prefixed_names() {
        valid().assert_silent(&CustomApiUniqueName);
        for good in ["new_DoIt", "ab12_Do_It_2", "x_y"] {
            only(&[("customapis/x/customapi.xml", &plain_api(good))]).assert_silent(&CustomApiUniqueName);
        }
        // Parameters need no prefix; a uniquename in a child element counts too.
        let param = replace(PARAM, "uniquename=\"Since\"", "uniquename=\"Since_2\"");
        let prop = replace(PROP, " uniquename=\"Score\">", ">\n  <uniquename>Score</uniquename>");
        with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]).assert_silent(&CustomApiUniqueName);
    }
}
