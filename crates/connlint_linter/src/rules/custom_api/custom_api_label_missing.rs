use super::{api_label, part_label, parts};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::xml::Element;
use connlint_core::FileId;

declare_rule! {
    /// ## What it does
    /// Reports a custom API, request parameter or response property whose `displayname` or
    /// `description` is missing or empty. A label counts when its `default` attribute, one of
    /// its `<label description="…">` elements, or its text is not empty.
    ///
    /// ## Why is this bad?
    /// Makers see the display name and description when they pick the API as an action in
    /// Power Automate or a workflow, and in the solution explorer; without them they see the
    /// bare uniquename and have to guess what the API or parameter is for.
    ///
    /// ## Example
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <displayname default="" />
    /// </customapi>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapi uniquename="contoso_GetScore">
    ///   <description default="Computes the score of an account">
    ///     <label description="Computes the score of an account" languagecode="1033" />
    ///   </description>
    ///   <displayname default="Get score">
    ///     <label description="Get score" languagecode="1033" />
    ///   </displayname>
    /// </customapi>
    /// ```
    pub CustomApiLabelMissing {
        id: "custom-api-label-missing",
        category: CustomApi,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A custom API, parameter or property has no display name or description",
        visits: [Connector],
    }
}

/// Whether a label element holds any text.
fn has_text(label: &Element) -> bool {
    let attribute = |e: &Element| e.attribute("default").or_else(|| e.attribute("description")).is_some_and(|a| !a.value.trim().is_empty());
    !label.text().is_empty()
        || attribute(label)
        || label.children_named("label").any(|l| l.attribute("description").is_some_and(|a| !a.value.trim().is_empty()))
}

fn check(cx: &mut Context<'_, '_>, file: FileId, element: &Element, owner: &str) {
    for name in ["displayname", "description"] {
        match element.child(name) {
            None => {
                cx.report(file, element.name_span, format!("{owner} has no {name}"))
                    .help(format!("add `<{name} default=\"…\">` with a `<label description=\"…\" languagecode=\"1033\" />`"));
            }
            Some(label) if !has_text(label) => {
                cx.report(file, label.name_span, format!("the {name} of {owner} is empty"))
                    .help(format!("fill in the `default` attribute and the `<label description=\"…\">` of `<{name}>`"));
            }
            Some(_) => {}
        }
    }
}

impl Rule for CustomApiLabelMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            check(cx, api.file, api.element, &format!("custom API `{}`", api_label(api)));
            for (kind, part) in parts(api) {
                check(cx, part.file, part.element, &format!("{} `{}` of custom API `{}`", kind.noun(), part_label(part), api_label(api)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_missing_and_empty_labels() {
        let api = replace(API, "<displayname default=\"Get score\">", "<displayname default=\" \">");
        let api =
            replace(&api, "<label description=\"Get score\" languagecode=\"1033\" />", "<label description=\"\" languagecode=\"1033\" />");
        let prop = replace(PROP, "  <description default=\"The account's score\">\n    <label description=\"The account's score\" languagecode=\"1033\" />\n  </description>\n", "");
        assert_eq!(
            with(&[(API_PATH, &api), (PROP_PATH, &prop)]).messages(&CustomApiLabelMissing),
            [
                format!("{API_PATH}:8:4 the displayname of custom API `contoso_GetScore` is empty"),
                format!("{PROP_PATH}:1:2 response property `Score` of custom API `contoso_GetScore` has no description"),
            ]
        );
    }

    #[test]
    fn fires_on_a_self_closed_label() {
        let param = replace(PARAM, "<description default=\"Only count activity after this date\">\n    <label description=\"Only count activity after this date\" languagecode=\"1033\" />\n  </description>", "<description />");
        assert_eq!(with(&[(PARAM_PATH, &param)]).positions(&CustomApiLabelMissing), [format!("{PARAM_PATH}:2:4")]);
    }

    #[test]
    fn silent_when_either_form_has_text() {
        valid().assert_silent(&CustomApiLabelMissing);
        // Only the default attribute; only a label element; plain text.
        let api = replace(API, "<label description=\"Get score\" languagecode=\"1033\" />", "");
        let api = replace(&api, "<description default=\"Computes the score of an account\">", "<description>");
        let prop = replace(
            PROP,
            "<displayname default=\"Score\">\n    <label description=\"Score\" languagecode=\"1033\" />\n  </displayname>",
            "<displayname>Score</displayname>",
        );
        with(&[(API_PATH, &api), (PROP_PATH, &prop)]).assert_silent(&CustomApiLabelMissing);
    }
}
