//! The policy templates of apiProperties.json: their ids, parameters and allowed values.

/// Prefix of a template's own parameters.
pub const PARAMETER_PREFIX: &str = "x-ms-apimTemplateParameter.";
/// The operations a policy applies to (all when absent or empty).
pub const OPERATION_NAME: &str = "x-ms-apimTemplate-operationName";
/// Whether the policy runs on the request, the response or a failure.
pub const POLICY_SECTION: &str = "x-ms-apimTemplate-policySection";

/// One policy template.
#[derive(Debug)]
pub struct Template {
    /// The canonical (lowercase) id.
    pub id: &'static str,
    /// Parameters that must be present (without [`PARAMETER_PREFIX`]).
    pub required: &'static [&'static str],
    /// Parameters that may be present.
    pub optional: &'static [&'static str],
    /// Parameters whose value must be one of a list.
    pub enums: &'static [(&'static str, &'static [&'static str])],
    /// The allowed policy sections.
    pub sections: &'static [&'static str],
}

const REQUEST_RESPONSE: &[&str] = &["Request", "Response"];
const EXISTS_ACTION: (&str, &[&str]) = ("existsAction", &["override", "skip", "append"]);

/// Every template, with the parameters of Microsoft's schema and documentation (the last
/// three are used by certified connectors but are not in the schema).
pub const TEMPLATES: [Template; 16] = [
    Template {
        id: "setheader",
        required: &["name", "value"],
        optional: &["existsAction"],
        enums: &[EXISTS_ACTION],
        sections: &["Request", "Response", "Failure"],
    },
    Template {
        id: "setqueryparameter",
        required: &["name", "value"],
        optional: &["existsAction"],
        enums: &[EXISTS_ACTION],
        sections: REQUEST_RESPONSE,
    },
    Template { id: "dynamichosturl", required: &["urlTemplate"], optional: &[], enums: &[], sections: REQUEST_RESPONSE },
    Template {
        id: "routerequesttoendpoint",
        required: &["newPath"],
        optional: &["httpMethod"],
        enums: &[("httpMethod", &["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "@Request.OriginalHTTPMethod"])],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "setproperty",
        required: &["newPropertyParentPathTemplate", "newPropertySubPathTemplate", "propertyValuePathTemplate"],
        optional: &[],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "setvaluefromurl",
        required: &["parameterTemplate", "parameterValueUrl", "parameterValuePathTemplate"],
        optional: &["httpMethod"],
        enums: &[("httpMethod", &["GET", "POST", "PUT"])],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "pollingtrigger",
        required: &["triggerConfig", "triggerDataPath"],
        optional: &[],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "updatenextlink",
        required: &["nextLinkPropertyName"],
        optional: &["nextLinkParentPropertyPath"],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "convertarraytoobject",
        required: &["propertyParentPath", "keyWithinCollectionPath", "newPropertyPath"],
        optional: &["propertySubPath", "retainKey"],
        enums: &[("retainKey", &["true", "false"])],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "convertobjecttoarray",
        required: &["propertyParentPath", "newPropertyPath"],
        optional: &["propertySubPath", "keyName", "valueName"],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "stringtoarray",
        required: &["propertyParentPath", "delimiterList", "childPropertyName", "newPropertyPath"],
        optional: &["propertySubPath"],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "stringreplace",
        required: &["propertyParentPath", "sourceString", "replacementString", "newPropertyPath"],
        optional: &["propertySubPath"],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "encodepropertyvalue",
        required: &["propertyParentPath", "newPropertyPath"],
        optional: &["propertySubPath"],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "setconnectionstatustounauthenticated",
        required: &["statusCode"],
        optional: &[],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template {
        id: "moveproperties",
        required: &["srcParentPath", "dstParentPath"],
        optional: &["srcSubPath", "dstSubPath", "copyOnlySubProperties"],
        enums: &[],
        sections: REQUEST_RESPONSE,
    },
    Template { id: "dynamicsubdomain", required: &["urlTemplate"], optional: &[], enums: &[], sections: REQUEST_RESPONSE },
];

/// The template a `templateId` names, ignoring case (Microsoft's schema accepts several casings).
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id.eq_ignore_ascii_case(id))
}

/// The names `@connectionParameters('name')` (or `"name"`) refers to in a policy value, with
/// their byte offsets in `text` (of the name, not of the call).
pub fn connection_parameter_references(text: &str) -> Vec<(usize, &str)> {
    const CALL: &str = "@connectionParameters(";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find(CALL) {
        let open = from + p + CALL.len();
        from = open;
        let rest = text[open..].trim_start();
        let skipped = text[open..].len() - rest.len();
        let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else { continue };
        let Some(close) = rest[1..].find(quote) else { continue };
        out.push((open + skipped + 1, &rest[1..1 + close]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_templates_in_any_case() {
        assert_eq!(template("DynamicHostUrl").map(|t| t.id), Some("dynamichosturl"));
        assert!(template("sethttpheader").is_none());
        assert_eq!(TEMPLATES.iter().filter(|t| t.id.chars().all(|c| c.is_ascii_lowercase())).count(), 16);
    }

    #[test]
    fn finds_connection_parameter_references() {
        let text = "https://@connectionParameters('region').example.com/@connectionParameters( \"tenant\" )/@connectionParameters(x)";
        assert_eq!(connection_parameter_references(text), [(31, "region"), (76, "tenant")]);
        assert!(connection_parameter_references("@connectionParameters('unterminated").is_empty());
    }
}
