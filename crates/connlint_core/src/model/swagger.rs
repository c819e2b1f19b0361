//! Swagger 2.0 (`apiDefinition.swagger.json`) with the connector extensions.

use super::extensions::{
    read_connector_metadata, read_flag, read_str, ApiAnnotation, Capabilities, DynamicList, DynamicProperties, DynamicSchema, DynamicTree,
    DynamicValues, MetadataEntry, NotificationContent, OpenAiData, Pageable, Place,
};
use super::keywords::{SchemaKeywords, SchemaParts};
use super::{key_str, members, strings_of, Fields, FileId, ShapeErrors, Spanned, Str};
use crate::json::{unescape_pointer_token, Key, Node};
use crate::source::Span;

/// HTTP methods that Swagger 2.0 allows in a path item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
}

impl Method {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "get" => Method::Get,
            "put" => Method::Put,
            "post" => Method::Post,
            "delete" => Method::Delete,
            "options" => Method::Options,
            "head" => Method::Head,
            "patch" => Method::Patch,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
        }
    }
}

/// Defines [`VALUE_KEYWORDS`] and [`is_value_keyword`] from one list, so the two cannot disagree.
macro_rules! value_keywords {
    ($($key:literal),* $(,)?) => {
        /// The keywords that describe the value of a non-body parameter, an `items` object or a
        /// response header directly, where a body parameter uses its `schema` instead (Swagger 2.0).
        pub const VALUE_KEYWORDS: [&str; [$($key),*].len()] = [$($key),*];

        /// Whether `key` is one of [`VALUE_KEYWORDS`]. A `match` on the literals compiles to
        /// length checks and inline compares, where `VALUE_KEYWORDS.contains` calls `memcmp`
        /// for every keyword of the same length; rules ask this for every key of a document.
        pub fn is_value_keyword(key: &str) -> bool {
            matches!(key, $($key)|*)
        }
    };
}

value_keywords![
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
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
    "enum",
    "multipleOf",
];

/// Why a `$ref` could not be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// Points into another file or a URL; connectors must be self-contained.
    External,
    /// Not a valid RFC 6901 pointer fragment (`#/...`).
    InvalidPointer,
    /// The pointer names nothing in this document.
    NotFound,
    /// Following references leads back to where it started.
    Cycle,
}

/// How deep a chain of `$ref`s to `$ref`s is followed before it counts as a cycle.
const MAX_REF_CHAIN: usize = 32;

/// A `$ref` and where it leads.
#[derive(Debug, Clone)]
pub struct Reference<'a> {
    pub target: Str<'a>,
    pub resolved: Result<&'a Node<'a>, RefError>,
}

/// The parsed `apiDefinition.swagger.json`.
#[derive(Debug)]
pub struct Swagger<'a> {
    pub file: FileId,
    pub root: &'a Node<'a>,
    /// `swagger` (must be `"2.0"`); the node, since its type may be wrong.
    pub swagger: Option<&'a Node<'a>>,
    /// `openapi`, present when someone gives connlint an OpenAPI 3 document.
    pub openapi: Option<&'a Node<'a>>,
    pub info: Option<Info<'a>>,
    pub host: Option<Str<'a>>,
    pub base_path: Option<Str<'a>>,
    pub schemes: Option<Spanned<Vec<Str<'a>>>>,
    pub consumes: Option<Vec<Str<'a>>>,
    pub produces: Option<Vec<Str<'a>>>,
    /// The `paths` object.
    pub paths_node: Option<&'a Node<'a>>,
    pub paths: Vec<PathItem<'a>>,
    /// Every operation of every path, in source order.
    pub operations: Vec<Operation<'a>>,
    pub definitions: Option<&'a Node<'a>>,
    pub parameters: Option<&'a Node<'a>>,
    pub responses: Option<&'a Node<'a>>,
    pub security_definitions: Vec<SecurityScheme<'a>>,
    pub security: Option<&'a Node<'a>>,
    pub tags: Option<&'a Node<'a>>,
    pub capabilities: Option<Capabilities<'a>>,
    pub connector_metadata: Option<Spanned<Vec<MetadataEntry<'a>>>>,
    pub shape_errors: ShapeErrors,
    /// What [`Swagger::visit_schemas`] visits, collected once when the model is built: many
    /// rules walk the schemas, and the walk is then done once per connector.
    schema_visits: Vec<SchemaVisit<'a>>,
    /// For each keyword of note (by [`SchemaKeywords::indices`]), the indices in
    /// `schema_visits` of the schemas that have it (see [`Swagger::visit_schemas_with`]).
    schemas_by_keyword: [Vec<u32>; SchemaKeywords::COUNT],
    /// The members of `definitions`, `parameters` and `responses` by name (the last of duplicate
    /// names, as [`Node::get`] finds), so that references resolve without a scan.
    ref_index: [crate::hash::HashMap<&'a str, &'a Node<'a>>; 3],
}

/// The sections of [`Swagger::ref_index`], in its order.
const REF_SECTIONS: [&str; 3] = ["/definitions/", "/parameters/", "/responses/"];

#[derive(Debug, Clone)]
pub struct Info<'a> {
    pub node: &'a Node<'a>,
    pub title: Option<Str<'a>>,
    pub version: Option<Str<'a>>,
    pub description: Option<Str<'a>>,
    pub contact: Option<Contact<'a>>,
    pub api_annotation: Option<ApiAnnotation<'a>>,
}

#[derive(Debug, Clone)]
pub struct Contact<'a> {
    pub node: &'a Node<'a>,
    pub name: Option<Str<'a>>,
    pub url: Option<Str<'a>>,
    pub email: Option<Str<'a>>,
}

