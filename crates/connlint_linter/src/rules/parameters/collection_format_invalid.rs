use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a parameter `collectionFormat` that is not one of `csv`, `ssv`, `tsv` and
    /// `pipes`, or that is `multi` on a parameter other than `in: query` or `in: formData`.
    /// A value that is not a string is reported too.
    ///
    /// ## Why is this bad?
    /// The platform cannot serialize an array parameter in an unknown format (and `multi`,
    /// repeating `name=value`, only exists for query strings and forms), so the request is
    /// built wrongly or the import fails. Microsoft's Swagger Validator rejects it.
    ///
    /// ## Severity
    /// An unsupported `collectionFormat` (or `multi` outside query and form data) is refused as
    /// `CollectionFormatValueNotSupported`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "ids", "in": "header", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "ids", "in": "header", "type": "array", "items": { "type": "string" }, "collectionFormat": "csv" }
    /// ```
    pub CollectionFormatInvalid {
        id: "collection-format-invalid",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["CollectionFormatValueNotSupported"],
        summary: "A parameter's collectionFormat is not supported for its location",
        visits: [Parameter],
    }
}

impl Rule for CollectionFormatInvalid {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = p.node.and_then(|n| n.get("collectionFormat")) else { return };
        let Some(value) = node.as_str() else {
            cx.report_swagger(node.span, format!("`collectionFormat` must be a string, found {}", node.json_type().name()))
                .help("use one of `csv`, `ssv`, `tsv`, `pipes` or (query and formData only) `multi`");
            return;
        };
        match value {
            "csv" | "ssv" | "tsv" | "pipes" => {}
            "multi" if p.is_in("query") || p.is_in("formData") || p.location.is_none() => {}
            "multi" => {
                let location = p.location.map_or("?", |l| l.value);
                cx.report_swagger(
                    node.span,
                    format!("`collectionFormat: multi` is not possible for `in: {location}` parameter `{}`", p.display_name()),
                )
                .help("use `csv` (or `ssv`, `tsv`, `pipes`); `multi` only works in query strings and forms");
            }
            other => {
                let d = cx.report_swagger(node.span, format!("`collectionFormat` `{other}` is not supported"));
                match crate::suggest::closest(other, ["csv", "ssv", "tsv", "pipes", "multi"]) {
                    Some(fix) => d.help(format!("did you mean `{fix}`?")),
                    None => d.help("use one of `csv`, `ssv`, `tsv`, `pipes` or (query and formData only) `multi`"),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_value() {
        let text = r#"{"paths": {"/i": {"get": {"parameters": [
  {"name": "a", "in": "query", "type": "array", "collectionFormat": "CSV"},
  {"name": "b", "in": "header", "type": "array", "collectionFormat": "multi"},
  {"name": "c", "in": "query", "type": "array", "collectionFormat": 1}
]}}}}"#;
        assert_eq!(
            messages(&CollectionFormatInvalid, swagger(text)),
            [
                "2:69 `collectionFormat` `CSV` is not supported",
                "3:70 `collectionFormat: multi` is not possible for `in: header` parameter `b`",
                "4:69 `collectionFormat` must be a string, found a number",
            ]
        );
    }

    #[test]
    fn silent_on_supported_formats() {
        let text = r#"{"paths": {"/i": {"post": {"parameters": [
  {"name": "a", "in": "query", "type": "array", "collectionFormat": "multi"},
  {"name": "b", "in": "formData", "type": "array", "collectionFormat": "multi"},
  {"name": "c", "in": "header", "type": "array", "collectionFormat": "pipes"},
  {"name": "d", "in": "path", "required": true, "type": "array", "collectionFormat": "tsv"}
]}}}}"#;
        assert_silent(&CollectionFormatInvalid, swagger(text));
    }
}
