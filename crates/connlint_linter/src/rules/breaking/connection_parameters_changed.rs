use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::api_properties::ConnectionParameter;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports connection parameters in apiProperties.json that were removed or renamed, whose
    /// `type` changed, that became required, or that are new and required.
    ///
    /// ## Why is this bad?
    /// Existing connections store the values of the old parameters. A parameter they lack, or
    /// hold under another name or type, leaves them unusable, and every flow that uses them
    /// fails until its owner edits or recreates the connection.
    ///
    /// ## Severity
    /// Existing connections keep the parameter values they were made with; Microsoft treats
    /// authentication changes to a certified connector as not allowed
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-updates), and the
    /// connections that lack the new parameter stop working.
    ///
    /// ## Example
    /// Old: `"connectionParameters": {"api_key": {"type": "securestring"}}`; new: `"connectionParameters": {"apiKey": {"type": "securestring"}}`.
    ///
    /// Use instead: keep the parameter names and types; make new parameters optional.
    pub ConnectionParametersChanged {
        id: "connection-parameters-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connection parameter was removed, renamed, retyped or made required",
        visits: [Change],
    }
}

/// The `uiDefinition.constraints.required` value, when it says required (`"true"` or `true`).
fn required(p: &ConnectionParameter<'_>) -> Option<Span> {
    let node = p.ui_definition.as_ref()?.constraints?.get("required")?;
    (node.as_bool() == Some(true) || node.as_str() == Some("true")).then_some(node.span)
}

impl ChangeRule for ConnectionParametersChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old), Some(new)) = (change.old_api_properties(), change.new_api_properties()) else { return };
        let help = "keep existing connection parameters as they are; make new ones optional";
        let new_anchor = new.connection_parameters.map_or(new.root.span, |n| n.span);
        for previous in old.all_connection_parameters() {
            let Some(current) = new.all_connection_parameters().find(|p| p.name() == previous.name()) else {
                let message = format!(
                    "connection parameter `{}` was removed or renamed; existing connections hold a value for it and lack the new ones",
                    previous.name()
                );
                cx.report(change.old_props_at(previous.key.span), Some(change.new_props_at(new_anchor)), message).help(help);
                continue;
            };
            if let (Some(a), Some(b)) = (previous.ty, current.ty) {
                if a.value != b.value {
                    let message = format!(
                        "connection parameter `{}` changed type from `{}` to `{}`; existing connections hold a value of the old type",
                        current.name(),
                        a.value,
                        b.value
                    );
                    cx.report(change.new_props_at(b.span), Some(change.old_props_at(a.span)), message).help(help);
                }
            }
            if let (None, Some(span)) = (required(previous), required(current)) {
                let message =
                    format!("connection parameter `{}` is now required; existing connections may have no value for it", current.name());
                cx.report(change.new_props_at(span), Some(change.old_props_at(previous.key.span)), message).help(help);
            }
        }
        for current in new.all_connection_parameters() {
            if required(current).is_none() || old.all_connection_parameters().any(|p| p.name() == current.name()) {
                continue;
            }
            let message = format!("new required connection parameter `{}`; existing connections have no value for it", current.name());
            let old_anchor = old.connection_parameters.map_or(old.root.span, |n| n.span);
            cx.report(change.new_props_at(current.key.span), Some(change.old_props_at(old_anchor)), message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const SWAGGER: &str = "{\"paths\": {}}";
    const OLD: &str =
        "{\"properties\": {\"connectionParameters\": {\n\"api_key\": {\"type\": \"securestring\"},\n\"region\": {\"type\": \"string\"}}}}";

    #[test]
    fn fires_on_removed_retyped_and_newly_required_parameters() {
        let new = "{\"properties\": {\"connectionParameters\": {\n\"apiKey\": {\"type\": \"securestring\", \"uiDefinition\": {\"constraints\": {\"required\": true}}},\n\"region\": {\"type\": \"int\", \"uiDefinition\": {\"constraints\": {\"required\": \"true\"}}}}}}";
        assert_eq!(
            changes_with(&ConnectionParametersChanged, (SWAGGER, Some(OLD)), (SWAGGER, Some(new))),
            [
                "new props 2:1 /properties/connectionParameters/apiKey new required connection parameter `apiKey`; existing connections have no value for it [related old 1:41 /properties/connectionParameters]",
                "new props 3:20 /properties/connectionParameters/region/type connection parameter `region` changed type from `string` to `int`; existing connections hold a value of the old type [related old 3:20 /properties/connectionParameters/region/type]",
                "new props 3:72 /properties/connectionParameters/region/uiDefinition/constraints/required connection parameter `region` is now required; existing connections may have no value for it [related old 3:1 /properties/connectionParameters/region]",
                "old props 2:1 /properties/connectionParameters/api_key connection parameter `api_key` was removed or renamed; existing connections hold a value for it and lack the new ones [related new 1:41 /properties/connectionParameters]",
            ]
        );
    }

    #[test]
    fn silent_for_new_optional_parameters_and_reordering() {
        let new = "{\"properties\": {\"connectionParameters\": {\"region\": {\"type\": \"string\", \"uiDefinition\": {\"displayName\": \"Region\"}}, \"api_key\": {\"type\": \"securestring\"}, \"extra\": {\"type\": \"string\", \"uiDefinition\": {\"constraints\": {\"required\": \"false\"}}}}}}";
        assert!(changes_with(&ConnectionParametersChanged, (SWAGGER, Some(OLD)), (SWAGGER, Some(new))).is_empty());
    }
}
