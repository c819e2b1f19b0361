//! `apiProperties.json`: connection parameters, policy templates, brand color, capabilities and
//! script operations.

use super::{members, strings_of, Fields, FileId, ShapeErrors, Spanned, Str};
use crate::json::{Key, Node};

/// Connection parameter types that Power Platform accepts (exact case).
pub const CONNECTION_PARAMETER_TYPES: [&str; 6] = ["string", "securestring", "int", "bool", "oauthSetting", "gatewaySetting"];

#[derive(Debug)]
pub struct ApiProperties<'a> {
    pub file: FileId,
    pub root: &'a Node<'a>,
    /// The `properties` object.
    pub properties: Option<&'a Node<'a>>,
    pub connection_parameters: Option<&'a Node<'a>>,
    pub connection_parameter_list: Vec<ConnectionParameter<'a>>,
    pub connection_parameter_sets: Option<ConnectionParameterSets<'a>>,
    pub icon_brand_color: Option<Str<'a>>,
    pub capabilities: Option<Spanned<Vec<Str<'a>>>>,
    pub policy_template_instances: Option<&'a Node<'a>>,
    pub policies: Vec<PolicyTemplateInstance<'a>>,
    pub publisher: Option<Str<'a>>,
    pub stack_owner: Option<Str<'a>>,
    /// `scriptOperations`; an empty list means every operation goes through the script.
    pub script_operations: Option<Spanned<Vec<Str<'a>>>>,
    pub shape_errors: ShapeErrors,
}

#[derive(Debug, Clone)]
pub struct ConnectionParameter<'a> {
    pub key: &'a Key<'a>,
    pub node: &'a Node<'a>,
    pub ty: Option<Str<'a>>,
    pub ui_definition: Option<UiDefinition<'a>>,
    pub oauth_settings: Option<OAuthSettings<'a>>,
    pub allowed_values: Option<&'a Node<'a>>,
    pub default_value: Option<&'a Node<'a>>,
}

impl ConnectionParameter<'_> {
    pub fn name(&self) -> &str {
        &self.key.text
    }
}

#[derive(Debug, Clone)]
pub struct UiDefinition<'a> {
    pub node: &'a Node<'a>,
    pub display_name: Option<Str<'a>>,
    pub description: Option<Str<'a>>,
    pub tooltip: Option<Str<'a>>,
    pub constraints: Option<&'a Node<'a>>,
}

#[derive(Debug, Clone)]
pub struct OAuthSettings<'a> {
    pub node: &'a Node<'a>,
    pub identity_provider: Option<Str<'a>>,
    pub client_id: Option<&'a Node<'a>>,
    pub scopes: Option<Vec<Str<'a>>>,
    pub redirect_mode: Option<Str<'a>>,
    pub redirect_url: Option<Str<'a>>,
    pub custom_parameters: Option<&'a Node<'a>>,
    pub properties: Option<&'a Node<'a>>,
}

/// `connectionParameterSets` (several ways to authenticate).
#[derive(Debug, Clone)]
pub struct ConnectionParameterSets<'a> {
    pub node: &'a Node<'a>,
    pub ui_definition: Option<&'a Node<'a>>,
    pub values: Vec<ConnectionParameterSet<'a>>,
}

#[derive(Debug, Clone)]
pub struct ConnectionParameterSet<'a> {
    pub node: &'a Node<'a>,
    pub name: Option<Str<'a>>,
    pub ui_definition: Option<UiDefinition<'a>>,
    pub parameters: Vec<ConnectionParameter<'a>>,
}

#[derive(Debug, Clone)]
pub struct PolicyTemplateInstance<'a> {
    pub node: &'a Node<'a>,
    pub template_id: Option<Str<'a>>,
    pub title: Option<Str<'a>>,
    pub parameters: Option<&'a Node<'a>>,
}

