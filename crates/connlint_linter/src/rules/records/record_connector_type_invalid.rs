use super::label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Value;

declare_rule! {
    /// ## What it does
    /// Checks that a `connectors` record's `connectortype` is the integer `0` (not specified),
    /// `1` (custom connector) or `2` (connection-less). A missing or `null` value is
    /// `record-field-missing`'s to report.
    ///
    /// ## Why is this bad?
    /// `connectortype` is a choice column: the Web API rejects any other value, and a string
    /// such as `"1"` or a number such as `1.0` is not the integer it expects.
    ///
    /// ## Severity
    /// `connectortype` is a choice column of the connector table
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector);
    /// the Web API refuses any value that is not one of its integer codes.
    ///
    /// ## Example
    /// ```json
    /// { "name": "new_contoso", "connectortype": "custom" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "new_contoso", "connectortype": 1 }
    /// ```
    pub RecordConnectorTypeInvalid {
        id: "record-connector-type-invalid",
        category: Records,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connectors record's connectortype is not the integer 0, 1 or 2",
        visits: [Connector],
    }
}

impl Rule for RecordConnectorTypeInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for record in &cx.model.records {
            let Some(node) = record.get("connectortype") else { continue };
            let valid = match &node.value {
                Value::Null => true,
                Value::Number(n) => n.is_integer && [0.0, 1.0, 2.0].contains(&n.value),
                _ => false,
            };
            if !valid {
                let text = cx.connector().file(record.file).source.slice(node.span).to_string();
                cx.report(
                    record.file,
                    node.span,
                    format!("{}: `connectortype` is `{text}`; expected the integer 0, 1 or 2", label(record)),
                )
                .help("use `1`, a custom connector (0 is not specified, 2 connection-less)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_values_outside_the_choice() {
        let text = "{\"value\": [\n  {\"name\": \"a\", \"connectortype\": 3},\n  {\"name\": \"b\", \"connectortype\": \"1\"},\n  {\"name\": \"c\", \"connectortype\": 1.0},\n  {\"name\": \"d\", \"connectortype\": -1}\n]}";
        assert_eq!(
            records(text).messages(&RecordConnectorTypeInvalid),
            [
                "connectors.json:2:34 record `a`: `connectortype` is `3`; expected the integer 0, 1 or 2",
                "connectors.json:3:34 record `b`: `connectortype` is `\"1\"`; expected the integer 0, 1 or 2",
                "connectors.json:4:34 record `c`: `connectortype` is `1.0`; expected the integer 0, 1 or 2",
                "connectors.json:5:34 record `d`: `connectortype` is `-1`; expected the integer 0, 1 or 2",
            ]
        );
    }

    #[test]
    fn silent_on_known_values_and_when_absent() {
        let text = "{\"value\": [{\"connectortype\": 0}, {\"connectortype\": 1}, {\"connectortype\": 2}, {\"connectortype\": null}, {\"name\": \"x\"}]}";
        records(text).assert_silent(&RecordConnectorTypeInvalid);
    }
}
