use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `info.title` longer than 30 characters (counted as Unicode characters).
    ///
    /// ## Why is this bad?
    /// The title is the connector's name in the gallery and in every flow; certification caps it
    /// at 30 characters, and Microsoft's validator rejects longer titles.
    ///
    /// ## Severity
    /// Under certification the validator refuses a title over 30 characters as
    /// `FieldLengthExceeded`; seen in the output of Microsoft's PR pipeline on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/3407.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso Project Management Suite Online" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "title": "Contoso Projects" } }
    /// ```
    pub InfoTitleTooLong {
        id: "info-title-too-long",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["FieldLengthExceeded"],
        summary: "info.title is longer than 30 characters",
        visits: [Connector],
    }
}

/// The longest title certification accepts.
const MAX_TITLE: usize = 30;

impl Rule for InfoTitleTooLong {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(title) = cx.swagger().and_then(|s| s.info.as_ref()).and_then(|i| i.title) else { return };
        let length = title.value.chars().count();
        if length > MAX_TITLE {
            cx.report_swagger(title.span, format!("`info.title` has {length} characters; the limit is {MAX_TITLE}"))
                .help("shorten the title to the product name, for example by dropping words such as \"Online\" or the company name");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_over_thirty_characters() {
        let text = "{\"info\": {\n  \"title\": \"Contoso Project Management Suite\"\n}}";
        assert_eq!(messages(&InfoTitleTooLong, swagger(text)), ["2:12 `info.title` has 32 characters; the limit is 30"]);
    }

    #[test]
    fn silent_at_thirty_characters_counting_unicode() {
        let thirty = "a".repeat(30);
        assert_silent(&InfoTitleTooLong, swagger(&format!(r#"{{"info": {{"title": "{thirty}"}}}}"#)));
        // 30 characters, 60 bytes.
        let accented = "é".repeat(30);
        assert_silent(&InfoTitleTooLong, swagger(&format!(r#"{{"info": {{"title": "{accented}"}}}}"#)));
        assert_silent(&InfoTitleTooLong, swagger(r#"{"info": {"title": 5}}"#));
    }
}
