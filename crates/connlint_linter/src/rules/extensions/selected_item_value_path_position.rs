use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports a `selectedItemValuePath` key anywhere except in an entry of
    /// `x-ms-dynamic-tree.browse.parameters` (the values passed when the user opens a folder).
    /// Property names, examples, defaults and the literal values a call passes are data and are
    /// not looked at.
    ///
    /// ## Why is this bad?
    /// `selectedItemValuePath` says which field of the item the user picked feeds the browse
    /// call's parameter. Only the `browse` call of a dynamic tree has a picked item; anywhere
    /// else the key means nothing and Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// `selectedItemValuePath` outside `x-ms-dynamic-tree` browse parameters is refused as
    /// `SelectedItemValuePathNotAllowedInThisPosition`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-dynamic-tree": { "open": { "operationId": "ListRoot", "parameters": { "id": { "selectedItemValuePath": "Id" } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-tree": { "open": { "operationId": "ListRoot" },
    ///   "browse": { "operationId": "ListFolder", "parameters": { "id": { "selectedItemValuePath": "Id" } } } } }
    /// ```
    pub SelectedItemValuePathPosition {
        id: "selected-item-value-path-position",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["SelectedItemValuePathNotAllowedInThisPosition"],
        summary: "selectedItemValuePath is used outside x-ms-dynamic-tree browse parameters",
        visits: [Connector],
    }
}

impl Rule for SelectedItemValuePathPosition {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        // The `selectedItemValuePath` keys of the entries of every `x-ms-dynamic-tree.browse.parameters`.
        let mut allowed: Vec<u32> = Vec::new();
        let keywords = cx.semantic().keywords();
        for tree in keywords.extensions.iter().filter(|m| &*m.key.text == "x-ms-dynamic-tree") {
            let params = tree.value.get("browse").and_then(|b| b.get("parameters"));
            for entry in params.map(members).unwrap_or_default() {
                allowed.extend(entry.value.member("selectedItemValuePath").map(|m| m.key.span.start));
            }
        }
        // Literal values passed by calls are data.
        let literals: Vec<(u32, u32)> = cx
            .semantic()
            .calls()
            .iter()
            .flat_map(|c| c.parameter_members())
            .filter_map(|m| m.value.get("value"))
            .map(|v| (v.span.start, v.span.end))
            .collect();
        for m in &keywords.selected_item_value_paths {
            let start = m.key.span.start;
            if allowed.contains(&start) || literals.iter().any(|&(s, e)| s < start && start < e) {
                continue;
            }
            cx.report_swagger(m.key.span, "`selectedItemValuePath` is only allowed in the `parameters` of `x-ms-dynamic-tree` `browse`")
                .help("move it into an entry of `x-ms-dynamic-tree.browse.parameters`, or use `value` or `parameterReference` here");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_outside_browse_parameters() {
        let text = r##"{"paths": {"/a": {"get": {"operationId": "A", "parameters": [{"name": "f", "in": "query", "type": "string",
  "x-ms-dynamic-tree": {
    "open": {"operationId": "A", "parameters": {"id": {"selectedItemValuePath": "Id"}}},
    "browse": {"operationId": "A", "selectedItemValuePath": "Id", "parameters": {"id": {"value": {"selectedItemValuePath": "x"}}}}},
  "x-ms-dynamic-values": {"operationId": "A", "parameters": {"id": {"selectedItemValuePath": "Id"}}}}]}}}}"##;
        assert_eq!(
            positions(&SelectedItemValuePathPosition, swagger(text)),
            ["apiDefinition.swagger.json:3:56", "apiDefinition.swagger.json:4:36", "apiDefinition.swagger.json:5:69"]
        );
    }

    #[test]
    fn silent_in_browse_parameters_and_on_property_names() {
        let text = r##"{"paths": {"/a": {"get": {"operationId": "A", "parameters": [{"name": "f", "in": "query", "type": "string",
  "x-ms-dynamic-tree": {
    "browse": {"operationId": "A", "parameters": {"id": {"selectedItemValuePath": "Id"}, "p": {"selectedItemValuePath": "Path"}}}}}]}}},
"definitions": {"D": {"type": "object", "properties": {"selectedItemValuePath": {"type": "string"}},
  "example": {"selectedItemValuePath": "x"}}}}"##;
        assert_silent(&SelectedItemValuePathPosition, swagger(text));
    }
}
