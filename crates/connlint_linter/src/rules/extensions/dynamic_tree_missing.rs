use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a parameter or schema whose `x-ms-dynamic-values` uses the `file-picker`
    /// capability but that has no `x-ms-dynamic-tree` next to it.
    ///
    /// ## Why is this bad?
    /// The file-picker capability opens a folder browser; the newer designer builds that
    /// browser from `x-ms-dynamic-tree` (which operations list the root and the children of a
    /// folder). Without it the picker has nothing to show, and Microsoft's Swagger Validator
    /// rejects the connector.
    ///
    /// ## Severity
    /// The file-picker capability without `x-ms-dynamic-tree` is refused as
    /// `DynamicTreeExtensionMissing`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "file", "in": "query", "type": "string",
    ///   "x-ms-dynamic-values": { "capability": "file-picker", "parameters": { "isFolder": false } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "file", "in": "query", "type": "string",
    ///   "x-ms-dynamic-values": { "capability": "file-picker", "parameters": { "isFolder": false } },
    ///   "x-ms-dynamic-tree": { "settings": { "canSelectLeafNodes": true },
    ///     "open": { "operationId": "ListRoot", "itemValuePath": "Id", "itemTitlePath": "Name", "itemIsParent": "(IsFolder eq true)" },
    ///     "browse": { "operationId": "ListFolder", "itemValuePath": "Id", "itemTitlePath": "Name", "itemIsParent": "(IsFolder eq true)",
    ///       "parameters": { "id": { "selectedItemValuePath": "Id" } } } } }
    /// ```
    pub DynamicTreeMissing {
        id: "dynamic-tree-missing",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["DynamicTreeExtensionMissing"],
        summary: "The file-picker capability is used without x-ms-dynamic-tree",
        visits: [Connector],
    }
}

impl Rule for DynamicTreeMissing {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        // A schema reached from several places is looked at once.
        let mut previous = None;
        for &holder in cx.semantic().holders_by_position() {
            if previous.replace(holder.span.start) == Some(holder.span.start) {
                continue;
            }
            let Some(capability) = holder.get("x-ms-dynamic-values").and_then(|v| v.get("capability")) else { continue };
            if capability.as_str() != Some("file-picker") || holder.get("x-ms-dynamic-tree").is_some() {
                continue;
            }
            cx.report_swagger(capability.span, "`x-ms-dynamic-values` uses the `file-picker` capability without `x-ms-dynamic-tree`")
                .help("add `x-ms-dynamic-tree` next to `x-ms-dynamic-values`, with the `open` and `browse` operations of the folder tree");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_parameters_and_schemas_without_a_tree() {
        let text = r##"{"paths": {"/a": {"post": {"operationId": "A", "parameters": [
  {"name": "f", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "file-picker"}},
  {"name": "body", "in": "body", "schema": {"type": "object", "properties": {
    "g": {"type": "string", "x-ms-dynamic-values": {"capability": "file-picker", "parameters": {}}}}}}]}}},
"definitions": {"D": {"type": "object", "properties": {
  "h": {"type": "string", "x-ms-dynamic-values": {"capability": "file-picker"}}}}}}"##;
        assert_eq!(
            positions(&DynamicTreeMissing, swagger(text)),
            ["apiDefinition.swagger.json:2:88", "apiDefinition.swagger.json:4:67", "apiDefinition.swagger.json:6:65"]
        );
    }

    #[test]
    fn silent_with_a_tree_or_another_capability() {
        let text = r##"{"paths": {"/a": {"post": {"operationId": "A", "parameters": [
  {"name": "f", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "file-picker"},
   "x-ms-dynamic-tree": {"open": {"operationId": "A"}}},
  {"name": "g", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "other", "operationId": "A"}},
  {"$ref": "#/parameters/p"}]}}},
"parameters": {"p": {"name": "p", "in": "query", "type": "string", "x-ms-dynamic-values": {"capability": "file-picker"},
  "x-ms-dynamic-tree": {}}}}"##;
        assert_silent(&DynamicTreeMissing, swagger(text));
    }
}
