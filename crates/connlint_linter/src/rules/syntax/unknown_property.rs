use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::rules::schemas::keyword_not_supported::UNSUPPORTED;
use crate::suggest::closest;
use connlint_core::json::Node;
use connlint_core::model::members;
use connlint_core::model::swagger::VALUE_KEYWORDS;

declare_rule! {
    /// ## What it does
    /// Reports a key that Swagger 2.0 does not define for the object it is in and that does
    /// not start with `x-`, in the root, `info`, `contact`, `license`, path items, operations,
    /// parameters, `items`, responses, headers, schemas, security schemes, tags and
    /// `externalDocs`, with the nearest valid key as a suggestion. Names chosen by the author
    /// (paths, property names, definition names, response codes, header names) are not keys
    /// in this sense and are never reported. Schema keywords Swagger 2.0 lacks, such as
    /// `oneOf`, are reported by `keyword-not-supported` instead.
    ///
    /// ## Why is this bad?
    /// An unknown key is ignored, so what it was meant to do does not happen: a misspelt
    /// `requried` leaves the parameter optional, a `title` on a parameter never shows.
    /// Microsoft's validator rejects such keys; a custom one must start with `x-`.
    ///
    /// ## Severity
    /// A key the format does not define (and that is not an `x-` extension) fails validation:
    /// `AdditionalPropertyNotAllowed` and `ExtensionNameNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    /// An import that failed on such a key is reported in
    /// https://github.com/microsoft/PowerPlatformConnectors/issues/3930.
    ///
    /// ## Example
    /// ```json
    /// { "name": "id", "in": "path", "requried": true, "type": "string" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "id", "in": "path", "required": true, "type": "string" }
    /// ```
    pub UnknownProperty {
        id: "unknown-property",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: ["AdditionalPropertyNotAllowed"],
        summary: "An object has a key Swagger 2.0 does not define for it",
        visits: [Connector],
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Info,
    Contact,
    License,
    PathItem,
    Operation,
    Parameter,
    Items,
    Response,
    Header,
    Schema,
    SecurityScheme,
    Tag,
    ExternalDocs,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Root => "the document root",
            Kind::Info => "`info`",
            Kind::Contact => "`contact`",
            Kind::License => "`license`",
            Kind::PathItem => "a path item",
            Kind::Operation => "an operation",
            Kind::Parameter => "a parameter",
            Kind::Items => "an `items` object",
            Kind::Response => "a response",
            Kind::Header => "a header",
            Kind::Schema => "a schema",
            Kind::SecurityScheme => "a security scheme",
            Kind::Tag => "a tag",
            Kind::ExternalDocs => "`externalDocs`",
        }
    }

    /// The keys Swagger 2.0 defines for this object.
    fn keys(self) -> Vec<&'static str> {
        let mut keys = self.own_keys().to_vec();
        if self.has_value_keywords() {
            keys.extend(VALUE_KEYWORDS);
        }
        keys
    }

    /// Whether `key` is one of [`Kind::keys`] (without building the list).
    fn knows(self, key: &str) -> bool {
        self.own_keys().contains(&key) || (self.has_value_keywords() && VALUE_KEYWORDS.contains(&key))
    }

    fn has_value_keywords(self) -> bool {
        matches!(self, Kind::Parameter | Kind::Items | Kind::Header)
    }

    fn own_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Root => &[
                "swagger",
                "info",
                "host",
                "basePath",
                "schemes",
                "consumes",
                "produces",
                "paths",
                "definitions",
                "parameters",
                "responses",
                "securityDefinitions",
                "security",
                "tags",
                "externalDocs",
            ],
            Kind::Info => &["title", "description", "termsOfService", "contact", "license", "version"],
            Kind::Contact => &["name", "url", "email"],
            Kind::License => &["name", "url"],
            Kind::PathItem => &["$ref", "get", "put", "post", "delete", "options", "head", "patch", "parameters"],
            Kind::Operation => &[
                "tags",
                "summary",
                "description",
                "externalDocs",
                "operationId",
                "consumes",
                "produces",
                "parameters",
                "responses",
                "schemes",
                "deprecated",
                "security",
            ],
            Kind::Parameter => &["$ref", "name", "in", "description", "required", "schema", "allowEmptyValue"],
            Kind::Items => &[],
            Kind::Header => &["description"],
            Kind::Response => &["$ref", "description", "schema", "headers", "examples"],
            Kind::Schema => &[
                "$ref",
                "format",
                "title",
                "description",
                "default",
                "multipleOf",
                "maximum",
                "exclusiveMaximum",
                "minimum",
                "exclusiveMinimum",
                "maxLength",
                "minLength",
                "pattern",
                "maxItems",
                "minItems",
                "uniqueItems",
                "maxProperties",
                "minProperties",
                "required",
                "enum",
                "type",
                "items",
                "allOf",
                "properties",
                "additionalProperties",
                "discriminator",
                "readOnly",
                "xml",
                "externalDocs",
                "example",
            ],
            Kind::SecurityScheme => &["type", "description", "name", "in", "flow", "authorizationUrl", "tokenUrl", "scopes"],
            Kind::Tag => &["name", "description", "externalDocs"],
            Kind::ExternalDocs => &["description", "url"],
        }
    }
}

