use crate::context::Context;
use crate::declare_rule;
use crate::fix::{plain_string, Fix};
use crate::rule::Rule;
use crate::suggest;
use connlint_core::model::extensions::KNOWN_EXTENSIONS;

declare_rule! {
    /// ## What it does
    /// Reports an object key that starts with `x-ms-` (in any case) but is not an extension
    /// Power Platform knows, anywhere in the swagger, and suggests the known name it most
    /// likely meant: a typo (`x-ms-visibilty`), another case (`X-MS-Summary`) or a known name
    /// followed by stray text (`"x-ms-summary title"`, `"x-ms-summary:"`).
    ///
    /// Keys that are names rather than keywords are left alone: property names under
    /// `properties`, header names under `headers`, and the names under `definitions`,
    /// `parameters`, `responses` and `paths`. So are examples, defaults and enum values, which
    /// are data. Keys that do not start with `x-ms-` are never reported.
    ///
    /// ## Why is this bad?
    /// The `x-ms-` prefix belongs to Microsoft. Power Platform acts only on the extensions it
    /// knows, so a misspelled one has no effect: a field meant to be hidden shows up, a
    /// parameter keeps its technical name instead of its `x-ms-summary`. Microsoft's tooling
    /// rejects some unknown names outright.
    ///
    /// ## Example
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "x-ms-visibilty": "advanced", "x-ms-summary title": "Top" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "top", "in": "query", "type": "integer", "x-ms-visibility": "advanced", "x-ms-summary": "Top" }
    /// ```
    pub UnknownExtension {
        id: "unknown-extension",
        category: Extensions,
        severity: Warning,
        profile: Base,
        ms_names: ["ExtensionNameNotValid"],
        summary: "An x-ms-* key is not a known extension",
        fix: Sometimes,
        visits: [Connector],
    }
}

impl Rule for UnknownExtension {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let source = cx.swagger().map(|s| cx.connector().file(s.file).source.text()).unwrap_or_default();
        // The keys that start with `x-ms-` in any case, sorted out by the shared walk.
        for m in &cx.semantic().keywords().extensions {
            let key = &*m.key.text;
            if KNOWN_EXTENSIONS.iter().any(|e| e.name == key) {
                continue;
            }
            let diagnostic = cx.report_swagger(m.key.span, format!("unknown extension `{key}`"));
            // The suggestion for the key; the key's text between its quotes is the same unless
            // it has escapes, and then it gets its own.
            let suggested = suggestion(key);
            // A typo or another case is corrected in place; a known name followed by
            // other text is not, as the text may matter.
            let fix = plain_string(source, m.key.span).and_then(|inner| {
                let of_inner = if inner == key { suggested } else { suggestion(inner) };
                match of_inner? {
                    Suggestion::Case(name) | Suggestion::Typo(name) => Fix::replace_string(source, m.key.span, name),
                    Suggestion::Prefix(_) => None,
                }
            });
            diagnostic.fix(fix);
            match suggested {
                Some(Suggestion::Case(name)) => diagnostic.help(format!("did you mean `{name}`? extension names are case-sensitive")),
                Some(Suggestion::Prefix(name)) => {
                    diagnostic.help(format!("did you mean `{name}`? the key has extra text after the extension name"))
                }
                Some(Suggestion::Typo(name)) => diagnostic.help(format!("did you mean `{name}`?")),
                None => diagnostic.help(
                    "Power Platform rejects or ignores `x-ms-*` keys it does not know; for your own metadata use a name that \
                     starts with `x-` but not `x-ms-`, such as `x-mycompany-notes`",
                ),
            };
        }
    }
}

