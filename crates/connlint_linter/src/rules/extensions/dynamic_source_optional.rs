use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::sources::EntryValue;

declare_rule! {
    /// ## What it does
    /// Reports an entry of a dynamic call (`x-ms-dynamic-values`, `-list`, `-schema`,
    /// `-properties`, `-tree`) that fills a required parameter of the called operation (one
    /// without a `default`) from a parameter or body property of the calling operation that is
    /// optional and has no `default` either.
    ///
    /// ## Why is this bad?
    /// When the user leaves the optional source empty, the call goes out without a value the
    /// called operation needs: the dropdown or schema fails to load. Microsoft's Swagger
    /// Validator reports the mismatch.
    ///
    /// ## Severity
    /// An optional parameter feeding a required one of the target is refused as
    /// `OperationParameterRequiredMismatch`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// With `GetTables` requiring `dataset`:
    /// ```json
    /// { "parameters": [ { "name": "dataset", "in": "query", "type": "string" },
    ///   { "name": "table", "in": "query", "type": "string",
    ///     "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "dataset": { "parameter": "dataset" } } } } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "parameters": [ { "name": "dataset", "in": "query", "required": true, "type": "string" },
    ///   { "name": "table", "in": "query", "type": "string",
    ///     "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "dataset": { "parameter": "dataset" } } } } ] }
    /// ```
    pub DynamicSourceOptional {
        id: "dynamic-source-optional",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParameterRequiredMismatch"],
        summary: "A dynamic call fills a required parameter from an optional one",
        visits: [Connector],
    }
}

impl Rule for DynamicSourceOptional {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for entry in cx.semantic().entries() {
            let (Some(target), Some(source)) = (&entry.target, &entry.source) else { continue };
            let span = match entry.value {
                EntryValue::Parameter(name) | EntryValue::ParameterReference(name) => name.span,
                _ => continue,
            };
            if !target.required || target.has_default || source.required || source.has_default {
                continue;
            }
            let target_name = entry.call.target(swagger).map(|op| op.display_name()).unwrap_or_default();
            let message = format!(
                "{} fills the required {} of `{target_name}` from the optional {}",
                entry.call.kind.label(),
                target.what,
                source.what
            );
            cx.report_swagger(span, message).help("make the source required, give it a `default`, or pass a literal value instead");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str = r##""/tables": {"get": {"operationId": "GetTables", "parameters": [
    {"name": "dataset", "in": "query", "required": true, "type": "string"},
    {"name": "top", "in": "query", "type": "integer"},
    {"name": "mode", "in": "query", "required": true, "type": "string", "default": "all"}]}}"##;

    #[test]
    fn fires_on_an_optional_source() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"post": {{"operationId": "X", "parameters": [
    {{"name": "ds", "in": "query", "type": "string"}},
    {{"name": "body", "in": "body", "required": true, "schema": {{"type": "object", "properties": {{"d": {{"type": "string"}}}}}}}},
    {{"name": "t", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"dataset": {{"parameter": "ds"}}}}}},
      "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"dataset": {{"parameterReference": "body/d"}}}}}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicSourceOptional, swagger(&text)),
            [
                "9:99 `x-ms-dynamic-values` fills the required parameter `dataset` of `GetTables` from the optional parameter `ds`",
                "10:106 `x-ms-dynamic-list` fills the required parameter `dataset` of `GetTables` from the optional body property `d`",
            ]
        );
    }

    #[test]
    fn silent_on_required_or_defaulted_sources_and_optional_targets() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"post": {{"operationId": "X", "parameters": [
    {{"name": "ds", "in": "query", "required": true, "type": "string"}},
    {{"name": "opt", "in": "query", "type": "string", "default": "x"}},
    {{"name": "free", "in": "query", "type": "string"}},
    {{"name": "body", "in": "body", "required": true, "schema": {{"type": "object", "required": ["d"], "properties": {{"d": {{"type": "string"}}}}}}}},
    {{"name": "t", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"dataset": {{"parameter": "ds"}}, "top": {{"parameter": "free"}}, "mode": {{"parameter": "free"}}}}}},
      "x-ms-dynamic-schema": {{"operationId": "GetTables", "parameters": {{"dataset": {{"parameter": "opt"}}}}}},
      "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"dataset": {{"parameterReference": "body/d"}}}}}}}}]}}}}
}}}}"##
        );
        assert_silent(&DynamicSourceOptional, swagger(&text));
    }
}
