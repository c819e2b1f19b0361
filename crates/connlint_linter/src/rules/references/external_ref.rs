use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `$ref` that points outside the swagger file: to another file
    /// (`common.json#/definitions/Error`) or to a URL. Examples, defaults and enum values are
    /// data and are not looked at.
    ///
    /// ## Why is this bad?
    /// A custom connector is imported as one self-contained swagger file; Power Platform never
    /// fetches other files, so the reference cannot be resolved and the import fails.
    /// Microsoft's Swagger Validator rejects such references. connlint does not fetch them
    /// either, so nothing behind them is checked.
    ///
    /// ## Severity
    /// References to other files or URLs are not supported: the validator reports
    /// `SchemaReferenceNotValid`, `ParameterReferenceNotValid` and `ResponseReferenceNotValid`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "schema": { "$ref": "common.json#/definitions/Error" } }
    /// ```
    /// Use instead (with `Error` copied under this file's `definitions`):
    /// ```json
    /// { "schema": { "$ref": "#/definitions/Error" } }
    /// ```
    pub ExternalRef {
        id: "external-ref",
        category: References,
        severity: Error,
        profile: Base,
        ms_names: ["SchemaReferenceNotValid", "ParameterReferenceNotValid", "ResponseReferenceNotValid"],
        summary: "A $ref points to another file or a URL",
        visits: [Connector],
    }
}

impl Rule for ExternalRef {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        for member in &cx.semantic().keywords().refs {
            let Some(target) = member.value.as_str() else { continue };
            if target.is_empty() || target.starts_with('#') {
                continue;
            }
            let diagnostic = cx.report_swagger(
                member.value.span,
                format!("`$ref` `{target}` points outside this file; a connector must be self-contained"),
            );
            // `other.json#/definitions/X` when this file has `#/definitions/X` too.
            let local = target.find('#').map(|i| &target[i..]).filter(|local| swagger.resolve_ref(local).is_ok());
            match local {
                Some(local) => diagnostic.help(format!("this file has `{local}`: refer to it as `\"{local}\"`")),
                None => diagnostic.help(
                    "copy what it points to into this file (under `definitions`, `parameters` or `responses`) and refer to it with `#/...`",
                ),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_files_and_urls() {
        let text = r##"{
  "definitions": {
    "Error": {"type": "object"},
    "A": {"$ref": "common.json#/definitions/Error"},
    "B": {"$ref": "https://example.com/schemas/b.json"}
  }
}"##;
        let findings = run(&ExternalRef, swagger(text));
        let got: Vec<_> = findings.iter().map(|f| format!("{}:{} {}", f.line, f.column, f.help.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                "4:19 this file has `#/definitions/Error`: refer to it as `\"#/definitions/Error\"`",
                "5:19 copy what it points to into this file (under `definitions`, `parameters` or `responses`) and refer to it with `#/...`",
            ]
        );
        assert_eq!(
            findings[1].message,
            "`$ref` `https://example.com/schemas/b.json` points outside this file; a connector must be self-contained"
        );
    }

    #[test]
    fn silent_on_local_broken_and_data_references() {
        let text = r##"{
  "definitions": {
    "A": {"$ref": "#/definitions/B"},
    "B": {"$ref": "#/definitions/Missing"},
    "C": {"$ref": ""},
    "D": {"type": "object", "example": {"$ref": "other.json"}, "properties": {"$ref": {"type": "string"}}}
  }
}"##;
        assert_silent(&ExternalRef, swagger(text));
    }
}
