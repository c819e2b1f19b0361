use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an object that has a `$ref` and other keys next to it (`description`,
    /// `x-ms-summary`, `type` ...), anywhere in the swagger, at the first of those keys.
    /// Examples, defaults and property names are not looked at.
    ///
    /// ## Why is this bad?
    /// In Swagger 2.0 an object with `$ref` is replaced by its target, so the keys next to the
    /// reference are ignored: the `description` or `x-ms-summary` written there never reaches
    /// users. Microsoft's validator rejects them.
    ///
    /// ## Example
    /// ```json
    /// { "owner": { "$ref": "#/definitions/User", "description": "The task's owner." } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "owner": { "allOf": [ { "$ref": "#/definitions/User" } ], "description": "The task's owner." } }
    /// ```
    pub RefSiblingKeys {
        id: "ref-sibling-keys",
        category: Schemas,
        severity: Warning,
        profile: Base,
        ms_names: ["AdditionalPropertyNotAllowedAdjacentToRef"],
        summary: "An object has keys next to its $ref, which are ignored",
        visits: [Connector],
    }
}

impl Rule for RefSiblingKeys {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let mut found = Vec::new();
        for members in &cx.semantic().keywords().ref_objects {
            if members.len() > 1 {
                let others: Vec<&str> = members.iter().map(|m| &*m.key.text).filter(|k| *k != "$ref").collect();
                if let Some(first) = members.iter().find(|m| &*m.key.text != "$ref") {
                    found.push((first.key.span, others.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")));
                }
            }
        }
        for (span, keys) in found {
            cx.report_swagger(span, format!("{keys} next to `$ref` is ignored"))
                .help("move the keys into the referenced definition, or wrap the reference in `allOf`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_the_first_sibling() {
        let text = "{\"definitions\": {\"A\": {\"properties\": {\n  \"owner\": {\"$ref\": \"#/definitions/U\", \"description\": \"d\", \"x-ms-summary\": \"Owner\"}\n}}},\n\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"description\": \"x\", \"$ref\": \"#/parameters/p\"}]}}}}";
        assert_eq!(
            messages(&RefSiblingKeys, swagger(text)),
            ["2:40 `description`, `x-ms-summary` next to `$ref` is ignored", "4:42 `description` next to `$ref` is ignored"]
        );
    }

    #[test]
    fn silent_on_plain_refs_examples_and_property_names() {
        let text = r##"{"definitions": {"A": {"properties": {"$ref": {"type": "string"}, "b": {"$ref": "#/definitions/B"}},
            "example": {"$ref": "x", "other": 1}}}}"##;
        assert_silent(&RefSiblingKeys, swagger(text));
    }
}
