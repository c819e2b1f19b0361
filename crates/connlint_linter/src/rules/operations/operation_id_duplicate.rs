use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::Str;
use std::collections::hash_map::Entry;

declare_rule! {
    /// ## What it does
    /// Reports an `operationId` that an earlier operation already uses, ignoring case. Each later
    /// duplicate is reported at its value, with the line of the first one.
    ///
    /// ## Why is this bad?
    /// Flows, apps, policies, scripts and `x-ms-dynamic-*` lookups name operations by their
    /// operationId, so two operations with the same id cannot be told apart. Microsoft's
    /// validator rejects the definition; ids that differ only in case are treated as the same.
    ///
    /// ## Severity
    /// Flows call operations by operationId, so two operations with the same one are refused as
    /// `OperationIdNotUnique`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": {
    ///     "/items": { "get": { "operationId": "GetItems" } },
    ///     "/archive": { "get": { "operationId": "getitems" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": {
    ///     "/items": { "get": { "operationId": "GetItems" } },
    ///     "/archive": { "get": { "operationId": "GetArchivedItems" } } } }
    /// ```
    pub OperationIdDuplicate {
        id: "operation-id-duplicate",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationIdNotUnique"],
        summary: "Two operations share an operationId",
        visits: [Connector],
    }
}

impl Rule for OperationIdDuplicate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let source = &cx.connector().file(swagger.file).source;
        let mut first: HashMap<String, Str<'_>> = HashMap::default();
        for op in &swagger.operations {
            let Some(id) = op.operation_id else { continue };
            let earlier = match first.entry(id.value.to_lowercase()) {
                Entry::Occupied(earlier) => *earlier.get(),
                Entry::Vacant(slot) => {
                    slot.insert(id);
                    continue;
                }
            };
            let line = source.position(earlier.span.start).line;
            let message = if earlier.value == id.value {
                format!("operationId `{}` is already used by the operation at line {line}", id.value)
            } else {
                format!(
                    "operationId `{}` clashes with `{}` at line {line}; operationIds are compared ignoring case",
                    id.value, earlier.value
                )
            };
            let file = swagger.file;
            cx.report_swagger(id.span, message).help("give each operation its own operationId").label(
                file,
                earlier.span,
                format!("`{}` is first used here", earlier.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_later_duplicate() {
        let text = r#"{"paths": {
  "/a": {
    "get": {"operationId": "GetItem"},
    "post": {"operationId": "AddItem"}
  },
  "/b": {
    "get": {"operationId": "GetItem"},
    "put": {"operationId": "getitem"}
  }
}}"#;
        assert_eq!(
            messages(&OperationIdDuplicate, swagger(text)),
            [
                "7:28 operationId `GetItem` is already used by the operation at line 3",
                "8:28 operationId `getitem` clashes with `GetItem` at line 3; operationIds are compared ignoring case",
            ]
        );
    }

    #[test]
    fn points_at_the_first_operation() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"GetItem\"}},\n  \"/b\": {\"get\": {\"operationId\": \"GetItem\"}}}}";
        let found = run(&OperationIdDuplicate, swagger(text));
        assert_eq!(related(&found), ["2:33 -> apiDefinition.swagger.json:1:42 `GetItem` is first used here"]);
        assert_eq!(found[0].related[0].pointer.as_deref(), Some("/paths/~1a/get/operationId"));
    }

    #[test]
    fn silent_on_distinct_ids() {
        let text = r#"{"paths": {
  "/a": {"get": {"operationId": "GetItem"}, "post": {"operationId": "GetItems"}},
  "/b": {"get": {}, "put": {"operationId": 5}, "x-get": {"operationId": "GetItem"}},
  "x-ext": {"get": {"operationId": "GetItem"}}
}}"#;
        assert_silent(&OperationIdDuplicate, swagger(text));
    }
}
