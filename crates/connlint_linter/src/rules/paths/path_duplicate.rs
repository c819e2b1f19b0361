use super::normalized_segments;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose path differs from another path's only in the names of its
    /// variables (`/items/{id}` and `/items/{itemId}`), when both paths have an operation
    /// with the same method. The later operation is reported.
    ///
    /// ## Why is this bad?
    /// Both templates match exactly the same URLs, so the platform cannot tell which
    /// operation a request belongs to; one of them is unreachable. Microsoft's Swagger
    /// Validator rejects the connector.
    ///
    /// ## Severity
    /// Two operations whose paths differ only in the names of their variables cannot be told apart
    /// when a request is routed; the validator refuses them as `DuplicateOperationPath`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem" } },
    ///              "/items/{itemId}": { "get": { "operationId": "GetItemById" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem" } } } }
    /// ```
    pub PathDuplicate {
        id: "path-duplicate",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["DuplicateOperationPath"],
        summary: "Two operations have the same method and paths that differ only in variable names",
        visits: [Connector],
    }
}

impl Rule for PathDuplicate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let mut first: HashMap<(Vec<_>, _), usize> = HashMap::default();
        for (i, op) in swagger.operations.iter().enumerate() {
            let key = (normalized_segments(op.path_str()), op.method);
            let earlier = *first.entry(key).or_insert(i);
            let other = &swagger.operations[earlier];
            if earlier == i || other.path_str() == op.path_str() {
                continue;
            }
            cx.report_swagger(
                op.span(),
                format!(
                    "`{} {}` matches the same URLs as `{}`, which already has a `{}` operation",
                    op.method.as_str().to_uppercase(),
                    op.path_str(),
                    other.path_str(),
                    op.method.as_str()
                ),
            )
            .help("merge the two operations, or make the paths differ in a fixed segment")
            .label(swagger.file, other.span(), format!("`{} {}` is here", op.method.as_str().to_uppercase(), other.path_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_later_method() {
        let text = r#"{"paths": {
  "/items/{id}": {"get": {}, "put": {}},
  "/items/{itemId}": {
    "get": {},
    "delete": {}
  }
}}"#;
        assert_eq!(
            messages(&PathDuplicate, swagger(text)),
            ["4:5 `GET /items/{itemId}` matches the same URLs as `/items/{id}`, which already has a `get` operation"]
        );
    }

    #[test]
    fn silent_on_distinct_paths() {
        let text = r#"{"paths": {
  "/items/{id}": {"get": {}},
  "/items/{id}/parts": {"get": {}},
  "/Items/{id}": {"get": {}},
  "/items/count": {"get": {}}
}}"#;
        assert_silent(&PathDuplicate, swagger(text));
    }
}
