//! A lexical scan of C# custom code (`script.csx`), without a compiler: the code with comments
//! and string contents blanked out (same length, so offsets carry over), the string literals,
//! and the `using` directives.

use connlint_core::Span;

/// A string literal: its span (quotes and prefix included) and its text (escapes kept as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub span: Span,
    pub text: String,
}

/// A `using` directive: the namespace and its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Using {
    pub namespace: String,
    pub span: Span,
}

/// The scanned script.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The text with every comment and the inside of every string or char literal replaced by
    /// spaces (newlines kept).
    pub code: String,
    pub literals: Vec<Literal>,
}

/// Scans C# text. Unterminated comments or strings run to the end of the text.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut code = bytes.to_vec();
    let mut literals = Vec::new();
    let blank = |code: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut code[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = memchr_newline(bytes, i);
                blank(&mut code, i, end);
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = find(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 2);
                blank(&mut code, i, end);
                i = end;
            }
            b'\'' => {
                let end = quoted_end(bytes, i + 1, b'\'', false);
                blank(&mut code, i + 1, end.saturating_sub(1).max(i + 1));
                i = end;
            }
            b'"' | b'@' | b'$' => {
                // Prefixes: @"..", $"..", $@"..", @$"..".
                let mut j = i;
                let mut verbatim = false;
                while j < bytes.len() && (bytes[j] == b'@' || bytes[j] == b'$') && j - i < 2 {
                    verbatim |= bytes[j] == b'@';
                    j += 1;
                }
                if bytes.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let end = quoted_end(bytes, j + 1, b'"', verbatim);
                let inner_end = end.saturating_sub(1).max(j + 1);
                literals.push(Literal {
                    span: Span::new(i as u32, end as u32),
                    text: String::from_utf8_lossy(&bytes[j + 1..inner_end.min(bytes.len())]).into_owned(),
                });
                blank(&mut code, j + 1, inner_end.min(bytes.len()));
                i = end;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced, by ASCII spaces, so the text is still UTF-8.
    let code = String::from_utf8(code).unwrap_or_default();
    Scan { code, literals }
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| from + p)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// The index just past the closing quote (or the end of the text, or of the line for a
/// regular literal that is not closed).
fn quoted_end(bytes: &[u8], mut i: usize, quote: u8, verbatim: bool) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        if verbatim {
            if b == quote {
                if bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
        } else if b == b'\\' {
            i += 2;
            continue;
        } else if b == quote {
            return i + 1;
        } else if b == b'\n' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

impl Scan {
    /// The `using` directives for namespaces (`using X.Y;` and `using A = X.Y;`, not
    /// `using static`, not using statements).
    pub fn usings(&self) -> Vec<Using> {
        let mut out = Vec::new();
        let mut offset = 0;
        for line in self.code.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim_start();
            let Some(rest) = trimmed.strip_prefix("using") else { continue };
            if !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let Some(semi) = rest.find(';') else { continue };
            let body = rest[..semi].trim();
            if body.starts_with("static ") || body.starts_with('(') || body.starts_with("var ") {
                continue;
            }
            let name = body.rsplit('=').next().unwrap_or(body).trim();
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ' ') {
                continue;
            }
            let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            let rest_at = start + (line.len() - trimmed.len()) + "using".len();
            // Point at the namespace itself (after `A =` for an alias), up to the `;`.
            let body_end = rest_at + rest[..semi].trim_end().len();
            let name_start = rest_at + rest[..semi].rfind('=').map_or(0, |p| p + 1);
            let name_at = name_start + self.code[name_start..body_end].find(|c: char| !c.is_whitespace()).unwrap_or(0);
            out.push(Using { span: Span::new(name_at as u32, body_end as u32), namespace: name });
        }
        out
    }

    /// Byte offsets where the identifier `word` appears in the code (whole words only).
    pub fn find_word(&self, word: &str) -> Vec<usize> {
        let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let bytes = self.code.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(p) = self.code[from..].find(word) {
            let at = from + p;
            let before_ok = at == 0 || !is_ident(bytes[at - 1]);
            let after_ok = bytes.get(at + word.len()).is_none_or(|&c| !is_ident(c));
            if before_ok && after_ok {
                out.push(at);
            }
            from = at + word.len();
        }
        out
    }

    /// The literals that a comparison with `OperationId` checks: `OperationId == "X"`,
    /// `"X" == ...OperationId`, `OperationId.Equals("X")`, and `case "X":` or `"X" =>` in a
    /// `switch` on the operation id.
    pub fn operation_id_literals(&self) -> Vec<&Literal> {
        let code = &self.code;
        self.literals
            .iter()
            .filter(|lit| {
                let (start, end) = (lit.span.start as usize, lit.span.end as usize);
                let line_start = code[..start].rfind('\n').map_or(0, |p| p + 1);
                let line_end = code[end..].find('\n').map_or(code.len(), |p| end + p);
                let before = code[line_start..start].trim_end();
                let after = code[end..line_end].trim_start();
                let compared_before =
                    (before.ends_with("==") || before.ends_with("!=") || before.ends_with("Equals(")) && before.contains("OperationId");
                let compared_after = (after.starts_with("==") || after.starts_with("!=")) && after.contains("OperationId");
                let arm = before.ends_with("case") || (after.starts_with("=>") && !before.contains("=>"));
                let in_switch = arm
                    && code[..line_start].rfind("switch").is_some_and(|s| {
                        let switch_line_start = code[..s].rfind('\n').map_or(0, |p| p + 1);
                        let switch_line_end = code[s..].find('\n').map_or(code.len(), |p| s + p);
                        code[switch_line_start..switch_line_end].contains("OperationId")
                    });
                let looks_like_id = !lit.text.is_empty() && lit.text.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
                looks_like_id && (compared_before || compared_after || in_switch)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_comments_and_strings_and_keeps_offsets() {
        let text = "var a = \"x // y\"; // note\n/* block\n \"q\" */ var b = @\"c:\\\"\"d\"; var c = '\"';";
        let s = scan(text);
        assert_eq!(s.code.len(), text.len());
        assert_eq!(s.code, "var a = \"      \";        \n        \n        var b = @\"      \"; var c = ' ';");
        assert_eq!(s.literals.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["x // y", "c:\\\"\"d"]);
        assert_eq!(&text[s.literals[1].span.start as usize..s.literals[1].span.end as usize], "@\"c:\\\"\"d\"");
    }

    #[test]
    fn finds_using_directives_only() {
        let text = "using System;\nusing  Newtonsoft.Json.Linq ;\nusing static System.Math;\nusing J = Newtonsoft.Json;\n// using Hidden;\nusing (var x = y) {}\n";
        let found: Vec<_> = scan(text).usings().into_iter().map(|u| (u.namespace, u.span.start)).collect();
        assert_eq!(found, [("System".to_string(), 6), ("Newtonsoft.Json.Linq".to_string(), 21), ("Newtonsoft.Json".to_string(), 80)]);
    }

    #[test]
    fn finds_operation_id_comparisons() {
        let text = r#"if (this.Context.OperationId == "GetItems") {}
if ("ListItems" != Context.OperationId) {}
if (Context.OperationId.Equals("Other", StringComparison.Ordinal)) {}
switch (this.Context.OperationId) {
    case "Create": break;
}
var x = this.Context.OperationId switch
{
    "Delete" => 1,
    _ => 2,
};
request.Headers.Add("X-Key", "value");
if (name == "not an id") {}"#;
        let s = scan(text);
        let found: Vec<_> = s.operation_id_literals().into_iter().map(|l| l.text.as_str()).collect();
        assert_eq!(found, ["GetItems", "ListItems", "Other", "Create", "Delete"]);
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for text in ["\"abc", "/* abc", "@\"abc", "'", "$", "@", "//"] {
            let s = scan(text);
            assert_eq!(s.code.len(), text.len());
            let _ = s.usings();
            let _ = s.operation_id_literals();
        }
    }
}
