//! Typed values of the `x-ms-*` extensions that connectors use, and the list of known
//! extension names with the places they belong (rules-catalog section B).

use super::{Fields, ShapeErrors, Spanned, Str};
use crate::json::{Member, Node};
use crate::source::Span;

/// Where in a swagger document an extension may appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Root,
    Info,
    PathItem,
    Operation,
    Parameter,
    Schema,
    Response,
    Header,
    SecurityScheme,
}

impl Place {
    pub fn name(self) -> &'static str {
        match self {
            Place::Root => "the document root",
            Place::Info => "`info`",
            Place::PathItem => "a path item",
            Place::Operation => "an operation",
            Place::Parameter => "a parameter",
            Place::Schema => "a schema",
            Place::Response => "a response",
            Place::Header => "a response header",
            Place::SecurityScheme => "a security definition",
        }
    }
}

/// How Power Platform treats a known extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Documented for custom connectors.
    Documented,
    /// Not documented but used by the platform and in published connectors.
    Recognized,
    /// An AutoRest extension: accepted, but Power Platform ignores it.
    IgnoredAutoRest,
}

#[derive(Debug, Clone, Copy)]
pub struct KnownExtension {
    pub name: &'static str,
    /// Empty means "anywhere" (the place is not known precisely).
    pub places: &'static [Place],
    pub support: Support,
    /// What the extension does, in one sentence (empty when connlint has nothing to say beyond
    /// its support); shown by the language server's hover.
    pub purpose: &'static str,
}

macro_rules! known {
    ($($name:literal => [$($place:ident),*] $support:ident $($purpose:literal)?,)*) => {
        /// Every `x-ms-*` (and related) extension name connlint knows.
        pub const KNOWN_EXTENSIONS: &[KnownExtension] = &[
            $(KnownExtension { name: $name, places: &[$(Place::$place),*], support: Support::$support, purpose: known!(@purpose $($purpose)?) },)*
        ];
    };
    (@purpose) => { "" };
    (@purpose $purpose:literal) => { $purpose };
}

impl Support {
    pub fn describe(self) -> &'static str {
        match self {
            Support::Documented => "documented by Microsoft for custom connectors",
            Support::Recognized => "not documented, but used by Power Platform and by published connectors",
            Support::IgnoredAutoRest => "an AutoRest extension: accepted, but Power Platform ignores it",
        }
    }
}

