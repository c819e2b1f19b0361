//! Rules for Dataverse custom APIs kept in a solution (`customapis/<uniquename>/…`).
//!
//! A custom API is `customapi.xml`, with one `customapirequestparameter.xml` per request
//! parameter and one `customapiresponseproperty.xml` per response property. Their values are
//! element texts (`<isfunction>1</isfunction>`); a missing or empty element means the default
//! (0, or not set). The helpers below read them the same way for every rule.

pub mod custom_api_bound_entity_missing;
pub mod custom_api_duplicate_name;
pub mod custom_api_folder_name;
pub mod custom_api_function_without_response;
pub mod custom_api_function_workflow;
pub mod custom_api_global_bound_entity;
pub mod custom_api_label_missing;
pub mod custom_api_logical_entity_name;
pub mod custom_api_orphan_part;
pub mod custom_api_parameter_name;
pub mod custom_api_response_optional;
pub mod custom_api_target_parameter;
pub mod custom_api_unique_name;
pub mod custom_api_value_invalid;

use crate::context::Context;
use connlint_core::model::solution::{CustomApi, CustomApiPart, SolutionModel};
use connlint_core::xml::Element;

/// The solution being linted, if the unit is one.
pub(crate) fn solution<'m, 'a>(cx: &Context<'m, 'a>) -> Option<&'m SolutionModel<'a>> {
    cx.model.solution.as_ref()
}

/// Whether a part is a request parameter or a response property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartKind {
    Request,
    Response,
}

impl PartKind {
    pub(crate) fn noun(self) -> &'static str {
        match self {
            PartKind::Request => "request parameter",
            PartKind::Response => "response property",
        }
    }
}

/// The request parameters, then the response properties, of `api`.
pub(crate) fn parts<'x, 'a>(api: &'x CustomApi<'a>) -> impl Iterator<Item = (PartKind, &'x CustomApiPart<'a>)> + 'x {
    let requests = api.request_parameters.iter().map(|p| (PartKind::Request, p));
    let responses = api.response_properties.iter().map(|p| (PartKind::Response, p));
    requests.chain(responses)
}

/// The value of an integer-coded element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// No element, or an empty one: the default applies.
    Missing,
    Int(i64),
    /// Text that is not an integer.
    Other,
}

/// The integer code in the child element `name` of `element`.
pub(crate) fn code(element: &Element, name: &str) -> Code {
    match element.child(name).map(Element::text) {
        None | Some("") => Code::Missing,
        Some(text) => text.parse().map_or(Code::Other, Code::Int),
    }
}

/// Whether the 0|1 flag `name` is on.
pub(crate) fn is_on(element: &Element, name: &str) -> bool {
    code(element, name) == Code::Int(1)
}

/// The child element `name` when its text is not empty.
pub(crate) fn non_empty<'a>(element: &'a Element, name: &str) -> Option<&'a Element> {
    element.child(name).filter(|e| !e.text().is_empty())
}

/// Whether the API is bound to a table (bindingtype 1 Entity or 2 EntityCollection).
pub(crate) fn is_bound(api: &CustomApi<'_>) -> bool {
    matches!(code(api.element, "bindingtype"), Code::Int(1 | 2))
}

/// The API's uniquename for messages, or its folder when it has none.
pub(crate) fn api_label<'a>(api: &CustomApi<'a>) -> &'a str {
    match api.unique_name() {
        Some((name, _)) if !name.is_empty() => name,
        _ => api.dir.rsplit('/').next().unwrap_or(api.dir),
    }
}

