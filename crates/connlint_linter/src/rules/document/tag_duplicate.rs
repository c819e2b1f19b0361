use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;

declare_rule! {
    /// ## What it does
    /// Reports a tag `name` that appears more than once in the top-level `tags` array, at each
    /// repetition.
    ///
    /// ## Why is this bad?
    /// Each tag is declared once with its description; a second declaration is ambiguous and
    /// Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// A tag declared twice in the top-level `tags` list is refused as `TagRedefined`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "tags": [ { "name": "Tasks" }, { "name": "Tasks", "description": "Task operations" } ] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "tags": [ { "name": "Tasks", "description": "Task operations" } ] }
    /// ```
    pub TagDuplicate {
        id: "tag-duplicate",
        category: Document,
        severity: Error,
        profile: Base,
        ms_names: ["TagRedefined"],
        summary: "A tag is declared twice in the top-level tags",
        visits: [Connector],
    }
}

impl Rule for TagDuplicate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(tags) = cx.swagger().and_then(|s| s.tags).and_then(Node::as_array) else { return };
        let file = cx.swagger_file();
        let mut seen: Vec<(&str, connlint_core::Span)> = Vec::new();
        for name in tags.iter().filter_map(|t| t.get("name")) {
            let Some(text) = name.as_str() else { continue };
            if let Some(&(_, first)) = seen.iter().find(|(t, _)| *t == text) {
                cx.report_swagger(name.span, format!("tag `{text}` is declared more than once"))
                    .help("keep one declaration of the tag and merge their descriptions")
                    .label(file, first, "first declared here");
            } else {
                seen.push((text, name.span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_repetition() {
        let text = "{\"tags\": [\n  {\"name\": \"Tasks\"},\n  {\"name\": \"Tasks\"},\n  {\"name\": \"Tasks\"}\n]}";
        assert_eq!(
            messages(&TagDuplicate, swagger(text)),
            ["3:12 tag `Tasks` is declared more than once", "4:12 tag `Tasks` is declared more than once"]
        );
    }

    #[test]
    fn silent_on_distinct_names_and_other_cases() {
        let text = r#"{"tags": [{"name": "Tasks"}, {"name": "tasks"}, {"name": 5}, {"description": "x"}, {"description": "y"}]}"#;
        assert_silent(&TagDuplicate, swagger(text));
    }
}
