//! The catalog record of one connector: Apideck's `Connector` object where a field has a Power
//! Platform equivalent, and the Power Platform facts under `power_platform`.
//!
//! Every field is derived from the connector model that `connlint check` builds
//! ([`ConnectorModel`]) and from the linter's report; nothing here parses a file again. Each
//! field's doc comment says where its value comes from. The JSON Schema in
//! `schema/connector.schema.json` describes the same shape and is tested against real output.

use base64::Engine as _;
use connlint_core::json::Node;
use connlint_core::model::api_properties::{ApiProperties, ConnectionParameter};
use connlint_core::model::extensions::{is_internal, TriggerKind};
use connlint_core::model::swagger::{Operation, Swagger};
use connlint_core::ConnectorModel;
use connlint_linter::{ConnectorReport, Profile, Severity};
use serde::Serialize;
use std::path::{Component, Path};

/// README files larger than this are left out of `docs` (connector READMEs are a few KiB).
pub const MAX_README_BYTES: u64 = 1024 * 1024;

/// One connector in the catalog.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConnectorRecord {
    /// A stable slug of the connector's path relative to the folder that was scanned: each path
    /// component lowercased, every run of characters other than `a-z0-9` turned into one `-`,
    /// and the components joined with `+` (Apideck's ids look like `crm+salesforce`). When two
    /// paths give the same slug, the later one in path order gets `-2`, `-3`, ….
    pub id: String,
    /// `info.title` of the swagger; the folder name when the swagger has none.
    pub name: String,
    /// `live` or `beta`; see [`derive_status`].
    pub status: &'static str,
    /// `info.description`.
    pub description: Option<String>,
    /// `icon.png` as a `data:image/png;base64,…` URL, so the catalog needs no file server.
    pub icon_url: Option<String>,
    /// The `Website` entry of `x-ms-connector-metadata` (the name compared without case).
    pub website_url: Option<String>,
    /// `oauth2`, `apiKey`, `basic`, `custom` or `none`; see [`auth_type_of`]. With several
    /// sign-in options (`connectionParameterSets`), the first option's.
    pub auth_type: &'static str,
    /// For `oauth2`: the swagger's OAuth flow in Apideck's terms (`accessCode` is
    /// `authorization_code`, `application` is `client_credentials`, `password` stays, and
    /// `implicit` is kept as `implicit`); `authorization_code` when no flow is declared, the
    /// only grant Power Platform's connection dialog runs. `null` otherwise.
    pub oauth_grant_type: Option<&'static str>,
    /// When some sign-in option is `oauth2`: the scopes of the `oAuthSettings` of the first
    /// OAuth connection parameter, then those
    /// declared on the swagger's OAuth security definitions that were not listed; the label is
    /// the swagger's description of the scope when there is one, else the scope itself.
    pub oauth_scopes: Vec<Scope>,
    /// The connection parameters (of every sign-in option, each name once; with sign-in options,
    /// `connectionParameters` is not used and not listed), without the
    /// OAuth ones, which are the sign-in itself, and without hidden ones
    /// (`uiDefinition.constraints.hidden`), which the maker never sees; see [`Setting`].
    pub settings: Vec<Setting>,
    /// The operations grouped by their swagger tags, in the order the tags first appear;
    /// operations without a tag are under `untagged`.
    pub supported_resources: Vec<Resource>,
    /// The triggers (operations with `x-ms-trigger`); see [`Event`].
    pub supported_events: Vec<Event>,
    /// `README.md` of the connector's folder (any case), when there is one.
    pub docs: Vec<Doc>,
    pub power_platform: PowerPlatform,
}

/// An OAuth scope.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scope {
    pub id: String,
    pub label: String,
}

