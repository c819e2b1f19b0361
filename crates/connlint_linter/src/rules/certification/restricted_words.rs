use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::Str;

declare_rule! {
    /// ## What it does
    /// Reports an `info.title` that contains the word "API" or "Connector", and an
    /// `info.title` or `info.description` that names a Power Platform product: "Power Apps",
    /// "Power Automate" or "Logic Apps" (also written without the space). Words are matched
    /// whole and in any case, so "Rapid" or "Connectors Inc." inside a longer word do not count.
    ///
    /// ## Why is this bad?
    /// Every connector is an API connector, so the words add nothing to the name; and the
    /// connector works in several products, so naming one of them is misleading. Certification
    /// rejects these words.
    ///
    /// ## Severity
    /// Under certification the validator refuses "API" and "Connector" in the title and the product
    /// names in the description as `ValueContainsRestrictedWords`; seen in the output of
    /// Microsoft's PR pipeline on https://github.com/microsoft/PowerPlatformConnectors/pull/3407.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "title": "Contoso API Connector", "description": "Use Contoso tasks in Power Automate flows and apps." } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "title": "Contoso Tasks", "description": "Contoso Tasks helps teams plan, assign and track their work." } }
    /// ```
    pub RestrictedWords {
        id: "restricted-words",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["ValueContainsRestrictedWords"],
        summary: "The title or description contains a word certification does not allow",
        visits: [Connector],
    }
}

/// Words not allowed in the title (as lowercase word sequences).
const TITLE_WORDS: [&[&str]; 2] = [&["api"], &["connector"]];
/// Product names not allowed in the title or description.
const PRODUCTS: [&[&str]; 6] =
    [&["power", "apps"], &["powerapps"], &["power", "automate"], &["powerautomate"], &["logic", "apps"], &["logicapps"]];

/// The first restricted phrase in `text`, as written there.
fn find(text: &str, phrases: &[&[&str]]) -> Option<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for start in 0..words.len() {
        for phrase in phrases {
            let end = start + phrase.len();
            if end <= words.len() && words[start..end].iter().zip(phrase.iter()).all(|(w, p)| w.eq_ignore_ascii_case(p)) {
                return Some(words[start..end].join(" "));
            }
        }
    }
    None
}

fn check(cx: &mut Context<'_, '_>, field: &str, value: Str<'_>, phrases: &[&[&str]]) {
    if let Some(found) = find(value.value, phrases) {
        cx.report_swagger(value.span, format!("`{field}` contains `{found}`, which certification does not allow"))
            .help("describe the service itself; leave out \"API\", \"Connector\" and Power Platform product names");
    }
}

impl Rule for RestrictedWords {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(info) = cx.swagger().and_then(|s| s.info.as_ref()) else { return };
        if let Some(title) = info.title {
            let all: Vec<&[&str]> = TITLE_WORDS.iter().chain(PRODUCTS.iter()).copied().collect();
            check(cx, "info.title", title, &all);
        }
        if let Some(description) = info.description {
            check(cx, "info.description", description, &PRODUCTS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_title_words_and_product_names() {
        let text =
            "{\"info\": {\n  \"title\": \"Contoso API\",\n  \"description\": \"Automate Contoso tasks from power  automate flows.\"\n}}";
        assert_eq!(
            messages(&RestrictedWords, swagger(text)),
            [
                "2:12 `info.title` contains `API`, which certification does not allow",
                "3:18 `info.description` contains `power automate`, which certification does not allow",
            ]
        );
        let text = "{\"info\": {\"title\": \"Contoso-connector\", \"description\": \"Build PowerApps with it.\"}}";
        assert_eq!(
            messages(&RestrictedWords, swagger(text)),
            [
                "1:20 `info.title` contains `connector`, which certification does not allow",
                "1:56 `info.description` contains `PowerApps`, which certification does not allow",
            ]
        );
    }

    #[test]
    fn silent_on_words_inside_other_words_and_api_in_the_description() {
        let text =
            r#"{"info": {"title": "Rapid Connectors2 Apps", "description": "Call the Contoso API to manage apps and power tools."}}"#;
        assert_silent(&RestrictedWords, swagger(text));
    }
}
