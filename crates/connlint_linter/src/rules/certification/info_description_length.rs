use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports an `info.description` shorter than 30 or longer than 500 characters (Unicode
    /// characters, surrounding whitespace not counted). A missing description is reported by
    /// `info-description-missing`.
    ///
    /// ## Why is this bad?
    /// The description is shown on the connector's page and in the gallery. Certification wants
    /// a real sentence or two about the service, within 30 to 500 characters, and Microsoft's
    /// validator rejects anything outside that range.
    ///
    /// ## Severity
    /// Under certification the validator refuses a description outside 30 to 500 characters as
    /// `FieldLengthNotInRange`; seen in the output of Microsoft's PR pipeline on
    /// https://github.com/microsoft/PowerPlatformConnectors/pull/550.
    ///
    /// ## Example
    /// ```json
    /// { "info": { "description": "Contoso tasks." } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "info": { "description": "Contoso Tasks helps teams plan, assign and track their work." } }
    /// ```
    pub InfoDescriptionLength {
        id: "info-description-length",
        category: Certification,
        severity: Error,
        profile: Certification,
        ms_names: ["FieldLengthNotInRange"],
        summary: "info.description is not between 30 and 500 characters long",
        visits: [Connector],
    }
}

const MIN_DESCRIPTION: usize = 30;
const MAX_DESCRIPTION: usize = 500;

impl Rule for InfoDescriptionLength {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(description) = cx.swagger().and_then(|s| s.info.as_ref()).and_then(|i| i.description) else { return };
        let length = description.value.trim().chars().count();
        if (MIN_DESCRIPTION..=MAX_DESCRIPTION).contains(&length) {
            return;
        }
        let help = if length < MIN_DESCRIPTION {
            "describe in a sentence or two what the service does and what the connector lets users do"
        } else {
            "keep the essentials; details belong in the connector's documentation"
        };
        cx.report_swagger(
            description.span,
            format!("`info.description` has {length} characters; it must have between {MIN_DESCRIPTION} and {MAX_DESCRIPTION}"),
        )
        .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn check(description: &str) -> Vec<String> {
        messages(&InfoDescriptionLength, swagger(&format!("{{\"info\": {{\n  \"description\": \"{description}\"\n}}}}")))
    }

    #[test]
    fn fires_below_30_and_above_500() {
        assert_eq!(check("Contoso tasks."), ["2:18 `info.description` has 14 characters; it must have between 30 and 500"]);
        assert_eq!(check(&"a".repeat(501)), ["2:18 `info.description` has 501 characters; it must have between 30 and 500"]);
        assert_eq!(
            check(&format!("{}   ", "a".repeat(29))),
            ["2:18 `info.description` has 29 characters; it must have between 30 and 500"]
        );
    }

    #[test]
    fn silent_at_the_bounds() {
        assert!(check(&"a".repeat(30)).is_empty());
        assert!(check(&"ü".repeat(500)).is_empty());
        assert_silent(&InfoDescriptionLength, swagger(r#"{"info": {"title": "T"}}"#));
    }
}
