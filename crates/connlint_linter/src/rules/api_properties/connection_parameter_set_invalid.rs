use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Checks `connectionParameterSets` (several ways to authenticate): it needs a
    /// `uiDefinition` and a non-empty `values` list; each set needs a `name` that no other
    /// set has, a `uiDefinition` (the option shown to users), and at least one parameter.
    ///
    /// ## Why is this bad?
    /// Users choose a set by its `uiDefinition` when they create a connection, and policies and
    /// scripts see the chosen set's name. A set without them, a duplicated name or an empty set
    /// cannot be chosen properly or breaks connection creation.
    ///
    /// ## Severity
    /// A warning: multi-authentication is documented
    /// (https://learn.microsoft.com/connectors/custom-connectors/multi-auth), but Microsoft
    /// publishes no check that refuses a set without a name, a `uiDefinition` or parameters, and
    /// its apiProperties schema does not describe sets at all. The connection dialog is what
    /// suffers, so connlint warns.
    ///
    /// ## Example
    /// ```json
    /// { "connectionParameterSets": { "uiDefinition": { "displayName": "Authentication" }, "values": [
    ///   { "name": "key", "parameters": { "api_key": { "type": "securestring" } } } ] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "connectionParameterSets": { "uiDefinition": { "displayName": "Authentication" }, "values": [
    ///   { "name": "key", "uiDefinition": { "displayName": "API key", "description": "Sign in with an API key" },
    ///     "parameters": { "api_key": { "type": "securestring" } } } ] } }
    /// ```
    pub ConnectionParameterSetInvalid {
        id: "connection-parameter-set-invalid",
        category: ApiProperties,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "connectionParameterSets lacks a name, a uiDefinition or parameters, or repeats a name",
        visits: [Connector],
    }
}

impl Rule for ConnectionParameterSetInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(sets) = &props.connection_parameter_sets else { return };
        let file = props.file;
        let key_span = props.properties.and_then(|p| p.member("connectionParameterSets")).map_or(sets.node.span, |m| m.key.span);
        if sets.ui_definition.is_none() && sets.node.get("uiDefinition").is_none() {
            cx.report(file, key_span, "`connectionParameterSets` has no `uiDefinition`")
                .help("add a `uiDefinition` with the `displayName` and `description` of the choice users make");
        }
        match sets.node.get("values").and_then(|v| v.as_array()) {
            Some([]) => {
                cx.report(file, sets.node.get("values").map_or(key_span, |v| v.span), "`connectionParameterSets.values` is empty")
                    .help("list at least one parameter set, or use `connectionParameters` instead");
            }
            None if sets.node.get("values").is_none() => {
                cx.report(file, key_span, "`connectionParameterSets` has no `values`").help("list the parameter sets in `values`");
            }
            _ => {}
        }
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for set in &sets.values {
            let at = set.name.map_or(set.node.span, |n| n.span);
            match set.name {
                Some(name) if name.value.trim().is_empty() => {
                    cx.report(file, name.span, "a parameter set has an empty `name`")
                        .help("give the set a short unique name, such as `oauth`");
                }
                Some(name) => {
                    if seen.iter().any(|(n, _)| *n == name.value) {
                        cx.report(file, name.span, format!("parameter set name `{}` is used by another set", name.value))
                            .help("give every parameter set its own name");
                    }
                    seen.push((name.value, name.span));
                }
                None if set.node.get("name").is_some() => {}
                None => {
                    cx.report(file, set.node.span, "a parameter set has no `name`")
                        .help("give the set a short unique name, such as `oauth`");
                }
            }
            let label = set.name.map_or_else(|| "a parameter set".to_string(), |n| format!("parameter set `{}`", n.value));
            if set.ui_definition.is_none() && set.node.get("uiDefinition").is_none() {
                cx.report(file, at, format!("{label} has no `uiDefinition`"))
                    .help("add a `uiDefinition` with the `displayName` and `description` users see for this option");
            }
            if set.parameters.is_empty() && set.node.get("parameters").is_none_or(|p| p.as_object().is_some_and(|o| o.is_empty())) {
                cx.report(file, at, format!("{label} has no parameters")).help("add the set's connection parameters under `parameters`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_each_problem() {
        let text = r#"{"properties": {"connectionParameterSets": {"values": [
  {"name": "key", "uiDefinition": {"displayName": "Key"}, "parameters": {"api_key": {"type": "securestring"}}},
  {"name": "key", "parameters": {}},
  {"uiDefinition": {"displayName": "OAuth"}, "parameters": {"token": {"type": "oauthSetting"}}}
]}}}"#;
        assert_eq!(
            messages(&ConnectionParameterSetInvalid, api_properties(text)),
            [
                "1:17 `connectionParameterSets` has no `uiDefinition`",
                "3:12 parameter set `key` has no `uiDefinition`",
                "3:12 parameter set `key` has no parameters",
                "3:12 parameter set name `key` is used by another set",
                "4:3 a parameter set has no `name`",
            ]
        );
    }

    #[test]
    fn reports_an_empty_or_missing_values_list() {
        let text = "{\"properties\": {\n  \"connectionParameterSets\": {\"uiDefinition\": {}, \"values\": []}}}";
        assert_eq!(messages(&ConnectionParameterSetInvalid, api_properties(text)), ["2:61 `connectionParameterSets.values` is empty"]);
        let text = "{\"properties\": {\n  \"connectionParameterSets\": {\"uiDefinition\": {}}}}";
        assert_eq!(messages(&ConnectionParameterSetInvalid, api_properties(text)), ["2:3 `connectionParameterSets` has no `values`"]);
    }

    #[test]
    fn silent_on_a_valid_multi_auth_definition() {
        let text = r#"{"properties": {"connectionParameterSets": {"uiDefinition": {"displayName": "Auth", "description": "How"}, "values": [
  {"name": "key", "uiDefinition": {"displayName": "Key"}, "parameters": {"api_key": {"type": "securestring"}}},
  {"name": "oauth", "uiDefinition": {"displayName": "OAuth"}, "parameters": {"token": {"type": "oauthSetting"}}}
]}}}"#;
        assert_silent(&ConnectionParameterSetInvalid, api_properties(text));
        assert_silent(&ConnectionParameterSetInvalid, api_properties(r#"{"properties": {"connectionParameters": {}}}"#));
    }
}