/// A connection parameter as a setting the maker fills in.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Setting {
    /// The parameter's name in `connectionParameters`.
    pub id: String,
    /// `uiDefinition.displayName`, else the name.
    pub label: String,
    /// Apideck's setting type: `securestring` is `password`, `int` is `number`, `bool` is
    /// `checkbox`, a `string` with `allowedValues` is `select`, and any other `string` (or a
    /// `gatewaySetting`, or a type connlint does not know) is `text`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// `uiDefinition.constraints.required` is `"true"` (or `true`).
    pub required: bool,
    /// The parameter's own `type`, as written.
    pub power_platform_type: Option<String>,
}

/// A group of operations.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Resource {
    /// The tag as a slug (see [`slug`]).
    pub id: String,
    /// The tag as written.
    pub name: String,
    /// The operation ids (see [`OperationSummary::id`]) in source order.
    pub operations: Vec<String>,
}

/// A trigger.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Event {
    /// The trigger's operation id (see [`OperationSummary::id`]).
    pub event_type: String,
    /// `native` for a webhook trigger, `virtual` for a polling one (Apideck's terms for events
    /// the service pushes and events found by asking).
    pub event_source: &'static str,
    /// The trigger's `summary`.
    pub downstream_event_type: Option<String>,
    /// `webhook` when a parameter of the operation, or a property anywhere in its body schema
    /// (`$ref`s followed), has `x-ms-notification-url: true`: Power Platform puts its callback
    /// URL there when it registers the webhook. Otherwise `polling`.
    pub delivery: &'static str,
    /// `x-ms-trigger`: `single` or `batch` (as written when it is neither).
    pub trigger: String,
}

/// A document about the connector.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Doc {
    pub id: String,
    /// The file name as found.
    pub name: String,
    pub audience: &'static str,
    pub format: &'static str,
    /// The text (not a URL: the catalog is built offline).
    pub content: String,
}

/// Facts that have no place in Apideck's object.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PowerPlatform {
    /// The connector's path relative to the folder that was scanned, with `/` separators
    /// (for a connector in a solution or records file, the linter's label for it).
    pub path: String,
    /// apiProperties `properties.publisher`.
    pub publisher: Option<String>,
    /// apiProperties `properties.stackOwner`.
    pub stack_owner: Option<String>,
    /// apiProperties `properties.iconBrandColor`.
    pub brand_color: Option<String>,
    /// See [`profile_of`].
    pub profile: &'static str,
    /// The `Categories` entry of `x-ms-connector-metadata`, split at `;` and trimmed.
    pub categories: Vec<String>,
    /// The `Privacy policy` entry of `x-ms-connector-metadata` (the name compared without case).
    pub privacy_policy_url: Option<String>,
    /// Where `status` came from: `info` (`info.x-ms-api-annotation.status`), `title` (a title
    /// ending in `(Preview)`), `operations` (the operations' annotations) or `default`.
    pub status_source: &'static str,
    /// `identityProvider` of the first OAuth connection parameter (`aad`, `oauth2`, …).
    pub identity_provider: Option<String>,
    /// Every sign-in option: one per `connectionParameterSets` value, else the single one.
    pub auth_options: Vec<AuthOption>,
    pub counts: Counts,
    /// `templateId` of each `policyTemplateInstances` entry, each once, in order.
    pub policy_templates: Vec<String>,
    /// Whether the connector has a `script.csx`.
    pub custom_code: bool,
    /// Every operation, in source order.
    pub operations: Vec<OperationSummary>,
    pub lint: LintSummary,
    /// The names of the connector's JSON (or YAML) files that have syntax errors. connlint reads
    /// what it can of such a file, so the fields that come from it may be missing or partial;
    /// the record is there all the same, and the lint summary counts the errors.
    pub files_with_syntax_errors: Vec<String>,
}

/// One sign-in option.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AuthOption {
    /// The parameter set's `name`; `default` for a connector without parameter sets.
    pub id: String,
    /// The set's `uiDefinition.displayName` (or `displayname`), else its name.
    pub label: String,
    /// As [`ConnectorRecord::auth_type`], for this option.
    pub auth_type: &'static str,
    /// `identityProvider` of this option's OAuth parameter.
    pub identity_provider: Option<String>,
}

