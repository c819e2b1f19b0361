use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports a response header declared twice under the same response's `headers` with names
    /// that differ only in case (`ETag` and `etag`), at the later one. Header names are
    /// case-insensitive in HTTP. Exactly repeated keys are reported by `duplicate-key`.
    ///
    /// ## Why is this bad?
    /// Both entries describe the same header, so one of them is ignored; Microsoft's validator
    /// requires response header names to be unique.
    ///
    /// ## Severity
    /// Response header names must be unique; duplicates are refused as
    /// `ResponseHeadersAreNotUnique`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "200": { "description": "OK", "headers": { "ETag": { "type": "string" }, "etag": { "type": "string" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "200": { "description": "OK", "headers": { "ETag": { "type": "string" } } } }
    /// ```
    pub ResponseHeaderDuplicate {
        id: "response-header-duplicate",
        category: Responses,
        severity: Error,
        profile: Base,
        ms_names: ["ResponseHeadersAreNotUnique"],
        summary: "A response declares the same header twice in different cases",
        visits: [Connector],
    }
}

impl Rule for ResponseHeaderDuplicate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let inline = swagger.operations.iter().flat_map(|op| op.responses.iter().filter(|r| r.reference.is_none()).map(|r| r.site));
        let shared = swagger.responses.into_iter().flat_map(|r| members(r).iter().map(|m| &m.value));
        let mut responses: Vec<&Node> = inline.chain(shared).collect();
        responses.sort_by_key(|n| n.span.start);
        for response in responses {
            let Some(headers) = response.get("headers") else { continue };
            let list = members(headers);
            for (i, header) in list.iter().enumerate() {
                let name = &*header.key.text;
                if let Some(first) = list[..i].iter().find(|h| h.key.text.eq_ignore_ascii_case(name) && *h.key.text != *name) {
                    cx.report_swagger(
                        header.key.span,
                        format!("response header `{name}` repeats `{}`; header names ignore case", first.key.text),
                    )
                    .help("keep a single declaration of the header")
                    .label(swagger.file, first.key.span, format!("`{}` is first declared here", first.key.text));
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
    fn fires_on_case_variants() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"headers\": {\n  \"ETag\": {},\n  \"etag\": {}\n}}}}}},\n\"responses\": {\"R\": {\"headers\": {\"X-Id\": {}, \"x-id\": {}}}}}";
        assert_eq!(
            messages(&ResponseHeaderDuplicate, swagger(text)),
            [
                "3:3 response header `etag` repeats `ETag`; header names ignore case",
                "5:45 response header `x-id` repeats `X-Id`; header names ignore case",
            ]
        );
    }

    #[test]
    fn silent_on_distinct_headers_and_exact_repeats() {
        let text = r##"{"paths": {"/a": {"get": {"responses": {"200": {"headers": {"ETag": {}, "Location": {}}},
            "201": {"$ref": "#/responses/R"}}}}}, "responses": {"R": {"headers": {"A": {}, "A": {}}}}}"##;
        assert_silent(&ResponseHeaderDuplicate, swagger(text));
    }
}
