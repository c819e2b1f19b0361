use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::calls::CallKind;
use crate::semantic::sources::{entry_value, resolve_source, EntryValue, Source};

declare_rule! {
    /// ## What it does
    /// Reports an entry `{"parameter": "name"}` of an `x-ms-dynamic-values` (or
    /// `x-ms-dynamic-schema`) call whose name does not designate one parameter of the operation
    /// that makes the call, when the same parameter object or schema has no `x-ms-dynamic-list`
    /// (or `x-ms-dynamic-properties`) entry for that key. Two cases:
    ///
    /// - the name is ambiguous: it is both a parameter of the operation and a property of its
    ///   request body;
    /// - the name is not a parameter: it is a property of the request body, or a path into a
    ///   parameter (`body/folder`).
    ///
    /// Calls made from `definitions` (whose operation is not known) are not checked.
    ///
    /// ## Why is this bad?
    /// `{"parameter": ...}` can only name a parameter. For a property, or a name that could be
    /// either, the designer cannot tell which value to send; the newer extension states it
    /// with an unambiguous `parameterReference` path. Microsoft's Swagger Validator rejects the
    /// call without it.
    ///
    /// ## Severity
    /// References into body properties need the newer extensions; without them the validator
    /// reports `DynamicListExtensionRequiredForNonParameterReferences` and its three siblings
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// With `siteId` a property of the same request body:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetLists", "parameters": { "site": { "parameter": "siteId" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "x-ms-dynamic-values": { "operationId": "GetLists", "parameters": { "site": { "parameter": "siteId" } } },
    ///   "x-ms-dynamic-list": { "operationId": "GetLists", "parameters": { "site": { "parameterReference": "body/siteId" } } } }
    /// ```
    pub DynamicReferenceNeedsList {
        id: "dynamic-reference-needs-list",
        category: Extensions,
        severity: Error,
        profile: Base,
        ms_names: [
            "DynamicListExtensionRequiredForAmbiguousReferences",
            "DynamicListExtensionRequiredForNonParameterReferences",
            "DynamicPropertiesExtensionRequiredForAmbiguousReferences",
            "DynamicPropertiesExtensionRequiredForNonParameterReferences"
        ],
        summary: "A dynamic call references a body property or an ambiguous name without the newer extension",
        visits: [Connector],
    }
}

impl Rule for DynamicReferenceNeedsList {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for call in cx.semantic().calls() {
            let companion = match call.kind {
                CallKind::DynamicValues => "x-ms-dynamic-list",
                CallKind::DynamicSchema => "x-ms-dynamic-properties",
                _ => continue,
            };
            let (Some(source), Some(holder)) = (call.source, call.holder) else { continue };
            let op = &swagger.operations[source];
            let mapped = holder.get(companion).and_then(|c| c.get("parameters"));
            for m in call.parameter_members() {
                let EntryValue::Parameter(name) = entry_value(m) else { continue };
                if mapped.is_some_and(|p| p.get(&m.key.text).is_some()) {
                    continue;
                }
                let why = match resolve_source(swagger, op, cx.semantic().body_properties(op), name.value, false) {
                    Source::Ambiguous => format!("is both a parameter and a body property of `{}`", op.display_name()),
                    Source::Property(slot) => format!("is not a parameter of `{}` but its {}", op.display_name(), slot.what),
                    Source::Parameter(_) | Source::NotFound => continue,
                };
                let message = format!("{} references `{}`, which {why}; `{companion}` is required", call.kind.label(), name.value);
                cx.report_swagger(name.span, message).help(format!(
                    "add `{companion}` next to it, mapping `{}` with a `parameterReference` path such as `body/{}`",
                    m.key.text, name.value
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const TARGET: &str =
        r##""/lists": {"get": {"operationId": "GetLists", "parameters": [{"name": "site", "in": "query", "type": "string"}]}}"##;

    #[test]
    fn fires_on_property_and_ambiguous_references() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/items": {{"post": {{"operationId": "Create", "parameters": [
    {{"name": "site", "in": "query", "type": "string"}},
    {{"name": "body", "in": "body", "schema": {{"type": "object", "properties": {{
      "site": {{"type": "string"}},
      "siteId": {{"type": "string"}},
      "list": {{"type": "string",
        "x-ms-dynamic-values": {{"operationId": "GetLists", "parameters": {{"site": {{"parameter": "siteId"}}}}}}}},
      "other": {{"type": "string",
        "x-ms-dynamic-schema": {{"operationId": "GetLists", "parameters": {{"site": {{"parameter": "site"}}}}}}}}
    }}}}}}]}}}}
}}}}"##
        );
        assert_eq!(
            messages(&DynamicReferenceNeedsList, swagger(&text)),
            [
                "8:97 `x-ms-dynamic-values` references `siteId`, which is not a parameter of `Create` but its body property `siteId`; `x-ms-dynamic-list` is required",
                "10:97 `x-ms-dynamic-schema` references `site`, which is both a parameter and a body property of `Create`; `x-ms-dynamic-properties` is required",
            ]
        );
    }

    #[test]
    fn silent_on_parameters_literals_and_mapped_references() {
        let text = format!(
            r##"{{"paths": {{{TARGET},
  "/items": {{"post": {{"operationId": "Create", "parameters": [
    {{"name": "site", "in": "query", "type": "string",
      "x-ms-dynamic-values": {{"operationId": "GetLists", "parameters": {{"site": {{"parameter": "site"}}}}}}}},
    {{"name": "body", "in": "body", "schema": {{"type": "object", "properties": {{
      "siteId": {{"type": "string"}},
      "list": {{"type": "string",
        "x-ms-dynamic-values": {{"operationId": "GetLists", "parameters": {{"site": {{"parameter": "siteId"}}, "x": "lit", "y": {{"value": 1}}}}}},
        "x-ms-dynamic-list": {{"operationId": "GetLists", "parameters": {{"site": {{"parameterReference": "body/siteId"}}}}}}}},
      "other": {{"type": "string",
        "x-ms-dynamic-values": {{"operationId": "GetLists", "parameters": {{"site": {{"parameter": "missing"}}}}}}}}
    }}}}}}]}}}}
}},
"definitions": {{"D": {{"type": "object", "properties": {{"a": {{"type": "string"}},
  "b": {{"x-ms-dynamic-values": {{"operationId": "GetLists", "parameters": {{"site": {{"parameter": "a"}}}}}}}}}}}}}}}}"##
        );
        assert_silent(&DynamicReferenceNeedsList, swagger(&text));
    }
}