/// The values of a map of names (ignoring `x-` keys).
fn map(node: Option<&Node>) -> Vec<&Node> {
    node.map(|n| members(n).iter().filter(|m| !m.key.text.starts_with("x-")).map(|m| &m.value).collect()).unwrap_or_default()
}

/// The items of an array.
fn list(node: Option<&Node>) -> Vec<&Node> {
    node.and_then(Node::as_array).map(|a| a.iter().collect()).unwrap_or_default()
}

/// Every object of the document with its kind, in an iterative walk.
fn objects<'a>(root: &'a Node) -> Vec<(&'a Node, Kind)> {
    let mut out = Vec::new();
    let mut stack = vec![(root, Kind::Root)];
    while let Some((node, kind)) = stack.pop() {
        if node.as_object().is_none() {
            continue;
        }
        out.push((node, kind));
        let mut push = |nodes: Vec<&'a Node>, kind: Kind| stack.extend(nodes.into_iter().rev().map(|n| (n, kind)));
        let get = |key: &str| node.get(key);
        match kind {
            Kind::Root => {
                push(list(get("tags")), Kind::Tag);
                push(map(get("securityDefinitions")), Kind::SecurityScheme);
                push(map(get("responses")), Kind::Response);
                push(map(get("parameters")), Kind::Parameter);
                push(map(get("definitions")), Kind::Schema);
                push(map(get("paths")), Kind::PathItem);
                push(get("externalDocs").into_iter().collect(), Kind::ExternalDocs);
                push(get("info").into_iter().collect(), Kind::Info);
            }
            Kind::Info => {
                push(get("license").into_iter().collect(), Kind::License);
                push(get("contact").into_iter().collect(), Kind::Contact);
            }
            Kind::PathItem => {
                let operations: Vec<&Node> = members(node)
                    .iter()
                    .filter(|m| matches!(&*m.key.text, "get" | "put" | "post" | "delete" | "options" | "head" | "patch"))
                    .map(|m| &m.value)
                    .collect();
                push(operations, Kind::Operation);
                push(list(get("parameters")), Kind::Parameter);
            }
            Kind::Operation => {
                push(map(get("responses")), Kind::Response);
                push(list(get("parameters")), Kind::Parameter);
                push(get("externalDocs").into_iter().collect(), Kind::ExternalDocs);
            }
            Kind::Parameter | Kind::Items | Kind::Header => {
                push(get("items").into_iter().collect(), Kind::Items);
                push(get("schema").into_iter().collect(), Kind::Schema);
            }
            Kind::Response => {
                push(get("schema").into_iter().collect(), Kind::Schema);
                push(map(get("headers")), Kind::Header);
            }
            Kind::Schema => {
                // One pass over the members; the last of duplicate keys counts, as with `get`.
                let [mut props, mut items, mut extra, mut not, mut all_of, mut any_of, mut one_of, mut docs] = [None; 8];
                for m in members(node) {
                    let slot = match &*m.key.text {
                        "properties" => &mut props,
                        "items" => &mut items,
                        "additionalProperties" => &mut extra,
                        "not" => &mut not,
                        "allOf" => &mut all_of,
                        "anyOf" => &mut any_of,
                        "oneOf" => &mut one_of,
                        "externalDocs" => &mut docs,
                        _ => continue,
                    };
                    *slot = Some(&m.value);
                }
                let mut children: Vec<&Node> = props.map(|p| members(p).iter().map(|m| &m.value).collect()).unwrap_or_default();
                match items {
                    Some(items) if items.as_array().is_some() => children.extend(list(Some(items))),
                    Some(items) => children.push(items),
                    None => {}
                }
                children.extend(extra);
                children.extend(not);
                for combined in [all_of, any_of, one_of] {
                    children.extend(list(combined));
                }
                push(children, Kind::Schema);
                push(docs.into_iter().collect(), Kind::ExternalDocs);
            }
            Kind::Tag => push(get("externalDocs").into_iter().collect(), Kind::ExternalDocs),
            Kind::Contact | Kind::License | Kind::SecurityScheme | Kind::ExternalDocs => {}
        }
    }
    out.sort_by_key(|(n, _)| n.span.start);
    out
}

