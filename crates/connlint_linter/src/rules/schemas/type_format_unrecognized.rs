use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;

declare_rule! {
    /// ## What it does
    /// Reports a `format` that is not known for its `type`, on schemas and on non-body
    /// parameters (and their `items`). Known formats: `integer`: `int32`, `int64`; `number`:
    /// `float`, `double`, `decimal`, `int32`, `int64`; `string`: `byte`, `binary`, `date`,
    /// `date-time`, `time`, `duration`, `password`, `email`, `uri`, `url`, `uri-reference`,
    /// `hostname`, `ipv4`, `ipv6`, `uuid`, `guid`, `html`, `phone`. A warning, because the
    /// format only guides the designer's input box.
    ///
    /// ## Why is this bad?
    /// An unknown format (often a typo such as `datetime`, or a format put on the wrong type)
    /// is ignored: users lose the date picker or the validation the author meant.
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "format": "datetime" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "format": "date-time" }
    /// ```
    pub TypeFormatUnrecognized {
        id: "type-format-unrecognized",
        category: Schemas,
        severity: Warning,
        profile: Base,
        ms_names: ["UnrecognizedTypeFormat"],
        summary: "A format is not known for its type",
        visits: [ValueSchema],
    }
}

fn known(ty: &str) -> Option<&'static [&'static str]> {
    Some(match ty {
        "integer" => &["int32", "int64"],
        "number" => &["float", "double", "decimal", "int32", "int64"],
        "string" => &[
            "byte",
            "binary",
            "date",
            "date-time",
            "time",
            "duration",
            "password",
            "email",
            "uri",
            "url",
            "uri-reference",
            "hostname",
            "ipv4",
            "ipv6",
            "uuid",
            "guid",
            "html",
            "phone",
        ],
        _ => return None,
    })
}

fn check(node: &Node, cx: &mut Context<'_, '_>) {
    let Some(ty) = node.get("type").and_then(Node::as_str) else { return };
    let Some(format) = node.get("format") else { return };
    let Some(value) = format.as_str() else { return };
    let Some(formats) = known(ty) else { return };
    if formats.contains(&value) {
        return;
    }
    let diagnostic = cx.report_swagger(format.span, format!("format `{value}` is not known for type `{ty}`"));
    match crate::suggest::closest(value, formats.iter().copied()) {
        Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
        None => diagnostic.help(format!("use one of {}, or remove `format`", formats.join(", "))),
    };
}

impl Rule for TypeFormatUnrecognized {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::FORMAT)
    }

    fn check_value_schema(&self, schema: &Node, cx: &mut Context<'_, '_>) {
        check(schema, cx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_unknown_formats() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"d\", \"in\": \"query\", \"type\": \"string\", \"format\": \"datetime\"}\n]}}},\n\"definitions\": {\"D\": {\"type\": \"integer\", \"format\": \"date-time\"}}}";
        let found = run(&TypeFormatUnrecognized, swagger(text));
        assert_eq!(
            messages(&TypeFormatUnrecognized, swagger(text)),
            ["2:60 format `datetime` is not known for type `string`", "4:52 format `date-time` is not known for type `integer`"]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `date-time`?"));
    }

    #[test]
    fn silent_on_known_pairs_and_untyped() {
        let text = r#"{"definitions": {"A": {"type": "string", "format": "guid"}, "B": {"type": "number", "format": "decimal"},
            "C": {"format": "anything"}, "D": {"type": "boolean", "format": "x"}, "E": {"type": "integer", "format": "int64"}}}"#;
        assert_silent(&TypeFormatUnrecognized, swagger(text));
    }
}
