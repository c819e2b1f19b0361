use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{Operation, Parameter, SchemaRole, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Reports `"type": "file"` where Swagger 2.0 does not allow it: on a parameter that is not
    /// `in: formData`, in a request body schema, and anywhere inside a schema except at the
    /// root of a response schema (or of a definition, which a response may use).
    ///
    /// ## Why is this bad?
    /// `file` means "the whole payload is a file": a form-data upload or a binary response.
    /// Elsewhere it has no meaning; use `"type": "string", "format": "binary"` for binary
    /// content in a body. Microsoft's validator rejects it.
    ///
    /// ## Severity
    /// `type: file` outside form data and the root of a response is refused as
    /// `SchemaTypeFileNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "attachment", "in": "query", "type": "file" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "attachment", "in": "formData", "type": "file" }
    /// ```
    pub SchemaTypeFileMisplaced {
        id: "schema-type-file-misplaced",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["SchemaTypeFileNotValid"],
        summary: "type file is used outside form data and response roots",
        visits: [Schema, Parameter],
    }
}

fn file_type<'a>(node: &'a Node<'a>) -> Option<&'a Node<'a>> {
    node.get("type").filter(|t| t.as_str() == Some("file"))
}

impl Rule for SchemaTypeFileMisplaced {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::TYPE)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(ty) = file_type(schema.node) else { return };
        let allowed = schema.depth == 0 && matches!(schema.role, SchemaRole::Output | SchemaRole::Definition);
        if !allowed {
            let place = if schema.role == SchemaRole::Input && schema.depth == 0 { "a request body" } else { "a nested schema" };
            cx.report_swagger(ty.span, format!("`type: file` is not allowed in {place}"))
                .help("use `\"type\": \"string\", \"format\": \"binary\"`, or a `formData` parameter of type `file` for uploads");
        }
    }

    fn check_parameter(&self, parameter: &Parameter<'_>, _operation: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        let Some(node) = parameter.node else { return };
        // A shared parameter is reported where it is defined (the engine drops repeats).
        if parameter.is_in("formData") || parameter.is_in("body") {
            return;
        }
        if let Some(ty) = file_type(node) {
            let location = parameter.location.map_or("?", |l| l.value);
            cx.report_swagger(ty.span, format!("`type: file` is only allowed on `formData` parameters, not `in: {location}`"))
                .help("send the file as a `formData` parameter, or as a body of `\"type\": \"string\", \"format\": \"binary\"`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_bodies_nested_schemas_and_non_form_parameters() {
        let text = "{\"paths\": {\"/a\": {\"post\": {\"parameters\": [\n  {\"name\": \"q\", \"in\": \"query\", \"type\": \"file\"},\n  {\"name\": \"b\", \"in\": \"body\", \"schema\": {\"type\": \"file\"}}\n]}}},\n\"definitions\": {\"D\": {\"properties\": {\"f\": {\"type\": \"file\"}}}}}";
        assert_eq!(
            messages(&SchemaTypeFileMisplaced, swagger(text)),
            [
                "2:40 `type: file` is only allowed on `formData` parameters, not `in: query`",
                "3:50 `type: file` is not allowed in a request body",
                "5:52 `type: file` is not allowed in a nested schema",
            ]
        );
    }

    #[test]
    fn silent_on_form_data_and_response_roots() {
        let text = r#"{"paths": {"/a": {"post": {"parameters": [{"name": "f", "in": "formData", "type": "file"}],
            "responses": {"200": {"description": "OK", "schema": {"type": "file"}}}}}},
            "definitions": {"D": {"type": "file"}}}"#;
        assert_silent(&SchemaTypeFileMisplaced, swagger(text));
    }
}