/// Operation counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    /// Every method of every path.
    pub operations: usize,
    /// Operations that are not triggers.
    pub actions: usize,
    /// Operations with `x-ms-trigger`.
    pub triggers: usize,
    /// Operations with `deprecated: true`.
    pub deprecated: usize,
    /// Operations with `x-ms-visibility: internal`.
    pub internal: usize,
}

/// One operation, for the detail view.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OperationSummary {
    /// `operationId`, else `METHOD /path`.
    pub id: String,
    pub summary: Option<String>,
    pub method: &'static str,
    pub path: String,
    pub tags: Vec<String>,
    /// `x-ms-trigger` as written, for a trigger.
    pub trigger: Option<String>,
    pub deprecated: bool,
    pub internal: bool,
    /// The operation's `x-ms-api-annotation.status`.
    pub status: Option<String>,
}

/// The linter's findings for the connector, under the rules `connlint check` would use for it.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct LintSummary {
    /// The linter's profile: `certification` under `certified-connectors/` or
    /// `independent-publisher-connectors/` (anywhere in the path), else `base`, unless a
    /// `connlint.toml` or `--profile` says otherwise.
    pub profile: &'static str,
    pub errors: usize,
    pub warnings: usize,
}

/// Where a connector was found.
#[derive(Debug, Clone)]
pub struct Place<'p> {
    /// See [`PowerPlatform::path`].
    pub relative: String,
    /// The connector's folder, for the README (`None` inside a solution or a records file).
    pub dir: Option<&'p Path>,
    /// See [`profile_of`].
    pub profile: &'static str,
}

/// Builds the record of one linted connector; `id` is left empty for the catalog to assign.
pub fn build_record(model: &ConnectorModel<'_>, report: &ConnectorReport, lint_profile: Profile, place: &Place<'_>) -> ConnectorRecord {
    let swagger = model.swagger.as_ref();
    let props = model.api_properties.as_ref();
    let info = swagger.and_then(|s| s.info.as_ref());
    let text = |s: Option<connlint_core::Str<'_>>| s.map(|s| s.value.to_string());

    let folder_name = place.relative.rsplit('/').find(|c| !c.is_empty()).unwrap_or(&place.relative).to_string();
    let name = text(info.and_then(|i| i.title)).filter(|t| !t.trim().is_empty()).unwrap_or(folder_name);
    let operations: Vec<OperationSummary> = swagger.map(|s| s.operations.iter().map(summarize_operation).collect()).unwrap_or_default();
    let (status, status_source) = derive_status(swagger, &name);
    let auth_options = auth_options(props, swagger);
    let auth_type = auth_options.first().map_or("none", |o| o.auth_type);
    let oauth_parameter = props.and_then(|p| p.all_connection_parameters().find(|c| is_oauth(c)));
    let oauth_scopes = if auth_options.iter().any(|o| o.auth_type == "oauth2") { scopes(oauth_parameter, swagger) } else { Vec::new() };

    ConnectorRecord {
        id: String::new(),
        name,
        status,
        description: text(info.and_then(|i| i.description)),
        icon_url: model
            .icon()
            .map(|(_, bytes)| format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))),
        website_url: metadata(swagger, "website"),
        auth_type,
        oauth_grant_type: (auth_type == "oauth2").then(|| grant_type(swagger)),
        oauth_scopes,
        settings: props.map(settings).unwrap_or_default(),
        supported_resources: resources(&operations),
        supported_events: swagger.map(events).unwrap_or_default(),
        docs: place.dir.and_then(readme).into_iter().collect(),
        power_platform: PowerPlatform {
            path: place.relative.clone(),
            publisher: text(props.and_then(|p| p.publisher)),
            stack_owner: text(props.and_then(|p| p.stack_owner)),
            brand_color: text(props.and_then(|p| p.icon_brand_color)),
            profile: place.profile,
            categories: metadata(swagger, "categories")
                .map(|c| c.split(';').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect())
                .unwrap_or_default(),
            privacy_policy_url: metadata(swagger, "privacy policy"),
            status_source,
            identity_provider: oauth_parameter.and_then(identity_provider),
            auth_options,
            counts: count(&operations),
            policy_templates: props.map(policy_templates).unwrap_or_default(),
            custom_code: model.script().is_some(),
            operations,
            lint: LintSummary {
                profile: lint_profile.as_str(),
                errors: report.findings.iter().filter(|f| f.severity == Severity::Error).count(),
                warnings: report.findings.iter().filter(|f| f.severity == Severity::Warning).count(),
            },
            files_with_syntax_errors: model
                .connector
                .files
                .iter()
                .filter(|f| f.json().is_some_and(|j| !j.is_strict() || j.root.is_none()))
                .map(|f| f.source.path().file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()))
                .collect(),
        },
    }
}

