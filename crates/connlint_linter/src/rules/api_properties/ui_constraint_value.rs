use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Checks the values in a connection parameter's `uiDefinition`: `constraints.required`
    /// and `constraints.hidden` must be `"true"`/`"false"` (or a boolean, which real connectors
    /// also use), `constraints.clearText` a boolean, and `tabIndex` (in `uiDefinition` or in
    /// `constraints`) an integer.
    ///
    /// ## Why is this bad?
    /// Any other value, such as `"yes"` or `"True "`, is not understood by the connection
    /// dialog, so a required field may be optional or a hidden one shown.
    ///
    /// ## Severity
    /// Microsoft's apiProperties validator checks `uiDefinition` objects against the schema, which
    /// types these constraints, and fails the pull request on what it does not accept (a
    /// `level=Critical` finding on a `uiDefinition` in
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3097). Booleans for `required` and
    /// `hidden` are let through, as merged connectors use them.
    ///
    /// ## Example
    /// ```json
    /// { "uiDefinition": { "displayName": "API key", "constraints": { "required": "yes", "tabIndex": "2" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "uiDefinition": { "displayName": "API key", "constraints": { "required": "true", "tabIndex": 2 } } }
    /// ```
    pub UiConstraintValue {
        id: "ui-constraint-value",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A uiDefinition constraint has a value of the wrong kind",
        visits: [Connector],
    }
}

fn is_flag(node: &Node) -> bool {
    matches!(&node.value, Value::Bool(_)) || matches!(node.as_str(), Some("true" | "false"))
}

fn is_integer(node: &Node) -> bool {
    node.as_number().is_some_and(|n| n.is_integer)
}

impl Rule for UiConstraintValue {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        for param in props.all_connection_parameters() {
            let Some(ui) = &param.ui_definition else { continue };
            let name = param.name();
            let mut checks: Vec<(&Node, &str, bool, &str)> = Vec::new();
            if let Some(t) = ui.node.get("tabIndex") {
                checks.push((t, "uiDefinition.tabIndex", is_integer(t), "an integer"));
            }
            if let Some(c) = ui.constraints {
                for (key, ok, expected) in [
                    ("required", is_flag as fn(&Node) -> bool, "`\"true\"` or `\"false\"`"),
                    ("hidden", is_flag, "`\"true\"` or `\"false\"`"),
                    ("clearText", |n: &Node| matches!(n.value, Value::Bool(_)), "`true` or `false`"),
                    ("tabIndex", is_integer, "an integer"),
                ] {
                    if let Some(node) = c.get(key) {
                        checks.push((node, key, ok(node), expected));
                    }
                }
            }
            for (node, key, ok, expected) in checks {
                if !ok {
                    let shown = node.as_str().map_or_else(|| node.json_type().name().to_string(), |s| format!("`\"{s}\"`"));
                    cx.report(props.file, node.span, format!("`{key}` of `{name}` is {shown}; it must be {expected}"))
                        .help(format!("write {expected}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_values_of_the_wrong_kind() {
        let text = r#"{"properties": {"connectionParameters": {
  "api_key": {"type": "securestring", "uiDefinition": {"tabIndex": "1", "constraints": {
    "required": "yes", "hidden": 1, "clearText": "false", "tabIndex": 2.5}}}
}}}"#;
        assert_eq!(
            messages(&UiConstraintValue, api_properties(text)),
            [
                "2:68 `uiDefinition.tabIndex` of `api_key` is `\"1\"`; it must be an integer",
                "3:17 `required` of `api_key` is `\"yes\"`; it must be `\"true\"` or `\"false\"`",
                "3:34 `hidden` of `api_key` is a number; it must be `\"true\"` or `\"false\"`",
                "3:50 `clearText` of `api_key` is `\"false\"`; it must be `true` or `false`",
                "3:71 `tabIndex` of `api_key` is a number; it must be an integer",
            ]
        );
    }

    #[test]
    fn silent_on_strings_booleans_and_integers() {
        let text = r#"{"properties": {"connectionParameters": {
  "a": {"uiDefinition": {"tabIndex": 1, "constraints": {"required": "true", "hidden": "false", "clearText": false, "tabIndex": 3}}},
  "b": {"uiDefinition": {"constraints": {"required": true, "hidden": false}}},
  "c": {"uiDefinition": {"displayName": "C"}}}}}"#;
        assert_silent(&UiConstraintValue, api_properties(text));
    }
}