impl<'a> ApiProperties<'a> {
    pub fn build(file: FileId, root: &'a Node<'a>) -> Self {
        let mut errors = ShapeErrors::new(file);
        let mut model = ApiProperties {
            file,
            root,
            properties: None,
            connection_parameters: None,
            connection_parameter_list: Vec::new(),
            connection_parameter_sets: None,
            icon_brand_color: None,
            capabilities: None,
            policy_template_instances: None,
            policies: Vec::new(),
            publisher: None,
            stack_owner: None,
            script_operations: None,
            shape_errors: ShapeErrors::new(file),
        };
        let properties = Fields::of(root, "document root", &mut errors).and_then(|mut f| f.object("properties", "properties"));
        if let Some(properties) = properties {
            let mut f = Fields { node: properties, errors: &mut errors };
            model.properties = Some(properties);
            model.connection_parameters = f.object("connectionParameters", "connectionParameters");
            let sets = f.object("connectionParameterSets", "connectionParameterSets");
            model.icon_brand_color = f.str("iconBrandColor", "iconBrandColor");
            model.capabilities =
                f.array("capabilities", "capabilities").map(|n| Spanned::new(strings_of(n, "capability", f.errors), n.span));
            model.policy_template_instances = f.array("policyTemplateInstances", "policyTemplateInstances");
            model.publisher = f.str("publisher", "publisher");
            model.stack_owner = f.str("stackOwner", "stackOwner");
            model.script_operations =
                f.array("scriptOperations", "scriptOperations").map(|n| Spanned::new(strings_of(n, "script operation", f.errors), n.span));
            model.connection_parameter_list = model.connection_parameters.map(|n| read_parameters(n, &mut errors)).unwrap_or_default();
            model.connection_parameter_sets = sets.map(|n| read_sets(n, &mut errors));
            model.policies = model
                .policy_template_instances
                .map(|n| {
                    n.as_array()
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|item| {
                            let mut f = Fields::of(item, "policy template instance", &mut errors)?;
                            Some(PolicyTemplateInstance {
                                node: item,
                                template_id: f.str("templateId", "templateId"),
                                title: f.str("title", "policy title"),
                                parameters: f.object("parameters", "policy parameters"),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
        }
        model.shape_errors = errors;
        model
    }

    /// Every connection parameter, of the single set and of every parameter set.
    pub fn all_connection_parameters(&self) -> impl Iterator<Item = &ConnectionParameter<'a>> {
        self.connection_parameter_list
            .iter()
            .chain(self.connection_parameter_sets.iter().flat_map(|s| s.values.iter().flat_map(|v| v.parameters.iter())))
    }

    /// Whether a connection parameter with this name exists (in any set).
    pub fn has_connection_parameter(&self, name: &str) -> bool {
        self.all_connection_parameters().any(|p| p.name() == name)
    }
}

fn read_parameters<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Vec<ConnectionParameter<'a>> {
    members(node)
        .iter()
        .filter_map(|m| {
            let mut f = Fields::of(&m.value, "connection parameter", errors)?;
            let ty = f.str("type", "connection parameter type");
            let ui = f.object("uiDefinition", "uiDefinition");
            let oauth = f.object("oAuthSettings", "oAuthSettings");
            let allowed_values = f.any("allowedValues");
            let default_value = f.any("defaultValue");
            Some(ConnectionParameter {
                key: &m.key,
                node: &m.value,
                ty,
                ui_definition: ui.and_then(|n| read_ui_definition(n, errors)),
                oauth_settings: oauth.and_then(|n| read_oauth(n, errors)),
                allowed_values,
                default_value,
            })
        })
        .collect()
}

fn read_ui_definition<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<UiDefinition<'a>> {
    let mut f = Fields::of(node, "uiDefinition", errors)?;
    Some(UiDefinition {
        node,
        display_name: f.str("displayName", "uiDefinition displayName"),
        description: f.str("description", "uiDefinition description"),
        tooltip: f.str("tooltip", "uiDefinition tooltip"),
        constraints: f.object("constraints", "uiDefinition constraints"),
    })
}

fn read_oauth<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> Option<OAuthSettings<'a>> {
    let mut f = Fields::of(node, "oAuthSettings", errors)?;
    Some(OAuthSettings {
        node,
        identity_provider: f.str("identityProvider", "identityProvider"),
        client_id: f.any("clientId").or_else(|| f.any("ClientId")),
        scopes: f.strings("scopes", "oAuthSettings scopes"),
        redirect_mode: f.str("redirectMode", "redirectMode"),
        redirect_url: f.str("redirectUrl", "redirectUrl"),
        custom_parameters: f.object("customParameters", "customParameters"),
        properties: f.object("properties", "oAuthSettings properties"),
    })
}

fn read_sets<'a>(node: &'a Node<'a>, errors: &mut ShapeErrors) -> ConnectionParameterSets<'a> {
    let Some(mut f) = Fields::of(node, "connectionParameterSets", errors) else {
        return ConnectionParameterSets { node, ui_definition: None, values: Vec::new() };
    };
    let ui_definition = f.object("uiDefinition", "connectionParameterSets uiDefinition");
    let values = f.array("values", "connectionParameterSets values");
    let values = values
        .map(|v| {
            v.as_array()
                .unwrap_or_default()
                .iter()
                .filter_map(|item| {
                    let mut f = Fields::of(item, "connection parameter set", errors)?;
                    let name = f.str("name", "parameter set name");
                    let ui = f.object("uiDefinition", "parameter set uiDefinition");
                    let params = f.object("parameters", "parameter set parameters");
                    Some(ConnectionParameterSet {
                        node: item,
                        name,
                        ui_definition: ui.and_then(|n| read_ui_definition(n, errors)),
                        parameters: params.map(|n| read_parameters(n, errors)).unwrap_or_default(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ConnectionParameterSets { node, ui_definition, values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn reads_parameters_sets_policies_and_script_operations() {
        let text = r##"{"properties": {
            "connectionParameters": {"api_key": {"type": "securestring", "uiDefinition": {"displayName": "API key", "constraints": {"required": "true"}}}},
            "connectionParameterSets": {"values": [{"name": "oauth", "parameters": {"token": {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "aad", "scopes": ["a"]}}}}]},
            "iconBrandColor": "#da3b01",
            "capabilities": ["actions", 3],
            "policyTemplateInstances": [{"templateId": "setheader", "parameters": {"x-ms-apimTemplateParameter.name": "a"}}],
            "scriptOperations": []
        }}"##;
        let root = parse(text).root.unwrap();
        let model = ApiProperties::build(FileId(1), &root);
        let names: Vec<_> = model.all_connection_parameters().map(|p| p.name()).collect();
        assert_eq!(names, ["api_key", "token"]);
        assert_eq!(
            model.connection_parameter_sets.as_ref().unwrap().values[0].parameters[0]
                .oauth_settings
                .as_ref()
                .unwrap()
                .identity_provider
                .unwrap()
                .value,
            "aad"
        );
        assert_eq!(model.icon_brand_color.unwrap().value, "#da3b01");
        assert_eq!(model.capabilities.as_ref().unwrap().value.len(), 1);
        assert_eq!(model.shape_errors.errors.len(), 1);
        assert_eq!(model.policies[0].template_id.unwrap().value, "setheader");
        assert!(model.script_operations.as_ref().unwrap().value.is_empty());
    }
}
