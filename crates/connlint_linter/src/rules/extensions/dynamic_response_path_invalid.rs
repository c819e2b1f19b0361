use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::calls::CallKind;
use crate::semantic::responses::{array_kind, items_of, lookup, success_schema, Lookup};
use crate::suggest::closest;
use connlint_core::json::Node;
use connlint_core::model::Str;

declare_rule! {
    /// ## What it does
    /// Follows the paths that a call to another operation uses to read its response, through
    /// the called operation's success response schema (`200`, else the first `2xx` with a
    /// schema; `$ref`s followed, `allOf` parts merged, array `items` entered), and reports:
    ///
    /// * a collection path (`value-collection` of `x-ms-dynamic-values`, `itemsPath` of
    ///   `x-ms-dynamic-list` and of the `x-ms-dynamic-tree` calls) that leads to a schema
    ///   declared as something other than an array;
    /// * any path (the collection paths, `value-path` and `value-title`, `itemValuePath`,
    ///   `itemTitlePath`, `itemFullTitlePath`, and the `value-path` of `x-ms-dynamic-schema`)
    ///   with a step that is not a property of a schema whose properties are all declared.
    ///
    /// Item paths are read inside the items of the collection (or of the response when it is an
    /// array). Paths are `/`-separated property names without a leading slash. Nothing is
    /// reported when the schema is missing, dynamic (`x-ms-dynamic-schema`,
    /// `additionalProperties`, `anyOf`, `oneOf`), has no `properties`, or a `$ref` does not
    /// resolve.
    ///
    /// ## Why is this bad?
    /// The designer reads the dropdown entries, their values and titles, or the dynamic schema
    /// at these paths. A path the response does not have gives an empty dropdown or blank
    /// entries, and Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// Paths into the called operation's response that lead nowhere are refused as
    /// `InvokedOperationShouldProduceProperty` and `InvokedOperationShouldProduceArray`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// With `GetLists` returning `{"value": [{"id": "", "displayName": ""}]}`:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetLists", "value-collection": "value", "value-path": "id", "value-title": "name" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetLists", "value-collection": "value", "value-path": "id", "value-title": "displayName" } }
    /// ```
    pub DynamicResponsePathInvalid {
        id: "dynamic-response-path-invalid",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["InvokedOperationShouldProduceProperty", "InvokedOperationShouldProduceArray"],
        summary: "A dynamic call reads a property or list the called operation's response does not have",
        visits: [Connector],
    }
}

