use super::{anchor, label};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Value;

declare_rule! {
    /// ## What it does
    /// Checks that a Dataverse `connectors` record has the fields that creating a connector
    /// through the Web API requires: `connectorid`, `name`, `displayname`, `openapidefinition`
    /// and `connectortype`. A field that is absent, `null` or an empty string is missing.
    ///
    /// ## Why is this bad?
    /// A `POST` to `connectors` without one of these fields fails, so the record cannot be
    /// deployed to another environment as it is. Records exported with `$select` often lack
    /// some of them.
    ///
    /// ## Severity
    /// Creating a connector record needs these columns
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector);
    /// a `POST` without them fails, so the record cannot be deployed as it is.
    ///
    /// ## Example
    /// ```json
    /// { "name": "new_contoso", "displayname": "", "connectortype": 1,
    ///   "openapidefinition": "{\"swagger\": \"2.0\"}" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "connectorid": "5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f", "name": "new_contoso",
    ///   "displayname": "Contoso", "connectortype": 1, "openapidefinition": "{\"swagger\": \"2.0\"}" }
    /// ```
    pub RecordFieldMissing {
        id: "record-field-missing",
        category: Records,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connectors record lacks a field that creating a connector requires",
        visits: [Connector],
    }
}

/// The fields a `POST` to `connectors` requires.
const REQUIRED: [&str; 5] = ["connectorid", "name", "displayname", "openapidefinition", "connectortype"];

impl Rule for RecordFieldMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for record in &cx.model.records {
            for field in REQUIRED {
                let (at, state) = match record.node.member(field) {
                    None => (anchor(record), "has no"),
                    Some(member) => match &member.value.value {
                        Value::Null => (member.value.span, "has a null"),
                        Value::String(s) if s.trim().is_empty() => (member.value.span, "has an empty"),
                        _ => continue,
                    },
                };
                cx.report(record.file, at, format!("{} {state} `{field}`, which creating a connector requires", label(record)))
                    .help(format!("set `{field}` (the Web API rejects a connector without it)"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_absent_null_and_empty_fields() {
        let text = "{\"value\": [\n  {\n    \"name\": \"new_contoso\",\n    \"displayname\": \"\",\n    \"connectorid\": null,\n    \"openapidefinition\": \"{}\"\n  },\n  {\"openapidefinition\": \" \", \"connectorid\": \"5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f\", \"displayname\": \"B\", \"connectortype\": 1}\n]}";
        assert_eq!(
            records(text).messages(&RecordFieldMissing),
            [
                "connectors.json:3:13 record `new_contoso` has no `connectortype`, which creating a connector requires",
                "connectors.json:4:20 record `new_contoso` has an empty `displayname`, which creating a connector requires",
                "connectors.json:5:20 record `new_contoso` has a null `connectorid`, which creating a connector requires",
                "connectors.json:8:3 record 1 of `value` has no `name`, which creating a connector requires",
                "connectors.json:8:25 record 1 of `value` has an empty `openapidefinition`, which creating a connector requires",
            ]
        );
    }

    #[test]
    fn silent_on_a_complete_record() {
        let text = "{\"connectorid\": \"5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f\", \"name\": \"new_contoso\", \"displayname\": \"Contoso\",\n \"connectortype\": 0, \"openapidefinition\": \"{\\\"swagger\\\": \\\"2.0\\\"}\", \"description\": null}";
        records(text).assert_silent(&RecordFieldMissing);
    }
}
