use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::calls::parameter_objects;
use connlint_core::json::Node;
use connlint_core::model::extensions::{known_extension, Place};
use connlint_core::model::members;

declare_rule! {
    /// ## What it does
    /// Reports a known `x-ms-*` extension on a kind of object it does not belong to, such as
    /// `x-ms-trigger` on a parameter or `x-ms-visibility` on a response. The kinds checked
    /// are the document root, `info`, path items, operations, parameters, schemas (request and
    /// response bodies, `definitions` and everything nested in them), responses, response
    /// headers and security definitions; objects of any other kind are not looked at, nor are
    /// extensions whose place is not known precisely.
    ///
    /// ## Why is this bad?
    /// Power Platform reads each extension only where it is defined. Elsewhere it has no
    /// effect (the trigger is not a trigger, the field is not hidden), which usually means it
    /// was meant for the enclosing or the nested object.
    ///
    /// ## Example
    /// ```json
    /// { "get": { "operationId": "ListItems", "responses": { "200": { "description": "OK", "x-ms-visibility": "internal" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "get": { "operationId": "ListItems", "x-ms-visibility": "internal", "responses": { "200": { "description": "OK" } } } }
    /// ```
    pub ExtensionPlacement {
        id: "extension-placement",
        category: Extensions,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A known extension is on a kind of object it does not belong to",
        visits: [Connector],
    }
}

/// Placements outside the catalog's list that are plausible enough not to report: a file
/// parameter (`in: formData`) may say what kind of media it takes.
const TOLERATED: [(&str, Place); 1] = [("x-ms-media-kind", Place::Parameter)];

fn places_text(places: &[Place]) -> String {
    let names: Vec<&str> = places.iter().map(|p| p.name()).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Whether `node` is an object with an `x-ms-` key.
fn has_extension(node: &Node) -> bool {
    node.as_object().is_some_and(|ms| ms.iter().any(|m| m.key.text.starts_with("x-ms-")))
}

impl Rule for ExtensionPlacement {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        // Only objects with an `x-ms-` key can misplace one, and most objects (schemas above all)
        // have none: they are left out as they are met, so the list stays short. The test is
        // on the object, so every entry of a kept object stays and the "met as two kinds" check
        // below is unchanged.
        let mut objects: Vec<(&Node, Place)> = Vec::new();
        let mut add = |node, place| {
            if has_extension(node) {
                objects.push((node, place));
            }
        };
        add(swagger.root, Place::Root);
        if let Some(info) = &swagger.info {
            add(info.node, Place::Info);
        }
        for path in &swagger.paths {
            add(path.node, Place::PathItem);
        }
        for op in &swagger.operations {
            add(op.node, Place::Operation);
        }
        for (node, _) in parameter_objects(swagger) {
            add(node, Place::Parameter);
        }
        swagger.visit_schemas(|v| add(v.node, Place::Schema));
        let shared = swagger.responses.map(members).unwrap_or_default().iter().map(|m| &m.value);
        let inline = swagger.operations.iter().flat_map(|op| op.responses.iter().filter(|r| r.reference.is_none()).map(|r| r.site));
        for response in shared.chain(inline) {
            add(response, Place::Response);
            for header in response.get("headers").map(members).unwrap_or_default() {
                add(&header.value, Place::Header);
            }
        }
        for scheme in &swagger.security_definitions {
            add(scheme.node, Place::SecurityScheme);
        }
        objects.sort_by_key(|(n, _)| n.span.start);
        // An object met as two different kinds is left alone.
        let mut i = 0;
        while i < objects.len() {
            let same = objects[i..].iter().take_while(|(n, _)| n.span.start == objects[i].0.span.start).count();
            let (node, place) = objects[i];
            i += same;
            if objects[i - same..i].iter().any(|(_, p)| *p != place) {
                continue;
            }
            for m in members(node) {
                if !m.key.text.starts_with("x-ms-") {
                    continue;
                }
                let Some(known) = known_extension(&m.key.text) else { continue };
                if known.places.is_empty() || known.places.contains(&place) || TOLERATED.contains(&(known.name, place)) {
                    continue;
                }
                cx.report_swagger(m.key.span, format!("`{}` has no effect on {}", known.name, place.name()))
                    .help(format!("it belongs on {}; move it there or remove it", places_text(known.places)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_misplaced_extensions() {
        let text = r##"{"x-ms-trigger": "single",
  "info": {"title": "T", "x-ms-summary": "T"},
  "paths": {"/a": {"x-ms-visibility": "internal",
    "get": {"operationId": "A", "x-ms-url-encoding": "double",
      "parameters": [{"name": "q", "in": "query", "type": "string", "x-ms-trigger": "batch"}],
      "responses": {"200": {"description": "OK", "x-ms-visibility": "internal",
        "headers": {"h": {"type": "string", "x-ms-media-kind": "image"}},
        "schema": {"type": "object", "x-ms-pageable": {"nextLinkName": "next"}}}}}}},
  "securityDefinitions": {"k": {"type": "apiKey", "name": "k", "in": "header", "x-ms-summary": "Key"}}}"##;
        assert_eq!(
            messages(&ExtensionPlacement, swagger(text)),
            [
                "1:2 `x-ms-trigger` has no effect on the document root",
                "2:26 `x-ms-summary` has no effect on `info`",
                "3:20 `x-ms-visibility` has no effect on a path item",
                "4:33 `x-ms-url-encoding` has no effect on an operation",
                "5:69 `x-ms-trigger` has no effect on a parameter",
                "6:50 `x-ms-visibility` has no effect on a response",
                "7:45 `x-ms-media-kind` has no effect on a response header",
                "8:38 `x-ms-pageable` has no effect on a schema",
                "9:80 `x-ms-summary` has no effect on a security definition",
            ]
        );
    }

    #[test]
    fn silent_on_well_placed_and_unplaced_extensions() {
        let text = r##"{"x-ms-capabilities": {}, "x-ms-connector-metadata": [],
  "info": {"title": "T", "x-ms-api-annotation": {"status": "Preview"}},
  "paths": {"/a": {"x-ms-notification-content": {"schema": {"type": "object", "x-ms-summary": "S"}},
    "get": {"operationId": "A", "x-ms-visibility": "important", "x-ms-trigger": "single", "x-ms-enum": {},
      "parameters": [{"name": "q", "in": "query", "type": "string", "x-ms-summary": "Q", "x-ms-url-encoding": "single",
        "items": {"type": "string", "x-ms-pageable": {}}},
        {"name": "f", "in": "formData", "type": "file", "x-ms-media-kind": "image"},
        {"name": "body", "in": "body", "schema": {"type": "object", "x-ms-dynamic-values": {}}}],
      "responses": {"200": {"description": "OK", "x-ms-summary": "ok", "headers": {"h": {"type": "string", "x-ms-summary": "H"}},
        "schema": {"type": "object", "properties": {"x-ms-trigger": {"type": "string", "x-ms-secret": true}}}}}}}},
  "definitions": {"D": {"type": "string", "x-ms-visibility": "advanced", "example": {"x-ms-trigger": "x"}}}}"##;
        assert_silent(&ExtensionPlacement, swagger(text));
    }
}