impl Rule for UnknownProperty {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for (node, kind) in objects(swagger.root) {
            for m in members(node) {
                let key = &*m.key.text;
                let ms_extension = key.as_bytes().get(..5).is_some_and(|p| p.eq_ignore_ascii_case(b"x-ms-"));
                if key.starts_with("x-") || ms_extension || kind.knows(key) {
                    continue;
                }
                let keys = kind.keys();
                if kind == Kind::Schema && UNSUPPORTED.contains(&key) {
                    continue;
                }
                // A `$ref`'d path item, parameter or response keeps its siblings; ref-sibling-keys reports those.
                let diagnostic = cx.report_swagger(m.key.span, format!("`{key}` is not a valid key of {}", kind.name()));
                match closest(key, keys.iter().copied()) {
                    Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                    None => diagnostic.help("remove it; if it is a custom extension, its name must start with `x-`"),
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
    fn fires_on_unknown_keys_by_object_kind() {
        let text = "{\"swagger\": \"2.0\", \"Info\": {},\n\"info\": {\"title\": \"T\", \"contact\": {\"phone\": \"1\"}},\n\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"requried\": true}],\n  \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {\"properties\": {\"title\": {\"type\": \"string\", \"nullable\": true}}}}}}}},\n\"securityDefinitions\": {\"k\": {\"type\": \"apiKey\", \"scope\": \"x\"}}}";
        let found = run(&UnknownProperty, swagger(text));
        assert_eq!(
            messages(&UnknownProperty, swagger(text)),
            [
                "1:20 `Info` is not a valid key of the document root",
                "2:36 `phone` is not a valid key of `contact`",
                "3:70 `requried` is not a valid key of a parameter",
                "4:100 `nullable` is not a valid key of a schema",
                "5:49 `scope` is not a valid key of a security scheme",
            ]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `info`?"));
        assert_eq!(found[2].help.as_deref(), Some("did you mean `required`?"));
    }

    #[test]
    fn silent_on_valid_keys_names_extensions_and_data() {
        let text = r##"{"swagger": "2.0", "x-custom": {"a": 1}, "X-MS-Odd": 1,
            "info": {"title": "T", "version": "1", "license": {"name": "MIT", "url": "https://x"}},
            "paths": {"/a": {"x-ms-notification-content": {}, "parameters": [{"$ref": "#/parameters/p"}],
              "get": {"parameters": [{"name": "q", "in": "query", "type": "array", "items": {"type": "string", "enum": ["a"]}, "x-ms-summary": "Q"}],
                "responses": {"200": {"description": "OK", "headers": {"ETag": {"type": "string", "description": "tag"}},
                  "schema": {"type": "object", "properties": {"nullable": {"type": "string", "example": {"weird": 1}}, "oneOf": {"oneOf": []}}}}}}}},
            "definitions": {"D": {"allOf": [{"xml": {}}], "discriminator": "k", "readOnly": true}},
            "tags": [{"name": "t", "externalDocs": {"url": "https://x"}}]}"##;
        assert_silent(&UnknownProperty, swagger(text));
    }
}
