use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::swagger::SecurityScheme;

declare_rule! {
    /// ## What it does
    /// Reports a change of how the connector authenticates: a `securityDefinitions` entry whose
    /// `type` or OAuth `flow` changed, authentication added where there was none or removed,
    /// or an OAuth connection parameter whose `identityProvider` changed.
    ///
    /// ## Why is this bad?
    /// Every existing connection was created with the old authentication and holds its
    /// credentials; after the change they cannot be used, and every flow fails until its owner
    /// creates a new connection. Microsoft does not allow changing the authentication type of a
    /// certified connector.
    ///
    /// ## Severity
    /// Microsoft does not allow changing the authentication type of a certified connector
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-updates), and
    /// existing connections hold credentials of the old kind, so every flow using them fails.
    ///
    /// ## Example
    /// Old: `"securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}`; new: `"securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode"}}`.
    ///
    /// Use instead: keep the authentication; offer another one with `connectionParameterSets`
    /// in a new connector, or as an additional parameter set.
    pub AuthTypeChanged {
        id: "auth-type-changed",
        category: Breaking,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "The connector's authentication type changed",
        visits: [Change],
    }
}

fn kind(s: &SecurityScheme<'_>) -> String {
    match (s.ty.map(|t| t.value), s.flow.map(|f| f.value)) {
        (Some(t), Some(f)) => format!("{t} ({f})"),
        (Some(t), None) => t.to_string(),
        (None, _) => "an untyped scheme".to_string(),
    }
}

impl ChangeRule for AuthTypeChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old), Some(new)) = (change.old_swagger(), change.new_swagger()) else { return };
        let (before, after) = (&old.security_definitions, &new.security_definitions);
        let help = "keep the old authentication; existing connections cannot be migrated to a new one";
        if before.is_empty() != after.is_empty() {
            if let Some(first) = after.first() {
                let message =
                    format!("the connector now requires {} authentication; existing connections have no credentials for it", kind(first));
                let old_at = change.old_at(old.root.member("securityDefinitions").map_or(old.root.span, |m| m.key.span));
                cx.report(change.new_at(first.key.span), Some(old_at), message).help(help);
            } else if let Some(first) = before.first() {
                let message =
                    format!("the connector no longer declares its {} authentication; existing connections stop working", kind(first));
                let new_at = change.new_at(new.root.member("securityDefinitions").map_or(new.root.span, |m| m.key.span));
                cx.report(change.old_at(first.key.span), Some(new_at), message).help(help);
            }
        } else {
            for scheme in after {
                let counterpart = before
                    .iter()
                    .find(|b| b.key.text == scheme.key.text)
                    .or_else(|| (before.len() == 1 && after.len() == 1).then(|| &before[0]));
                let Some(previous) = counterpart else { continue };
                if kind(previous) == kind(scheme) {
                    continue;
                }
                let message = format!(
                    "authentication `{}` changed from {} to {}; existing connections cannot be used with it",
                    scheme.key.text,
                    kind(previous),
                    kind(scheme)
                );
                let at = |s: &SecurityScheme<'_>| s.ty.map_or(s.key.span, |t| t.span);
                cx.report(change.new_at(at(scheme)), Some(change.old_at(at(previous))), message).help(help);
            }
        }
        let (Some(old_props), Some(new_props)) = (change.old_api_properties(), change.new_api_properties()) else { return };
        for parameter in new_props.all_connection_parameters() {
            let Some(provider) = parameter.oauth_settings.as_ref().and_then(|o| o.identity_provider) else { continue };
            let previous = old_props
                .all_connection_parameters()
                .find(|p| p.name() == parameter.name())
                .and_then(|p| p.oauth_settings.as_ref().and_then(|o| o.identity_provider));
            let Some(previous) = previous else { continue };
            if previous.value == provider.value {
                continue;
            }
            let message = format!(
                "the identity provider of connection parameter `{}` changed from `{}` to `{}`; existing connections were signed in with the old one",
                parameter.name(),
                previous.value,
                provider.value
            );
            cx.report(change.new_props_at(provider.span), Some(change.old_props_at(previous.span)), message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_a_changed_scheme_type() {
        let old = "{\"paths\": {}, \"securityDefinitions\": {\n\"auth\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"X-Key\"}}}";
        let new = "{\"paths\": {}, \"securityDefinitions\": {\n\"auth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\"}}}";
        assert_eq!(
            changes(&AuthTypeChanged, old, new),
            ["new 2:18 /securityDefinitions/auth/type authentication `auth` changed from apiKey to oauth2 (accessCode); existing connections cannot be used with it [related old 2:18 /securityDefinitions/auth/type]"]
        );
    }

    #[test]
    fn fires_when_authentication_is_added_or_removed() {
        let none = "{\"paths\": {}}";
        let basic = "{\"paths\": {}, \"securityDefinitions\": {\n\"basic\": {\"type\": \"basic\"}}}";
        assert_eq!(
            changes(&AuthTypeChanged, none, basic),
            ["new 2:1 /securityDefinitions/basic the connector now requires basic authentication; existing connections have no credentials for it [related old 1:1 the document root]"]
        );
        assert_eq!(
            changes(&AuthTypeChanged, basic, none),
            ["old 2:1 /securityDefinitions/basic the connector no longer declares its basic authentication; existing connections stop working [related new 1:1 the document root]"]
        );
    }

    #[test]
    fn fires_on_a_new_identity_provider() {
        let swagger = "{\"paths\": {}}";
        let old = "{\"properties\": {\"connectionParameters\": {\"token\": {\"type\": \"oauthSetting\",\n\"oAuthSettings\": {\"identityProvider\": \"aad\"}}}}}";
        let new = "{\"properties\": {\"connectionParameters\": {\"token\": {\"type\": \"oauthSetting\",\n\"oAuthSettings\": {\"identityProvider\": \"oauth2\"}}}}}";
        assert_eq!(
            changes_with(&AuthTypeChanged, (swagger, Some(old)), (swagger, Some(new))),
            ["new props 2:39 /properties/connectionParameters/token/oAuthSettings/identityProvider the identity provider of connection parameter `token` changed from `aad` to `oauth2`; existing connections were signed in with the old one [related old 2:39 /properties/connectionParameters/token/oAuthSettings/identityProvider]"]
        );
    }

    #[test]
    fn silent_when_a_scheme_is_renamed_but_keeps_its_type() {
        let old = "{\"paths\": {}, \"securityDefinitions\": {\"oauth\": {\"type\": \"oauth2\", \"flow\": \"accessCode\", \"scopes\": {}}}}";
        let new = "{\"paths\": {}, \"securityDefinitions\": {\"oauth2_auth\": {\"flow\": \"accessCode\", \"type\": \"oauth2\", \"scopes\": {\"a\": \"b\"}}}}";
        assert_no_change(&AuthTypeChanged, old, new);
    }
}
