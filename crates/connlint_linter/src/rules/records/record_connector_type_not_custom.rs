use super::label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Warns when a `connectors` record's `connectortype` is `0` (not specified) or `2`
    /// (connection-less): a custom connector is `1`.
    ///
    /// ## Why is this bad?
    /// Creating a custom connector through the Web API expects `connectortype` 1. A record
    /// with another type was usually copied from a connector of another kind, and does not
    /// deploy as a custom connector.
    ///
    /// ## Example
    /// ```json
    /// { "name": "new_contoso", "connectortype": 0 }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "new_contoso", "connectortype": 1 }
    /// ```
    pub RecordConnectorTypeNotCustom {
        id: "record-connector-type-not-custom",
        category: Records,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A connectors record's connectortype is 0 or 2 rather than 1 (custom connector)",
        visits: [Connector],
    }
}

impl Rule for RecordConnectorTypeNotCustom {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for record in &cx.model.records {
            let Some(node) = record.get("connectortype") else { continue };
            let Some(number) = node.as_number().filter(|n| n.is_integer) else { continue };
            let kind = if number.value == 0.0 {
                "0 (not specified)"
            } else if number.value == 2.0 {
                "2 (connection-less)"
            } else {
                continue;
            };
            cx.report(record.file, node.span, format!("{}: `connectortype` is {kind}; a custom connector is 1", label(record)))
                .help("set `connectortype` to 1");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn warns_on_zero_and_two() {
        let text = "{\"value\": [\n  {\"name\": \"a\", \"connectortype\": 0},\n  {\"name\": \"b\", \"connectortype\": 2}\n]}";
        assert_eq!(
            records(text).messages(&RecordConnectorTypeNotCustom),
            [
                "connectors.json:2:34 record `a`: `connectortype` is 0 (not specified); a custom connector is 1",
                "connectors.json:3:34 record `b`: `connectortype` is 2 (connection-less); a custom connector is 1",
            ]
        );
    }

    #[test]
    fn silent_on_one_and_on_invalid_values() {
        // Invalid values are `record-connector-type-invalid`'s.
        let text = "{\"value\": [{\"connectortype\": 1}, {\"connectortype\": 0.0}, {\"connectortype\": \"0\"}, {\"connectortype\": 3}]}";
        records(text).assert_silent(&RecordConnectorTypeNotCustom);
    }
}
