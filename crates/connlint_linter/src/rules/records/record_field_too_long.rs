use super::label;
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Checks the length limits of a `connectors` record's text columns, counted in characters
    /// of the decoded string: `displayname` ≤ 200, `description` ≤ 1000, `name` ≤ 500,
    /// `openapidefinition` ≤ 1,000,000, `connectionparameters` ≤ 500,000,
    /// `customcodeblobcontent` ≤ 500,000, `iconbrandcolor` ≤ 100.
    ///
    /// ## Why is this bad?
    /// Dataverse refuses to store a value longer than its column allows, so creating or
    /// updating the connector fails. Long descriptions pasted from documentation and large
    /// OpenAPI definitions are the usual cause.
    ///
    /// ## Severity
    /// Each text column of the connector table has a maximum length
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/connector);
    /// Dataverse refuses a longer value, so creating or updating the record fails.
    ///
    /// ## Example
    /// ```json
    /// { "name": "new_contoso", "displayname": "Contoso … (250 characters)" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "new_contoso", "displayname": "Contoso" }
    /// ```
    pub RecordFieldTooLong {
        id: "record-field-too-long",
        category: Records,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connectors record's text is longer than its column allows",
        visits: [Connector],
    }
}

/// Each length-limited column and its maximum length in characters.
const LIMITS: [(&str, usize); 7] = [
    ("displayname", 200),
    ("description", 1000),
    ("name", 500),
    ("openapidefinition", 1_000_000),
    ("connectionparameters", 500_000),
    ("customcodeblobcontent", 500_000),
    ("iconbrandcolor", 100),
];

impl Rule for RecordFieldTooLong {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for record in &cx.model.records {
            for (field, limit) in LIMITS {
                let Some(node) = record.get(field) else { continue };
                let Some(text) = node.as_str() else { continue };
                // Counting stops past the limit: a huge value costs no more than that.
                let length = text.chars().take(limit + 1).count();
                if length > limit {
                    let total = text.chars().count();
                    cx.report(
                        record.file,
                        node.span,
                        format!("{}: `{field}` is {total} characters long; at most {limit} are allowed", label(record)),
                    )
                    .help(format!("shorten `{field}` to {limit} characters or fewer"));
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
    fn reports_values_over_their_limit() {
        let display = "é".repeat(201);
        let color = "#".repeat(101);
        let text = format!("{{\n  \"name\": \"new_contoso\",\n  \"displayname\": \"{display}\",\n  \"iconbrandcolor\": \"{color}\"\n}}");
        assert_eq!(
            records(&text).messages(&RecordFieldTooLong),
            [
                "connectors.json:3:18 record `new_contoso`: `displayname` is 201 characters long; at most 200 are allowed",
                "connectors.json:4:21 record `new_contoso`: `iconbrandcolor` is 101 characters long; at most 100 are allowed",
            ]
        );
    }

    #[test]
    fn escapes_count_as_the_character_they_stand_for() {
        // 200 characters written as 1200 bytes of `\u00e9` escapes: within the limit.
        let display = "\\u00e9".repeat(200);
        records(&format!("{{\"name\": \"n\", \"displayname\": \"{display}\"}}")).assert_silent(&RecordFieldTooLong);
        let display = "\\u00e9".repeat(201);
        assert_eq!(
            records(&format!("{{\"name\": \"n\", \"displayname\": \"{display}\"}}")).positions(&RecordFieldTooLong),
            ["connectors.json:1:30"]
        );
    }

    #[test]
    fn silent_at_the_limit() {
        let text = format!(
            "{{\"name\": \"n\", \"displayname\": \"{}\", \"description\": \"{}\", \"iconbrandcolor\": \"#007ee5\"}}",
            "a".repeat(200),
            "d".repeat(1000)
        );
        records(&text).assert_silent(&RecordFieldTooLong);
    }
}
