use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `gatewaySetting` connection parameter (on-premises data gateway) in a
    /// connector that also has custom code (`script.csx`).
    ///
    /// ## Why is this bad?
    /// Custom code does not run for connections made through a gateway, so either the
    /// gateway or the script cannot work as intended.
    ///
    /// ## Severity
    /// Custom code does not run for connections made through an on-premises data gateway
    /// (https://learn.microsoft.com/connectors/custom-connectors/write-code), so a connector that
    /// needs both misbehaves at run time.
    ///
    /// ## Example
    /// A connector with `script.csx` and:
    /// ```json
    /// { "properties": { "connectionParameters": { "gateway": { "type": "gatewaySetting" } } } }
    /// ```
    /// Use instead: drop the gateway parameter, or move the script's logic to policies or the API.
    /// ```json
    /// { "properties": { "connectionParameters": {} } }
    /// ```
    pub GatewayWithScript {
        id: "gateway-with-script",
        category: CrossFile,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A gateway connection parameter is combined with custom code",
        visits: [Connector],
    }
}

impl Rule for GatewayWithScript {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        if cx.model.script().is_none() {
            return;
        }
        let Some(props) = cx.api_properties() else { return };
        for param in props.all_connection_parameters() {
            if let Some(ty) = param.ty.filter(|t| t.value == "gatewaySetting") {
                cx.report(
                    props.file,
                    ty.span,
                    format!("connection parameter `{}` uses a gateway, but custom code does not run through a gateway", param.name()),
                )
                .help("remove the gateway parameter or the custom code (script.csx)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const PROPS: &str = "{\"properties\": {\"connectionParameters\": {\n  \"gateway\": {\"type\": \"gatewaySetting\"}}}}";

    #[test]
    fn reports_a_gateway_with_a_script() {
        assert_eq!(
            messages(&GatewayWithScript, api_properties(PROPS).with_script("public class Script : ScriptBase {}")),
            ["2:23 connection parameter `gateway` uses a gateway, but custom code does not run through a gateway"]
        );
    }

    #[test]
    fn silent_without_a_script_or_a_gateway() {
        assert_silent(&GatewayWithScript, api_properties(PROPS));
        assert_silent(
            &GatewayWithScript,
            api_properties(r#"{"properties": {"connectionParameters": {"k": {"type": "securestring"}}}}"#).with_script(""),
        );
    }
}
