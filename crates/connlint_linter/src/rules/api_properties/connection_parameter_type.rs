use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::model::api_properties::CONNECTION_PARAMETER_TYPES;

declare_rule! {
    /// ## What it does
    /// Reports a connection parameter (in `connectionParameters` or in any
    /// `connectionParameterSets` value) whose `type` is missing or is not one of `string`,
    /// `securestring`, `int`, `bool`, `oauthSetting` and `gatewaySetting`. The type is
    /// case-sensitive.
    ///
    /// ## Why is this bad?
    /// The type decides how the connection dialog asks for the value and whether it is stored
    /// as a secret; an unknown type, or `oAuthSetting` instead of `oauthSetting`, is rejected
    /// when the connector is created or certified.
    ///
    /// ## Severity
    /// The parameter types are a closed list
    /// (https://learn.microsoft.com/connectors/custom-connectors/connection-parameters), and
    /// Microsoft's apiProperties validator reports values outside its enums as `level=Error`, which
    /// fails the pull request (https://github.com/microsoft/PowerPlatformConnectors/pull/3097).
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "connectionParameters": { "token": { "type": "oAuthSetting" }, "api_key": { "type": "password" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "connectionParameters": { "token": { "type": "oauthSetting" }, "api_key": { "type": "securestring" } } } }
    /// ```
    pub ConnectionParameterType {
        id: "connection-parameter-type",
        category: ApiProperties,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connection parameter has a missing or unknown type",
        visits: [Connector],
    }
}

impl Rule for ConnectionParameterType {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let allowed = CONNECTION_PARAMETER_TYPES.map(|t| format!("`{t}`")).join(", ");
        for param in props.all_connection_parameters() {
            let name = param.name();
            match param.ty {
                Some(ty) if CONNECTION_PARAMETER_TYPES.contains(&ty.value) => {}
                Some(ty) => {
                    let message = match closest(ty.value, CONNECTION_PARAMETER_TYPES) {
                        Some(known) => format!("connection parameter `{name}` has type `{}`; did you mean `{known}`?", ty.value),
                        None => format!("connection parameter `{name}` has type `{}`, which is not a connection parameter type", ty.value),
                    };
                    cx.report(props.file, ty.span, message).help(format!("use one of {allowed} (case matters)"));
                }
                // A `type` of the wrong JSON type is reported by json-type-incorrect.
                None if param.node.get("type").is_some() => {}
                None => {
                    cx.report(props.file, param.key.span, format!("connection parameter `{name}` has no `type`"))
                        .help(format!("add a `type`: one of {allowed}"));
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
    fn reports_unknown_and_miscased_types() {
        let text = r#"{"properties": {
  "connectionParameters": {
    "token": {"type": "oAuthSetting"},
    "api_key": {"type": "password"},
    "region": {"uiDefinition": {}}
  }
}}"#;
        assert_eq!(
            messages(&ConnectionParameterType, api_properties(text)),
            [
                "3:23 connection parameter `token` has type `oAuthSetting`; did you mean `oauthSetting`?",
                "4:25 connection parameter `api_key` has type `password`, which is not a connection parameter type",
                "5:5 connection parameter `region` has no `type`",
            ]
        );
    }

    #[test]
    fn checks_every_parameter_set() {
        let text = r#"{"properties": {"connectionParameterSets": {"values": [
  {"name": "key", "parameters": {"api_key": {"type": "securestring"}}},
  {"name": "oauth", "parameters": {"token": {"type": "SecureString"}}}
]}}}"#;
        assert_eq!(positions(&ConnectionParameterType, api_properties(text)), ["apiProperties.json:3:54"]);
    }

    #[test]
    fn silent_on_every_valid_type() {
        let text = r#"{"properties": {"connectionParameters": {
            "a": {"type": "string"}, "b": {"type": "securestring"}, "c": {"type": "int"},
            "d": {"type": "bool"}, "token": {"type": "oauthSetting"}, "gateway": {"type": "gatewaySetting"},
            "bad_shape": {"type": 3}}}}"#;
        assert_silent(&ConnectionParameterType, api_properties(text));
    }
}
