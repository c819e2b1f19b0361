use super::label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Value;
use connlint_core::model::record::EMBEDDED_JSON_FIELDS;

declare_rule! {
    /// ## What it does
    /// Checks that a `connectors` record's text columns hold strings: the columns that keep a
    /// JSON document as text (`openapidefinition`, `connectionparameters`,
    /// `connectionparametersets`, `policytemplateinstances`, `scriptoperations`) and the plain
    /// text ones (`connectorid`, `name`, `displayname`, `description`, `customcodeblobcontent`,
    /// `iconbrandcolor`). `null` is accepted.
    ///
    /// ## Why is this bad?
    /// The Web API rejects an object, array or number where a string column is expected. The
    /// usual mistake is to paste the OpenAPI document itself instead of its text, which also
    /// means connlint cannot lint it as the connector's swagger.
    ///
    /// ## Severity
    /// These are text columns of the connector table
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector);
    /// the Web API refuses an object, array or number in their place.
    ///
    /// ## Example
    /// ```json
    /// { "name": "new_contoso", "openapidefinition": { "swagger": "2.0" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "new_contoso", "openapidefinition": "{\"swagger\": \"2.0\"}" }
    /// ```
    pub RecordFieldNotString {
        id: "record-field-not-string",
        category: Records,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connectors record's text column holds an object, array, number or boolean",
        visits: [Connector],
    }
}

/// Columns of plain text.
const TEXT_FIELDS: [&str; 6] = ["connectorid", "name", "displayname", "description", "customcodeblobcontent", "iconbrandcolor"];

impl Rule for RecordFieldNotString {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for record in &cx.model.records {
            for field in EMBEDDED_JSON_FIELDS.iter().chain(TEXT_FIELDS.iter()) {
                let Some(node) = record.get(field) else { continue };
                if matches!(node.value, Value::String(_) | Value::Null) {
                    continue;
                }
                let found = node.json_type().name();
                let embedded = EMBEDDED_JSON_FIELDS.contains(field);
                let expected = if embedded { "a string holding the JSON document" } else { "a string" };
                cx.report(record.file, node.span, format!("{}: `{field}` is {found}; expected {expected}", label(record))).help(
                    if embedded {
                        format!("serialize the value and store it as a JSON string, e.g. `\"{field}\": \"{{\\\"…\\\": …}}\"`")
                    } else {
                        format!("write `{field}` as a JSON string")
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_documents_and_text_that_are_not_strings() {
        let text = "{\n  \"name\": \"new_contoso\",\n  \"openapidefinition\": {\"swagger\": \"2.0\"},\n  \"scriptoperations\": [\"A\"],\n  \"displayname\": 42,\n  \"description\": true\n}";
        assert_eq!(
            records(text).messages(&RecordFieldNotString),
            [
                "connectors.json:3:24 record `new_contoso`: `openapidefinition` is an object; expected a string holding the JSON document",
                "connectors.json:4:23 record `new_contoso`: `scriptoperations` is an array; expected a string holding the JSON document",
                "connectors.json:5:18 record `new_contoso`: `displayname` is a number; expected a string",
                "connectors.json:6:18 record `new_contoso`: `description` is a boolean; expected a string",
            ]
        );
    }

    #[test]
    fn silent_on_strings_and_nulls() {
        let text = "{\"name\": \"n\", \"openapidefinition\": \"{}\", \"policytemplateinstances\": null, \"scriptoperations\": \"[]\", \"connectortype\": 1, \"iconbrandcolor\": \"\"}";
        records(text).assert_silent(&RecordFieldNotString);
    }

    #[test]
    fn invalid_json_inside_a_string_is_reported_by_invalid_json_inside_the_string() {
        use crate::rules::syntax::invalid_json::InvalidJson;
        // The trailing comma after "2.0" is at column 46 of line 3: the string opens at column
        // 24, and `{\"swagger\": \"2.0\"` takes 21 characters before it.
        let text = "{\n  \"name\": \"new_contoso\",\n  \"openapidefinition\": \"{\\\"swagger\\\": \\\"2.0\\\",}\"\n}";
        assert_eq!(
            records(text).messages(&InvalidJson),
            ["connectors.json:3:46 trailing comma: JSON allows no comma after the last element"]
        );
        records(&text.replace(",}", "}")).assert_silent(&InvalidJson);
    }
}
