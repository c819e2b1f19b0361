use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports a required string that is present but empty or only whitespace: a parameter's
    /// `name`, a response's `description`, a tag's `name`, a security scheme's `name`,
    /// `authorizationUrl` and `tokenUrl`, and an `x-ms-connector-metadata` entry's
    /// `propertyValue`. (Empty titles, summaries and descriptions of the document and its
    /// operations have their own rules.)
    ///
    /// ## Why is this bad?
    /// The field exists only to satisfy the format; its value is what the platform needs. An
    /// empty parameter name or OAuth URL breaks calls, and Microsoft's validator rejects empty
    /// required values.
    ///
    /// ## Severity
    /// A required property that is present but empty is refused by the Swagger Validator as
    /// `RequiredValueEmpty`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "200": { "description": "" } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "responses": { "200": { "description": "The task." } } }
    /// ```
    pub RequiredValueEmpty {
        id: "required-value-empty",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: ["RequiredValueEmpty"],
        summary: "A required string is empty",
        visits: [Connector],
    }
}

fn blank<'a>(node: Option<&'a Node<'a>>) -> Option<&'a Node<'a>> {
    node.filter(|n| n.as_str().is_some_and(|s| s.trim().is_empty()))
}

impl Rule for RequiredValueEmpty {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let mut found: Vec<(&Node, String)> = Vec::new();
        let parameters =
            swagger.operations.iter().flat_map(|op| op.parameters.iter()).chain(swagger.paths.iter().flat_map(|p| p.parameters.iter()));
        for p in parameters.filter(|p| p.reference.is_none()) {
            if let Some(n) = blank(p.node.and_then(|n| n.get("name"))) {
                found.push((n, "a parameter's `name`".into()));
            }
        }
        if let Some(shared) = swagger.parameters {
            for m in members(shared) {
                if let Some(n) = blank(m.value.get("name")) {
                    found.push((n, format!("the `name` of parameter `{}`", m.key.text)));
                }
            }
        }
        let inline =
            swagger.operations.iter().flat_map(|op| op.responses.iter().filter(|r| r.reference.is_none()).map(|r| (r.site, r.code())));
        let shared = swagger.responses.into_iter().flat_map(|r| members(r).iter().map(|m| (&m.value, &*m.key.text)));
        for (response, code) in inline.chain(shared) {
            if let Some(n) = blank(response.get("description")) {
                found.push((n, format!("the `description` of response `{code}`")));
            }
        }
        for tag in swagger.tags.and_then(Node::as_array).unwrap_or_default() {
            if let Some(n) = blank(tag.get("name")) {
                found.push((n, "a tag's `name`".into()));
            }
        }
        for scheme in &swagger.security_definitions {
            for key in ["name", "authorizationUrl", "tokenUrl"] {
                if let Some(n) = blank(scheme.node.get(key)) {
                    found.push((n, format!("the `{key}` of security scheme `{}`", scheme.key.text)));
                }
            }
        }
        for entry in swagger.connector_metadata.iter().flat_map(|m| m.value.iter()) {
            if let Some(n) = blank(entry.node.get("propertyValue")) {
                let name = entry.property_name.map_or("?", |n| n.value);
                found.push((n, format!("the `propertyValue` of connector metadata `{name}`")));
            }
        }
        found.sort_by_key(|(n, _)| n.span.start);
        for (node, what) in found {
            cx.report_swagger(node.span, format!("{what} is empty")).help("fill in the value, or remove the entry if it is not needed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_empty_required_values() {
        let text = "{\"paths\": {\"/a\": {\"get\": {\"parameters\": [{\"name\": \"\", \"in\": \"query\"}],\n\"responses\": {\"200\": {\"description\": \" \"}}}}},\n\"tags\": [{\"name\": \"\"}],\n\"securityDefinitions\": {\"o\": {\"type\": \"oauth2\", \"tokenUrl\": \"\"}},\n\"x-ms-connector-metadata\": [{\"propertyName\": \"Website\", \"propertyValue\": \"\"}]}";
        assert_eq!(
            messages(&RequiredValueEmpty, swagger(text)),
            [
                "1:51 a parameter's `name` is empty",
                "2:38 the `description` of response `200` is empty",
                "3:19 a tag's `name` is empty",
                "4:61 the `tokenUrl` of security scheme `o` is empty",
                "5:74 the `propertyValue` of connector metadata `Website` is empty",
            ]
        );
    }

    #[test]
    fn silent_on_filled_values() {
        let text = r#"{"paths": {"/a": {"get": {"parameters": [{"name": "q"}], "responses": {"200": {"description": "OK"}}}}},
            "responses": {"E": {"description": "Error"}}, "tags": [{"name": "t"}], "securityDefinitions": {"o": {"type": "oauth2", "tokenUrl": "https://t"}}}"#;
        assert_silent(&RequiredValueEmpty, swagger(text));
    }
}
