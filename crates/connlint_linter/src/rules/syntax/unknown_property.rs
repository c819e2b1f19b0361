use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::suggest::closest;
use connlint_core::json::{Member, Node};
use connlint_core::model::keywords::UNSUPPORTED_KEYWORDS;
use connlint_core::model::members;
use connlint_core::model::swagger::{is_value_keyword, VALUE_KEYWORDS};

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
        self.owns(key) || (self.has_value_keywords() && is_value_keyword(key))
    }

    fn has_value_keywords(self) -> bool {
        matches!(self, Kind::Parameter | Kind::Items | Kind::Header)
    }
}

/// Defines [`Kind::own_keys`] and [`Kind::owns`] from one list per kind, so the two cannot
/// disagree. `owns` is a `match` on the literals: it compiles to length checks and inline
/// compares, where `own_keys().contains(..)` called `memcmp` for every key of the same length,
/// and this check runs for every key of the document.
macro_rules! own_keys {
    ($($kind:ident => [$($key:literal),* $(,)?],)*) => {
        impl Kind {
            fn own_keys(self) -> &'static [&'static str] {
                match self {
                    $(Kind::$kind => &[$($key),*],)*
                }
            }

            /// Whether `key` is one of [`Kind::own_keys`].
            fn owns(self, key: &str) -> bool {
                match self {
                    $(Kind::$kind => match key {
                        $($key => true,)*
                        _ => false,
                    },)*
                }
            }
        }
    };
}

