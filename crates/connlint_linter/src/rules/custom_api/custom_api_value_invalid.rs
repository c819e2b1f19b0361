use super::{api_label, code, part_label, parts, Code, PartKind};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::xml::Element;
use connlint_core::FileId;

declare_rule! {
    /// ## What it does
    /// Reports an integer-coded value of a custom API, request parameter or response property
    /// that is not one of its codes: `bindingtype` and `allowedcustomprocessingsteptype` 0–2;
    /// `isfunction`, `isprivate`, `workflowsdkstepenabled`, `isoptional` and `iscustomizable`
    /// 0 or 1; a parameter's or property's `type` 0 (Boolean) to 12 (Guid). A parameter or
    /// property without a `type` is reported too.
    ///
    /// ## Why is this bad?
    /// Dataverse stores these columns as choices and yes/no values; a code outside them (or a
    /// word such as `true`) cannot be imported, and a parameter or property needs a type.
    ///
    /// ## Severity
    /// Binding type, processing step type and parameter types are choice columns
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapi,
    /// https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapirequestparameter);
    /// Dataverse refuses codes outside the choices, so the solution does not import.
    ///
    /// ## Example
    /// ```xml
    /// <customapirequestparameter uniquename="Since">
    ///   <type>13</type>
    /// </customapirequestparameter>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapirequestparameter uniquename="Since">
    ///   <type>1</type>
    /// </customapirequestparameter>
    /// ```
    pub CustomApiValueInvalid {
        id: "custom-api-value-invalid",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API code (binding type, flag, parameter type) is out of range",
        visits: [Connector],
    }
}

const FLAG: (i64, &str) = (1, "0 or 1");
const BINDING: (i64, &str) = (2, "0 (Global), 1 (Entity) or 2 (EntityCollection)");
const STEP_TYPE: (i64, &str) = (2, "0 (None), 1 (AsyncOnly) or 2 (SyncAndAsync)");
const TYPES: (i64, &str) = (
    12,
    "0 (Boolean), 1 (DateTime), 2 (Decimal), 3 (Entity), 4 (EntityCollection), 5 (EntityReference), 6 (Float), \
     7 (Integer), 8 (Money), 9 (Picklist), 10 (String), 11 (StringArray) or 12 (Guid)",
);

impl Rule for CustomApiValueInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            let owner = format!("custom API `{}`", api_label(api));
            for (name, range) in [
                ("bindingtype", BINDING),
                ("allowedcustomprocessingsteptype", STEP_TYPE),
                ("isfunction", FLAG),
                ("isprivate", FLAG),
                ("workflowsdkstepenabled", FLAG),
                ("iscustomizable", FLAG),
            ] {
                check(cx, api.file, api.element, name, range, &owner);
            }
            for (kind, part) in parts(api) {
                let owner = format!("{} `{}` of custom API `{}`", kind.noun(), part_label(part), api_label(api));
                if code(part.element, "type") == Code::Missing {
                    let span = part.element.child("type").map_or(part.element.name_span, Element::text_span);
                    cx.report(part.file, span, format!("{owner} has no `type`; expected {}", TYPES.1))
                        .help("add `<type>` with the code of the value's type, for example `<type>10</type>` for a string");
                }
                check(cx, part.file, part.element, "type", TYPES, &owner);
                check(cx, part.file, part.element, "iscustomizable", FLAG, &owner);
                // On a response property the element itself is wrong (custom-api-response-optional).
                if kind == PartKind::Request {
                    check(cx, part.file, part.element, "isoptional", FLAG, &owner);
                }
            }
        }
    }
}