#[derive(Debug, Clone)]
pub struct PathItem<'a> {
    pub key: &'a Key<'a>,
    pub node: &'a Node<'a>,
    pub parameters: Vec<Parameter<'a>>,
    pub notification_content: Option<NotificationContent<'a>>,
    /// Indices into [`Swagger::operations`].
    pub operations: std::ops::Range<usize>,
}

impl PathItem<'_> {
    pub fn path(&self) -> &str {
        &self.key.text
    }
}

#[derive(Debug, Clone)]
pub struct Operation<'a> {
    /// Index into [`Swagger::paths`].
    pub path_index: usize,
    pub path: &'a Key<'a>,
    pub method: Method,
    pub method_key: &'a Key<'a>,
    pub node: &'a Node<'a>,
    pub operation_id: Option<Str<'a>>,
    pub summary: Option<Str<'a>>,
    pub description: Option<Str<'a>>,
    pub deprecated: Option<Spanned<bool>>,
    pub consumes: Option<Vec<Str<'a>>>,
    pub produces: Option<Vec<Str<'a>>>,
    /// The operation's own `parameters`.
    pub parameters: Vec<Parameter<'a>>,
    pub responses_node: Option<&'a Node<'a>>,
    pub responses: Vec<Response<'a>>,
    pub visibility: Option<&'a Node<'a>>,
    pub trigger: Option<&'a Node<'a>>,
    pub trigger_hint: Option<Str<'a>>,
    pub pageable: Option<Pageable<'a>>,
    pub api_annotation: Option<ApiAnnotation<'a>>,
    pub no_generic_test: Option<Spanned<bool>>,
    pub openai_data: Option<OpenAiData<'a>>,
}

impl<'a> Operation<'a> {
    pub fn path_str(&self) -> &'a str {
        &self.path.text
    }

    /// The operationId, or `METHOD /path` when there is none, for messages.
    pub fn display_name(&self) -> String {
        match self.operation_id {
            Some(id) => id.value.to_string(),
            None => format!("{} {}", self.method.as_str().to_uppercase(), self.path.text),
        }
    }

    /// Where to point for the operation as a whole: its method key.
    pub fn span(&self) -> Span {
        self.method_key.span
    }

    /// The parameters that apply: the operation's own, plus the path item's that it does not
    /// override (same `name` and `in`).
    pub fn effective_parameters<'s>(&'s self, swagger: &'s Swagger<'a>) -> impl Iterator<Item = &'s Parameter<'a>> {
        let inherited = swagger.paths[self.path_index].parameters.iter().filter(|p| {
            !self.parameters.iter().any(|own| {
                own.name.map(|n| n.value) == p.name.map(|n| n.value) && own.location.map(|l| l.value) == p.location.map(|l| l.value)
            })
        });
        self.parameters.iter().chain(inherited)
    }

    pub fn is_trigger(&self) -> bool {
        self.trigger.is_some()
    }

    /// The success response: the one whose schema the designer shows as the operation's
    /// output. That is the lowest `2xx` code with a schema (`200` when it has one), else the
    /// lowest `2xx` code; codes are compared as written, so `2XX` comes after the digits.
    pub fn success_response(&self) -> Option<&Response<'a>> {
        let lowest = |with_schema: bool| {
            self.responses.iter().filter(|r| r.is_success() && (!with_schema || r.schema.is_some())).min_by(|a, b| a.code().cmp(b.code()))
        };
        lowest(true).or_else(|| lowest(false))
    }
}

/// A parameter as used by an operation or path item, with its `$ref` followed.
#[derive(Debug, Clone)]
pub struct Parameter<'a> {
    /// The item in the `parameters` array (the `$ref` object, if it is one).
    pub site: &'a Node<'a>,
    pub reference: Option<Reference<'a>>,
    /// The parameter object itself, when it could be resolved.
    pub node: Option<&'a Node<'a>>,
    pub name: Option<Str<'a>>,
    pub location: Option<Str<'a>>,
    pub required: Option<Spanned<bool>>,
    pub ty: Option<Str<'a>>,
    pub format: Option<Str<'a>>,
    pub description: Option<Str<'a>>,
    pub summary: Option<Str<'a>>,
    pub schema: Option<&'a Node<'a>>,
    pub default: Option<&'a Node<'a>>,
    pub visibility: Option<&'a Node<'a>>,
    pub url_encoding: Option<Str<'a>>,
    pub dynamic_values: Option<DynamicValues<'a>>,
    pub dynamic_list: Option<DynamicList<'a>>,
    pub dynamic_schema: Option<DynamicSchema<'a>>,
    pub dynamic_properties: Option<DynamicProperties<'a>>,
    pub dynamic_tree: Option<DynamicTree<'a>>,
}

impl Parameter<'_> {
    /// Where to point for this parameter: its `name`, else the item.
    pub fn span(&self) -> Span {
        self.name.map_or(self.site.span, |n| n.span)
    }

    pub fn is_in(&self, location: &str) -> bool {
        self.location.is_some_and(|l| l.value == location)
    }

    pub fn is_required(&self) -> bool {
        self.required.is_some_and(|r| r.value)
    }
}

impl<'a> Parameter<'a> {
    /// Where the parameter is used: the `$ref` value for a referenced parameter (a problem of
    /// its use is in the list that refers to it, not in its definition), else [`Self::span`].
    pub fn use_span(&self) -> Span {
        self.reference.as_ref().map_or_else(|| self.span(), |r| r.target.span)
    }

    /// The parameter's name for messages: `?` when it has none.
    pub fn display_name(&self) -> &'a str {
        self.name.map_or("?", |n| n.value)
    }
}

/// One entry of an operation's `responses`.
#[derive(Debug, Clone)]
pub struct Response<'a> {
    pub code: &'a Key<'a>,
    pub site: &'a Node<'a>,
    pub reference: Option<Reference<'a>>,
    pub node: Option<&'a Node<'a>>,
    pub description: Option<Str<'a>>,
    pub schema: Option<&'a Node<'a>>,
    pub headers: Option<&'a Node<'a>>,
}

