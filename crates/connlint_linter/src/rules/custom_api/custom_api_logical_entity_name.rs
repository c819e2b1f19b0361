use super::{api_label, code, non_empty, part_label, parts, Code, PartKind};
use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a `logicalentityname` on a request parameter or response property whose type
    /// does not take a table: only Entity (3) and EntityReference (5) do, plus EntityCollection
    /// (4) on a request parameter. On a response property of type EntityCollection it is an
    /// error too.
    ///
    /// ## Why is this bad?
    /// `logicalentityname` says which table an Entity or EntityReference value belongs to; on
    /// any other type it means nothing, and Dataverse refuses it on an EntityCollection
    /// response property, so the solution does not import.
    ///
    /// ## Severity
    /// `logicalentityname` only applies to Entity and EntityReference values
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/customapiresponseproperty);
    /// Dataverse refuses it elsewhere, so the solution does not import.
    ///
    /// ## Example
    /// ```xml
    /// <customapiresponseproperty uniquename="Score">
    ///   <logicalentityname>account</logicalentityname>
    ///   <type>7</type>
    /// </customapiresponseproperty>
    /// ```
    /// Use instead:
    /// ```xml
    /// <customapiresponseproperty uniquename="Score">
    ///   <type>7</type>
    /// </customapiresponseproperty>
    /// ```
    pub CustomApiLogicalEntityName {
        id: "custom-api-logical-entity-name",
        category: CustomApi,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A custom API parameter or property names a table but its type takes none",
        visits: [Connector],
    }
}

const TYPE_NAMES: [&str; 13] = [
    "Boolean",
    "DateTime",
    "Decimal",
    "Entity",
    "EntityCollection",
    "EntityReference",
    "Float",
    "Integer",
    "Money",
    "Picklist",
    "String",
    "StringArray",
    "Guid",
];

impl Rule for CustomApiLogicalEntityName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            for (kind, part) in parts(api) {
                let Some(entity) = non_empty(part.element, "logicalentityname") else { continue };
                // A missing or invalid type is custom-api-value-invalid's finding.
                let Code::Int(ty) = code(part.element, "type") else { continue };
                let Some(type_name) = usize::try_from(ty).ok().and_then(|t| TYPE_NAMES.get(t)) else { continue };
                let allowed = match kind {
                    PartKind::Request => matches!(ty, 3..=5),
                    PartKind::Response => matches!(ty, 3 | 5),
                };
                if allowed {
                    continue;
                }
                let expected = match kind {
                    PartKind::Request => "Entity (3), EntityCollection (4) or EntityReference (5)",
                    PartKind::Response => "Entity (3) or EntityReference (5)",
                };
                cx.report(
                    part.file,
                    entity.text_span(),
                    format!(
                        "{} `{}` of custom API `{}` has type {ty} ({type_name}) but names the table `{}`; only {expected} take one",
                        kind.noun(),
                        part_label(part),
                        api_label(api),
                        entity.text()
                    ),
                )
                .help("remove `<logicalentityname>`, or change `type` to one that refers to a table");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_on_a_table_for_a_plain_type() {
        let prop = replace(PROP, "<name>", "<logicalentityname>account</logicalentityname>\n  <name>");
        let param = replace(PARAM, "<name>", "<logicalentityname>contact</logicalentityname>\n  <name>");
        assert_eq!(
            with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]).messages(&CustomApiLogicalEntityName),
            [
                format!("{PARAM_PATH}:10:22 request parameter `Since` of custom API `contoso_GetScore` has type 1 (DateTime) but names the table `contact`; only Entity (3), EntityCollection (4) or EntityReference (5) take one"),
                format!("{PROP_PATH}:9:22 response property `Score` of custom API `contoso_GetScore` has type 7 (Integer) but names the table `account`; only Entity (3) or EntityReference (5) take one"),
            ]
        );
    }

    #[test]
    fn fires_on_an_entity_collection_response_property() {
        let prop = replace(PROP, "<type>7<", "<type>4<");
        let prop = replace(&prop, "<name>", "<logicalentityname>account</logicalentityname>\n  <name>");
        assert_eq!(with(&[(PROP_PATH, &prop)]).positions(&CustomApiLogicalEntityName), [format!("{PROP_PATH}:9:22")]);
    }

    #[test]
    fn silent_on_table_types_and_empty_names() {
        valid().assert_silent(&CustomApiLogicalEntityName);
        for (param_type, prop_type) in [("3", "3"), ("4", "5"), ("5", "5")] {
            let param = replace(PARAM, "<type>1<", &format!("<type>{param_type}<"));
            let param = replace(&param, "<name>", "<logicalentityname>contact</logicalentityname>\n  <name>");
            let prop = replace(PROP, "<type>7<", &format!("<type>{prop_type}<"));
            let prop = replace(&prop, "<name>", "<logicalentityname>account</logicalentityname>\n  <name>");
            with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]).assert_silent(&CustomApiLogicalEntityName);
        }
        // Empty element, and an invalid type (reported by custom-api-value-invalid).
        let prop = replace(PROP, "<name>", "<logicalentityname />\n  <name>");
        let param = replace(PARAM, "<type>1<", "<type>99<");
        let param = replace(&param, "<name>", "<logicalentityname>contact</logicalentityname>\n  <name>");
        with(&[(PARAM_PATH, &param), (PROP_PATH, &prop)]).assert_silent(&CustomApiLogicalEntityName);
    }
}
