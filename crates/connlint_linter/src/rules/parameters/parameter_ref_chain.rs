use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports an entry under the top-level `parameters` that is itself a `$ref` instead of a
    /// parameter object. Such chains (`#/parameters/a` → `#/parameters/b` → ...) can loop;
    /// loops and unresolvable targets are also reported by `unresolved-ref`.
    ///
    /// ## Why is this bad?
    /// Power Platform resolves a parameter reference once; a reference to a reference is not
    /// followed, and a loop of them never ends. Microsoft's Swagger Validator rejects both.
    ///
    /// ## Severity
    /// A `#/parameters/` entry that is itself a `$ref` is refused as `ParameterRefLoopNotAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "parameters": { "top": { "$ref": "#/parameters/limit" },
    ///                   "limit": { "name": "limit", "in": "query", "type": "integer" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "parameters": { "limit": { "name": "limit", "in": "query", "type": "integer" } } }
    /// ```
    pub ParameterRefChain {
        id: "parameter-ref-chain",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["ParameterRefLoopNotAllowed"],
        summary: "A shared parameter definition is only a $ref to another",
        visits: [Connector],
    }
}

impl Rule for ParameterRefChain {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(parameters) = cx.swagger().and_then(|s| s.parameters) else { return };
        for m in members(parameters) {
            let Some(target) = m.value.get("$ref") else { continue };
            let shown = target.as_str().unwrap_or("?");
            cx.report_swagger(target.span, format!("shared parameter `{}` is a reference to `{shown}`, not a parameter", m.key.text))
                .help("copy the parameter object here, or make the operations refer to the target directly");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_ref_value() {
        let text = r##"{"parameters": {
  "a": {"$ref": "#/parameters/b"},
  "b": {"$ref": "#/parameters/a"},
  "c": {"name": "c", "in": "query", "type": "string"}
}}"##;
        assert_eq!(
            messages(&ParameterRefChain, swagger(text)),
            [
                "2:17 shared parameter `a` is a reference to `#/parameters/b`, not a parameter",
                "3:17 shared parameter `b` is a reference to `#/parameters/a`, not a parameter",
            ]
        );
    }

    #[test]
    fn silent_on_parameter_objects_and_uses() {
        let text = r##"{"paths": {"/x": {"get": {"parameters": [{"$ref": "#/parameters/c"}]}}},
"parameters": {"c": {"name": "c", "in": "body", "schema": {"$ref": "#/definitions/D"}}},
"definitions": {"D": {"type": "object"}}}"##;
        assert_silent(&ParameterRefChain, swagger(text));
    }
}
