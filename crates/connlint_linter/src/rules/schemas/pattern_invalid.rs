use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;

declare_rule! {
    /// ## What it does
    /// Reports a `pattern` (on a schema, a non-body parameter or its `items`) that is not a
    /// valid ECMAScript regular expression: an unclosed `(`, `[` or `{n,m}`, an unmatched `)`,
    /// a quantifier with nothing to repeat (`*abc`, `(+)`, `a**`), `{n,m}` with `n > m`, an
    /// unknown group such as `(?x)`, or a trailing `\`. Lookahead, lookbehind and named groups
    /// are valid. The check is syntactic; it does not run the expression.
    ///
    /// ## Why is this bad?
    /// The pattern is compiled to validate user input; an invalid one fails at run time or
    /// rejects every value. Microsoft's validator warns about it.
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "pattern": "^[A-Z{3}$" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "pattern": "^[A-Z]{3}$" }
    /// ```
    pub PatternInvalid {
        id: "pattern-invalid",
        category: Schemas,
        severity: Warning,
        profile: Base,
        ms_names: ["PatternShouldBeValidRegularExpression"],
        summary: "A pattern is not a valid regular expression",
        visits: [ValueSchema],
    }
}

/// Parses `{n}`, `{n,}` or `{n,m}` at the start of `chars`; returns its length, or an error
/// when `n > m`. `None` when it is not a quantifier (then `{` is a literal in ECMAScript).
fn braces(chars: &[char]) -> Option<Result<usize, String>> {
    let end = chars.iter().position(|c| *c == '}')?;
    let inner: String = chars[1..end].iter().collect();
    let (low, high) = match inner.split_once(',') {
        Some((l, h)) => (l, Some(h)),
        None => (inner.as_str(), None),
    };
    if low.is_empty() || !low.bytes().all(|b| b.is_ascii_digit()) || high.is_some_and(|h| !h.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: u64 = low.parse().ok()?;
    if let Some(m) = high.filter(|h| !h.is_empty()).and_then(|h| h.parse::<u64>().ok()) {
        if n > m {
            return Some(Err(format!("the quantifier {{{inner}}} has its minimum above its maximum")));
        }
    }
    Some(Ok(end + 1))
}

/// Why `pattern` is not a valid ECMAScript regular expression, if it is not.
pub(crate) fn regex_error(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut depth = 0usize;
    // Whether the previous token can take a quantifier.
    let mut atom = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                if i + 1 >= chars.len() {
                    return Some("it ends with a lone `\\`".to_string());
                }
                i += 2;
                atom = true;
                continue;
            }
            '[' => {
                let mut j = i + 1;
                if chars.get(j) == Some(&'^') {
                    j += 1;
                }
                // A `]` right after `[` or `[^` ends an empty class in ECMAScript.
                loop {
                    match chars.get(j) {
                        None => return Some("a `[` character class is never closed".to_string()),
                        Some('\\') => j += 2,
                        Some(']') => break,
                        Some(_) => j += 1,
                    }
                }
                i = j + 1;
                atom = true;
                continue;
            }
            '(' => {
                if chars.get(i + 1) == Some(&'?') {
                    let rest: String = chars[i + 2..].iter().take(2).collect();
                    let valid = rest.starts_with(':')
                        || rest.starts_with('=')
                        || rest.starts_with('!')
                        || rest == "<="
                        || rest == "<!"
                        || (rest.starts_with('<') && chars[i + 2..].contains(&'>'));
                    if !valid {
                        return Some(format!("`(?{rest}` is not a group ECMAScript knows"));
                    }
                    // Skip the group's marker: `?:`, `?=`, `?!`, `?<=`, `?<!` or `?<name>`.
                    i += match rest.as_str() {
                        "<=" | "<!" => 3,
                        _ if rest.starts_with('<') => 2 + chars[i + 2..].iter().position(|c| *c == '>').unwrap_or(0),
                        _ => 2,
                    };
                }
                depth += 1;
                atom = false;
            }
            ')' => {
                if depth == 0 {
                    return Some("a `)` has no matching `(`".to_string());
                }
                depth -= 1;
                atom = true;
            }
            '|' => atom = false,
            '^' | '$' => atom = false,
            '*' | '+' | '?' => {
                if !atom {
                    return Some(format!("the quantifier `{}` has nothing to repeat", chars[i]));
                }
                // A lazy `?` may follow a quantifier; a second quantifier may not.
                if chars.get(i + 1) == Some(&'?') {
                    i += 1;
                }
                atom = false;
            }
            '{' => match braces(&chars[i..]) {
                Some(Err(message)) => return Some(message),
                Some(Ok(length)) => {
                    if !atom {
                        return Some("a `{n,m}` quantifier has nothing to repeat".to_string());
                    }
                    i += length;
                    if chars.get(i) == Some(&'?') {
                        i += 1;
                    }
                    atom = false;
                    continue;
                }
                None => atom = true,
            },
            _ => atom = true,
        }
        i += 1;
    }
    (depth > 0).then(|| "a `(` group is never closed".to_string())
}

fn check(node: &Node, cx: &mut Context<'_, '_>) {
    let Some(pattern) = node.get("pattern") else { return };
    let Some(text) = pattern.as_str() else { return };
    if let Some(reason) = regex_error(text) {
        cx.report_swagger(pattern.span, format!("pattern `{text}` is not a valid regular expression: {reason}"))
            .help("fix the expression (ECMAScript syntax), or remove `pattern`");
    }
}

impl Rule for PatternInvalid {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::PATTERN)
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
    fn finds_syntax_errors() {
        for (pattern, reason) in [
            ("^[A-Z{3}$", "a `[` character class is never closed"),
            ("(ab", "a `(` group is never closed"),
            ("ab)", "a `)` has no matching `(`"),
            ("*a", "the quantifier `*` has nothing to repeat"),
            ("a**", "the quantifier `*` has nothing to repeat"),
            ("(|+)", "the quantifier `+` has nothing to repeat"),
            ("a{3,1}", "the quantifier {3,1} has its minimum above its maximum"),
            ("(?x)a", "`(?x)` is not a group ECMAScript knows"),
            ("ab\\", "it ends with a lone `\\`"),
        ] {
            assert_eq!(regex_error(pattern).as_deref(), Some(reason), "{pattern}");
        }
    }

    #[test]
    fn accepts_valid_expressions() {
        for pattern in [
            "^[A-Z]{3}$",
            "^(?=.*\\d)(?!.*\\s).{8,}$",
            "(?<=@)\\w+",
            "(?<!x)y",
            "(?<year>\\d{4})-(?:\\d{2})",
            "a+?b*?c??",
            "[]a]",
            "[\\]]",
            "x{,3}",
            "a{2}{",
            "^$",
            "a|b|",
        ] {
            assert_eq!(regex_error(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn fires_on_schemas_and_parameters() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [\n  {\"name\": \"p\", \"in\": \"query\", \"type\": \"string\", \"pattern\": \"[a-\"}\n]}}},\n\"definitions\": {\"D\": {\"type\": \"string\", \"pattern\": \"(a\"}}}";
        assert_eq!(
            messages(&PatternInvalid, swagger(text)),
            [
                "2:61 pattern `[a-` is not a valid regular expression: a `[` character class is never closed",
                "4:52 pattern `(a` is not a valid regular expression: a `(` group is never closed",
            ]
        );
    }

    #[test]
    fn silent_on_valid_patterns() {
        let text = r#"{"definitions": {"D": {"type": "string", "pattern": "^\\d+$"}, "E": {"pattern": 5}}}"#;
        assert_silent(&PatternInvalid, swagger(text));
    }
}
