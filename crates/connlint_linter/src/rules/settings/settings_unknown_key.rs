use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::model::settings::SETTINGS_KEYS;

declare_rule! {
    /// ## What it does
    /// Reports a key in paconn's `settings.json` that paconn does not read, and suggests the
    /// key it most likely meant. The known keys are `$schema`, `connectorId`, `environment`,
    /// `apiProperties`, `apiDefinition`, `icon`, `script`, `powerAppsUrl`,
    /// `powerAppsApiVersion`, `flowUrl` and `flowApiVersion`.
    ///
    /// ## Why is this bad?
    /// paconn silently ignores the key, so a misspelt `apiDefinition` or `icon` makes it fall back
    /// to the default file name, and a misspelt `connectorId` creates a new connector instead of
    /// updating the existing one.
    ///
    /// ## Example
    /// ```json
    /// { "connectorID": "shared_contoso-5f1c", "apidefinition": "apiDefinition.swagger.json" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "connectorId": "shared_contoso-5f1c", "apiDefinition": "apiDefinition.swagger.json" }
    /// ```
    pub SettingsUnknownKey {
        id: "settings-unknown-key",
        category: Settings,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "settings.json has a key that paconn does not read",
        visits: [Connector],
    }
}

impl Rule for SettingsUnknownKey {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(settings) = cx.settings() else { return };
        for key in &settings.unknown_keys {
            let text = &*key.text;
            match closest(text, SETTINGS_KEYS) {
                Some(known) => {
                    cx.report(
                        settings.file,
                        key.span,
                        format!("paconn does not read the settings.json key `{text}`; did you mean `{known}`?"),
                    )
                    .help(format!("rename the key to `{known}`"));
                }
                None => {
                    cx.report(settings.file, key.span, format!("paconn does not read the settings.json key `{text}`"))
                        .help(format!("remove it; paconn reads only {}", SETTINGS_KEYS.map(|k| format!("`{k}`")).join(", ")));
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
    fn reports_unknown_keys_with_a_suggestion() {
        let text = "{\n  \"connectorID\": \"shared_contoso\",\n  \"apiDefinition\": \"apiDefinition.swagger.json\",\n  \"iconn\": \"icon.png\",\n  \"notes\": \"x\"\n}";
        assert_eq!(
            messages(&SettingsUnknownKey, swagger("{}").with_settings(text)),
            [
                "2:3 paconn does not read the settings.json key `connectorID`; did you mean `connectorId`?",
                "4:3 paconn does not read the settings.json key `iconn`; did you mean `icon`?",
                "5:3 paconn does not read the settings.json key `notes`",
            ]
        );
    }

    #[test]
    fn silent_on_every_known_key() {
        let text = r#"{"$schema": "x", "connectorId": "a", "environment": "b", "apiProperties": "apiProperties.json",
            "apiDefinition": "apiDefinition.swagger.json", "icon": "icon.png", "script": "script.csx",
            "powerAppsUrl": "https://api.powerapps.com", "powerAppsApiVersion": "2016-11-01",
            "flowUrl": "https://api.flow.microsoft.com", "flowApiVersion": "2016-11-01"}"#;
        assert_silent(&SettingsUnknownKey, swagger("{}").with_settings(text));
        assert_silent(&SettingsUnknownKey, swagger(r#"{"notes": "a swagger key is not a settings key"}"#));
    }
}
