use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Reports an `x-ms-dynamic-schema` whose `value-path` ends at a `properties` object (its
    /// last step is `properties`) when the same schema or parameter has no
    /// `x-ms-dynamic-properties`, and an `x-ms-dynamic-properties` next to it whose
    /// `itemValuePath` is not that `value-path` without the final `/properties` (a missing
    /// `itemValuePath` means the response's root, as does a `value-path` of just `properties`).
    ///
    /// ## Why is this bad?
    /// When the call returns a set of properties rather than a whole schema, the newer designers
    /// read it through `x-ms-dynamic-properties`, whose `itemValuePath` must point at the schema
    /// object that holds those properties. Without it, or with a path to somewhere else, the
    /// dynamic fields do not appear. Microsoft's Swagger Validator rejects both.
    ///
    /// ## Severity
    /// The validator requires `x-ms-dynamic-properties` to agree with the dynamic schema's
    /// `value-path`: `DynamicPropertiesExtensionRequiredForPropertiesValuePath` and
    /// `DynamicPropertiesItemValuePathMismatch`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "x-ms-dynamic-schema": { "operationId": "GetFields", "value-path": "schema/properties" },
    ///   "x-ms-dynamic-properties": { "operationId": "GetFields", "itemValuePath": "schema/properties" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-schema": { "operationId": "GetFields", "value-path": "schema/properties" },
    ///   "x-ms-dynamic-properties": { "operationId": "GetFields", "itemValuePath": "schema" } }
    /// ```
    pub DynamicPropertiesPathMismatch {
        id: "dynamic-properties-path-mismatch",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["DynamicPropertiesExtensionRequiredForPropertiesValuePath", "DynamicPropertiesItemValuePathMismatch"],
        summary: "x-ms-dynamic-properties is missing or disagrees with a dynamic-schema value-path that ends at properties",
        visits: [Connector],
    }
}

impl Rule for DynamicPropertiesPathMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for &holder in cx.semantic().holders_by_position() {
            let Some(value_path) = holder.get("x-ms-dynamic-schema").and_then(|s| s.get("value-path")) else { continue };
            let Some(path) = value_path.as_str() else { continue };
            let trimmed = path.trim_end_matches('/');
            let Some(parent) = trimmed.strip_suffix("properties").filter(|p| p.is_empty() || p.ends_with('/')) else { continue };
            let expected = parent.trim_end_matches('/');
            let Some(properties) = holder.member("x-ms-dynamic-properties").filter(|m| m.value.as_object().is_some()) else {
                cx.report_swagger(
                    value_path.span,
                    format!("`value-path` `{path}` ends at a `properties` object, but there is no `x-ms-dynamic-properties` next to it"),
                )
                .help(format!("add `x-ms-dynamic-properties` calling the same operation with `\"itemValuePath\": \"{expected}\"`"));
                continue;
            };
            let item = properties.value.get("itemValuePath");
            let actual = item.and_then(Node::as_str).unwrap_or("").trim_matches('/');
            if actual != expected {
                let span = item.map_or(properties.key.span, |i| i.span);
                let shown =
                    if expected.is_empty() { "the response's root (no itemValuePath)".to_string() } else { format!("`{expected}`") };
                cx.report_swagger(
                    span,
                    format!("`itemValuePath` is `{actual}` but the dynamic schema's `value-path` `{path}` expects {shown}"),
                )
                .help("point `itemValuePath` at the object that holds `properties`: the `value-path` without its final `/properties`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_missing_and_mismatched_properties_extension() {
        let text = r##"{"definitions": {
  "A": {"type": "object", "x-ms-dynamic-schema": {"operationId": "F", "value-path": "schema/properties"}},
  "B": {"type": "object", "x-ms-dynamic-schema": {"operationId": "F", "value-path": "schema/properties"},
    "x-ms-dynamic-properties": {"operationId": "F", "itemValuePath": "schema/properties"}},
  "C": {"type": "object", "x-ms-dynamic-schema": {"operationId": "F", "value-path": "properties"},
    "x-ms-dynamic-properties": {"operationId": "F", "itemValuePath": "schema"}}
}}"##;
        assert_eq!(
            messages(&DynamicPropertiesPathMismatch, swagger(text)),
            [
                "2:85 `value-path` `schema/properties` ends at a `properties` object, but there is no `x-ms-dynamic-properties` next to it",
                "4:70 `itemValuePath` is `schema/properties` but the dynamic schema's `value-path` `schema/properties` expects `schema`",
                "6:70 `itemValuePath` is `schema` but the dynamic schema's `value-path` `properties` expects the response's root (no itemValuePath)",
            ]
        );
    }

    #[test]
    fn silent_on_matching_paths_and_other_value_paths() {
        let text = r##"{"paths": {"/a": {"post": {"parameters": [{"name": "body", "in": "body", "schema": {
  "x-ms-dynamic-schema": {"operationId": "F", "value-path": "schema/properties"},
  "x-ms-dynamic-properties": {"operationId": "F", "itemValuePath": "schema"}}}]}}},
"definitions": {
  "A": {"x-ms-dynamic-schema": {"operationId": "F", "value-path": "properties"}, "x-ms-dynamic-properties": {"operationId": "F"}},
  "B": {"x-ms-dynamic-schema": {"operationId": "F", "value-path": "schema"}},
  "C": {"x-ms-dynamic-schema": {"operationId": "F", "value-path": "customproperties"}}
}}"##;
        assert_silent(&DynamicPropertiesPathMismatch, swagger(text));
    }
}