known! {
    "x-ms-summary" => [Operation, Parameter, Schema, Response, Header] Documented "The display name of an operation, parameter, property or response in the designer.",
    "x-ms-visibility" => [Operation, Parameter, Schema, Header] Documented "How prominently the designer shows an operation, parameter or property: `important`, `advanced` (hidden behind a toggle) or `internal` (never shown).",
    "x-ms-api-annotation" => [Info, Operation] Documented "The connector's or operation's family, revision and replacement, used to version operations.",
    "x-ms-operation-context" => [Operation] Documented "Simulates a trigger's or action's behaviour (for example a test run) through another operation.",
    "x-ms-capabilities" => [Root, Operation] Documented "Declares what the connector or operation supports, such as chunked transfer or test connection.",
    "x-ms-trigger" => [Operation] Documented "Makes the operation a trigger: `single` fires once per item, `batch` once for a list of items.",
    "x-ms-trigger-hint" => [Operation] Documented "Text the designer shows to tell users how to fire a trigger.",
    "x-ms-trigger-metadata" => [Operation] Recognized,
    "x-ms-trigger-value" => [Parameter, Schema] Recognized,
    "x-ms-notification-content" => [PathItem] Documented "The schema of the body a webhook trigger receives, on the path item of its callback.",
    "x-ms-notification-url" => [Parameter, Schema] Documented "Marks the parameter or property that receives the webhook's callback URL.",
    "x-ms-notification" => [Operation] Recognized,
    "x-ms-url-encoding" => [Parameter] Documented "How a path parameter's value is encoded in the URL: `single` or `double`.",
    "x-ms-dynamic-values" => [Parameter, Schema] Documented "Fills a parameter's dropdown from another operation's response.",
    "x-ms-dynamic-list" => [Parameter, Schema] Documented "Fills a parameter's dropdown from another operation, with parameters bound by reference (the newer form of x-ms-dynamic-values).",
    "x-ms-dynamic-schema" => [Parameter, Schema] Documented "Takes a parameter's or response's schema from another operation at design time.",
    "x-ms-dynamic-properties" => [Parameter, Schema] Documented "Takes a schema from another operation, with parameters bound by reference (the newer form of x-ms-dynamic-schema).",
    "x-ms-dynamic-tree" => [Parameter, Schema] Recognized "Lets users pick a value by browsing a hierarchy (folders) served by other operations.",
    "x-ms-enum-values" => [Parameter, Schema] Recognized,
    "x-ms-editor" => [Parameter, Schema] Recognized "The editor the designer uses for a parameter (for example a file picker).",
    "x-ms-editor-options" => [Parameter, Schema] Recognized,
    "x-ms-media-kind" => [Schema] Recognized,
    "x-ms-pageable" => [Operation] Recognized "Names the response property that holds the next page's link, so the platform follows pages.",
    "x-ms-no-generic-test" => [Operation] Recognized "Excludes the operation from Microsoft's generic certification tests.",
    "x-ms-safe-operation" => [Operation] Recognized,
    "x-ms-test-value" => [Parameter, Schema] Recognized "A value used when Microsoft tests the operation.",
    "x-ms-localizeDefaultValue" => [Parameter, Schema] Recognized,
    "x-ms-connector-metadata" => [Root] Recognized "Website, privacy policy and categories shown on the connector's page.",
    "x-ms-docs" => [Root] Recognized,
    "x-ms-deployment-version" => [Info] Recognized,
    "x-ms-openai-data" => [Operation, Root] Recognized,
    "x-ms-require-user-confirmation" => [Operation] Recognized,
    "x-ms-explicit-input" => [Parameter, Schema] Recognized,
    "x-ms-openai-manifest" => [Root] Recognized,
    "x-ms-keywords" => [Info] Recognized,
    "x-ms-openai-published-to-copilots" => [Info] Recognized,
    "x-ms-enum-display-name" => [Schema] Recognized,
    "x-ms-keyType" => [Schema] Recognized,
    "x-ms-keyOrder" => [Schema] Recognized,
    "x-ms-relationships" => [Schema] Recognized,
    "x-ms-sort" => [Schema] Recognized,
    "x-ms-permission" => [Schema] Recognized,
    "x-ms-apihub-cached-response" => [] Recognized,
    "x-ms-apihub-obo" => [] Recognized,
    "x-ms-secret" => [] Recognized,
    "x-ms-correlation-id" => [] Recognized,
    "x-ms-async-operation-timeout" => [] Recognized,
    "x-ms-primary-error-message" => [] Recognized,
    "x-ms-enum" => [] IgnoredAutoRest,
    "x-ms-parameter-location" => [] IgnoredAutoRest,
    "x-ms-skip-url-encoding" => [] IgnoredAutoRest,
    "x-ms-client-name" => [] IgnoredAutoRest,
    "x-ms-discriminator-value" => [] IgnoredAutoRest,
    "x-ms-mutability" => [] IgnoredAutoRest,
    "x-ms-client-flatten" => [] IgnoredAutoRest,
    "x-ms-long-running-operation" => [] IgnoredAutoRest,
    "x-ms-long-running-operation-options" => [] IgnoredAutoRest,
    "x-ms-azure-resource" => [] IgnoredAutoRest,
    "x-ms-examples" => [] IgnoredAutoRest,
    "x-ms-parameterized-host" => [] IgnoredAutoRest,
    "x-ms-identifiers" => [] IgnoredAutoRest,
    "x-ms-request-id" => [] IgnoredAutoRest,
}

