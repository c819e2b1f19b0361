use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::Str;

/// IANA top-level media types (RFC 6838 and later registrations), plus the `*` wildcard.
const TOP_LEVEL_TYPES: &[&str] = &["application", "audio", "font", "image", "message", "model", "multipart", "text", "video", "*"];

declare_rule! {
    /// ## What it does
    /// Reports an entry of `consumes` or `produces` (the document's or an operation's) that is
    /// not a well-formed MIME type (`type/subtype` made of token characters, optionally
    /// followed by `;name=value` parameters), or whose top-level type is not a registered one
    /// (`application`, `audio`, `font`, `image`, `message`, `model`, `multipart`, `text`,
    /// `video`, or `*`).
    ///
    /// ## Why is this bad?
    /// The platform sends the `Content-Type` and `Accept` headers from these lists and picks
    /// the serializer from them; a malformed or unknown type makes the request fail or the
    /// body unreadable. Microsoft's Swagger Validator rejects both.
    ///
    /// ## Severity
    /// Malformed or unsupported media types in `consumes`/`produces` are validator errors:
    /// `MimeTypeNotValid` and `MimeTypeNotSupported`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "consumes": ["json"], "produces": ["app/json"] }
    /// ```
    /// Use instead:
    /// ```json
    /// { "consumes": ["application/json"], "produces": ["application/json"] }
    /// ```
    pub MimeTypeInvalid {
        id: "mime-type-invalid",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["MimeTypeNotValid", "MimeTypeNotSupported"],
        summary: "A consumes or produces entry is not a valid, supported MIME type",
        visits: [Connector],
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Why `mime` is not acceptable, if it is not.
fn problem(mime: &str) -> Option<String> {
    let mut parts = mime.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    let well_formed = essence.split_once('/').is_some_and(|(t, s)| is_token(t) && is_token(s))
        && parts.all(|p| p.trim().split_once('=').is_some_and(|(n, v)| is_token(n.trim()) && !v.trim().is_empty()));
    if !well_formed {
        return Some(format!("`{mime}` is not a MIME type of the form `type/subtype`"));
    }
    let top = essence.split('/').next().unwrap_or_default().to_ascii_lowercase();
    (!TOP_LEVEL_TYPES.contains(&top.as_str())).then(|| format!("`{mime}` has the unknown top-level type `{top}`"))
}

/// Checks the entries of one `consumes` or `produces` list. `fine` holds the values already
/// found acceptable: most operations repeat the same few (`application/json`).
fn check_list<'a>(list: Option<&Vec<Str<'a>>>, fine: &mut Vec<&'a str>, cx: &mut Context<'_, '_>) {
    for entry in list.into_iter().flatten() {
        if fine.contains(&entry.value) {
            continue;
        }
        match problem(entry.value) {
            None => fine.push(entry.value),
            Some(message) => {
                cx.report_swagger(entry.span, message)
                    .help("use a registered MIME type such as `application/json`, `text/plain` or `multipart/form-data`");
            }
        }
    }
}

impl Rule for MimeTypeInvalid {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let mut fine = Vec::new();
        check_list(swagger.consumes.as_ref(), &mut fine, cx);
        check_list(swagger.produces.as_ref(), &mut fine, cx);
        for op in &swagger.operations {
            check_list(op.consumes.as_ref(), &mut fine, cx);
            check_list(op.produces.as_ref(), &mut fine, cx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_entry() {
        let text = r#"{"consumes": ["json", ""],
"paths": {"/a": {"get": {
  "produces": ["app/json", "text/plain; charset"]
}}}}"#;
        assert_eq!(
            messages(&MimeTypeInvalid, swagger(text)),
            [
                "1:15 `json` is not a MIME type of the form `type/subtype`",
                "1:23 `` is not a MIME type of the form `type/subtype`",
                "3:16 `app/json` has the unknown top-level type `app`",
                "3:28 `text/plain; charset` is not a MIME type of the form `type/subtype`",
            ]
        );
    }

    #[test]
    fn a_repeated_bad_entry_is_reported_each_time_and_a_good_one_never() {
        let text = r#"{"consumes": ["application/json", "json"],
"paths": {"/a": {"get": {"consumes": ["json", "application/json"], "produces": ["application/json"]}}}}"#;
        assert_eq!(positions(&MimeTypeInvalid, swagger(text)), ["apiDefinition.swagger.json:1:35", "apiDefinition.swagger.json:2:39"]);
    }

    #[test]
    fn silent_on_real_types() {
        let text = r#"{"consumes": ["application/json", "application/*+json", "*/*", "Text/Plain"],
"paths": {"/a": {"get": {
  "produces": ["application/json; odata.metadata=minimal; odata.streaming=true", "image/png", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
}}}}"#;
        assert_silent(&MimeTypeInvalid, swagger(text));
    }
}
