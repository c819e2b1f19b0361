use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a key under `paths` that equals an earlier one except for letter case
    /// (`/Items` after `/items`). Exact repeats are reported by `duplicate-key`.
    ///
    /// ## Why is this bad?
    /// The platform routes paths without regard to case, so the two entries describe the same
    /// route and one of them is lost. Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// Two path keys that differ only in letter case are refused as `PathRedefined`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "get": { "operationId": "ListItems" } },
    ///              "/Items": { "post": { "operationId": "CreateItem" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get": { "operationId": "ListItems" }, "post": { "operationId": "CreateItem" } } } }
    /// ```
    pub PathRedefined {
        id: "path-redefined",
        category: Paths,
        severity: Error,
        profile: Base,
        ms_names: ["PathRedefined"],
        summary: "Two paths differ only in letter case",
        visits: [Connector],
    }
}

impl Rule for PathRedefined {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        // Lower-cased path → the first path written that way (a map: there may be 100,000 paths).
        let mut seen: connlint_core::hash::HashMap<String, (&str, connlint_core::Span)> = Default::default();
        for item in &swagger.paths {
            let path = item.path();
            let folded = path.to_lowercase();
            match seen.get(&folded) {
                Some(&(first, first_span)) if first != path => {
                    cx.report_swagger(item.key.span, format!("path `{path}` is the same route as `{first}` except for letter case"))
                        .help(format!("move the operations of `{path}` under `{first}`"))
                        .label(swagger.file, first_span, format!("`{first}` is here"));
                }
                Some(_) => {}
                None => {
                    seen.insert(folded, (path, item.key.span));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_later_key() {
        let text = "{\"paths\": {\n  \"/items\": {},\n  \"/Items\": {},\n  \"/ITEMS\": {}\n}}";
        assert_eq!(
            messages(&PathRedefined, swagger(text)),
            [
                "3:3 path `/Items` is the same route as `/items` except for letter case",
                "4:3 path `/ITEMS` is the same route as `/items` except for letter case"
            ]
        );
    }

    #[test]
    fn silent_on_different_paths() {
        assert_silent(&PathRedefined, swagger(r#"{"paths": {"/items": {}, "/item": {}, "/items/{id}": {}, "/items/{ID}/x": {}}}"#));
    }
}