#[derive(Clone, Copy)]
enum Suggestion {
    /// The same name in another case.
    Case(&'static str),
    /// A known name followed by text that cannot be part of a name (`x-ms-summary title`).
    Prefix(&'static str),
    /// A likely typo.
    Typo(&'static str),
}

fn suggestion(key: &str) -> Option<Suggestion> {
    let names = KNOWN_EXTENSIONS.iter().map(|e| e.name);
    if let Some(name) = names.clone().find(|n| n.eq_ignore_ascii_case(key)) {
        return Some(Suggestion::Case(name));
    }
    let prefix = names
        .clone()
        .filter(|n| {
            key.as_bytes().get(..n.len()).is_some_and(|p| p.eq_ignore_ascii_case(n.as_bytes()))
                && key[n.len()..].chars().next().is_some_and(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
        })
        .max_by_key(|n| n.len());
    if let Some(name) = prefix {
        return Some(Suggestion::Prefix(name));
    }
    suggest::closest(key, names).map(Suggestion::Typo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn helps(text: &str) -> Vec<String> {
        run(&UnknownExtension, swagger(text))
            .into_iter()
            .map(|f| format!("{}:{} {}", f.line, f.column, f.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn fires_on_the_key() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\n  \"x-ms-visibilty\": \"advanced\"\n}}}}";
        assert_eq!(messages(&UnknownExtension, swagger(text)), ["2:3 unknown extension `x-ms-visibilty`"]);
    }

    #[test]
    fn suggests_the_known_names_of_real_typos() {
        let text = r#"{
  "x-ms-visibilty": 1,
  "x-ms-summmary": 1,
  "x-ms-sumamry": 1,
  "x-ms-visbility": 1,
  "x-ms-api-annotations": 1,
  "x-ms-visibiltiy": 1,
  "x-ms-enum-value": 1,
  "x-ms-summary title": 1,
  "x-ms-summary:": 1,
  "X-MS-Summary": 1,
  "x-ms-keytype": 1,
  "x-ms-navigationProperty": 1
}"#;
        assert_eq!(
            helps(text),
            [
                "2:3 did you mean `x-ms-visibility`?",
                "3:3 did you mean `x-ms-summary`?",
                "4:3 did you mean `x-ms-summary`?",
                "5:3 did you mean `x-ms-visibility`?",
                "6:3 did you mean `x-ms-api-annotation`?",
                "7:3 did you mean `x-ms-visibility`?",
                "8:3 did you mean `x-ms-enum-values`?",
                "9:3 did you mean `x-ms-summary`? the key has extra text after the extension name",
                "10:3 did you mean `x-ms-summary`? the key has extra text after the extension name",
                "11:3 did you mean `x-ms-summary`? extension names are case-sensitive",
                "12:3 did you mean `x-ms-keyType`? extension names are case-sensitive",
                "13:3 Power Platform rejects or ignores `x-ms-*` keys it does not know; for your own metadata use a name that \
                 starts with `x-` but not `x-ms-`, such as `x-mycompany-notes`",
            ]
        );
    }

    #[test]
    fn silent_on_known_custom_names_and_data() {
        let text = r##"{
  "x-ms-connector-metadata": [{"propertyName": "Website", "propertyValue": "https://example.com"}],
  "x-connlint-ignore": ["x-ms-whatever"],
  "x-custom": {"x-msfoo": 1},
  "paths": {"/a": {"get": {
    "x-ms-visibility": "important", "x-ms-trigger-hint": "hint", "x-ms-localizeDefaultValue": false,
    "parameters": [{"name": "x-ms-client-request-id", "in": "header", "x-ms-summary": "Request id", "default": {"x-ms-foo": 1}}],
    "responses": {"200": {"description": "OK", "headers": {"x-ms-request-id": {"type": "string"}},
      "examples": {"application/json": {"x-ms-anything": 1}},
      "schema": {"type": "object", "properties": {"x-ms-tenant": {"type": "string", "x-ms-summary": "Tenant", "example": {"x-ms-z": 1}}}}}}
  }}},
  "definitions": {"x-ms-model": {"type": "object", "enum": [{"x-ms-e": 1}], "x-ms-test-value": {"x-ms-t": 1}}}
}"##;
        assert_silent(&UnknownExtension, swagger(text));
    }

    #[test]
    fn typos_and_case_are_fixed_in_place() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\n    \"x-ms-visibilty\" :  \"advanced\",\n\t\"X-MS-Summary\": \"s\"}}}}\n";
        let expected = text.replace("x-ms-visibilty", "x-ms-visibility").replace("X-MS-Summary", "x-ms-summary");
        assert_fixed(&UnknownExtension, swagger, text, &expected);
    }

    #[test]
    fn keys_with_extra_text_no_match_or_escapes_are_not_fixed() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"x-ms-summary title\": \"s\", \"x-ms-completely-unknown\": 1, \"x-ms-visibilt\\u0079\": 1}}}}";
        assert_eq!(run(&UnknownExtension, swagger(text)).len(), 3);
        assert_eq!(fixed(&UnknownExtension, swagger(text)), text);
    }
}
