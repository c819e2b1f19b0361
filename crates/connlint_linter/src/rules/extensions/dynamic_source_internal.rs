use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::sources::EntryValue;

declare_rule! {
    /// ## What it does
    /// Reports an entry of a dynamic call (`x-ms-dynamic-values`, `-list`, `-schema`,
    /// `-properties`, `-tree`) that takes its value from a parameter or body property of the
    /// calling operation that is internal (`x-ms-visibility: internal`, on it or on one of its
    /// ancestors, the body parameter included).
    ///
    /// ## Why is this bad?
    /// The user never sees or sets an internal value, so it is fixed; referencing it makes the
    /// call depend on something that cannot change. Microsoft's Swagger Validator asks for the
    /// value to be written as a literal instead.
    ///
    /// ## Severity
    /// An internal parameter cannot feed a dynamic call (the user never sets it); the validator
    /// reports `SourcePropertyInternal`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "parameters": [ { "name": "version", "in": "query", "type": "string", "default": "v2", "x-ms-visibility": "internal" },
    ///   { "name": "table", "in": "query", "type": "string",
    ///     "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "version": { "parameter": "version" } } } } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetTables", "parameters": { "version": { "value": "v2" } } } }
    /// ```
    pub DynamicSourceInternal {
        id: "dynamic-source-internal",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: ["SourcePropertyInternal"],
        summary: "A dynamic call takes a value from an internal parameter or property",
        visits: [Connector],
    }
}

impl Rule for DynamicSourceInternal {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        if cx.swagger().is_none() {
            return;
        }
        for entry in cx.semantic().entries() {
            let Some(source) = entry.source.as_ref().filter(|s| s.internal) else { continue };
            let span = match entry.value {
                EntryValue::Parameter(name) | EntryValue::ParameterReference(name) => name.span,
                _ => continue,
            };
            let message = format!("{} takes `{}` from the internal {}", entry.call.kind.label(), entry.member.key.text, source.what);
            cx.report_swagger(span, message).help("pass the fixed value as a literal (`{\"value\": ...}`) instead of referencing it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str =
        r##""/tables": {"get": {"operationId": "GetTables", "parameters": [{"name": "v", "in": "query", "type": "string"}]}}"##;

    #[test]
    fn fires_on_internal_parameters_and_properties() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"post": {{"operationId": "X", "parameters": [
    {{"name": "ver", "in": "query", "type": "string", "default": "2", "x-ms-visibility": "internal"}},
    {{"name": "body", "in": "body", "x-ms-visibility": "internal", "schema": {{"type": "object", "properties": {{"d": {{"type": "string"}}}}}}}},
    {{"name": "t", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"v": {{"parameter": "ver"}}}}}},
      "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"v": {{"parameterReference": "body/d"}}}}}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicSourceInternal, swagger(&text)),
            [
                "6:93 `x-ms-dynamic-values` takes `v` from the internal parameter `ver`",
                "7:100 `x-ms-dynamic-list` takes `v` from the internal body property `d`",
            ]
        );
    }

    #[test]
    fn silent_on_visible_sources_and_literals() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/x": {{"post": {{"operationId": "X", "parameters": [
    {{"name": "ver", "in": "query", "type": "string", "x-ms-visibility": "advanced"}},
    {{"name": "hidden", "in": "query", "type": "string", "x-ms-visibility": "internal"}},
    {{"name": "t", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetTables", "parameters": {{"v": {{"parameter": "ver"}}}}}},
      "x-ms-dynamic-schema": {{"operationId": "GetTables", "parameters": {{"v": {{"value": "hidden"}}}}}},
      "x-ms-dynamic-list": {{"operationId": "GetTables", "parameters": {{"v": "hidden"}}}}}}]}}}}
}}}}"##
        );
        assert_silent(&DynamicSourceInternal, swagger(&text));
    }
}
