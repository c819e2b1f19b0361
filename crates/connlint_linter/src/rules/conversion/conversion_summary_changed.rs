use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::convert::NoteKind;

declare_rule! {
    /// ## What it does
    /// Reports an operation summary (an OpenAPI `summary`, or a Postman request's name) that the
    /// conversion changed: a summary of several lines keeps its first, and the characters Power
    /// Platform refuses in summaries (`/ \ < > * % & ?`) become spaces. When the operation has no
    /// description, the whole original summary becomes its description.
    ///
    /// ## Why is this bad?
    /// The action's title in the designer is not the one the API's documentation uses; check
    /// that it still reads well.
    ///
    /// ## Severity
    /// An info: nothing the connector does changes; the note says where the swagger differs
    /// from the input.
    ///
    /// ## Example
    /// ```yaml
    /// summary: Get a file/folder
    /// ```
    /// What connlint writes:
    /// ```yaml
    /// summary: Get a file folder
    /// description: Get a file/folder
    /// ```
    pub ConversionSummaryChanged {
        id: "conversion-summary-changed",
        category: Conversion,
        severity: Info,
        profile: Base,
        ms_names: [],
        summary: "An operation summary was shortened or lost characters Power Platform refuses",
        visits: [Connector],
    }
}

impl Rule for ConversionSummaryChanged {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        super::report_notes(cx, NoteKind::SummaryChanged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_in_yaml_0() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /items:\n    get:\n      operationId: list\n      summary: |\n        List items/folders\n        More words\n      responses: {'200': {description: OK}}\n";
        assert_eq!(
            messages(&ConversionSummaryChanged, converted("openapi.yaml", text)),
            ["9:9 summary became `List items folders`: Power Platform takes one line without `/ \\ < > * % & ?`"]
        );
    }

    #[test]
    fn fires_in_json_1() {
        let text = r#"{"info": {"name": "P", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
"item": [{"name": "Get a <b>", "request": {"method": "GET", "url": "https://api.example.com/items"}}]}"#;
        assert_eq!(
            messages(&ConversionSummaryChanged, converted("collection.json", text)),
            ["2:19 summary became `Get a b`: Power Platform takes one line without `/ \\ < > * % & ?`"]
        );
    }

    #[test]
    fn silent_when_nothing_is_lost() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /items:\n    get:\n      operationId: list\n      summary: List items\n      responses: {'200': {description: OK}}\n";
        assert_silent(&ConversionSummaryChanged, converted("openapi.yaml", text));
    }
}
