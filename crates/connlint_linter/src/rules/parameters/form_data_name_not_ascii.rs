use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::swagger::{Operation, Parameter};

declare_rule! {
    /// ## What it does
    /// Reports a `formData` parameter whose `name` contains characters outside US-ASCII.
    ///
    /// ## Why is this bad?
    /// Form field names travel in `Content-Disposition` headers and urlencoded bodies, where
    /// non-ASCII names are encoded inconsistently by clients and servers. Microsoft's Swagger
    /// Validator rejects such names; keep the display text in `x-ms-summary` instead.
    ///
    /// ## Severity
    /// Form-data parameter names outside US-ASCII are refused as `InvalidFormDataParameterName`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "name": "größe", "in": "formData", "type": "string" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "name": "groesse", "in": "formData", "type": "string", "x-ms-summary": "Größe" }
    /// ```
    pub FormDataNameNotAscii {
        id: "form-data-name-not-ascii",
        category: Parameters,
        severity: Error,
        profile: Base,
        ms_names: ["InvalidFormDataParameterName"],
        summary: "A formData parameter name has non-ASCII characters",
        visits: [Parameter],
    }
}

impl Rule for FormDataNameNotAscii {
    fn check_parameter(&self, p: &Parameter<'_>, _op: Option<&Operation<'_>>, cx: &mut Context<'_, '_>) {
        if !p.is_in("formData") {
            return;
        }
        let Some(name) = p.name else { return };
        let Some(bad) = name.value.chars().find(|c| !c.is_ascii()) else { return };
        cx.report_swagger(name.span, format!("form field name `{}` contains the non-ASCII character `{bad}`", name.value))
            .help("use an ASCII name for the field and put the display text in `x-ms-summary`");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_name() {
        let text = "{\"paths\": {\"/f\": {\"post\": {\"parameters\": [\n  {\"name\": \"größe\", \"in\": \"formData\", \"type\": \"string\"}\n]}}}}";
        assert_eq!(messages(&FormDataNameNotAscii, swagger(text)), ["2:12 form field name `größe` contains the non-ASCII character `ö`"]);
    }

    #[test]
    fn silent_on_ascii_names_and_other_locations() {
        let text = r#"{"paths": {"/f": {"post": {"parameters": [
  {"name": "size_2", "in": "formData", "type": "string", "x-ms-summary": "Größe"},
  {"name": "größe", "in": "query", "type": "string"}
]}}}}"#;
        assert_silent(&FormDataNameNotAscii, swagger(text));
    }
}
