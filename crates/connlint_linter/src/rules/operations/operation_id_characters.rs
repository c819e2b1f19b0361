use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::Operation;

declare_rule! {
    /// ## What it does
    /// Reports an `operationId` with characters other than ASCII letters, digits and `_`.
    ///
    /// ## Why is this bad?
    /// Power Platform sanitises operationIds to letters, digits and underscores when it
    /// generates the connector's actions, so the name that flows, Power Fx formulas and code
    /// use differs from the one in the definition. Keeping them identical avoids surprises.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "get-items", "summary": "Get items", "responses": { "200": { "description": "OK" } } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items": { "get":
    ///     { "operationId": "GetItems", "summary": "Get items", "responses": { "200": { "description": "OK" } } } } } }
    /// ```
    pub OperationIdCharacters {
        id: "operation-id-characters",
        category: Operations,
        severity: Warning,
        profile: Base,
        ms_names: ["OperationIdSanitized"],
        summary: "An operationId has characters other than letters, digits and underscores",
        visits: [Operation],
    }
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Rule for OperationIdCharacters {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(id) = op.operation_id else { return };
        let mut bad: Vec<char> = Vec::new();
        for c in id.value.chars().filter(|&c| !allowed(c)) {
            if !bad.contains(&c) {
                bad.push(c);
            }
        }
        if bad.is_empty() {
            return;
        }
        let list = bad.iter().map(|c| format!("`{}`", c.escape_debug())).collect::<Vec<_>>().join(", ");
        // Non-ASCII letters have no obvious replacement, so suggest a name only for separators.
        let cleaned = if bad.iter().all(char::is_ascii) { pascal(id.value) } else { String::new() };
        let help = if cleaned.is_empty() {
            "use only ASCII letters, digits and `_`, e.g. `GetItems`".to_string()
        } else {
            format!("use only ASCII letters, digits and `_`, e.g. `{cleaned}`")
        };
        cx.report_swagger(
            id.span,
            format!("operationId `{}` contains {list}; only ASCII letters, digits and `_` are kept as they are", id.value),
        )
        .help(help);
    }
}

/// `get-items by id` → `GetItemsById`: words split at disallowed characters, each capitalised.
fn pascal(id: &str) -> String {
    let mut out = String::new();
    for (i, word) in id.split(|c| !allowed(c)).filter(|w| !w.is_empty()).enumerate() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(if i == 0 && id.starts_with(first) { first } else { first.to_ascii_uppercase() });
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_and_lists_the_characters() {
        let text = "{\"paths\": {\"/items\": {\n  \"get\": {\"operationId\": \"Get-Items.v2-x\"},\n  \"put\": {\"operationId\": \"Put Item\"}\n}}}";
        let found = run(&OperationIdCharacters, swagger(text));
        assert_eq!(
            found
                .iter()
                .map(|f| format!("{}:{} {} | {}", f.line, f.column, f.message, f.help.as_deref().unwrap_or("")))
                .collect::<Vec<_>>(),
            [
                "2:26 operationId `Get-Items.v2-x` contains `-`, `.`; only ASCII letters, digits and `_` are kept as they are | \
                 use only ASCII letters, digits and `_`, e.g. `GetItemsV2X`",
                "3:26 operationId `Put Item` contains ` `; only ASCII letters, digits and `_` are kept as they are | \
                 use only ASCII letters, digits and `_`, e.g. `PutItem`",
            ]
        );
    }

    #[test]
    fn fires_on_non_ascii_letters() {
        let text = "{\"paths\": {\"/items\": {\n  \"get\": {\"operationId\": \"Größe\"}\n}}}";
        assert_eq!(positions(&OperationIdCharacters, swagger(text)), ["apiDefinition.swagger.json:2:26"]);
    }

    #[test]
    fn silent_on_letters_digits_and_underscores() {
        let text = r#"{"paths": {"/items": {"get": {"operationId": "Get_Items_V2"}, "post": {"operationId": "addItem2"}, "put": {"operationId": 3}}}}"#;
        assert_silent(&OperationIdCharacters, swagger(text));
    }
}
