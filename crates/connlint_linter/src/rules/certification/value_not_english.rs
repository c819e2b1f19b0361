use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::Str;

declare_rule! {
    /// ## What it does
    /// Reports `info.title`, `info.description`, and operation `summary` and `description`
    /// texts that are mostly written in a non-Latin script: when more than half of their
    /// letters are outside the Latin alphabets (Cyrillic, Greek, CJK, Arabic and so on).
    ///
    /// This is a heuristic: it cannot tell English from other Latin-script languages, so it
    /// never reports French or German text, and it is a warning.
    ///
    /// ## Why is this bad?
    /// Certification requires the connector's strings in English; Microsoft translates them
    /// into the other languages itself.
    ///
    /// ## Severity
    /// A warning: the validator has `ValueMustBeInEnglish`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules),
    /// but connlint can only guess the language from the script the text is written in, and a guess
    /// should not fail a build.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Контосо задачи" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "title": "Contoso Tasks" } }
    /// ```
    pub ValueNotEnglish {
        id: "value-not-english",
        category: Certification,
        severity: Warning,
        profile: Certification,
        ms_names: ["ValueMustBeInEnglish"],
        summary: "A title, summary or description is not written in English",
        visits: [Connector],
    }
}

/// Whether a letter belongs to a Latin alphabet (Basic Latin to Latin Extended-B, IPA,
/// Latin Extended Additional, full-width Latin).
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0..=0x24F | 0x250..=0x2AF | 0x1E00..=0x1EFF | 0xFF21..=0xFF5A)
}

/// Whether most letters of `text` are outside the Latin alphabets.
fn mostly_non_latin(text: &str) -> bool {
    // Every character below U+0250 is Latin, and the UTF-8 of any other starts with a byte of
    // 0xC9 or more: text without such a byte (nearly all of it, ASCII above all) has no
    // non-Latin letter, and needs no decoding. (`is_ascii` reads a word at a time.)
    if text.is_ascii() || text.bytes().all(|b| b < 0xC9) {
        return false;
    }
    let (mut letters, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if !is_latin(c) {
            other += 1;
        }
    }
    letters > 0 && other * 2 > letters
}

fn check(cx: &mut Context<'_, '_>, field: &str, value: Str<'_>) {
    if mostly_non_latin(value.value) {
        cx.report_swagger(value.span, format!("{field} does not look like English text"))
            .help("write the connector's strings in English; Microsoft localizes them");
    }
}

impl Rule for ValueNotEnglish {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        if let Some(info) = &swagger.info {
            for (field, value) in [("`info.title`", info.title), ("`info.description`", info.description)] {
                if let Some(value) = value {
                    check(cx, field, value);
                }
            }
        }
        for op in &swagger.operations {
            for (field, value) in [("summary", op.summary), ("description", op.description)] {
                // The field's name is written only for a finding: nearly every text passes.
                if let Some(value) = value.filter(|v| mostly_non_latin(v.value)) {
                    check(cx, &format!("the {field} of operation `{}`", op.display_name()), value);
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
    fn fires_on_mostly_non_latin_text() {
        let text = "{\"info\": {\"title\": \"Контосо задачи\"},\n\"paths\": {\"/a\": {\"get\": {\"operationId\": \"A\",\n  \"summary\": \"获取 items 列表和详细信息\"}}}}";
        assert_eq!(
            messages(&ValueNotEnglish, swagger(text)),
            ["1:20 `info.title` does not look like English text", "3:14 the summary of operation `A` does not look like English text"]
        );
    }

    #[test]
    fn silent_on_latin_scripts_and_few_foreign_letters() {
        let text = r#"{"info": {"title": "Contoso Tâches", "description": "Gérez vos tâches (タスク) avec Contoso."},
            "paths": {"/a": {"get": {"summary": "123 - 456", "description": "Größe"}}}}"#;
        assert_silent(&ValueNotEnglish, swagger(text));
    }
}