/// The connector's status in Apideck's terms, and where it came from, in this order:
/// 1. `info.x-ms-api-annotation.status`: `Production` is `live`, `Preview` is `beta` (any case);
/// 2. a title ending in `(Preview)` is `beta`;
/// 3. the operations' `x-ms-api-annotation.status`: `beta` when any says `Preview`, `live` when
///    some say `Production` and none `Preview`;
/// 4. otherwise `beta`: Microsoft's documentation says a connector's status defaults to
///    Preview (Microsoft decides the published status itself, which the files do not show).
pub fn derive_status(swagger: Option<&Swagger<'_>>, title: &str) -> (&'static str, &'static str) {
    let of = |s: &str| match s.to_ascii_lowercase().as_str() {
        "production" => Some("live"),
        "preview" => Some("beta"),
        _ => None,
    };
    let info_status = swagger.and_then(|s| s.info.as_ref()).and_then(|i| i.api_annotation.as_ref()).and_then(|a| a.status);
    if let Some(status) = info_status.and_then(|s| of(s.value)) {
        return (status, "info");
    }
    if title.trim_end().to_ascii_lowercase().ends_with("(preview)") {
        return ("beta", "title");
    }
    let operation_statuses: Vec<&str> = swagger
        .map(|s| s.operations.iter().filter_map(|o| o.api_annotation.as_ref()?.status.and_then(|s| of(s.value))).collect())
        .unwrap_or_default();
    if operation_statuses.contains(&"beta") {
        ("beta", "operations")
    } else if !operation_statuses.is_empty() {
        ("live", "operations")
    } else {
        ("beta", "default")
    }
}

/// The catalog profile, from the folders above the connector's own (nearest first):
/// `template` under `templates/`, `certified` under `certified-connectors/`,
/// `independent_publisher` under `independent-publisher-connectors/`, and `custom` under
/// `custom-connectors/` or anywhere else. The connector's own folder name does not count:
/// Microsoft's `templates/certified-connectors` is a template, not a certified connector.
pub fn profile_of(dir: &Path) -> &'static str {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let components: Vec<&std::ffi::OsStr> =
        absolute.components().filter_map(|c| if let Component::Normal(n) = c { Some(n) } else { None }).collect();
    let parents = components.split_last().map_or(&[][..], |(_, parents)| parents);
    for folder in parents.iter().rev() {
        match folder.to_str() {
            Some("templates") => return "template",
            Some("certified-connectors") => return "certified",
            Some("independent-publisher-connectors") => return "independent_publisher",
            Some("custom-connectors") => return "custom",
            _ => {}
        }
    }
    "custom"
}

fn summarize_operation(op: &Operation<'_>) -> OperationSummary {
    OperationSummary {
        id: op.display_name(),
        summary: op.summary.map(|s| s.value.to_string()),
        method: op.method.as_str(),
        path: op.path_str().to_string(),
        tags: op
            .node
            .get("tags")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        trigger: op.trigger.map(|t| t.as_str().map_or_else(|| "(not a string)".to_string(), String::from)),
        deprecated: op.deprecated.is_some_and(|d| d.value),
        internal: is_internal(op.node),
        status: op.api_annotation.as_ref().and_then(|a| a.status).map(|s| s.value.to_string()),
    }
}