/// The collection path and the item paths of a call kind.
fn paths_of(kind: CallKind) -> Option<(&'static str, &'static [&'static str])> {
    match kind {
        CallKind::DynamicValues => Some(("value-collection", &["value-path", "value-title"])),
        CallKind::DynamicList => Some(("itemsPath", &["itemValuePath", "itemTitlePath"])),
        CallKind::DynamicTreeOpen | CallKind::DynamicTreeBrowse => {
            Some(("itemsPath", &["itemValuePath", "itemTitlePath", "itemFullTitlePath"]))
        }
        CallKind::DynamicSchema => Some(("", &["value-path"])),
        CallKind::DynamicProperties => Some(("", &["itemValuePath"])),
        _ => None,
    }
}

/// Where a path starts, for messages: the response, or the items of the collection.
#[derive(Clone, Copy)]
enum Base<'p> {
    Response,
    Items(&'p str),
}

#[allow(clippy::too_many_arguments)]
fn report_missing(
    cx: &mut Context<'_, '_>,
    field: &str,
    path: Str<'_>,
    base: Base<'_>,
    segment: &str,
    index: usize,
    known: &[String],
    target: &str,
) {
    let prefix: Vec<&str> = path.value.split('/').filter(|s| !s.is_empty()).take(index).collect();
    let place = match (base, prefix.is_empty()) {
        (Base::Response, true) => "the response".to_string(),
        (Base::Items(collection), true) => format!("an item of `{collection}` in the response"),
        (Base::Response, false) => format!("`{}` in the response", prefix.join("/")),
        (Base::Items(collection), false) => format!("`{}` in an item of `{collection}` in the response", prefix.join("/")),
    };
    let message = format!("`{field}` `{}` reads `{segment}`, which {place} of `{target}` does not have", path.value);
    let diagnostic = cx.report_swagger(path.span, message);
    let mut known: Vec<&str> = known.iter().map(String::as_str).collect();
    known.sort_unstable();
    known.dedup();
    match closest(segment, known.iter().copied()) {
        Some(name) => diagnostic.help(format!("did you mean `{name}`?")),
        None => diagnostic.help(format!("the properties there are {}", super::one_of(&known))),
    };
}

impl Rule for DynamicResponsePathInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for call in cx.semantic().calls() {
            let Some((collection_key, item_keys)) = paths_of(call.kind) else { continue };
            let Some(target) = call.target(swagger) else { continue };
            let Some(response) = success_schema(swagger, target) else { continue };
            let name = target.display_name();
            let mut base: Option<&Node> = Some(response);
            let collection = (!collection_key.is_empty()).then(|| call.str(collection_key)).flatten();
            let described = collection.map_or(Base::Response, |c| Base::Items(c.value));
            if let Some(path) = collection {
                base = None;
                match lookup(swagger, response, path.value) {
                    Lookup::Found(node) => {
                        if array_kind(&swagger.schema(node)) == Some(false) {
                            let ty = node.get("type").and_then(Node::as_str).unwrap_or("?");
                            cx.report_swagger(
                                path.span,
                                format!(
                                    "`{collection_key}` `{}` leads to a schema of type `{ty}` in the response of `{name}`, not to an array",
                                    path.value
                                ),
                            )
                            .help("point it at the array property that holds the items");
                        } else {
                            base = items_of(swagger, node);
                        }
                    }
                    Lookup::Missing { segment, index, known } => {
                        report_missing(cx, collection_key, path, Base::Response, &segment, index, &known, &name)
                    }
                    Lookup::Unknown => {}
                }
            }
            let Some(base) = base else { continue };
            for key in item_keys {
                let Some(path) = call.str(key) else { continue };
                if let Lookup::Missing { segment, index, known } = lookup(swagger, base, path.value) {
                    report_missing(cx, key, path, described, &segment, index, &known, &name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGETS: &str = r##""/lists": {"get": {"operationId": "GetLists", "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Page"}}}}},
  "/tree": {"get": {"operationId": "GetTree", "responses": {"201": {"description": "OK", "schema": {"type": "array", "items": {"$ref": "#/definitions/Item"}}}}}},
  "/open": {"get": {"operationId": "GetOpen", "responses": {"200": {"description": "OK", "schema": {"type": "object", "additionalProperties": true}}}}},
  "/none": {"get": {"operationId": "GetNone", "responses": {"200": {"description": "OK"}}}}"##;
    const DEFS: &str = r##""definitions": {
  "Page": {"type": "object", "properties": {"value": {"type": "array", "items": {"$ref": "#/definitions/Item"}}, "count": {"type": "integer"}}},
  "Item": {"allOf": [{"$ref": "#/definitions/Base"}, {"type": "object", "properties": {"displayName": {"type": "string"}, "meta": {"type": "object"}}}]},
  "Base": {"type": "object", "properties": {"id": {"type": "string"}}}
}}"##;

    #[test]
    fn fires_on_missing_properties_and_non_arrays() {
        let text = format!(
            r##"{{"paths": {{{TARGETS},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetLists", "value-collection": "value", "value-path": "id", "value-title": "name"}},
    "x-ms-dynamic-list": {{"operationId": "GetLists", "itemsPath": "count", "itemValuePath": "nope"}},
    "x-ms-dynamic-tree": {{"open": {{"operationId": "GetLists", "itemsPath": "values", "itemValuePath": "nope"}},
      "browse": {{"operationId": "GetTree", "itemValuePath": "id", "itemTitlePath": "displayname"}}}}}}]}}}}
}},
{DEFS}"##
        );
        let findings = run(&DynamicResponsePathInvalid, swagger(&text));
        let got: Vec<_> =
            findings.iter().map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "6:120 `value-title` `name` reads `name`, which an item of `value` in the response of `GetLists` does not have | the properties there are `displayName`, `id` or `meta`",
                "7:67 `itemsPath` `count` leads to a schema of type `integer` in the response of `GetLists`, not to an array | point it at the array property that holds the items",
                "8:76 `itemsPath` `values` reads `values`, which the response of `GetLists` does not have | did you mean `value`?",
                "9:84 `itemTitlePath` `displayname` reads `displayname`, which the response of `GetTree` does not have | did you mean `displayName`?",
            ]
        );
    }

    #[test]
    fn silent_on_valid_unknown_and_dynamic_paths() {
        let text = format!(
            r##"{{"paths": {{{TARGETS},
  "/x": {{"get": {{"operationId": "X", "parameters": [{{"name": "t", "in": "query", "type": "string",
    "x-ms-dynamic-values": {{"operationId": "GetLists", "value-collection": "value", "value-path": "id", "value-title": "meta/anything"}},
    "x-ms-dynamic-list": {{"operationId": "GetTree", "itemsPath": "", "itemValuePath": "id", "itemTitlePath": "displayName"}},
    "x-ms-dynamic-schema": {{"operationId": "GetOpen", "value-path": "schema/properties"}},
    "x-ms-dynamic-properties": {{"operationId": "GetNone", "itemValuePath": "schema"}},
    "x-ms-dynamic-tree": {{"open": {{"operationId": "GetLists", "itemsPath": "value", "itemValuePath": "{{id}}"}},
      "browse": {{"operationId": "Missing", "itemValuePath": "id"}}}}}}]}}}}
}},
{DEFS}"##
        );
        assert_silent(&DynamicResponsePathInvalid, swagger(&text));
    }
}