impl Response<'_> {
    pub fn code(&self) -> &str {
        &self.code.text
    }

    pub fn is_success(&self) -> bool {
        self.code.text.starts_with('2') && self.code.text.len() == 3
    }
}

/// A `securityDefinitions` entry.
#[derive(Debug, Clone)]
pub struct SecurityScheme<'a> {
    pub key: &'a Key<'a>,
    pub node: &'a Node<'a>,
    pub ty: Option<Str<'a>>,
    pub flow: Option<Str<'a>>,
    pub authorization_url: Option<Str<'a>>,
    pub token_url: Option<Str<'a>>,
    pub scopes: Option<&'a Node<'a>>,
    pub name: Option<Str<'a>>,
    pub location: Option<Str<'a>>,
}

impl<'a> Swagger<'a> {
    /// Builds the model of the swagger whose parsed root is `root`.
    pub fn build(file: FileId, root: &'a Node<'a>) -> Self {
        let mut errors = ShapeErrors::new(file);
        let mut swagger = Swagger {
            file,
            root,
            swagger: None,
            openapi: None,
            info: None,
            host: None,
            base_path: None,
            schemes: None,
            consumes: None,
            produces: None,
            paths_node: None,
            paths: Vec::new(),
            operations: Vec::new(),
            definitions: None,
            parameters: None,
            responses: None,
            security_definitions: Vec::new(),
            security: None,
            tags: None,
            capabilities: None,
            connector_metadata: None,
            shape_errors: ShapeErrors::new(file),
            schema_visits: Vec::new(),
            schemas_by_keyword: Default::default(),
            ref_index: Default::default(),
        };
        let Some(mut f) = Fields::of(root, "document root", &mut errors) else {
            swagger.shape_errors = errors;
            return swagger;
        };
        swagger.swagger = f.any("swagger");
        swagger.openapi = f.any("openapi");
        swagger.host = f.str("host", "host");
        swagger.base_path = f.str("basePath", "basePath");
        swagger.schemes = f.array("schemes", "schemes").map(|n| Spanned::new(strings_of(n, "scheme", f.errors), n.span));
        swagger.consumes = f.strings("consumes", "consumes");
        swagger.produces = f.strings("produces", "produces");
        swagger.definitions = f.object("definitions", "definitions");
        swagger.parameters = f.object("parameters", "parameters");
        swagger.responses = f.object("responses", "responses");
        // Before anything resolves a reference.
        for (index, section) in swagger.ref_index.iter_mut().zip([swagger.definitions, swagger.parameters, swagger.responses]) {
            if let Some(section) = section {
                *index = members(section).iter().map(|m| (&*m.key.text, &m.value)).collect();
            }
        }
        swagger.security = f.array("security", "security");
        swagger.tags = f.array("tags", "tags");
        let info = f.object("info", "info");
        let paths = f.object("paths", "paths");
        let security_definitions = f.object("securityDefinitions", "securityDefinitions");
        let capabilities = f.any("x-ms-capabilities");
        let metadata = f.any("x-ms-connector-metadata");

        swagger.info = info.map(|n| read_info(n, &mut errors));
        swagger.capabilities = capabilities.and_then(|n| Capabilities::read(n, &mut errors));
        swagger.connector_metadata = metadata.map(|n| Spanned::new(read_connector_metadata(n, &mut errors), n.span));
        swagger.security_definitions = security_definitions
            .map(|n| members(n).iter().filter_map(|m| read_security_scheme(&m.key, &m.value, &mut errors)).collect())
            .unwrap_or_default();
        swagger.paths_node = paths;
        if let Some(paths) = paths {
            // Sized up front: an operation is a few hundred bytes, and growing the list one
            // doubling at a time would copy them again and again.
            let methods = |item: &Node<'_>| members(item).iter().filter(|m| Method::parse(&m.key.text).is_some()).count();
            swagger.operations.reserve_exact(members(paths).iter().map(|m| methods(&m.value)).sum());
            swagger.paths.reserve_exact(members(paths).len());
            for member in members(paths) {
                if member.key.text.starts_with("x-") {
                    continue;
                }
                let Some(mut item) = Fields::of(&member.value, "path item", &mut errors) else { continue };
                let notification = item.any("x-ms-notification-content");
                let params = item.array("parameters", "path item parameters");
                let path_index = swagger.paths.len();
                let first_op = swagger.operations.len();
                let path_parameters = params.map(|p| swagger.read_parameters(p, &mut errors)).unwrap_or_default();
                for op_member in members(&member.value) {
                    let Some(method) = Method::parse(&op_member.key.text) else { continue };
                    if let Some(op) = swagger.read_operation(path_index, &member.key, method, &op_member.key, &op_member.value, &mut errors)
                    {
                        swagger.operations.push(op);
                    }
                }
                swagger.paths.push(PathItem {
                    key: &member.key,
                    node: &member.value,
                    parameters: path_parameters,
                    notification_content: notification.and_then(|n| NotificationContent::read(n, &mut errors)),
                    operations: first_op..swagger.operations.len(),
                });
            }
        }
        swagger.shape_errors = errors;
        swagger.schema_visits = swagger.collect_schema_visits();
        for (index, visit) in swagger.schema_visits.iter().enumerate() {
            for keyword in visit.keywords.indices().0 {
                swagger.schemas_by_keyword[keyword].push(index as u32);
            }
        }
        swagger
    }

    /// Every member of every security requirement object (a scheme's name and its scopes): the
    /// top-level `security` first, then each operation's, in source order.
    pub fn security_requirements(&self) -> Vec<&'a crate::json::Member<'a>> {
        let lists = self.security.into_iter().chain(self.operations.iter().filter_map(|op| op.node.get("security")));
        lists.flat_map(|list| list.as_array().unwrap_or_default()).flat_map(|item: &'a Node<'a>| members(item)).collect()
    }

