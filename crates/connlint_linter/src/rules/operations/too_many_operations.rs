use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

/// Microsoft does not publish its limit. 256 is provisional: the largest certified connector
/// has 219 operations.
pub(crate) const MAX_OPERATIONS: usize = 256;

declare_rule! {
    /// ## What it does
    /// Reports a swagger with more than 256 operations. Microsoft's validator has a limit but
    /// does not publish it; 256 is a provisional limit chosen for this rule, above the
    /// largest certified connector (219 operations). If your platform accepts more, turn the
    /// rule off.
    ///
    /// ## Why is this bad?
    /// Very large connectors are slow to load in the designers and hard to maintain; Microsoft
    /// rejects swaggers over its limit and asks that large APIs be split into several
    /// connectors.
    ///
    /// ## Severity
    /// A swagger with more operations than the platform allows is refused as
    /// `TotalOperationsCountExceedsMaxAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the limit is unpublished, and connlint's provisional one is above every certified connector.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/a1": { "get": {} }, "...": {}, "/a300": { "get": {} } } }
    /// ```
    /// Use instead: split the API into connectors of at most 256 operations each.
    /// ```json
    /// { "paths": { "/a1": { "get": {} }, "...": {}, "/a150": { "get": {} } } }
    /// ```
    pub TooManyOperations {
        id: "too-many-operations",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["TotalOperationsCountExceedsMaxAllowed"],
        summary: "The swagger has more than 256 operations",
        visits: [Connector],
    }
}

impl Rule for TooManyOperations {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let count = swagger.operations.len();
        if count <= MAX_OPERATIONS {
            return;
        }
        let Some(paths) = swagger.root.member("paths") else { return };
        cx.report_swagger(paths.key.span, format!("the swagger has {count} operations; the limit is {MAX_OPERATIONS}"))
            .help("split the API into several connectors, or remove operations nobody uses");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn with_operations(n: usize) -> String {
        let paths: Vec<String> = (0..n).map(|i| format!("\"/p{i}\": {{\"get\": {{}}}}")).collect();
        format!("{{\n  \"paths\": {{{}}}}}", paths.join(", "))
    }

    #[test]
    fn fires_above_the_limit() {
        assert_eq!(messages(&TooManyOperations, swagger(&with_operations(257))), ["2:3 the swagger has 257 operations; the limit is 256"]);
    }

    #[test]
    fn silent_at_the_limit() {
        assert_silent(&TooManyOperations, swagger(&with_operations(256)));
    }
}
