use crate::change::{Change, Loc};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::json::Node;
use connlint_core::model::api_properties::ApiProperties;
use connlint_core::Str;

declare_rule! {
    /// ## What it does
    /// Reports a changed `host` or `basePath`, and a changed or removed `urlTemplate` of a
    /// `dynamichosturl` policy.
    ///
    /// ## Why is this bad?
    /// Every request of every existing flow now goes to another server or path. That can be
    /// intended (an API moved), but if the new address does not serve the old API, all flows
    /// fail at once.
    ///
    /// ## Example
    /// Old: `"host": "api.contoso.com", "basePath": "/v1"`; new: `"host": "api.contoso.com", "basePath": "/v2"`.
    ///
    /// Use instead: keep the old address, or make sure it serves the same API.
    pub HostChanged {
        id: "host-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The connector's host, basePath or dynamic host template changed",
        visits: [Change],
    }
}

fn text<'a>(n: &'a Node<'a>) -> Option<Str<'a>> {
    n.as_str().map(|s| Str::new(s, n.span))
}

fn url_template<'a>(props: &ApiProperties<'a>) -> Option<&'a Node<'a>> {
    props
        .policies
        .iter()
        .filter(|p| p.template_id.is_some_and(|t| t.value == "dynamichosturl"))
        .find_map(|p| p.parameters?.get("x-ms-apimTemplateParameter.urlTemplate"))
}

impl ChangeRule for HostChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old), Some(new)) = (change.old_swagger(), change.new_swagger()) else { return };
        let help = "keep the old address, or make sure it still serves the old API";
        let mut compare = |what: &str, before: Option<Str<'_>>, after: Option<Str<'_>>, old_at: Loc, new_at: Loc| {
            if before.map(|s| s.value) == after.map(|s| s.value) {
                return;
            }
            let show = |s: Option<Str<'_>>| s.map_or("none".to_string(), |s| format!("`{}`", s.value));
            let message = format!(
                "the {what} changed from {} to {}; every request of existing flows goes to the new address",
                show(before),
                show(after)
            );
            let old_at = before.map_or(old_at, |b| Loc { span: b.span, ..old_at });
            match after {
                Some(a) => cx.report(Loc { span: a.span, ..new_at }, Some(old_at), message),
                None => cx.report(old_at, Some(new_at), message),
            }
            .help(help);
        };
        let (old_root, new_root) = (change.old_at(old.root.span), change.new_at(new.root.span));
        compare("host", old.host, new.host, old_root, new_root);
        compare("basePath", old.base_path, new.base_path, old_root, new_root);
        let (Some(old_props), Some(new_props)) = (change.old_api_properties(), change.new_api_properties()) else { return };
        let Some(before) = url_template(old_props) else { return };
        compare(
            "dynamichosturl template",
            text(before),
            url_template(new_props).and_then(text),
            change.old_props_at(old_props.root.span),
            change.new_props_at(new_props.policy_template_instances.map_or(new_props.root.span, |n| n.span)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_a_new_base_path() {
        let old = "{\"host\": \"api.contoso.com\",\n \"basePath\": \"/v1\", \"paths\": {}}";
        let new = "{\"host\": \"api.contoso.com\",\n \"basePath\": \"/v2\", \"paths\": {}}";
        assert_eq!(
            changes(&HostChanged, old, new),
            ["new 2:14 /basePath the basePath changed from `/v1` to `/v2`; every request of existing flows goes to the new address [related old 2:14 /basePath]"]
        );
    }

    #[test]
    fn fires_on_a_changed_url_template() {
        let swagger = "{\"paths\": {}}";
        let props = |url: &str| {
            format!("{{\"properties\": {{\"policyTemplateInstances\": [{{\"templateId\": \"dynamichosturl\",\n\"parameters\": {{\"x-ms-apimTemplateParameter.urlTemplate\": \"{url}\"}}}}]}}}}")
        };
        let (old, new) = (props("https://@connectionParameters('host')/api"), props("https://@connectionParameters('host')/api/v2"));
        assert_eq!(
            changes_with(&HostChanged, (swagger, Some(&old)), (swagger, Some(&new))),
            ["new props 2:58 /properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.urlTemplate the dynamichosturl template changed from `https://@connectionParameters('host')/api` to `https://@connectionParameters('host')/api/v2`; every request of existing flows goes to the new address [related old 2:58 /properties/policyTemplateInstances/0/parameters/x-ms-apimTemplateParameter.urlTemplate]"]
        );
    }

    #[test]
    fn silent_when_only_other_fields_change() {
        let old = "{\"host\": \"api.contoso.com\", \"basePath\": \"/\", \"info\": {\"title\": \"A\"}, \"paths\": {}}";
        let new = "{\"paths\": {}, \"info\": {\"title\": \"B\"}, \"basePath\": \"/\", \"host\": \"api.contoso.com\"}";
        assert_no_change(&HostChanged, old, new);
    }
}
