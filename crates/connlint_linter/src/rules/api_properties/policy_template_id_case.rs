use crate::context::Context;
use crate::declare_rule;
use crate::fix::Fix;
use crate::rule::Rule;
use crate::side_files::policy::template;

declare_rule! {
    /// ## What it does
    /// Reports a policy `templateId` that names a known template but not in its canonical
    /// all-lowercase form, such as `dynamicHostUrl` or `SetProperty`.
    ///
    /// ## Why is this bad?
    /// Microsoft's schema tolerates a few camel-case spellings, but the documented ids are
    /// lowercase and reviewers ask for them; other casings are not accepted everywhere, and
    /// mixed spellings make policies hard to search for.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "policyTemplateInstances": [{ "templateId": "dynamicHostUrl", "parameters": {} }] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "policyTemplateInstances": [{ "templateId": "dynamichosturl", "parameters": {} }] } }
    /// ```
    pub PolicyTemplateIdCase {
        id: "policy-template-id-case",
        category: ApiProperties,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A policy templateId is not written in lowercase",
        fix: Sometimes,
        visits: [Connector],
    }
}

impl Rule for PolicyTemplateIdCase {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for policy in &props.policies {
            let Some(id) = policy.template_id else { continue };
            let Some(known) = template(id.value) else { continue };
            if known.id != id.value {
                let source = cx.connector().file(props.file).source.text();
                cx.report(
                    props.file,
                    id.span,
                    format!("policy template `{}` is written in another case; did you mean `{}`?", id.value, known.id),
                )
                .help(format!("write the template id in lowercase: `{}`", known.id))
                .fix(Fix::replace_string(source, id.span, known.id));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_camel_case_and_upper_case_ids() {
        let text = r#"{"properties": {"policyTemplateInstances": [
  {"templateId": "dynamicHostUrl"},
  {"templateId": "SetProperty"},
  {"templateId": "SETHEADER"}
]}}"#;
        assert_eq!(
            messages(&PolicyTemplateIdCase, api_properties(text)),
            [
                "2:18 policy template `dynamicHostUrl` is written in another case; did you mean `dynamichosturl`?",
                "3:18 policy template `SetProperty` is written in another case; did you mean `setproperty`?",
                "4:18 policy template `SETHEADER` is written in another case; did you mean `setheader`?",
            ]
        );
    }

    #[test]
    fn silent_on_lowercase_and_unknown_ids() {
        let text = r#"{"properties": {"policyTemplateInstances": [{"templateId": "dynamichosturl"}, {"templateId": "setconnectionstatustounauthenticated"},
            {"templateId": "sethttpheader"}, {"templateId": 4}, {"title": "no id"}]}}"#;
        assert_silent(&PolicyTemplateIdCase, api_properties(text));
    }

    #[test]
    fn ids_are_lowercased_in_place() {
        let text = "{\"properties\": {\"policyTemplateInstances\": [\n  {\"templateId\":  \"dynamicHostUrl\", \"title\": \"Host\"},\n\t{\"templateId\": \"SETHEADER\"},\n  {\"templateId\": \"setheader\"}, {\"templateId\": \"NotATemplate\"}\n]}}\n";
        let findings = run(&PolicyTemplateIdCase, api_properties(text));
        assert_eq!(findings.iter().map(|f| (f.line, f.column)).collect::<Vec<_>>(), [(2, 19), (3, 17)]);
        let edits: Vec<_> = findings.iter().map(|f| f.fix.as_ref().map(|f| f.edits[0].content.as_str())).collect();
        assert_eq!(edits, [Some("\"dynamichosturl\""), Some("\"setheader\"")]);
        // Byte for byte the same apart from the two ids.
        let expected = text.replace("\"dynamicHostUrl\"", "\"dynamichosturl\"").replace("\"SETHEADER\"", "\"setheader\"");
        assert_fixed(&PolicyTemplateIdCase, api_properties, text, &expected);
    }
}