own_keys! {
    Root => [
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
    Info => ["title", "description", "termsOfService", "contact", "license", "version"],
    Contact => ["name", "url", "email"],
    License => ["name", "url"],
    PathItem => ["$ref", "get", "put", "post", "delete", "options", "head", "patch", "parameters"],
    Operation => [
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
    Parameter => ["$ref", "name", "in", "description", "required", "schema", "allowEmptyValue"],
    Items => [],
    Header => ["description"],
    Response => ["$ref", "description", "schema", "headers", "examples"],
    Schema => [
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
    SecurityScheme => ["type", "description", "name", "in", "flow", "authorizationUrl", "tokenUrl", "scopes"],
    Tag => ["name", "description", "externalDocs"],
    ExternalDocs => ["description", "url"],
}

/// The objects still to visit, with their kinds. Non-objects are never pushed, so the walk
/// needs no list of children per node.
struct Stack<'a>(Vec<(&'a Node<'a>, Kind)>);

impl<'a> Stack<'a> {
    fn one(&mut self, node: Option<&'a Node<'a>>, kind: Kind) {
        if let Some(node) = node.filter(|n| n.as_object().is_some()) {
            self.0.push((node, kind));
        }
    }

    /// The values of a map of names (ignoring `x-` keys).
    fn map(&mut self, node: Option<&'a Node<'a>>, kind: Kind) {
        for m in node.map(members).unwrap_or_default() {
            if !m.key.text.starts_with("x-") {
                self.one(Some(&m.value), kind);
            }
        }
    }

    /// The items of an array.
    fn list(&mut self, node: Option<&'a Node<'a>>, kind: Kind) {
        for item in node.and_then(Node::as_array).unwrap_or_default() {
            self.one(Some(item), kind);
        }
    }
}

/// Calls `visit` with every object of the document and its kind, in an iterative walk. The
/// order does not matter: findings are sorted by position after the rules run.
fn walk<'a>(root: &'a Node<'a>, mut visit: impl FnMut(&'a [Member<'a>], Kind)) {
    let mut stack = Stack(Vec::with_capacity(64));
    stack.one(Some(root), Kind::Root);
    while let Some((node, kind)) = stack.0.pop() {
        let object = members(node);
        visit(object, kind);
        // The children are the values of a few keys; with duplicate keys the last one counts,
        // as with `Node::get`. One pass over the members finds them all.
        let mut slots: [Option<&'a Node<'a>>; 8] = [None; 8];
        match kind {
            Kind::Root => {
                for m in object {
                    let i = match &*m.key.text {
                        "tags" => 0,
                        "securityDefinitions" => 1,
                        "responses" => 2,
                        "parameters" => 3,
                        "definitions" => 4,
                        "paths" => 5,
                        "externalDocs" => 6,
                        "info" => 7,
                        _ => continue,
                    };
                    slots[i] = Some(&m.value);
                }
                let [tags, security, responses, parameters, definitions, paths, docs, info] = slots;
                stack.list(tags, Kind::Tag);
                stack.map(security, Kind::SecurityScheme);
                stack.map(responses, Kind::Response);
                stack.map(parameters, Kind::Parameter);
                stack.map(definitions, Kind::Schema);
                stack.map(paths, Kind::PathItem);
                stack.one(docs, Kind::ExternalDocs);
                stack.one(info, Kind::Info);
            }
            Kind::Info => {
                stack.one(node.get("license"), Kind::License);
                stack.one(node.get("contact"), Kind::Contact);
            }
            Kind::PathItem => {
                for m in object {
                    match &*m.key.text {
                        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" => stack.one(Some(&m.value), Kind::Operation),
                        "parameters" => slots[0] = Some(&m.value),
                        _ => {}
                    }
                }
                stack.list(slots[0], Kind::Parameter);
            }
            Kind::Operation => {
                for m in object {
                    let i = match &*m.key.text {
                        "responses" => 0,
                        "parameters" => 1,
                        "externalDocs" => 2,
                        _ => continue,
                    };
                    slots[i] = Some(&m.value);
                }
                stack.map(slots[0], Kind::Response);
                stack.list(slots[1], Kind::Parameter);
                stack.one(slots[2], Kind::ExternalDocs);
            }
            Kind::Parameter | Kind::Items | Kind::Header => {
                for m in object {
                    let i = match &*m.key.text {
                        "items" => 0,
                        "schema" => 1,
                        _ => continue,
                    };
                    slots[i] = Some(&m.value);
                }
                stack.one(slots[0], Kind::Items);
                stack.one(slots[1], Kind::Schema);
            }
            Kind::Response => {
                for m in object {
                    let i = match &*m.key.text {
                        "schema" => 0,
                        "headers" => 1,
                        _ => continue,
                    };
                    slots[i] = Some(&m.value);
                }
                stack.one(slots[0], Kind::Schema);
                stack.map(slots[1], Kind::Header);
            }
            Kind::Schema => {
                for m in object {
                    let i = match &*m.key.text {
                        "properties" => 0,
                        "items" => 1,
                        "additionalProperties" => 2,
                        "not" => 3,
                        "allOf" => 4,
                        "anyOf" => 5,
                        "oneOf" => 6,
                        "externalDocs" => 7,
                        _ => continue,
                    };
                    slots[i] = Some(&m.value);
                }
                let [props, items, extra, not, all_of, any_of, one_of, docs] = slots;
                // Property names are the author's, `x-` ones included: every value is a schema.
                for m in props.map(members).unwrap_or_default() {
                    stack.one(Some(&m.value), Kind::Schema);
                }
                match items {
                    Some(items) if items.as_array().is_some() => stack.list(Some(items), Kind::Schema),
                    items => stack.one(items, Kind::Schema),
                }
                stack.one(extra, Kind::Schema);
                stack.one(not, Kind::Schema);
                for combined in [all_of, any_of, one_of] {
                    stack.list(combined, Kind::Schema);
                }
                stack.one(docs, Kind::ExternalDocs);
            }
            Kind::Tag => stack.one(node.get("externalDocs"), Kind::ExternalDocs),
            Kind::Contact | Kind::License | Kind::SecurityScheme | Kind::ExternalDocs => {}
        }
    }
}

impl Rule for UnknownProperty {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        walk(swagger.root, |members, kind| {
            for m in members {
                let key = &*m.key.text;
                // Most keys are known: that test comes first, the extension tests only after it.
                if kind.knows(key) || key.starts_with("x-") || key.as_bytes().get(..5).is_some_and(|p| p.eq_ignore_ascii_case(b"x-ms-")) {
                    continue;
                }
                if kind == Kind::Schema && UNSUPPORTED_KEYWORDS.contains(&key) {
                    continue;
                }
                // A `$ref`'d path item, parameter or response keeps its siblings; ref-sibling-keys reports those.
                let diagnostic = cx.report_swagger(m.key.span, format!("`{key}` is not a valid key of {}", kind.name()));
                match closest(key, kind.keys()) {
                    Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                    None => diagnostic.help("remove it; if it is a custom extension, its name must start with `x-`"),
                };
            }
        });
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