/// The known extension named exactly `name`.
pub fn known_extension(name: &str) -> Option<&'static KnownExtension> {
    KNOWN_EXTENSIONS.iter().find(|e| e.name == name)
}

/// `x-ms-visibility`: `important`, `advanced` or `internal` (exact case); `""` means default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Default,
    Important,
    Advanced,
    Internal,
}

impl Visibility {
    pub const VALUES: [&'static str; 3] = ["important", "advanced", "internal"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "" => Some(Visibility::Default),
            "important" => Some(Visibility::Important),
            "advanced" => Some(Visibility::Advanced),
            "internal" => Some(Visibility::Internal),
            _ => None,
        }
    }
}

/// `x-ms-trigger`: `single` or `batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Single,
    Batch,
}

impl TriggerKind {
    pub const VALUES: [&'static str; 2] = ["single", "batch"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "single" => Some(TriggerKind::Single),
            "batch" => Some(TriggerKind::Batch),
            _ => None,
        }
    }
}

/// `x-ms-url-encoding`: `single` or `double`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlEncoding {
    Single,
    Double,
}

impl UrlEncoding {
    pub const VALUES: [&'static str; 2] = ["single", "double"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "single" => Some(UrlEncoding::Single),
            "double" => Some(UrlEncoding::Double),
            _ => None,
        }
    }
}

/// The call that a dynamic extension makes: the operation (or built-in operation / capability)
/// and its `parameters` object.
#[derive(Debug, Clone)]
pub struct DynamicCall<'a> {
    pub node: &'a Node<'a>,
    pub operation_id: Option<Str<'a>>,
    pub parameters: Option<&'a Node<'a>>,
}

impl<'a> DynamicCall<'a> {
    fn read(fields: &mut Fields<'a, '_>, field: &'static str) -> Self {
        Self {
            node: fields.node,
            operation_id: fields.str("operationId", field),
            parameters: fields.object("parameters", "dynamic call parameters"),
        }
    }

    /// The members of `parameters`.
    pub fn parameter_members(&self) -> &'a [Member<'a>] {
        self.parameters.and_then(Node::as_object).unwrap_or_default()
    }
}

/// `x-ms-dynamic-values`.
#[derive(Debug, Clone)]
pub struct DynamicValues<'a> {
    pub call: DynamicCall<'a>,
    pub builtin_operation: Option<Str<'a>>,
    pub capability: Option<Str<'a>>,
    pub value_collection: Option<Str<'a>>,
    pub value_path: Option<Str<'a>>,
    pub value_title: Option<Str<'a>>,
}

impl<'a> DynamicValues<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-dynamic-values", errors)?;
        Some(Self {
            call: DynamicCall::read(&mut f, "x-ms-dynamic-values operationId"),
            builtin_operation: f.str("builtInOperation", "x-ms-dynamic-values builtInOperation"),
            capability: f.str("capability", "x-ms-dynamic-values capability"),
            value_collection: f.str("value-collection", "x-ms-dynamic-values value-collection"),
            value_path: f.str("value-path", "x-ms-dynamic-values value-path"),
            value_title: f.str("value-title", "x-ms-dynamic-values value-title"),
        })
    }
}

/// `x-ms-dynamic-list`.
#[derive(Debug, Clone)]
pub struct DynamicList<'a> {
    pub call: DynamicCall<'a>,
    pub items_path: Option<Str<'a>>,
    pub item_value_path: Option<Str<'a>>,
    pub item_title_path: Option<Str<'a>>,
}

impl<'a> DynamicList<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-dynamic-list", errors)?;
        Some(Self {
            call: DynamicCall::read(&mut f, "x-ms-dynamic-list operationId"),
            items_path: f.str("itemsPath", "x-ms-dynamic-list itemsPath"),
            item_value_path: f.str("itemValuePath", "x-ms-dynamic-list itemValuePath"),
            item_title_path: f.str("itemTitlePath", "x-ms-dynamic-list itemTitlePath"),
        })
    }
}

