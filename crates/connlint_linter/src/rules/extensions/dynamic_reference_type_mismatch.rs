use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::sources::{types_compatible, EntryValue};

declare_rule! {
    /// ## What it does
    /// Reports an entry of a dynamic call (`x-ms-dynamic-values`, `-list`, `-schema`,
    /// `-properties`, `-tree`) that fills a parameter of the called operation from a parameter
    /// or body property of the calling operation declared with another `type`. `integer` and
    /// `number` count as compatible; entries where either side has no `type` are not checked.
    ///
    /// ## Why is this bad?
    /// The value is passed on as it is: a string where the called operation expects an integer
    /// (or the reverse) makes the request fail or be misread. Microsoft's Swagger Validator
    /// reports the mismatch.
    ///
    /// ## Severity
    /// A parameter passed to a dynamic call with another type than the target's is refused as
    /// `OperationParameterTypeMismatch`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// With `GetTables` taking `top` as an integer:
    /// ```json
    /// { "name": "count", "in": "query", "type": "string" } ...
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "top": { "parameter": "count" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "count", "in": "query", "type": "integer" } ...
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "top": { "parameter": "count" } } } }
    /// ```
    pub DynamicReferenceTypeMismatch {
        id: "dynamic-reference-type-mismatch",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["OperationParameterTypeMismatch"],
        summary: "A dynamic call fills a parameter from one of another type",
        visits: [Connector],
    }
}

impl Rule for DynamicReferenceTypeMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for entry in cx.semantic().entries() {
            let (Some(target), Some(source)) = (&entry.target, &entry.source) else { continue };
            let (Some(target_ty), Some(source_ty)) = (target.ty, source.ty) else { continue };
            let span = match entry.value {
                EntryValue::Parameter(name) | EntryValue::ParameterReference(name) => name.span,
                _ => continue,
            };
            if types_compatible(source_ty, target_ty) {
                continue;
            }
            let target_name = entry.call.target(swagger).map(|op| op.display_name()).unwrap_or_default();
            let message = format!(
                "{} fills the {} {} of `{target_name}` from the {source_ty} {}",
                entry.call.kind.label(),
                target_ty,
                target.what,
                source.what
            );
            cx.report_swagger(span, message).help(format!("reference a {target_ty} value, or change one of the two types"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str = r##""/tables": {"get": {"operationId": "GetTables", "parameters": [
    {"name": "top", "in": "query", "type": "integer"},
    {"name": "name", "in": "query", "type": "string"}]}}"##;

    #[test]
    fn fires_on_different_types() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"post": {{"operationId": "X", "parameters": [
    {{"name": "count", "in": "query", "type": "string"}},
    {{"name": "body", "in": "body", "schema": {{"type": "object", "properties": {{"n": {{"type": "boolean"}}}}}}}},
    {{"name": "t", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"top": {{"parameter": "count"}}}}}},
      "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"name": {{"parameterReference": "body/n"}}}}}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicReferenceTypeMismatch, swagger(&text)),
            [
                "8:95 `x-ms-dynamic-values` fills the integer parameter `top` of `GetTables` from the string parameter `count`",
                "9:103 `x-ms-dynamic-list` fills the string parameter `name` of `GetTables` from the boolean body property `n`",
            ]
        );
    }

    #[test]
    fn silent_on_matching_compatible_or_untyped_sources() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"post": {{"operationId": "X", "parameters": [
    {{"name": "count", "in": "query", "type": "number"}},
    {{"name": "label", "in": "query", "type": "string"}},
    {{"name": "body", "in": "body", "schema": {{"type": "object", "properties": {{"n": {{"description": "any"}}}}}}}},
    {{"name": "t", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"top": {{"parameter": "count"}}, "name": {{"parameter": "label"}}}}}},
      "x-ms-dynamic-schema": {{"operationId": "GetTables", "parameters": {{"top": "5", "name": {{"parameter": "missing"}}}}}},
      "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"name": {{"parameterReference": "body/n"}}}}}}}}]}}}}
}}}}"##
        );
        assert_silent(&DynamicReferenceTypeMismatch, swagger(&text));
    }
}