fn count(operations: &[OperationSummary]) -> Counts {
    let triggers = operations.iter().filter(|o| o.trigger.is_some()).count();
    Counts {
        operations: operations.len(),
        actions: operations.len() - triggers,
        triggers,
        deprecated: operations.iter().filter(|o| o.deprecated).count(),
        internal: operations.iter().filter(|o| o.internal).count(),
    }
}

fn resources(operations: &[OperationSummary]) -> Vec<Resource> {
    let mut resources: Vec<Resource> = Vec::new();
    for op in operations {
        let untagged = ["untagged".to_string()];
        let tags = if op.tags.is_empty() { &untagged[..] } else { &op.tags[..] };
        for tag in tags {
            match resources.iter_mut().find(|r| &r.name == tag) {
                Some(resource) => resource.operations.push(op.id.clone()),
                None => resources.push(Resource { id: slug(tag), name: tag.clone(), operations: vec![op.id.clone()] }),
            }
        }
    }
    resources
}

fn events(swagger: &Swagger<'_>) -> Vec<Event> {
    swagger
        .operations
        .iter()
        .filter(|op| op.is_trigger())
        .map(|op| {
            let mut budget = NOTIFICATION_SEARCH_BUDGET;
            let webhook =
                op.effective_parameters(swagger).any(|p| p.node.is_some_and(|n| has_notification_url(n, swagger, 0, &mut budget)));
            let trigger = op.trigger.and_then(Node::as_str);
            Event {
                event_type: op.display_name(),
                event_source: if webhook { "native" } else { "virtual" },
                downstream_event_type: op.summary.map(|s| s.value.to_string()),
                delivery: if webhook { "webhook" } else { "polling" },
                trigger: match trigger.and_then(TriggerKind::parse) {
                    Some(TriggerKind::Single) => "single".into(),
                    Some(TriggerKind::Batch) => "batch".into(),
                    None => trigger.unwrap_or("(not a string)").to_string(),
                },
            }
        })
        .collect()
}

/// How many JSON nodes the search for `x-ms-notification-url` visits per trigger at most, so
/// that references that fan out cannot make it slow.
const NOTIFICATION_SEARCH_BUDGET: usize = 20_000;
/// How many `$ref`s deep the search follows.
const NOTIFICATION_SEARCH_DEPTH: usize = 16;

/// Whether `node` or anything inside it (through local `$ref`s) has
/// `x-ms-notification-url: true`.
fn has_notification_url(node: &Node, swagger: &Swagger<'_>, depth: usize, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    if let Some(items) = node.as_array() {
        return items.iter().any(|n| has_notification_url(n, swagger, depth, budget));
    }
    let Some(members) = node.as_object() else { return false };
    if node.get("x-ms-notification-url").and_then(Node::as_bool) == Some(true) {
        return true;
    }
    if let Some(target) = node.get("$ref").and_then(Node::as_str) {
        if depth < NOTIFICATION_SEARCH_DEPTH {
            if let Ok(resolved) = swagger.resolve_ref(target) {
                if has_notification_url(resolved, swagger, depth + 1, budget) {
                    return true;
                }
            }
        }
    }
    members.iter().filter(|m| m.key.text.as_ref() != "$ref").any(|m| has_notification_url(&m.value, swagger, depth, budget))
}

/// The value of an `x-ms-connector-metadata` entry whose `propertyName` is `name` without
/// regard to case (the corpus has both `Privacy policy` and `Privacy Policy`).
fn metadata(swagger: Option<&Swagger<'_>>, name: &str) -> Option<String> {
    let entries = swagger?.connector_metadata.as_ref()?;
    entries
        .value
        .iter()
        .find(|e| e.property_name.is_some_and(|n| n.value.trim().eq_ignore_ascii_case(name)))
        .and_then(|e| e.property_value)
        .map(|v| v.value.to_string())
}