    /// Follows a local `$ref` (`#/definitions/X`, `#/parameters/X`, ...), through chains of
    /// references, stopping at cycles.
    pub fn resolve_ref(&self, target: &str) -> Result<&'a Node<'a>, RefError> {
        let mut current = target;
        // The targets passed through, added only when a reference leads to another: most lead
        // straight to a definition, and then nothing is allocated.
        let mut seen: Vec<&str> = Vec::new();
        loop {
            if seen.contains(&current) || seen.len() >= MAX_REF_CHAIN {
                return Err(RefError::Cycle);
            }
            let node = self.lookup_pointer_ref(current)?;
            match node.get("$ref").and_then(Node::as_str) {
                Some(next) if node.as_object().is_some_and(|m| m.len() == 1) => {
                    seen.push(current);
                    current = next;
                }
                _ => return Ok(node),
            }
        }
    }

    /// Looks up one `#/...` reference without following further references.
    pub fn lookup_pointer_ref(&self, target: &'_ str) -> Result<&'a Node<'a>, RefError> {
        let Some(fragment) = target.strip_prefix('#') else {
            return Err(RefError::External);
        };
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(RefError::InvalidPointer);
        }
        // Every `~` must start `~0` or `~1` (a text without one has nothing to check).
        if fragment.contains('~') && fragment.split('/').any(|t| t.split('~').skip(1).any(|rest| !rest.starts_with(['0', '1']))) {
            return Err(RefError::InvalidPointer);
        }
        let decoded = percent_decode(fragment);
        // `#/definitions/Name` and the like: from the index, when the name needs no unescaping.
        for ((section, index), node) in REF_SECTIONS.iter().zip(&self.ref_index).zip([self.definitions, self.parameters, self.responses]) {
            if let Some(name) = decoded.strip_prefix(section).filter(|name| node.is_some() && !name.bytes().any(|b| b == b'/' || b == b'~'))
            {
                return index.get(name).copied().ok_or(RefError::NotFound);
            }
        }
        self.root.pointer(&decoded).ok_or(RefError::NotFound)
    }

    fn reference(&self, node: &'a Node<'a>) -> Option<Reference<'a>> {
        let target = node.get("$ref")?;
        let text = target.as_str()?;
        Some(Reference { target: Spanned::new(text, target.span), resolved: self.resolve_ref(text) })
    }

    fn read_parameters(&self, array: &'a Node<'a>, errors: &mut ShapeErrors) -> Vec<Parameter<'a>> {
        array.as_array().unwrap_or_default().iter().filter_map(|site| self.read_parameter(site, errors)).collect()
    }

    fn read_parameter(&self, site: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Parameter<'a>> {
        Fields::of(site, "parameter", errors)?;
        let reference = self.reference(site);
        let node = match &reference {
            Some(r) => r.resolved.as_ref().ok().copied().filter(|n| n.as_object().is_some()),
            None => Some(site),
        };
        let mut p = Parameter {
            site,
            reference,
            node,
            name: None,
            location: None,
            required: None,
            ty: None,
            format: None,
            description: None,
            summary: None,
            schema: None,
            default: None,
            visibility: None,
            url_encoding: None,
            dynamic_values: None,
            dynamic_list: None,
            dynamic_schema: None,
            dynamic_properties: None,
            dynamic_tree: None,
        };
        // Shape errors of a referenced parameter are reported where it is defined (under
        // `#/parameters`), not once per use.
        let mut scratch = ShapeErrors::new(errors.file);
        let errors = if p.reference.is_some() { &mut scratch } else { errors };
        if let Some(node) = node {
            let m = ParameterMembers::of(node);
            let mut f = Fields { node, errors };
            p.name = f.str_of(m.name, "parameter name");
            p.location = f.str_of(m.location, "parameter `in`");
            p.required = f.bool_of(m.required, "parameter required");
            p.ty = f.str_of(m.ty, "parameter type");
            p.format = f.str_of(m.format, "parameter format");
            p.description = f.str_of(m.description, "parameter description");
            p.summary = f.str_of(m.summary, "x-ms-summary");
            p.schema = f.object_of(m.schema, "parameter schema");
            p.default = m.default;
            p.visibility = m.visibility;
            p.url_encoding = f.str_of(m.url_encoding, "x-ms-url-encoding");
            p.dynamic_values = m.dynamic_values.and_then(|n| DynamicValues::read(n, errors));
            p.dynamic_list = m.dynamic_list.and_then(|n| DynamicList::read(n, errors));
            p.dynamic_schema = m.dynamic_schema.and_then(|n| DynamicSchema::read(n, errors));
            p.dynamic_properties = m.dynamic_properties.and_then(|n| DynamicProperties::read(n, errors));
            p.dynamic_tree = m.dynamic_tree.and_then(|n| DynamicTree::read(n, errors));
        }
        Some(p)
    }

    fn read_operation(
        &self,
        path_index: usize,
        path: &'a Key<'a>,
        method: Method,
        method_key: &'a Key<'a>,
        node: &'a Node<'a>,
        errors: &mut ShapeErrors,
    ) -> Option<Operation<'a>> {
        let mut f = Fields::of(node, "operation", errors)?;
        let m = OperationMembers::of(node);
        let operation_id = f.str_of(m.operation_id, "operationId");
        let summary = f.str_of(m.summary, "operation summary");
        let description = f.str_of(m.description, "operation description");
        let deprecated = f.bool_of(m.deprecated, "deprecated");
        let consumes = f.strings_of(m.consumes, "consumes");
        let produces = f.strings_of(m.produces, "produces");
        let params = f.array_of(m.parameters, "operation parameters");
        let responses_node = f.object_of(m.responses, "responses");
        let trigger_hint = f.str_of(m.trigger_hint, "x-ms-trigger-hint");
        let OperationMembers { visibility, trigger, pageable, annotation, no_generic_test, openai, .. } = m;
        let responses = responses_node
            .map(|r| {
                members(r)
                    .iter()
                    .filter(|m| !m.key.text.starts_with("x-"))
                    .filter_map(|m| self.read_response(&m.key, &m.value, errors))
                    .collect()
            })
            .unwrap_or_default();
        Some(Operation {
            path_index,
            path,
            method,
            method_key,
            node,
            operation_id,
            summary,
            description,
            deprecated,
            consumes,
            produces,
            parameters: params.map(|p| self.read_parameters(p, errors)).unwrap_or_default(),
            responses_node,
            responses,
            visibility,
            trigger,
            trigger_hint,
            pageable: pageable.and_then(|n| Pageable::read(n, errors)),
            api_annotation: annotation.and_then(|n| ApiAnnotation::read(n, errors)),
            no_generic_test: no_generic_test.and_then(|n| read_flag(n, "x-ms-no-generic-test", errors)),
            openai_data: openai.and_then(|n| OpenAiData::read(n, errors)),
        })
    }

    fn read_response(&self, code: &'a Key<'a>, site: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Response<'a>> {
        Fields::of(site, "response", errors)?;
        let reference = self.reference(site);
        let node = match &reference {
            Some(r) => r.resolved.as_ref().ok().copied().filter(|n| n.as_object().is_some()),
            None => Some(site),
        };
        let mut response = Response { code, site, reference, node, description: None, schema: None, headers: None };
        if let Some(node) = node {
            let mut f = Fields { node, errors };
            response.description = f.str("description", "response description");
            response.schema = f.object("schema", "response schema");
            response.headers = f.object("headers", "response headers");
        }
        Some(response)
    }

    /// The operation with this exact operationId.
    pub fn operation_by_id(&self, id: &str) -> Option<&Operation<'a>> {
        self.operations.iter().find(|op| op.operation_id.is_some_and(|o| o.value == id))
    }

    /// Walks every schema in the document once (definitions, body parameters, responses,
    /// notification content and everything nested in them), without following `$ref`s.
    pub fn visit_schemas<'s>(&'s self, mut visit: impl FnMut(&SchemaVisit<'a>)) {
        for item in &self.schema_visits {
            visit(item);
        }
    }

    /// The schemas [`Swagger::visit_schemas`] visits that have one of `keywords`, in its order.
    /// The schemas with each keyword of note are listed when the model is built, so that a rule
    /// that looks for one keyword is handed its few schemas rather than testing every one.
    pub fn visit_schemas_with(&self, keywords: SchemaKeywords, mut visit: impl FnMut(&SchemaVisit<'a>)) {
        let (indices, complete) = keywords.indices();
        if !complete {
            return self.visit_schemas(|v| {
                if v.keywords.any(keywords) {
                    visit(v);
                }
            });
        }
        let mut lists = indices.map(|keyword| &self.schemas_by_keyword[keyword]);
        let mut visit_all = |list: &[u32]| list.iter().for_each(|&index| visit(&self.schema_visits[index as usize]));
        match (lists.next(), lists.next()) {
            (None, _) => {}
            (Some(only), None) => visit_all(only),
            // A schema with several of the keywords comes once, in its place.
            (Some(first), Some(second)) => {
                let mut merged: Vec<u32> = first.iter().chain(second).chain(lists.flatten()).copied().collect();
                merged.sort_unstable();
                merged.dedup();
                visit_all(&merged);
            }
        }
    }

    /// Every schema [`Swagger::visit_schemas`] visits, in its order.
    fn collect_schema_visits(&self) -> Vec<SchemaVisit<'a>> {
        let mut out = Vec::new();
        let mut stack: Vec<SchemaVisit<'a>> = Vec::new();
        if let Some(defs) = self.definitions {
            for m in members(defs).iter().rev() {
                stack.push(SchemaVisit::root(&m.value, SchemaRole::Definition, None, Some(&m.key)));
            }
        }
        if let Some(params) = self.parameters {
            for m in members(params).iter().rev() {
                if let Some(schema) = m.value.get("schema") {
                    stack.push(SchemaVisit::root(schema, SchemaRole::Input, None, None));
                }
            }
        }
        if let Some(responses) = self.responses {
            for m in members(responses).iter().rev() {
                if let Some(schema) = m.value.get("schema") {
                    stack.push(SchemaVisit::root(schema, SchemaRole::Output, None, None));
                }
            }
        }
        for path in self.paths.iter().rev() {
            if let Some(schema) = path.notification_content.as_ref().and_then(|n| n.schema) {
                stack.push(SchemaVisit::root(schema, SchemaRole::Output, None, None));
            }
            for p in path.parameters.iter().rev().filter(|p| p.reference.is_none()) {
                if let Some(schema) = p.schema {
                    stack.push(SchemaVisit::root(schema, SchemaRole::Input, None, None));
                }
            }
        }
        for (i, op) in self.operations.iter().enumerate().rev() {
            for r in op.responses.iter().rev().filter(|r| r.reference.is_none()) {
                if let Some(schema) = r.schema {
                    stack.push(SchemaVisit::root(schema, SchemaRole::Output, Some(i), None));
                }
            }
            for p in op.parameters.iter().rev().filter(|p| p.reference.is_none()) {
                if let Some(schema) = p.schema {
                    stack.push(SchemaVisit::root(schema, SchemaRole::Input, Some(i), None));
                }
            }
        }
        // Sort the roots back into source order, then walk depth-first.
        stack.sort_by_key(|v| std::cmp::Reverse(v.node.span.start));
        // The nested schemas of one schema, in order, before they go on the stack reversed.
        let mut children: Vec<SchemaVisit<'a>> = Vec::new();
        while let Some(mut visit_item) = stack.pop() {
            let Some(schema_members) = visit_item.node.as_object() else { continue };
            // One pass over the members for the nested schemas and the keywords of note.
            let mut keywords = SchemaKeywords::default();
            let parts = SchemaParts::of(schema_members, |key| keywords |= SchemaKeywords::of_key(key));
            visit_item.keywords = keywords;
            out.push(visit_item);
            parts.each_nested(|node, name| {
                children.push(SchemaVisit { node, name, depth: visit_item.depth + 1, keywords: SchemaKeywords::default(), ..visit_item })
            });
            stack.extend(children.drain(..).rev());
        }
        out
    }
}