/// The part's uniquename for messages (`?` when it has none).
pub(crate) fn part_label<'a>(part: &CustomApiPart<'a>) -> &'a str {
    match part.unique_name() {
        Some((name, _)) if !name.is_empty() => name,
        _ => "?",
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A valid solution with one custom API: a function bound to `account`, with one request
    //! parameter and one response property. Every custom API rule stays silent on it; tests
    //! change one file at a time with [`edited`].

    use crate::testing::{solution_folder, TestContainer};

    pub const MANIFEST_PATH: &str = "Other/Solution.xml";
    pub const MANIFEST: &str =
        "<ImportExportXml>\n  <SolutionManifest>\n    <UniqueName>contoso</UniqueName>\n  </SolutionManifest>\n</ImportExportXml>\n";

    pub const API_PATH: &str = "customapis/contoso_GetScore/customapi.xml";
    /// Lines: 3 bindingtype, 4 boundentitylogicalname, 5 description, 8 displayname,
    /// 11 iscustomizable, 12 isfunction, 13 isprivate, 14 name, 18 workflowsdkstepenabled.
    pub const API: &str = r#"<customapi uniquename="contoso_GetScore">
  <allowedcustomprocessingsteptype>0</allowedcustomprocessingsteptype>
  <bindingtype>1</bindingtype>
  <boundentitylogicalname>account</boundentitylogicalname>
  <description default="Computes the score of an account">
    <label description="Computes the score of an account" languagecode="1033" />
  </description>
  <displayname default="Get score">
    <label description="Get score" languagecode="1033" />
  </displayname>
  <iscustomizable>0</iscustomizable>
  <isfunction>1</isfunction>
  <isprivate>0</isprivate>
  <name>contoso_GetScore</name>
  <plugintypeid>
    <plugintypeexportkey>57f3d3bc-57c0-f111-aaaf-000d3a31bda5</plugintypeexportkey>
  </plugintypeid>
  <workflowsdkstepenabled>0</workflowsdkstepenabled>
</customapi>
"#;

    pub const PARAM_PATH: &str = "customapis/contoso_GetScore/customapirequestparameters/Since/customapirequestparameter.xml";
    /// Lines: 2 description, 5 displayname, 8 iscustomizable, 9 isoptional, 10 name, 11 type.
    pub const PARAM: &str = r#"<customapirequestparameter uniquename="Since">
  <description default="Only count activity after this date">
    <label description="Only count activity after this date" languagecode="1033" />
  </description>
  <displayname default="Since">
    <label description="Since" languagecode="1033" />
  </displayname>
  <iscustomizable>0</iscustomizable>
  <isoptional>1</isoptional>
  <name>contoso_GetScore.Since</name>
  <type>1</type>
</customapirequestparameter>
"#;

    pub const PROP_PATH: &str = "customapis/contoso_GetScore/customapiresponseproperties/Score/customapiresponseproperty.xml";
    /// Lines: 2 description, 5 displayname, 8 iscustomizable, 9 name, 10 type.
    pub const PROP: &str = r#"<customapiresponseproperty uniquename="Score">
  <description default="The account's score">
    <label description="The account's score" languagecode="1033" />
  </description>
  <displayname default="Score">
    <label description="Score" languagecode="1033" />
  </displayname>
  <iscustomizable>0</iscustomizable>
  <name>contoso_GetScore.Score</name>
  <type>7</type>
</customapiresponseproperty>
"#;

    /// The valid solution.
    pub fn valid() -> TestContainer {
        with(&[])
    }

    /// The valid solution plus `extra` files (a path already there is replaced).
    pub fn with(extra: &[(&str, &str)]) -> TestContainer {
        let mut files: Vec<(&str, &str)> = vec![(MANIFEST_PATH, MANIFEST), (API_PATH, API), (PARAM_PATH, PARAM), (PROP_PATH, PROP)];
        for (path, text) in extra {
            match files.iter_mut().find(|(p, _)| p == path) {
                Some(slot) => slot.1 = text,
                None => files.push((path, text)),
            }
        }
        solution_folder(&files)
    }

    /// A solution holding only the manifest and `files`.
    pub fn only(files: &[(&str, &str)]) -> TestContainer {
        let mut all = vec![(MANIFEST_PATH, MANIFEST)];
        all.extend_from_slice(files);
        solution_folder(&all)
    }

    /// The valid solution without the file at `path`.
    pub fn without(path: &str) -> TestContainer {
        let files: Vec<(&str, &str)> = [(MANIFEST_PATH, MANIFEST), (API_PATH, API), (PARAM_PATH, PARAM), (PROP_PATH, PROP)]
            .into_iter()
            .filter(|(p, _)| *p != path)
            .collect();
        solution_folder(&files)
    }

    /// `text` with `from` replaced by `to` (which must occur).
    #[track_caller]
    pub fn replace(text: &str, from: &str, to: &str) -> String {
        assert!(text.contains(from), "fixture has no `{from}`");
        text.replacen(from, to, 1)
    }

    /// The valid solution with `from` replaced by `to` in the file at `path`.
    #[track_caller]
    pub fn edited(path: &str, from: &str, to: &str) -> TestContainer {
        let text = match path {
            API_PATH => API,
            PARAM_PATH => PARAM,
            PROP_PATH => PROP,
            _ => panic!("no fixture file {path}"),
        };
        let changed = replace(text, from, to);
        with(&[(path, &changed)])
    }

    /// A plain API (global action, no parts) named `unique` in folder `customapis/<folder>`.
    pub fn plain_api(unique: &str) -> String {
        format!(
            "<customapi uniquename=\"{unique}\">\n  <bindingtype>0</bindingtype>\n  <description default=\"Does it\" />\n  <displayname default=\"Do\" />\n  <isfunction>0</isfunction>\n  <name>{unique}</name>\n</customapi>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::*;
    use crate::rule::Category;

    #[test]
    fn every_custom_api_rule_is_silent_on_the_valid_fixture() {
        let rules: Vec<_> = crate::registry::RULES.iter().filter(|r| r.meta().category == Category::CustomApi).collect();
        assert_eq!(rules.len(), 14);
        let t = valid();
        for rule in rules {
            t.assert_silent(*rule);
        }
    }
}