fn is_oauth(parameter: &ConnectionParameter<'_>) -> bool {
    parameter.ty.is_some_and(|t| t.value.eq_ignore_ascii_case("oauthSetting"))
}

fn identity_provider(parameter: &ConnectionParameter<'_>) -> Option<String> {
    parameter.oauth_settings.as_ref()?.identity_provider.map(|p| p.value.to_string())
}

/// The sign-in options: each `connectionParameterSets` value, or the connector's one set of
/// connection parameters.
fn auth_options(props: Option<&ApiProperties<'_>>, swagger: Option<&Swagger<'_>>) -> Vec<AuthOption> {
    let policies = props.map(|p| &p.policies[..]).unwrap_or_default();
    if let Some(sets) = props.and_then(|p| p.connection_parameter_sets.as_ref()).filter(|s| !s.values.is_empty()) {
        return sets
            .values
            .iter()
            .enumerate()
            .map(|(index, set)| {
                let id = set.name.map_or_else(|| format!("option-{}", index + 1), |n| n.value.to_string());
                AuthOption {
                    label: set_label(set).unwrap_or_else(|| id.clone()),
                    auth_type: auth_type_of(&set.parameters, swagger, policies),
                    identity_provider: set.parameters.iter().find(|p| is_oauth(p)).and_then(identity_provider),
                    id,
                }
            })
            .collect();
    }
    let parameters = props.map(|p| &p.connection_parameter_list[..]).unwrap_or_default();
    vec![AuthOption {
        id: "default".into(),
        label: "default".into(),
        auth_type: auth_type_of(parameters, swagger, policies),
        identity_provider: parameters.iter().find(|p| is_oauth(p)).and_then(identity_provider),
    }]
}

/// A parameter set's `uiDefinition.displayName`; many connectors write `displayname`, which
/// the dialog shows too.
fn set_label(set: &connlint_core::model::api_properties::ConnectionParameterSet<'_>) -> Option<String> {
    let ui = set.ui_definition.as_ref()?;
    ui.display_name.map(|d| d.value.to_string()).or_else(|| ui.node.get("displayname").and_then(Node::as_str).map(String::from))
}

