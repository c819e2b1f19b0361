use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::FileId;

declare_rule! {
    /// ## What it does
    /// Reports a key that appears twice in the same JSON object.
    ///
    /// ## Why is this bad?
    /// Most readers, Microsoft's included, silently keep only the last value, so the earlier
    /// one (often the one someone just edited) has no effect.
    ///
    /// ## Severity
    /// A warning: Microsoft's services and paconn (Python's `json`) accept a repeated key and
    /// silently keep its last value, so the platform does not refuse the file. Nothing Microsoft
    /// publishes lists duplicate keys as a validation error; the finding points at a likely editing
    /// mistake.
    ///
    /// ## Example
    /// ```json
    /// { "summary": "List items", "operationId": "ListItems", "summary": "Get items" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "summary": "List items", "operationId": "ListItems" }
    /// ```
    pub DuplicateKey {
        id: "duplicate-key",
        category: Syntax,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An object has the same key twice",
        visits: [Connector],
    }
}

impl Rule for DuplicateKey {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for (i, file) in connector.files.iter().enumerate() {
            let Some(json) = file.json() else { continue };
            for dup in &json.duplicate_keys {
                let first = file.source.position(dup.first.start);
                cx.report(
                    FileId(i as u32),
                    dup.duplicate,
                    format!("duplicate key `{}`: it already appears at line {}, column {}", dup.key, first.line, first.column),
                )
                .help("remove one of them; readers keep only the last value")
                .label(FileId(i as u32), dup.first, format!("`{}` first appears here", dup.key));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_the_later_key() {
        let text = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"A\", \"title\": \"B\"}\n}";
        assert_eq!(messages(&DuplicateKey, swagger(text)), ["3:26 duplicate key `title`: it already appears at line 3, column 12"]);
    }

    #[test]
    fn same_key_in_different_objects_is_fine() {
        assert_silent(&DuplicateKey, swagger(r#"{"a": {"title": 1}, "b": {"title": 2}}"#));
    }
}