/// Reports the element `name` of `element` when its code is not in `0..=max`.
fn check(cx: &mut Context<'_, '_>, file: FileId, element: &Element, name: &str, (max, allowed): (i64, &str), owner: &str) {
    let Some(child) = element.child(name) else { return };
    // `iscustomizable` may be written as a managed property with child elements; only a plain
    // value is checked.
    if !child.children.is_empty() {
        return;
    }
    let valid = match code(element, name) {
        Code::Missing => true,
        Code::Int(n) => (0..=max).contains(&n),
        Code::Other => false,
    };
    if !valid {
        cx.report(file, child.text_span(), format!("`{name}` of {owner} is `{}`; expected {allowed}", child.text()))
            .help(format!("set `<{name}>` to one of {allowed}"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_api_codes_out_of_range() {
        let api = replace(API, "<bindingtype>1", "<bindingtype>3");
        let api = replace(&api, "<allowedcustomprocessingsteptype>0", "<allowedcustomprocessingsteptype>-1");
        let api = replace(&api, "<isfunction>1", "<isfunction>true");
        let api = replace(&api, "<isprivate>0", "<isprivate>2");
        let api = replace(&api, "<workflowsdkstepenabled>0", "<workflowsdkstepenabled>yes");
        let api = replace(&api, "<iscustomizable>0", "<iscustomizable>5");
        assert_eq!(
            with(&[(API_PATH, &api)]).messages(&CustomApiValueInvalid),
            [
                "customapis/contoso_GetScore/customapi.xml:2:36 `allowedcustomprocessingsteptype` of custom API `contoso_GetScore` is `-1`; expected 0 (None), 1 (AsyncOnly) or 2 (SyncAndAsync)",
                "customapis/contoso_GetScore/customapi.xml:3:16 `bindingtype` of custom API `contoso_GetScore` is `3`; expected 0 (Global), 1 (Entity) or 2 (EntityCollection)",
                "customapis/contoso_GetScore/customapi.xml:11:19 `iscustomizable` of custom API `contoso_GetScore` is `5`; expected 0 or 1",
                "customapis/contoso_GetScore/customapi.xml:12:15 `isfunction` of custom API `contoso_GetScore` is `true`; expected 0 or 1",
                "customapis/contoso_GetScore/customapi.xml:13:14 `isprivate` of custom API `contoso_GetScore` is `2`; expected 0 or 1",
                "customapis/contoso_GetScore/customapi.xml:18:27 `workflowsdkstepenabled` of custom API `contoso_GetScore` is `yes`; expected 0 or 1",
            ]
        );
    }

    #[test]
    fn fires_on_parameter_and_property_codes() {
        let param = replace(PARAM, "<type>1<", "<type>13<");
        let param = replace(&param, "<isoptional>1", "<isoptional>2");
        let prop = replace(PROP, "<iscustomizable>0", "<iscustomizable>x");
        let t = with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]);
        assert_eq!(
            t.messages(&CustomApiValueInvalid),
            [
                format!("{PARAM_PATH}:9:15 `isoptional` of request parameter `Since` of custom API `contoso_GetScore` is `2`; expected 0 or 1"),
                format!("{PARAM_PATH}:11:9 `type` of request parameter `Since` of custom API `contoso_GetScore` is `13`; expected 0 (Boolean), 1 (DateTime), 2 (Decimal), 3 (Entity), 4 (EntityCollection), 5 (EntityReference), 6 (Float), 7 (Integer), 8 (Money), 9 (Picklist), 10 (String), 11 (StringArray) or 12 (Guid)"),
                format!("{PROP_PATH}:8:19 `iscustomizable` of response property `Score` of custom API `contoso_GetScore` is `x`; expected 0 or 1"),
            ]
        );
    }

    #[test]
    fn fires_on_a_missing_or_empty_type() {
        let prop = replace(PROP, "  <type>7</type>\n", "");
        let param = replace(PARAM, "<type>1</type>", "<type></type>");
        let t = with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]);
        let messages = t.messages(&CustomApiValueInvalid);
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with(&format!(
            "{PARAM_PATH}:11:8 request parameter `Since` of custom API `contoso_GetScore` has no `type`; expected 0 (Boolean)"
        )));
        assert!(messages[1].starts_with(&format!(
            "{PROP_PATH}:1:2 response property `Score` of custom API `contoso_GetScore` has no `type`; expected 0 (Boolean)"
        )));
        assert!(messages[1].ends_with("or 12 (Guid)"));
    }

    #[test]
    fn silent_on_valid_codes_and_defaults() {
        valid().assert_silent(&CustomApiValueInvalid);
        let api = replace(API, "<bindingtype>1", "<bindingtype>2");
        let api = replace(&api, "<allowedcustomprocessingsteptype>0", "<allowedcustomprocessingsteptype>2");
        let api = replace(&api, "  <isprivate>0</isprivate>\n", "");
        let api = replace(&api, "<iscustomizable>0</iscustomizable>", "<iscustomizable><value>1</value></iscustomizable>");
        let param = replace(PARAM, "<type>1<", "<type> 12 <");
        let prop = replace(PROP, "<type>7<", "<type>0<");
        with(&[(API_PATH, &api), (PARAM_PATH, &param), (PROP_PATH, &prop)]).assert_silent(&CustomApiValueInvalid);
        // isoptional on a response property is custom-api-response-optional's finding.
        let prop = replace(PROP, "<name>", "<isoptional>7</isoptional>\n  <name>");
        with(&[(PROP_PATH, &prop)]).assert_silent(&CustomApiValueInvalid);
    }
}