/// What a schema describes, for rules whose advice differs between input and output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaRole {
    /// Under `definitions` (may be used as input or output).
    Definition,
    /// A request body (or inside one).
    Input,
    /// A response body (or inside one).
    Output,
}

/// One schema object met by [`Swagger::visit_schemas`].
#[derive(Debug, Clone, Copy)]
pub struct SchemaVisit<'a> {
    pub node: &'a Node<'a>,
    pub role: SchemaRole,
    /// Index into [`Swagger::operations`] for schemas inline in an operation.
    pub operation: Option<usize>,
    /// The property or definition name this schema is the value of.
    pub name: Option<&'a Key<'a>>,
    /// 0 for a root schema, then +1 per nesting level.
    pub depth: u32,
    /// The keywords of note it has: when the one a rule looks for is not here, the rule need
    /// not search the members.
    pub keywords: SchemaKeywords,
}

impl<'a> SchemaVisit<'a> {
    /// A schema that no other schema holds (a definition, a body, a response's), before its
    /// keywords are sorted out.
    fn root(node: &'a Node<'a>, role: SchemaRole, operation: Option<usize>, name: Option<&'a Key<'a>>) -> Self {
        SchemaVisit { node, role, operation, name, depth: 0, keywords: SchemaKeywords::default() }
    }

