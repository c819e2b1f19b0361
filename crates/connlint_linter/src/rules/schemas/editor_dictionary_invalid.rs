use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::SchemaVisit;

declare_rule! {
    /// ## What it does
    /// Reports `"x-ms-editor": "dictionary"` on a schema whose `type` is given and is not
    /// `object`, or whose `additionalProperties` is `false`.
    ///
    /// ## Why is this bad?
    /// The dictionary editor lets users enter free key/value pairs, which only fits an object
    /// that accepts additional properties. Microsoft's validator rejects it elsewhere.
    ///
    /// ## Severity
    /// `x-ms-editor: dictionary` on a schema that cannot hold free keys is refused as
    /// `InvalidCustomEditorExtensionDictionaryValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "object", "additionalProperties": false, "x-ms-editor": "dictionary" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "object", "additionalProperties": { "type": "string" }, "x-ms-editor": "dictionary" }
    /// ```
    pub EditorDictionaryInvalid {
        id: "editor-dictionary-invalid",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["InvalidCustomEditorExtensionDictionaryValue"],
        summary: "x-ms-editor dictionary is used on a schema that is not an open object",
        visits: [Schema],
    }
}

impl Rule for EditorDictionaryInvalid {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::X_MS_EDITOR)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(editor) = schema.node.get("x-ms-editor").filter(|e| e.as_str() == Some("dictionary")) else { return };
        let ty = schema.node.get("type").and_then(Node::as_str);
        let closed = schema.node.get("additionalProperties").and_then(Node::as_bool) == Some(false);
        let problem = match ty {
            Some(ty) if ty != "object" => format!("a schema of type `{ty}`"),
            _ if closed => "an object with `\"additionalProperties\": false`".to_string(),
            _ => return,
        };
        cx.report_swagger(editor.span, format!("the dictionary editor is used on {problem}"))
            .help("use it on `\"type\": \"object\"` with `additionalProperties` describing the values, or remove `x-ms-editor`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_non_objects_and_closed_objects() {
        let text = "{\"definitions\": {\n  \"A\": {\"type\": \"string\", \"x-ms-editor\": \"dictionary\"},\n  \"B\": {\"additionalProperties\": false, \"x-ms-editor\": \"dictionary\"}\n}}";
        assert_eq!(
            messages(&EditorDictionaryInvalid, swagger(text)),
            [
                "2:42 the dictionary editor is used on a schema of type `string`",
                "3:55 the dictionary editor is used on an object with `\"additionalProperties\": false`",
            ]
        );
    }

    #[test]
    fn silent_on_open_objects_and_other_editors() {
        let text = r#"{"definitions": {"A": {"type": "object", "additionalProperties": {}, "x-ms-editor": "dictionary"},
            "B": {"x-ms-editor": "dictionary"}, "C": {"type": "string", "x-ms-editor": "fileeditor"}}}"#;
        assert_silent(&EditorDictionaryInvalid, swagger(text));
    }
}
