use super::{field, one_of, place, shown};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::spec::ViolationKind;

declare_rule! {
    /// ## What it does
    /// Reports what else the Swagger 2.0 specification's schema forbids:
    /// - a key an object may not have (`paths` keys must start with `/`, `responses` keys are
    ///   three-digit codes or `default`, and every fixed object takes only its own fields and
    ///   `x-` extensions), with the nearest valid key;
    /// - a `host` with a scheme, path or braces, a `basePath` not starting with `/`;
    /// - an empty list where one item is needed (`required`, `enum`, `allOf`), a repeated item
    ///   where items must be unique (`schemes`, `tags`, `required`, `enum`, `parameters`);
    /// - an empty `responses` object, or one holding only extensions;
    /// - a negative length or count (`maxLength`, `minItems`), a `multipleOf` of 0 or less.
    ///
    /// Keys that `unknown-property` reports, and constraints with a rule of their own (such as
    /// `host-invalid`), are reported by those rules only.
    ///
    /// ## Why is this bad?
    /// Microsoft's Swagger Validator rejects a document that breaks the specification's schema,
    /// and tools that read it disagree on what it means.
    ///
    /// ## Severity
    /// The validator reports keys outside an object's fields as `AdditionalPropertyNotAllowed`,
    /// and an empty `schemes` or repeated items as `SchemesArrayEmpty` and
    /// `ArrayDuplicateValue` (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// "paths": { "items": { "get": { "responses": { "20": { "description": "OK" } } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// "paths": { "/items": { "get": { "responses": { "200": { "description": "OK" } } } } }
    /// ```
    pub SpecConstraintViolated {
        id: "spec-constraint-violated",
        category: Spec,
        severity: Error,
        profile: Base,
        ms_names: ["AdditionalPropertyNotAllowed"],
        summary: "A key, pattern, count or uniqueness constraint of the Swagger 2.0 specification is broken",
        visits: [Connector],
    }
}

impl Rule for SpecConstraintViolated {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        for violation in cx.spec_violations() {
            let node = violation.node;
            let key = field(violation);
            let within = place(violation.definition);
            // What is wrong with a whole object is reported at its key, as other rules do.
            let member_span = violation.key.filter(|_| violation.at_key).map_or(node.span, |k| k.span);
            let (span, message, help) = match &violation.kind {
                ViolationKind::Property { allowed, .. } => {
                    let Some(name) = violation.key else { continue };
                    let text = &*name.text;
                    let (message, help) = match violation.definition {
                        Some("paths") => (format!("path `{text}` does not start with `/`"), format!("write `/{text}`")),
                        Some("responses") => (
                            format!("`{text}` is not a response code"),
                            "use a three-digit HTTP status code, `default`, or an `x-` extension".to_string(),
                        ),
                        _ => {
                            let help = match crate::suggest::closest(text, allowed.iter().copied()) {
                                Some(near) => format!("did you mean `{near}`?"),
                                None if allowed.is_empty() => "remove it".to_string(),
                                None => format!("{within} takes {}, and `x-` extensions", one_of(allowed)),
                            };
                            (format!("`{text}` is not a field of {within}"), help)
                        }
                    };
                    (name.span, message, help)
                }
                ViolationKind::Pattern(pattern) => {
                    let (message, help) = match violation.key.map(|k| &*k.text) {
                        Some("host") => (
                            format!("`host` `{}` is not a host name with an optional port", shown(node)),
                            "leave out the scheme, the path and any `{...}`: `api.contoso.com` or `api.contoso.com:8443`".to_string(),
                        ),
                        Some("basePath") => ("`basePath` does not start with `/`".to_string(), format!("write `/{}`", shown(node))),
                        _ => (
                            format!("{key} `{}` does not match the pattern `{pattern}`", shown(node)),
                            format!("write a value that matches `{pattern}`"),
                        ),
                    };
                    (node.span, message, help)
                }
                ViolationKind::MinItems(min) => (
                    node.span,
                    format!("{key} needs at least {min} item{}", if *min == 1 { "" } else { "s" }),
                    format!("add an item, or remove {key}"),
                ),
                ViolationKind::Duplicate(first) => (
                    node.span,
                    format!("{key} repeats item {first} (`{}`)", shown(node)),
                    "remove the repeated item: the items must be unique".to_string(),
                ),
                ViolationKind::MinProperties(_) => (member_span, format!("{key} is empty"), "describe at least one response".to_string()),
                ViolationKind::Forbidden => (
                    member_span,
                    format!("{key} holds only extensions"),
                    "describe at least one response: a three-digit status code or `default`".to_string(),
                ),
                ViolationKind::Minimum(limit, exclusive) => {
                    let bound = if *exclusive { format!("greater than {limit}") } else { format!("at least {limit}") };
                    (node.span, format!("{key} must be {bound}, found {}", shown(node)), format!("write a value {bound}"))
                }
                ViolationKind::Type(_) | ViolationKind::Enum(_) | ViolationKind::Required(_) => continue,
            };
            cx.report_swagger(span, message).help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_at_each_place() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "https://api.contoso.com/v1", "basePath": "v1",
"schemes": ["https", "https"], "paths": {"items": {}, "/a": {"get": {"responses": {}}}, "/b": {"get": {"responses": {"x-a": 1}}},
"/c": {"get": {"produce": [], "responses": {"20": {"description": "d"}}, "parameters": [{"name": "q", "in": "query", "type": "string", "maxLength": -1}]}}},
"definitions": {"D": {"type": "object", "required": [], "enum": ["a", "a"]}}}"#;
        assert_eq!(
            messages(&SpecConstraintViolated, swagger(text)),
            [
                "1:68 `host` `https://api.contoso.com/v1` is not a host name with an optional port",
                "1:110 `basePath` does not start with `/`",
                "2:22 `schemes` repeats item 0 (`https`)",
                "2:42 path `items` does not start with `/`",
                "2:70 `responses` is empty",
                "2:104 `responses` holds only extensions",
                "3:16 `produce` is not a field of an operation",
                "3:45 `20` is not a response code",
                "3:149 `maxLength` must be at least 0, found -1",
                "4:53 `required` needs at least 1 item",
                "4:71 `enum` repeats item 0 (`a`)",
            ]
        );
    }

    #[test]
    fn helps_with_the_nearest_key() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {"/c": {"get": {"produce": [], "responses": {"200": {"description": "d"}}}}}}"#;
        let helps: Vec<String> = run(&SpecConstraintViolated, swagger(text)).into_iter().filter_map(|f| f.help).collect();
        assert_eq!(helps, ["did you mean `produces`?"]);
    }

    #[test]
    fn silent_on_a_conforming_document() {
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "api.contoso.com:8443", "basePath": "/v1",
"schemes": ["https"], "paths": {"/c": {"x-ms-notification-content": {}, "get": {"produces": [], "responses": {"200": {"description": "d"}, "x-note": 1},
"parameters": [{"name": "q", "in": "query", "type": "string", "maxLength": 0}]}}, "x-any": 1},
"definitions": {"D": {"type": "object", "required": ["a"], "enum": ["a", "b"], "x-ms-summary": "x"}}}"#;
        assert_silent(&SpecConstraintViolated, swagger(text));
    }
}