    pub fn place(&self) -> Place {
        Place::Schema
    }
}

/// A struct holding the members of an object that the model reads, one field per key, and its
/// `of`, which finds them with [`Node::get_each`] in one pass over the object's members: a `get`
/// per field would scan every member again for each field, and connectors have thousands of
/// parameters and operations.
macro_rules! object_members {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $key:literal,)* }) => {
        $(#[$doc])*
        struct $name<'a> {
            $($field: Option<&'a Node<'a>>,)*
        }

        impl<'a> $name<'a> {
            fn of(node: &'a Node<'a>) -> Self {
                let [$($field),*] = node.get_each([$($key),*]);
                Self { $($field),* }
            }
        }
    };
}

object_members! {
    /// The members of a parameter object that the model reads.
    ParameterMembers {
        name: "name",
        location: "in",
        required: "required",
        ty: "type",
        format: "format",
        description: "description",
        summary: "x-ms-summary",
        schema: "schema",
        default: "default",
        visibility: "x-ms-visibility",
        url_encoding: "x-ms-url-encoding",
        dynamic_values: "x-ms-dynamic-values",
        dynamic_list: "x-ms-dynamic-list",
        dynamic_schema: "x-ms-dynamic-schema",
        dynamic_properties: "x-ms-dynamic-properties",
        dynamic_tree: "x-ms-dynamic-tree",
    }
}

object_members! {
    /// The members of an operation object that the model reads.
    OperationMembers {
        operation_id: "operationId",
        summary: "summary",
        description: "description",
        deprecated: "deprecated",
        consumes: "consumes",
        produces: "produces",
        parameters: "parameters",
        responses: "responses",
        visibility: "x-ms-visibility",
        trigger: "x-ms-trigger",
        trigger_hint: "x-ms-trigger-hint",
        pageable: "x-ms-pageable",
        annotation: "x-ms-api-annotation",
        no_generic_test: "x-ms-no-generic-test",
        openai: "x-ms-openai-data",
    }
}

fn read_info<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Info<'a> {
    let Some(mut f) = Fields::of(node, "info", errors) else {
        return Info { node, title: None, version: None, description: None, contact: None, api_annotation: None };
    };
    let title = f.str("title", "info title");
    let version = f.str("version", "info version");
    let description = f.str("description", "info description");
    let contact = f.object("contact", "info contact");
    let annotation = f.any("x-ms-api-annotation");
    let contact = contact.and_then(|c| {
        let mut f = Fields::of(c, "contact", errors)?;
        Some(Contact {
            node: c,
            name: f.str("name", "contact name"),
            url: f.str("url", "contact url"),
            email: f.str("email", "contact email"),
        })
    });
    Info { node, title, version, description, contact, api_annotation: annotation.and_then(|n| ApiAnnotation::read(n, errors)) }
}

fn read_security_scheme<'a>(key: &'a Key<'a>, node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<SecurityScheme<'a>> {
    let mut f = Fields::of(node, "security definition", errors)?;
    Some(SecurityScheme {
        key,
        node,
        ty: f.str("type", "security definition type"),
        flow: f.str("flow", "security definition flow"),
        authorization_url: f.str("authorizationUrl", "authorizationUrl"),
        token_url: f.str("tokenUrl", "tokenUrl"),
        scopes: f.object("scopes", "scopes"),
        name: f.str("name", "security definition name"),
        location: f.str("in", "security definition `in`"),
    })
}

/// Decodes `%XX` escapes in a `$ref` fragment (RFC 3986), leaving bad escapes as they are.
pub fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or_else(|_| s.into(), Into::into)
}

