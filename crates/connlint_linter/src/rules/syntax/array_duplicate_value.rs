use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::{Node, Value};
use connlint_core::model::keywords::SchemaKeywords;

declare_rule! {
    /// ## What it does
    /// Reports a repeated item in an array whose items must be unique: `schemes`, `consumes`,
    /// `produces`, `tags` (of an operation), `required` and `enum`, anywhere in the swagger
    /// (examples and defaults are data and are skipped). Strings, numbers, booleans and `null`
    /// are compared by value.
    ///
    /// ## Why is this bad?
    /// A repeated entry is at best noise and often a copy-paste mistake (a second `enum` value
    /// meant to be different). Swagger 2.0 requires these arrays to be unique, and Microsoft's
    /// validator rejects duplicates.
    ///
    /// ## Severity
    /// Microsoft's Swagger Validator refuses repeated entries in arrays that must hold distinct
    /// values and names the problem `ArrayDuplicateValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "enum": ["open", "closed", "open"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "enum": ["open", "closed"] }
    /// ```
    pub ArrayDuplicateValue {
        id: "array-duplicate-value",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: ["ArrayDuplicateValue"],
        summary: "An array that must hold unique values repeats one",
        visits: [Connector],
    }
}

/// A scalar's value as a hashable key, equal when [`Node::same_value`] is; `None` for arrays
/// and objects, which this rule never counts as repeated (the top-level `tags` objects are
/// `tag-redefined`'s).
#[derive(PartialEq, Eq, Hash)]
enum Identity<'a> {
    String(&'a str),
    /// The bits of the number, with -0 as 0 (they are equal).
    Number(u64),
    Bool(bool),
    Null,
}

fn identity<'a>(node: &'a Node<'a>) -> Option<Identity<'a>> {
    Some(match &node.value {
        Value::String(s) => Identity::String(s),
        Value::Number(n) => Identity::Number(if n.value == 0.0 { 0 } else { n.value.to_bits() }),
        Value::Bool(b) => Identity::Bool(*b),
        Value::Null => Identity::Null,
        Value::Array(_) | Value::Object(_) => return None,
    })
}

impl Rule for ArrayDuplicateValue {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        // `schemes`, `consumes`, `produces`, `required` and `tags` arrays, sorted out by the
        // shared walk. The top-level `tags` holds objects; TagRedefined covers those.
        let mut arrays: Vec<(&str, &Node)> = cx.semantic().keywords().unique_arrays.iter().map(|m| (&*m.key.text, &m.value)).collect();
        // `enum` values are data, so the shared walk skips them; visit them separately, in the
        // schemas the model knows to have one.
        swagger.visit_schemas_with(SchemaKeywords::ENUM, |s| {
            if let Some(values) = s.node.member("enum").filter(|m| m.value.as_array().is_some()) {
                arrays.push(("enum", &values.value));
            }
        });
        for p in swagger.operations.iter().flat_map(|op| op.parameters.iter()).chain(swagger.paths.iter().flat_map(|p| p.parameters.iter()))
        {
            if p.reference.is_some() {
                continue;
            }
            for node in [p.node, p.node.and_then(|n| n.get("items"))].into_iter().flatten() {
                if let Some(values) = node.member("enum").filter(|m| m.value.as_array().is_some()) {
                    arrays.push(("enum", &values.value));
                }
            }
        }
        arrays.sort_by_key(|(_, n)| n.span.start);
        arrays.dedup_by_key(|(_, n)| n.span.start);
        for (key, array) in arrays {
            let items = array.as_array().unwrap_or_default();
            // Made at its full size, for long arrays only.
            let mut seen =
                connlint_core::hash::HashSet::with_capacity_and_hasher(if items.len() > 16 { items.len() } else { 0 }, Default::default());
            for (i, item) in items.iter().enumerate() {
                let repeated = if items.len() <= 16 {
                    identity(item).is_some() && items[..i].iter().any(|earlier| earlier.same_value(item))
                } else {
                    // Long enums: a set instead of comparing with every earlier item.
                    identity(item).is_some_and(|id| !seen.insert(id))
                };
                if repeated {
                    let text = cx.connector().file(cx.swagger_file()).source.slice(item.span).to_string();
                    cx.report_swagger(item.span, format!("`{key}` lists {text} more than once")).help("remove the repetition");
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
    fn fires_on_repeats() {
        let text = "{\"schemes\": [\"https\", \"https\"],\n\"paths\": {\"/a\": {\"get\": {\"tags\": [\"t\", \"t\"], \"parameters\": [{\"name\": \"p\", \"in\": \"query\", \"enum\": [1, 1.0]}]}}},\n\"definitions\": {\"D\": {\"required\": [\"a\", \"a\"], \"enum\": [\"x\", \"x\"]}}}";
        assert_eq!(
            messages(&ArrayDuplicateValue, swagger(text)),
            [
                "1:23 `schemes` lists \"https\" more than once",
                "2:40 `tags` lists \"t\" more than once",
                "2:102 `enum` lists 1.0 more than once",
                "3:41 `required` lists \"a\" more than once",
                "3:61 `enum` lists \"x\" more than once",
            ]
        );
    }

    #[test]
    fn long_enums_find_the_same_repeats() {
        // Over 16 items the rule uses a set: 0 and -0, 2 and 2.0 are still the same value;
        // objects never are.
        let values: Vec<String> = (0..20).map(|i| format!("\"v{i}\"")).collect();
        let text = format!(
            "{{\"definitions\": {{\"D\": {{\"enum\": [{}, 0, -0, 2, 2.0, {{}}, {{}}, null, null, true, \"v3\"]}}}}}}",
            values.join(", ")
        );
        assert_eq!(
            messages(&ArrayDuplicateValue, swagger(&text)),
            [
                "1:166 `enum` lists -0 more than once",
                "1:173 `enum` lists 2.0 more than once",
                "1:192 `enum` lists null more than once",
                "1:204 `enum` lists \"v3\" more than once",
            ]
        );
    }

    #[test]
    fn silent_on_unique_arrays_and_data() {
        let text = r#"{"schemes": ["http", "https"], "tags": [{"name": "a"}, {"name": "a"}],
            "definitions": {"D": {"enum": ["x", "X"], "example": {"required": ["a", "a"]}, "properties": {"tags": {"type": "string"}}}}}"#;
        assert_silent(&ArrayDuplicateValue, swagger(text));
    }
}
