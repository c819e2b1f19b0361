use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::model::members;
use connlint_core::model::swagger::percent_decode;
use connlint_core::Span;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Reports an entry of the top-level `definitions`, `parameters` or `responses` that no
    /// `$ref` in the document points to. A reference from inside the entry itself (recursion)
    /// does not count as a use; a reference from another unused entry does.
    ///
    /// ## Why is this bad?
    /// Unused entries make the file larger and harder to review, and often mean an operation
    /// was meant to use them but got an inline copy instead.
    ///
    /// ## Example
    /// ```json
    /// { "definitions": { "Task": { "type": "object" }, "OldTask": { "type": "object" } },
    ///   "paths": { "/tasks": { "get": { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } } } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "definitions": { "Task": { "type": "object" } },
    ///   "paths": { "/tasks": { "get": { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Task" } } } } } } }
    /// ```
    pub UnusedDefinition {
        id: "unused-definition",
        category: References,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A definition, shared parameter or shared response is never referenced",
        visits: [Connector],
    }
}

impl Rule for UnusedDefinition {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        // Every reference target (decoded), with the smallest span that holds all its uses: one
        // pass, then one lookup per entry, so large documents stay linear. Some use is outside
        // an entry exactly when that span is not inside it, so no list of uses is needed. A
        // target is borrowed from the document unless decoding changed it.
        let all = &cx.semantic().keywords().refs;
        let mut refs: HashMap<Cow<'_, str>, Span> = HashMap::with_capacity_and_hasher(all.len(), Default::default());
        for m in all {
            if let Some(target) = m.value.as_str() {
                let at = m.value.span;
                refs.entry(percent_decode(target))
                    .and_modify(|hull| *hull = Span::new(hull.start.min(at.start), hull.end.max(at.end)))
                    .or_insert(at);
            }
        }
        // One buffer for every entry's pointer.
        let mut pointer = String::new();
        for (section, node) in [("definitions", swagger.definitions), ("parameters", swagger.parameters), ("responses", swagger.responses)]
        {
            let Some(node) = node else { continue };
            for entry in members(node) {
                pointer.clear();
                pointer.push_str("#/");
                pointer.push_str(section);
                connlint_core::json::push_pointer_token(&mut pointer, &entry.key.text);
                // A reference from inside the entry itself (recursion) does not count as a use.
                let used = refs.get(pointer.as_str()).is_some_and(|hull| !entry.value.span.contains(*hull));
                if !used {
                    let what = match section {
                        "definitions" => "definition",
                        "parameters" => "shared parameter",
                        _ => "shared response",
                    };
                    cx.report_swagger(entry.key.span, format!("{what} `{}` is never referenced", entry.key.text))
                        .help("remove it, or refer to it with `$ref` where it was meant to be used");
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
    fn fires_on_unreferenced_entries() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"$ref\": \"#/parameters/used\"}], \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"$ref\": \"#/definitions/A%20B\"}}}}}},\n\"definitions\": {\"A B\": {},\n  \"Self\": {\"properties\": {\"me\": {\"$ref\": \"#/definitions/Self\"}}}},\n\"parameters\": {\"used\": {}, \"spare\": {}},\n\"responses\": {\"Gone\": {\"description\": \"x\"}}}";
        assert_eq!(
            messages(&UnusedDefinition, swagger(text)),
            [
                "3:3 definition `Self` is never referenced",
                "4:28 shared parameter `spare` is never referenced",
                "5:15 shared response `Gone` is never referenced",
            ]
        );
    }

    #[test]
    fn silent_when_everything_is_used() {
        let text = r##"{"paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/responses/R"}}}}},
            "responses": {"R": {"description": "x", "schema": {"$ref": "#/definitions/a~1b"}}},
            "definitions": {"a/b": {"properties": {"c": {"$ref": "#/definitions/C"}}}, "C": {}}}"##;
        assert_silent(&UnusedDefinition, swagger(text));
    }
}