/// `x-ms-dynamic-schema`.
#[derive(Debug, Clone)]
pub struct DynamicSchema<'a> {
    pub call: DynamicCall<'a>,
    pub value_path: Option<Str<'a>>,
}

impl<'a> DynamicSchema<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-dynamic-schema", errors)?;
        Some(Self {
            call: DynamicCall::read(&mut f, "x-ms-dynamic-schema operationId"),
            value_path: f.str("value-path", "x-ms-dynamic-schema value-path"),
        })
    }
}

/// `x-ms-dynamic-properties`.
#[derive(Debug, Clone)]
pub struct DynamicProperties<'a> {
    pub call: DynamicCall<'a>,
    pub item_value_path: Option<Str<'a>>,
}

impl<'a> DynamicProperties<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-dynamic-properties", errors)?;
        Some(Self {
            call: DynamicCall::read(&mut f, "x-ms-dynamic-properties operationId"),
            item_value_path: f.str("itemValuePath", "x-ms-dynamic-properties itemValuePath"),
        })
    }
}

/// `x-ms-dynamic-tree`: `settings`, and the `open` and `browse` calls.
#[derive(Debug, Clone)]
pub struct DynamicTree<'a> {
    pub node: &'a Node<'a>,
    pub settings: Option<&'a Node<'a>>,
    pub open: Option<DynamicCall<'a>>,
    pub browse: Option<DynamicCall<'a>>,
}

impl<'a> DynamicTree<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-dynamic-tree", errors)?;
        let settings = f.object("settings", "x-ms-dynamic-tree settings");
        let open = f.object("open", "x-ms-dynamic-tree open");
        let browse = f.object("browse", "x-ms-dynamic-tree browse");
        let mut call = |n: &'a Node<'a>| {
            Fields::of(n, "x-ms-dynamic-tree call", errors).map(|mut f| DynamicCall::read(&mut f, "x-ms-dynamic-tree operationId"))
        };
        Some(Self { node, settings, open: open.and_then(&mut call), browse: browse.and_then(&mut call) })
    }

    pub fn calls(&self) -> impl Iterator<Item = &DynamicCall<'a>> {
        self.open.iter().chain(self.browse.iter())
    }
}

/// `x-ms-api-annotation` on `info` (`status`) or on an operation (lifecycle fields).
#[derive(Debug, Clone)]
pub struct ApiAnnotation<'a> {
    pub node: &'a Node<'a>,
    pub status: Option<Str<'a>>,
    pub family: Option<Str<'a>>,
    pub revision: Option<Spanned<f64>>,
    pub replacement: Option<&'a Node<'a>>,
    pub expires: Option<Str<'a>>,
}

impl<'a> ApiAnnotation<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-api-annotation", errors)?;
        let revision = f.any("revision").and_then(|n| match n.as_number() {
            Some(num) => Some(Spanned::new(num.value, n.span)),
            None => {
                f.errors.push(n, "x-ms-api-annotation revision", "an integer");
                None
            }
        });
        Some(Self {
            node,
            status: f.str("status", "x-ms-api-annotation status"),
            family: f.str("family", "x-ms-api-annotation family"),
            revision,
            replacement: f.object("replacement", "x-ms-api-annotation replacement"),
            expires: f.str("expires", "x-ms-api-annotation expires"),
        })
    }
}

/// `x-ms-pageable`.
#[derive(Debug, Clone)]
pub struct Pageable<'a> {
    pub node: &'a Node<'a>,
    pub next_link_name: Option<Str<'a>>,
}

impl<'a> Pageable<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-pageable", errors)?;
        Some(Self { node, next_link_name: f.str("nextLinkName", "x-ms-pageable nextLinkName") })
    }
}

/// Root `x-ms-capabilities`: `testConnection` and `file-picker`.
#[derive(Debug, Clone)]
pub struct Capabilities<'a> {
    pub node: &'a Node<'a>,
    pub test_connection: Option<DynamicCall<'a>>,
    pub file_picker: Option<&'a Node<'a>>,
}

