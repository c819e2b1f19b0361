use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::model::swagger::Method;
use std::borrow::Cow;

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
        let methods: Vec<Method> = swagger.operations.iter().map(|op| op.method).collect();
        for (i, earlier) in first_of_each_shape(cx.semantic().path_shapes(), &methods).into_iter().enumerate() {
            let op = &swagger.operations[i];
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

/// For each operation, the first operation with the same method and path shape (itself when
/// it is the first).
fn first_of_each_shape(shapes: &[Vec<Cow<'_, str>>], methods: &[Method]) -> Vec<usize> {
    // A few dozen operations are compared pair by pair, more through a map: hashing every
    // shape costs more than a few comparisons that mostly fail at the first segment.
    if shapes.len() <= PAIRWISE_UP_TO {
        return (0..shapes.len()).map(|i| (0..i).find(|&j| methods[j] == methods[i] && shapes[j] == shapes[i]).unwrap_or(i)).collect();
    }
    let mut first: HashMap<(&[Cow<'_, str>], Method), usize> = HashMap::default();
    (0..shapes.len()).map(|i| *first.entry((&shapes[i][..], methods[i])).or_insert(i)).collect()
}

/// The most operations whose paths are compared pair by pair (see [`first_of_each_shape`]).
const PAIRWISE_UP_TO: usize = 64;

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

    #[test]
    fn many_operations_are_grouped_through_a_map() {
        // More operations than are compared pair by pair.
        let text = super::super::many_paths_then(r#""/items7/{other}": {"get": {}}"#);
        assert_eq!(
            messages(&PathDuplicate, swagger(&text)),
            ["102:21 `GET /items7/{other}` matches the same URLs as `/items7/{id}`, which already has a `get` operation"]
        );
    }

    #[test]
    fn pairs_and_the_map_find_the_same_first_operations() {
        let shape = |words: &[&'static str]| -> Vec<Cow<'static, str>> { words.iter().map(|w| Cow::Borrowed(*w)).collect() };
        let mut shapes = Vec::new();
        let mut methods = Vec::new();
        for i in 0..(PAIRWISE_UP_TO + 20) {
            shapes.push(shape(&[["a", "b", "{}"][i % 3], ["{}", "c"][i % 2]]));
            methods.push([Method::Get, Method::Post, Method::Delete, Method::Patch][i % 4]);
        }
        let all = first_of_each_shape(&shapes, &methods);
        assert!(all.len() > PAIRWISE_UP_TO);
        for count in [1, 5, 13, PAIRWISE_UP_TO] {
            assert_eq!(first_of_each_shape(&shapes[..count], &methods[..count]), all[..count], "{count} operations");
        }
        // Twelve (shape, method) pairs repeat in a cycle: all but their first uses are duplicates.
        assert_eq!(all.iter().enumerate().filter(|(i, first)| i != *first).count(), PAIRWISE_UP_TO + 20 - 12);
    }
}
