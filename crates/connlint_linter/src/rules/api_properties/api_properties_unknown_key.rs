use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;

declare_rule! {
    /// ## What it does
    /// Reports a key of apiProperties.json that Power Platform does not read: at the root only
    /// `$schema` and `properties` are allowed; inside `properties`, `iconBrandColor`,
    /// `publisher`, `stackOwner`, `capabilities`, `connectionParameters`,
    /// `connectionParameterSets`, `policyTemplateInstances` and `scriptOperations`. The key
    /// it most likely means is suggested (`stackowner` → `stackOwner`).
    ///
    /// ## Why is this bad?
    /// The key is ignored: a misspelt `stackOwner` is as good as missing, and settings such as
    /// `token:clientId` placed directly under `properties` do nothing.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01", "stackowner": "Contoso", "website": "https://contoso.com" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01", "stackOwner": "Contoso" } }
    /// ```
    pub ApiPropertiesUnknownKey {
        id: "api-properties-unknown-key",
        category: ApiProperties,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "apiProperties.json has a key that Power Platform does not read",
        visits: [Connector],
    }
}

const ROOT: [&str; 2] = ["$schema", "properties"];
const PROPERTIES: [&str; 8] = [
    "iconBrandColor",
    "publisher",
    "stackOwner",
    "capabilities",
    "connectionParameters",
    "connectionParameterSets",
    "policyTemplateInstances",
    "scriptOperations",
];

impl Rule for ApiPropertiesUnknownKey {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let levels = [(Some(props.root), &ROOT[..], "the root of apiProperties.json"), (props.properties, &PROPERTIES[..], "`properties`")];
        for (node, allowed, place) in levels {
            let Some(node) = node else { continue };
            for member in node.as_object().unwrap_or_default() {
                let key = &*member.key.text;
                if allowed.contains(&key) {
                    continue;
                }
                let message = match closest(key, allowed.iter().copied()) {
                    Some(near) => format!("{place} has a key `{key}` that is not read; did you mean `{near}`?"),
                    None => format!("{place} has a key `{key}` that is not read"),
                };
                cx.report(props.file, member.key.span, message).help(format!(
                    "remove it; {place} takes only {}",
                    allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_unknown_keys_at_both_levels() {
        let text = r##"{"properties": {
  "iconBrandColor": "#da3b01",
  "stackowner": "Contoso",
  "token:clientId": "abc"
},
"connectionParameters": {}}"##;
        assert_eq!(
            messages(&ApiPropertiesUnknownKey, api_properties(text)),
            [
                "3:3 `properties` has a key `stackowner` that is not read; did you mean `stackOwner`?",
                "4:3 `properties` has a key `token:clientId` that is not read",
                "6:1 the root of apiProperties.json has a key `connectionParameters` that is not read",
            ]
        );
    }

    #[test]
    fn silent_on_every_known_key() {
        let text = r##"{"$schema": "x", "properties": {"iconBrandColor": "#da3b01", "publisher": "a", "stackOwner": "b", "capabilities": [],
            "connectionParameters": {}, "connectionParameterSets": {}, "policyTemplateInstances": [], "scriptOperations": []}}"##;
        assert_silent(&ApiPropertiesUnknownKey, api_properties(text));
        assert_silent(&ApiPropertiesUnknownKey, swagger(r#"{"website": "not apiProperties"}"#));
    }
}