impl<'a> Capabilities<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-capabilities", errors)?;
        let test_connection = f.object("testConnection", "x-ms-capabilities testConnection");
        let file_picker = f.object("file-picker", "x-ms-capabilities file-picker");
        let test_connection = test_connection
            .and_then(|n| Fields::of(n, "testConnection", errors))
            .map(|mut f| DynamicCall::read(&mut f, "testConnection operationId"));
        Some(Self { node, test_connection, file_picker })
    }
}

/// One `{propertyName, propertyValue}` entry of `x-ms-connector-metadata`.
#[derive(Debug, Clone)]
pub struct MetadataEntry<'a> {
    pub node: &'a Node<'a>,
    pub property_name: Option<Str<'a>>,
    pub property_value: Option<Str<'a>>,
}

/// `x-ms-connector-metadata`.
pub fn read_connector_metadata<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Vec<MetadataEntry<'a>> {
    let Some(items) = node.as_array() else {
        errors.push(node, "x-ms-connector-metadata", "an array");
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let mut f = Fields::of(item, "x-ms-connector-metadata entry", errors)?;
            Some(MetadataEntry {
                node: item,
                property_name: f.str("propertyName", "x-ms-connector-metadata propertyName"),
                property_value: f.str("propertyValue", "x-ms-connector-metadata propertyValue"),
            })
        })
        .collect()
}

/// `x-ms-notification-content` on a path item.
#[derive(Debug, Clone)]
pub struct NotificationContent<'a> {
    pub node: &'a Node<'a>,
    pub schema: Option<&'a Node<'a>>,
    pub description: Option<Str<'a>>,
}

impl<'a> NotificationContent<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-notification-content", errors)?;
        Some(Self {
            node,
            schema: f.object("schema", "x-ms-notification-content schema"),
            description: f.str("description", "x-ms-notification-content description"),
        })
    }
}

/// `x-ms-openai-data`.
#[derive(Debug, Clone)]
pub struct OpenAiData<'a> {
    pub node: &'a Node<'a>,
    pub openai_enabled: Option<Spanned<bool>>,
    pub operations: Option<&'a Node<'a>>,
}

impl<'a> OpenAiData<'a> {
    pub fn read(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<Self> {
        let mut f = Fields::of(node, "x-ms-openai-data", errors)?;
        Some(Self {
            node,
            openai_enabled: f.bool("openai-enabled", "x-ms-openai-data openai-enabled"),
            operations: f.array("operations", "x-ms-openai-data operations"),
        })
    }
}

/// Reads a boolean extension such as `x-ms-no-generic-test` or `x-ms-notification-url`.
pub fn read_flag(node: &Node, field: &'static str, errors: &mut ShapeErrors) -> Option<Spanned<bool>> {
    match node.as_bool() {
        Some(b) => Some(Spanned::new(b, node.span)),
        None => {
            errors.push(node, field, "a boolean");
            None
        }
    }
}

/// Reads a string extension such as `x-ms-summary`.
pub fn read_str<'a>(node: &'a Node<'a>, field: &'static str, errors: &mut ShapeErrors) -> Option<Str<'a>> {
    match node.as_str() {
        Some(s) => Some(Spanned::new(s, node.span)),
        None => {
            errors.push(node, field, "a string");
            None
        }
    }
}

/// The `x-ms-visibility` of an object node, if it has one that is a string.
pub fn visibility_of(node: &Node) -> Option<(Option<Visibility>, Span)> {
    let v = node.get("x-ms-visibility")?;
    Some((v.as_str().and_then(Visibility::parse), v.span))
}

/// Whether the object is hidden from makers: `x-ms-visibility: internal`.
pub fn is_internal(node: &Node) -> bool {
    matches!(visibility_of(node), Some((Some(Visibility::Internal), _)))
}
