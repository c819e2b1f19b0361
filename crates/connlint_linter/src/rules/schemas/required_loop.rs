use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::members;
use connlint_core::model::swagger::ref_name;

declare_rule! {
    /// ## What it does
    /// Reports a definition that requires itself through a chain of required properties: `A`
    /// requires a property whose schema is `$ref` to `B` (directly or as `items`), and `B`
    /// requires one that leads back to `A`. Reported once per definition on such a loop, at its
    /// name.
    ///
    /// ## Why is this bad?
    /// A value of `A` must contain a `B`, which must contain an `A`, and so on forever: no
    /// finite value is valid, and the designer cannot build an input for it. Microsoft's
    /// validator rejects such loops.
    ///
    /// ## Severity
    /// A cycle of required properties through `$ref`s can never be satisfied; the validator reports
    /// `RequiredLoopInSchemaNotAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "definitions": {
    ///     "Node": { "type": "object", "required": ["parent"], "properties": { "parent": { "$ref": "#/definitions/Node" } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "definitions": {
    ///     "Node": { "type": "object", "properties": { "parent": { "$ref": "#/definitions/Node" } } } } }
    /// ```
    pub RequiredLoop {
        id: "required-loop",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredLoopInSchemaNotAllowed"],
        summary: "Definitions require each other in a loop",
        visits: [Connector],
    }
}

/// The definitions that `schema` requires directly, by name.
fn required_targets(schema: &Node) -> Vec<String> {
    let mut out = Vec::new();
    let Some(required) = schema.get("required").and_then(Node::as_array) else { return out };
    let Some(properties) = schema.get("properties") else { return out };
    for name in required.iter().filter_map(Node::as_str) {
        let Some(property) = properties.get(name) else { continue };
        let target = property.get("$ref").or_else(|| property.get("items").and_then(|i| i.get("$ref")));
        if let Some(target) = target.and_then(Node::as_str).filter(|t| t.starts_with("#/definitions/")) {
            out.push(ref_name(target).into_owned());
        }
    }
    out
}

impl Rule for RequiredLoop {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(definitions) = cx.swagger().and_then(|s| s.definitions) else { return };
        let defs = members(definitions);
        let edges: Vec<Vec<usize>> = defs
            .iter()
            .map(|d| required_targets(&d.value).iter().filter_map(|t| defs.iter().position(|o| *o.key.text == **t)).collect())
            .collect();
        for (start, def) in defs.iter().enumerate() {
            // Depth-first search for a path back to `start`.
            let mut seen = vec![false; defs.len()];
            let mut stack: Vec<usize> = edges[start].clone();
            let mut looped = false;
            while let Some(next) = stack.pop() {
                if next == start {
                    looped = true;
                    break;
                }
                if !std::mem::replace(&mut seen[next], true) {
                    stack.extend(&edges[next]);
                }
            }
            if looped {
                cx.report_swagger(def.key.span, format!("definition `{}` requires itself through its required properties", def.key.text))
                    .help("make one property on the loop optional (remove it from `required`)");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_definition_of_a_loop() {
        let text = "{\"definitions\": {\n  \"A\": {\"required\": [\"b\"], \"properties\": {\"b\": {\"$ref\": \"#/definitions/B\"}}},\n  \"B\": {\"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/A\"}}}},\n  \"C\": {\"required\": [\"a\"], \"properties\": {\"a\": {\"$ref\": \"#/definitions/A\"}}}\n}}";
        assert_eq!(
            messages(&RequiredLoop, swagger(text)),
            [
                "2:3 definition `A` requires itself through its required properties",
                "3:3 definition `B` requires itself through its required properties"
            ]
        );
    }

    #[test]
    fn silent_on_optional_recursion() {
        let text = r##"{"definitions": {"Node": {"required": ["name"], "properties": {"name": {"type": "string"}, "parent": {"$ref": "#/definitions/Node"}}},
            "Other": {"required": ["n"], "properties": {"n": {"$ref": "#/definitions/Node"}}}}}"##;
        assert_silent(&RequiredLoop, swagger(text));
    }
}
