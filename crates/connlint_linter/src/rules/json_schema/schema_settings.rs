use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::schema::{validate, Schema};

declare_rule! {
    /// ## What it does
    /// Validates paconn's settings.json against Microsoft's JSON Schema for it
    /// (`paconn-settings.schema.json`), in a corrected copy shipped with connlint (which also
    /// accepts the documented `script` key). Each violation is reported at the offending value
    /// or key, for example an `environment` that is not a lowercase GUID or an API version
    /// other than `2016-11-01`.
    ///
    /// This rule is off unless asked for: run `connlint check --schema`, or set its level in
    /// `connlint.toml`.
    ///
    /// ## Why is this bad?
    /// paconn reads these values to reach your environment; values the schema rejects make
    /// `paconn create` or `paconn update` fail.
    ///
    /// ## Severity
    /// A warning: Microsoft's published settings schema lacks the `script` key that paconn
    /// documents, so a mismatch is not proof that paconn fails. `settings-file-missing` reports the
    /// failure that does happen.
    ///
    /// ## Example
    /// ```json
    /// { "environment": "Default-1234", "flowApiVersion": "2020-01-01" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "environment": "3f1c9b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "flowApiVersion": "2016-11-01" }
    /// ```
    pub SchemaSettings {
        id: "schema-settings",
        category: JsonSchema,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "settings.json does not match Microsoft's JSON Schema (corrected)",
        visits: [Connector],
    }
}

impl Rule for SchemaSettings {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(settings) = cx.settings() else { return };
        for v in validate(Schema::Settings, settings.root) {
            let node = settings.root.pointer(&v.pointer).unwrap_or(settings.root);
            let span = v.key.as_deref().and_then(|k| node.member(k)).map_or(node.span, |m| m.key.span);
            let at = if v.pointer.is_empty() { "the root".to_string() } else { format!("`{}`", v.pointer) };
            cx.report(settings.file, span, format!("{at}: {}", v.message))
                .help("compare with paconn's settings.json schema; see `connlint rule schema-settings`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_violations_at_their_position() {
        let text = "{\n  \"environment\": \"Default-1234\",\n  \"flowApiVersion\": \"2020-01-01\",\n  \"iconn\": \"icon.png\"\n}";
        assert_eq!(
            messages(&SchemaSettings, swagger("{}").with_settings(text)),
            [
                "2:18 `/environment`: \"Default-1234\" does not match the pattern `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`",
                "3:21 `/flowApiVersion`: \"2020-01-01\" is not one of the allowed values [\"2016-11-01\"]",
                "4:3 the root: the schema allows no key `iconn` here",
            ]
        );
    }

    #[test]
    fn silent_on_a_valid_file_including_script() {
        let text = r#"{"connectorId": "shared_contoso", "environment": "3f1c9b2a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "apiProperties": "apiProperties.json",
            "apiDefinition": "apiDefinition.swagger.json", "icon": "icon.png", "script": "script.csx", "powerAppsApiVersion": "2016-11-01"}"#;
        assert_silent(&SchemaSettings, swagger("{}").with_settings(text));
    }
}
