use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an entry of apiProperties.json's `capabilities` that is not `actions`,
    /// `triggers`, `gateway` or `cloud only` (lowercase).
    ///
    /// ## Why is this bad?
    /// The capabilities tell Power Platform what the connector offers and where it runs. An
    /// unknown or differently cased value (`Actions`) is at best ignored.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "capabilities": ["Actions", "trigger"] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "properties": { "capabilities": ["actions", "triggers"] } }
    /// ```
    pub CapabilityValue {
        id: "capability-value",
        category: ApiProperties,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A capabilities entry is not actions, triggers, gateway or cloud only",
        visits: [Connector],
    }
}

const CAPABILITIES: [&str; 4] = ["actions", "triggers", "gateway", "cloud only"];

impl Rule for CapabilityValue {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(props) = cx.api_properties() else { return };
        let Some(capabilities) = &props.capabilities else { return };
        for cap in &capabilities.value {
            if CAPABILITIES.contains(&cap.value) {
                continue;
            }
            let near =
                CAPABILITIES.iter().find(|c| c.eq_ignore_ascii_case(cap.value) || c.trim_end_matches('s').eq_ignore_ascii_case(cap.value));
            let message = match near {
                Some(c) => format!("capability `{}` is not a known capability; did you mean `{c}`?", cap.value),
                None => format!("capability `{}` is not a known capability", cap.value),
            };
            cx.report(props.file, cap.span, message).help("use `actions`, `triggers`, `gateway` or `cloud only`, in lowercase");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_unknown_and_miscased_capabilities() {
        let text = "{\"properties\": {\n  \"capabilities\": [\"Actions\", \"trigger\", \"webhooks\"]}}";
        assert_eq!(
            messages(&CapabilityValue, api_properties(text)),
            [
                "2:20 capability `Actions` is not a known capability; did you mean `actions`?",
                "2:31 capability `trigger` is not a known capability; did you mean `triggers`?",
                "2:42 capability `webhooks` is not a known capability",
            ]
        );
    }

    #[test]
    fn silent_on_known_capabilities() {
        let text = r#"{"properties": {"capabilities": ["actions", "triggers", "gateway", "cloud only"]}}"#;
        assert_silent(&CapabilityValue, api_properties(text));
        assert_silent(&CapabilityValue, api_properties(r#"{"properties": {"capabilities": []}}"#));
    }
}