/// The auth type of one set of connection parameters, in this order:
/// 1. `oauth2`: a parameter of type `oauthSetting` (any case);
/// 2. `basic`: a `securestring` parameter, and either a `basic` security definition in the
///    swagger or parameters named `username` and `password` (the names Power Platform's basic
///    sign-in uses);
/// 3. `apiKey`: a `securestring` parameter (a key sent through a connection parameter); or a
///    parameter whose value a `setheader` or `setqueryparameter` policy sends (a key sent
///    through a policy); or an `apiKey` security definition;
/// 4. with no parameters at all: the swagger's security definitions decide (`oauth2`, `basic`,
///    `apiKey`), and without any the type is `none`;
/// 5. `custom`: parameters that fit none of these (plain strings such as a host name, a
///    `gatewaySetting`, numbers or flags).
pub fn auth_type_of(
    parameters: &[ConnectionParameter<'_>],
    swagger: Option<&Swagger<'_>>,
    policies: &[connlint_core::model::api_properties::PolicyTemplateInstance<'_>],
) -> &'static str {
    let has_definition = |ty: &str| swagger.is_some_and(|s| s.security_definitions.iter().any(|d| d.ty.is_some_and(|t| t.value == ty)));
    if parameters.iter().any(is_oauth) {
        return "oauth2";
    }
    let secret = parameters.iter().any(|p| p.ty.is_some_and(|t| t.value.eq_ignore_ascii_case("securestring")));
    let named = |name: &str| parameters.iter().any(|p| p.name().eq_ignore_ascii_case(name));
    if secret && (has_definition("basic") || (named("username") && named("password"))) {
        return "basic";
    }
    let sent_by_policy = parameters.iter().any(|p| {
        let reference = format!("connectionParameters('{}')", p.name());
        policies.iter().any(|policy| {
            let sends = policy.template_id.is_some_and(|t| {
                let t = t.value.to_ascii_lowercase();
                t == "setheader" || t == "setqueryparameter"
            });
            sends && policy.parameters.is_some_and(|params| mentions(params, &reference))
        })
    });
    if secret || sent_by_policy || (!parameters.is_empty() && has_definition("apiKey")) {
        return "apiKey";
    }
    if parameters.is_empty() {
        return if has_definition("oauth2") {
            "oauth2"
        } else if has_definition("basic") {
            "basic"
        } else if has_definition("apiKey") {
            "apiKey"
        } else {
            "none"
        };
    }
    "custom"
}

/// Whether any string inside `node` contains `needle`.
fn mentions(node: &Node, needle: &str) -> bool {
    if let Some(s) = node.as_str() {
        return s.contains(needle);
    }
    if let Some(items) = node.as_array() {
        return items.iter().any(|n| mentions(n, needle));
    }
    node.as_object().is_some_and(|members| members.iter().any(|m| mentions(&m.value, needle)))
}

fn grant_type(swagger: Option<&Swagger<'_>>) -> &'static str {
    let flow = swagger.and_then(|s| s.security_definitions.iter().find(|d| d.ty.is_some_and(|t| t.value == "oauth2"))).and_then(|d| d.flow);
    match flow.map(|f| f.value) {
        Some("application") => "client_credentials",
        Some("password") => "password",
        Some("implicit") => "implicit",
        _ => "authorization_code",
    }
}

fn scopes(oauth_parameter: Option<&ConnectionParameter<'_>>, swagger: Option<&Swagger<'_>>) -> Vec<Scope> {
    let described: Vec<(&str, Option<&str>)> = swagger
        .map(|s| {
            s.security_definitions
                .iter()
                .filter(|d| d.ty.is_some_and(|t| t.value == "oauth2"))
                .filter_map(|d| d.scopes.and_then(Node::as_object))
                .flatten()
                .map(|m| (&*m.key.text, m.value.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let label_of =
        |id: &str| described.iter().find(|(s, _)| *s == id).and_then(|(_, d)| *d).filter(|d| !d.is_empty()).unwrap_or(id).to_string();
    let mut scopes: Vec<Scope> = Vec::new();
    let listed = oauth_parameter.and_then(|p| p.oauth_settings.as_ref()).and_then(|o| o.scopes.as_ref());
    let ids = listed.into_iter().flatten().map(|s| s.value).chain(described.iter().map(|(s, _)| *s));
    for id in ids {
        if !id.is_empty() && !scopes.iter().any(|s| s.id == id) {
            scopes.push(Scope { id: id.to_string(), label: label_of(id) });
        }
    }
    scopes
}

fn settings(props: &ApiProperties<'_>) -> Vec<Setting> {
    let mut settings: Vec<Setting> = Vec::new();
    // With parameter sets, Power Platform shows the sets' parameters, not `connectionParameters`.
    let parameters: Vec<&ConnectionParameter<'_>> = match props.connection_parameter_sets.as_ref().filter(|s| !s.values.is_empty()) {
        Some(sets) => sets.values.iter().flat_map(|v| v.parameters.iter()).collect(),
        None => props.connection_parameter_list.iter().collect(),
    };
    for parameter in parameters.into_iter().filter(|p| !is_oauth(p) && !is_hidden(p)) {
        if settings.iter().any(|s| s.id == parameter.name()) {
            continue;
        }
        let ui = parameter.ui_definition.as_ref();
        let power_platform_type = parameter.ty.map(|t| t.value);
        let ty = match power_platform_type.map(str::to_ascii_lowercase).as_deref() {
            Some("securestring") => "password",
            Some("int") => "number",
            Some("bool") => "checkbox",
            Some("string") if parameter.allowed_values.is_some() => "select",
            _ => "text",
        };
        let required = ui
            .and_then(|u| u.constraints)
            .and_then(|c| c.get("required"))
            .is_some_and(|r| r.as_bool() == Some(true) || r.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true")));
        settings.push(Setting {
            id: parameter.name().to_string(),
            label: ui.and_then(|u| u.display_name).map_or_else(|| parameter.name().to_string(), |d| d.value.to_string()),
            ty,
            required,
            power_platform_type: power_platform_type.map(String::from),
        });
    }
    settings
}

/// `uiDefinition.constraints.hidden` is `"true"` (or `true`): the dialog does not show the
/// parameter (such as the tenant id that goes with an AAD sign-in).
fn is_hidden(parameter: &ConnectionParameter<'_>) -> bool {
    let hidden = parameter.ui_definition.as_ref().and_then(|u| u.constraints).and_then(|c| c.get("hidden"));
    hidden.is_some_and(|h| h.as_bool() == Some(true) || h.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true")))
}

fn policy_templates(props: &ApiProperties<'_>) -> Vec<String> {
    let mut templates: Vec<String> = Vec::new();
    for id in props.policies.iter().filter_map(|p| p.template_id) {
        if !templates.iter().any(|t| t == id.value) {
            templates.push(id.value.to_string());
        }
    }
    templates
}

/// `README.md` (any case) in the connector's folder, read as text (invalid UTF-8 replaced).
/// A README that cannot be read or is over [`MAX_README_BYTES`] is left out.
fn readme(dir: &Path) -> Option<Doc> {
    let entry =
        std::fs::read_dir(dir).ok()?.filter_map(Result::ok).find(|e| e.file_name().to_string_lossy().eq_ignore_ascii_case("readme.md"))?;
    let metadata = entry.metadata().ok()?;
    if !metadata.is_file() || metadata.len() > MAX_README_BYTES {
        return None;
    }
    let bytes = std::fs::read(entry.path()).ok()?;
    Some(Doc {
        id: "readme".into(),
        name: entry.file_name().to_string_lossy().into_owned(),
        audience: "application_owner",
        format: "markdown",
        content: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// A path component or tag as an id: lowercase ASCII letters and digits, with every run of
/// other characters turned into one `-`, and no `-` at either end (`HR Cloud` → `hr-cloud`).
/// A string with no letter or digit becomes `_`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "_".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The id of a path relative to the scanned folder: [`slug`] of each component, joined by `+`.
pub fn id_of_path(relative: &str) -> String {
    let parts: Vec<String> = relative.split(['/', '\\']).filter(|c| !c.is_empty() && *c != ".").map(slug).collect();
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("+")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_ids() {
        assert_eq!(slug("HR Cloud"), "hr-cloud");
        assert_eq!(slug("  Office 365 (Preview)  "), "office-365-preview");
        assert_eq!(slug("Société"), "soci-t");
        assert_eq!(slug("..."), "_");
        assert_eq!(id_of_path("certified-connectors/Office 365 Outlook"), "certified-connectors+office-365-outlook");
        assert_eq!(id_of_path("./a//b/"), "a+b");
    }

    #[test]
    fn profiles_come_from_the_parent_folders() {
        assert_eq!(profile_of(Path::new("/x/certified-connectors/Foo")), "certified");
        assert_eq!(profile_of(Path::new("/x/independent-publisher-connectors/Foo")), "independent_publisher");
        assert_eq!(profile_of(Path::new("/x/custom-connectors/Foo")), "custom");
        assert_eq!(profile_of(Path::new("/x/templates/certified-connectors")), "template");
        assert_eq!(profile_of(Path::new("/x/templates/Independent Publisher")), "template");
        assert_eq!(profile_of(Path::new("/somewhere/Foo")), "custom");
        // The nearest folder wins.
        assert_eq!(profile_of(Path::new("/templates/old/certified-connectors/Foo")), "certified");
    }
}