/// The last token of a `#/definitions/X`-style reference, unescaped.
pub fn ref_name(target: &str) -> std::borrow::Cow<'_, str> {
    unescape_pointer_token(target.rsplit('/').next().unwrap_or(target))
}

/// A key as a spanned string (re-exported for rules).
pub fn key_of<'a>(key: &'a Key<'a>) -> Str<'a> {
    key_str(key)
}

/// The `x-ms-summary` of any object node, when it is a string.
pub fn x_ms_summary<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Str<'a>> {
    node.get("x-ms-summary").and_then(|n| read_str(n, "x-ms-summary", errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_schema_visit_knows_its_keywords_of_note() {
        let text = r#"{"definitions": {
  "A": {"type": "object", "x-ms-editor": "dictionary", "required": ["b"], "discriminator": "b", "properties": {
    "b": {"type": "string", "format": "date", "enum": ["x"], "default": "x", "minLength": 1, "pattern": "x"},
    "c": {"allOf": [{"example": 1, "x-ms-capabilities": {}, "x-ms-enum-values": []}], "description": "no keyword of note"}}},
  "D": {"anyOf": [], "uniqueItems": true, "title": "D"}
}}"#;
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let mut seen = Vec::new();
        swagger.visit_schemas(|v| seen.push(v.keywords));
        use SchemaKeywords as K;
        assert_eq!(
            seen,
            [
                K::TYPE | K::X_MS_EDITOR | K::REQUIRED | K::DISCRIMINATOR | K::PROPERTIES,
                K::TYPE | K::FORMAT | K::ENUM | K::DEFAULT | K::BOUNDS | K::PATTERN,
                K::ALL_OF,
                K::EXAMPLE | K::X_MS_CAPABILITIES | K::X_MS_ENUM_VALUES,
                K::UNSUPPORTED,
            ]
        );
        assert!(seen[1].any(K::ENUM | K::REQUIRED) && !seen[2].any(K::TYPE | K::BOUNDS));
        // The schemas with one of some keywords, each once and in visit order, as a filter of
        // every visit finds them.
        let count_with = |keywords: SchemaKeywords| {
            let mut handed = Vec::new();
            swagger.visit_schemas_with(keywords, |v| handed.push(v.node.span));
            let mut filtered = Vec::new();
            swagger.visit_schemas(|v| {
                if v.keywords.any(keywords) {
                    filtered.push(v.node.span);
                }
            });
            assert_eq!(handed, filtered, "{keywords:?}");
            handed.len()
        };
        assert_eq!(count_with(K::TYPE), 2);
        assert_eq!(count_with(K::UNSUPPORTED), 1);
        assert_eq!(count_with(K::X_MS_DYNAMIC), 0);
        assert_eq!(count_with(K::TYPE | K::EXAMPLE | K::ENUM), 3, "the schema with two of them comes once");
        assert_eq!(count_with(K::default()), 0);
        assert_eq!(count_with(K::UNKNOWN), 5);
    }

    #[test]
    fn value_keywords_are_matched_exactly() {
        assert!(VALUE_KEYWORDS.iter().all(|k| is_value_keyword(k)));
        for other in ["schema", "name", "Type", "type ", "", "allowEmptyValue", "readOnly"] {
            assert!(!is_value_keyword(other), "{other}");
        }
    }
    use crate::json::parse;

    #[test]
    fn the_success_response_is_the_lowest_2xx_with_a_schema_else_the_lowest_2xx() {
        let code = |responses: &str| {
            let text = format!(r#"{{"paths": {{"/a": {{"get": {{"responses": {responses}}}}}}}}}"#);
            let root = parse(&text).root.unwrap();
            let swagger = Swagger::build(FileId(0), &root);
            swagger.operations[0].success_response().map(|r| r.code().to_string())
        };
        let s = r#"{"description": "", "schema": {}}"#;
        assert_eq!(code(&format!(r#"{{"202": {s}, "201": {s}, "200": {{"description": ""}}}}"#)).as_deref(), Some("201"));
        assert_eq!(code(&format!(r#"{{"2XX": {s}, "200": {s}}}"#)).as_deref(), Some("200"));
        assert_eq!(code(r#"{"204": {}, "202": {}, "400": {"schema": {}}}"#).as_deref(), Some("202"));
        assert_eq!(code(r#"{"default": {"schema": {}}}"#), None);
    }

    #[test]
    fn operation_and_parameter_fields_take_the_last_of_duplicate_keys_and_report_wrong_shapes_in_order() {
        let text = r#"{"paths": {"/a": {"get": {
            "summary": "first", "operationId": 7, "summary": "second", "deprecated": "yes",
            "parameters": [{"name": "a", "in": "query", "name": "b", "required": "no", "type": 3, "x-ms-summary": "S"}]}}}}"#;
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let op = &swagger.operations[0];
        assert_eq!(op.summary.map(|s| s.value), Some("second"));
        assert_eq!(op.operation_id, None);
        let p = &op.parameters[0];
        assert_eq!(
            (p.name.map(|n| n.value), p.location.map(|l| l.value), p.summary.map(|s| s.value)),
            (Some("b"), Some("query"), Some("S"))
        );
        assert_eq!((p.required, p.ty), (None, None));
        // In the order the fields are read: the operation's, then its parameters'.
        let fields: Vec<&str> = swagger.shape_errors.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["operationId", "deprecated", "parameter required", "parameter type"]);
    }

    const DOC: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "T", "version": "1.0", "contact": {"email": 5}},
  "host": "example.com",
  "paths": {
    "/items/{id}": {
      "parameters": [{"$ref": "#/parameters/id"}],
      "get": {
        "operationId": "GetItem",
        "summary": "Get item",
        "parameters": [{"name": "q", "in": "query", "type": "string"}],
        "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}, "404": {"$ref": "#/responses/Missing"}}
      },
      "delete": {"responses": {"204": {"description": "gone"}}}
    }
  },
  "parameters": {"id": {"name": "id", "in": "path", "required": true, "type": "string"}},
  "responses": {"Missing": {"description": "not found"}},
  "definitions": {
    "Item": {"type": "object", "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}},
    "Loop": {"$ref": "#/definitions/Loop2"},
    "Loop2": {"$ref": "#/definitions/Loop"}
  }
}"##;

    #[test]
    fn builds_operations_parameters_and_responses() {
        let root = parse(DOC).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        assert_eq!(swagger.info.as_ref().unwrap().title.unwrap().value, "T");
        assert_eq!(swagger.paths.len(), 1);
        assert_eq!(swagger.operations.len(), 2);
        let get = &swagger.operations[0];
        assert_eq!(get.method, Method::Get);
        assert_eq!(get.operation_id.unwrap().value, "GetItem");
        let names: Vec<_> = get.effective_parameters(&swagger).map(|p| p.name.unwrap().value).collect();
        assert_eq!(names, ["q", "id"]);
        let id = get.effective_parameters(&swagger).nth(1).unwrap();
        assert!(id.reference.is_some() && id.is_required() && id.is_in("path"));
        // A parameter written in place is used at its name; a referenced one at its `$ref`.
        let q = get.effective_parameters(&swagger).next().unwrap();
        let at = |text: &str| DOC.find(text).unwrap() as u32;
        assert_eq!((q.use_span().start, id.use_span().start), (at(r#""q""#), at(r##""#/parameters/id""##)));
        assert_eq!((q.display_name(), id.display_name()), ("q", "id"));
        let nameless = Parameter { name: None, ..q.clone() };
        assert_eq!((nameless.display_name(), nameless.use_span()), ("?", q.site.span));
        assert_eq!(get.responses[1].description.unwrap().value, "not found");
        assert_eq!(swagger.operations[1].display_name(), "DELETE /items/{id}");
        // contact.email has the wrong type.
        assert_eq!(swagger.shape_errors.errors.len(), 1);
        assert_eq!(swagger.shape_errors.errors[0].field, "contact email");
    }

    #[test]
    fn security_requirements_are_the_top_level_ones_then_each_operations() {
        let text = r#"{"security": [{"a": []}, {"b": ["s"], "c": []}], "paths": {"/x": {"get": {"security": [{"d": []}], "responses": {}},
            "put": {"responses": {}}}, "/y": {"post": {"security": [], "responses": {}}, "head": {"security": [{"e": ["t"]}]}}}}"#;
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let names: Vec<&str> = swagger.security_requirements().iter().map(|m| &*m.key.text).collect();
        assert_eq!(names, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn resolves_refs_and_detects_cycles_and_external_refs() {
        let root = parse(DOC).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        assert!(swagger.resolve_ref("#/definitions/Item").is_ok());
        assert_eq!(swagger.resolve_ref("#/definitions/Loop"), Err(RefError::Cycle));
        assert_eq!(swagger.resolve_ref("#/definitions/Nope"), Err(RefError::NotFound));
        assert_eq!(swagger.resolve_ref("other.json#/definitions/Item"), Err(RefError::External));
        assert_eq!(swagger.resolve_ref("#/definitions/a~2b"), Err(RefError::InvalidPointer));
        assert_eq!(swagger.resolve_ref("#definitions"), Err(RefError::InvalidPointer));
    }

    #[test]
    fn indexed_refs_resolve_like_pointers() {
        // Duplicate names (the last wins), escaped and percent-encoded names, nested pointers,
        // an empty name, and `definitions` that is not an object.
        let text = r#"{"definitions": {"A": {"n": 1}, "a/b": {"n": 2}, "A": {"n": 3}, "c d": {"n": 4}, "": {"n": 5},
            "N": {"properties": {"x": {"n": 6}}}}, "parameters": {"p": {"n": 7}}, "responses": {"r": {"n": 8}}}"#;
        let root = parse(text).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let n = |target: &str| swagger.resolve_ref(target).map(|node| node.get("n").and_then(Node::as_number).map(|n| n.value));
        assert_eq!(n("#/definitions/A"), Ok(Some(3.0)));
        assert_eq!(n("#/definitions/a~1b"), Ok(Some(2.0)));
        assert_eq!(n("#/definitions/c%20d"), Ok(Some(4.0)));
        assert_eq!(n("#/definitions/"), Ok(Some(5.0)));
        assert_eq!(n("#/definitions/N/properties/x"), Ok(Some(6.0)));
        assert_eq!(n("#/parameters/p"), Ok(Some(7.0)));
        assert_eq!(n("#/responses/r"), Ok(Some(8.0)));
        assert_eq!(n("#/responses/p"), Err(RefError::NotFound));
        let root = parse(r#"{"definitions": [{"n": 1}]}"#).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        assert_eq!(swagger.resolve_ref("#/definitions/0").map(|node| node.get("n").is_some()), Ok(true));
    }

    #[test]
    fn visits_every_schema_once_in_source_order() {
        let root = parse(DOC).root.unwrap();
        let swagger = Swagger::build(FileId(0), &root);
        let mut seen = Vec::new();
        swagger.visit_schemas(|v| seen.push((v.role, v.name.map(|k| k.text.to_string()), v.depth)));
        let names: Vec<_> = seen.iter().map(|(_, n, d)| (n.clone().unwrap_or_default(), *d)).collect();
        assert_eq!(
            names,
            [
                (String::new(), 0),
                ("Item".into(), 0),
                ("name".into(), 1),
                ("tags".into(), 1),
                (String::new(), 2),
                ("Loop".into(), 0),
                ("Loop2".into(), 0)
            ]
        );
        assert_eq!(seen[0].0, SchemaRole::Output);
    }
}
