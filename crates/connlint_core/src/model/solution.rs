//! The typed view of a Power Platform solution's XML: its manifest (`solution.xml`), the
//! `<Connector>` elements of its custom connectors, and its Dataverse custom APIs.
//!
//! The shapes follow solutions as Power Platform exports them and as `pac solution unpack`
//! lays them out (see `SolutionLayout`). Elements are kept whole: rules read the children they
//! need with [`Element::child`], and every element keeps its span.

use super::FileId;
use crate::source::Span;
use crate::unit::{SolutionEntries, SolutionLayout};
use crate::xml::Element;
use std::path::Path;

/// The `<Connector>` children that name a file of the solution.
pub const CONNECTOR_FILE_FIELDS: [&str; 6] = [
    "openapidefinition",
    "connectionparameters",
    "connectionparametersets",
    "policytemplateinstances",
    "customcodeblobcontent",
    "iconblob",
];

/// Solution component type of a custom connector in `<RootComponent type="…">`.
pub const CONNECTOR_COMPONENT_TYPE: &str = "372";

#[derive(Debug)]
pub struct SolutionModel<'a> {
    pub entries: &'a SolutionEntries,
    /// `solution.xml` (exported) or `Other/Solution.xml` (unpacked).
    pub manifest: Option<Manifest<'a>>,
    pub connectors: Vec<SolutionConnector<'a>>,
    pub custom_apis: Vec<CustomApi<'a>>,
    /// Request parameters and response properties whose `customapis/<api>/` folder has no
    /// `customapi.xml`: they belong to no API, and import cannot place them.
    pub orphan_parts: Vec<CustomApiPart<'a>>,
}

#[derive(Debug)]
pub struct Manifest<'a> {
    pub file: FileId,
    pub root: &'a Element,
    /// `<RootComponent>` elements under `<RootComponents>`.
    pub root_components: Vec<&'a Element>,
}

/// One `<Connector>` element, in `customizations.xml` or in its own `Connectors/<name>.xml`.
#[derive(Debug)]
pub struct SolutionConnector<'a> {
    pub file: FileId,
    /// The XML file's path relative to the solution root.
    pub xml_path: &'a str,
    pub element: &'a Element,
}

impl<'a> SolutionConnector<'a> {
    /// The child element `name` (`connectorid`, `name`, `openapidefinition`, …).
    pub fn field(&self, name: &str) -> Option<&'a Element> {
        self.element.child(name)
    }

    /// Each file reference: the element and its (non-empty) reference text.
    pub fn references(&self) -> Vec<(&'a Element, &'a str)> {
        CONNECTOR_FILE_FIELDS.iter().filter_map(|field| self.field(field)).map(|e| (e, e.text())).filter(|(_, r)| !r.is_empty()).collect()
    }

    /// The connector's `<name>`, trimmed.
    pub fn name(&self) -> Option<&'a str> {
        self.field("name").map(Element::text).filter(|n| !n.is_empty())
    }
}

/// A custom API: `customapis/<uniquename>/customapi.xml` and its parameter and property files.
#[derive(Debug)]
pub struct CustomApi<'a> {
    pub file: FileId,
    /// The folder of `customapi.xml`, relative to the solution root.
    pub dir: &'a str,
    pub element: &'a Element,
    pub request_parameters: Vec<CustomApiPart<'a>>,
    pub response_properties: Vec<CustomApiPart<'a>>,
}

/// A request parameter or response property of a custom API.
#[derive(Debug)]
pub struct CustomApiPart<'a> {
    pub file: FileId,
    pub element: &'a Element,
}

impl<'a> CustomApi<'a> {
    /// `uniquename`, from the root's attribute or else its child element.
    pub fn unique_name(&self) -> Option<(&'a str, Span)> {
        unique_name(self.element)
    }
}

impl<'a> CustomApiPart<'a> {
    pub fn unique_name(&self) -> Option<(&'a str, Span)> {
        unique_name(self.element)
    }
}

fn unique_name(element: &Element) -> Option<(&str, Span)> {
    if let Some(a) = element.attribute("uniquename") {
        return Some((a.value.trim(), a.value_span));
    }
    element.child("uniquename").map(|e| (e.text(), e.text_span()))
}

/// What an XML file of a solution is, from its path relative to the solution root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlFileKind {
    Manifest,
    Customizations,
    /// `Connectors/<name>.xml` of an unpacked solution.
    ConnectorXml,
    CustomApi,
    RequestParameter,
    ResponseProperty,
}

impl XmlFileKind {
    pub fn of(relative: &str) -> Option<Self> {
        let lower = relative.to_ascii_lowercase();
        let parts: Vec<&str> = lower.split('/').collect();
        match parts.as_slice() {
            ["solution.xml"] | ["other", "solution.xml"] => Some(Self::Manifest),
            ["customizations.xml"] | ["other", "customizations.xml"] => Some(Self::Customizations),
            ["connectors", name] if name.ends_with(".xml") => Some(Self::ConnectorXml),
            ["customapis", _, "customapi.xml"] => Some(Self::CustomApi),
            ["customapis", _, "customapirequestparameters", _, "customapirequestparameter.xml"] => Some(Self::RequestParameter),
            ["customapis", _, "customapiresponseproperties", _, "customapiresponseproperty.xml"] => Some(Self::ResponseProperty),
            _ => None,
        }
    }
}

impl<'a> SolutionModel<'a> {
    /// The model of a solution unit, from the solution's entries and the root element and path
    /// of each of its parsed XML files, in file order.
    pub fn build(entries: Option<&'a SolutionEntries>, xml_files: impl IntoIterator<Item = (FileId, &'a Path, &'a Element)>) -> Self {
        static NO_ENTRIES: SolutionEntries = SolutionEntries { layout: SolutionLayout::Exported, root: String::new(), paths: Vec::new() };
        let entries = entries.unwrap_or(&NO_ENTRIES);
        let mut model =
            SolutionModel { entries, manifest: None, connectors: Vec::new(), custom_apis: Vec::new(), orphan_parts: Vec::new() };
        let mut parameters = Vec::new();
        for (id, path, root) in xml_files {
            let Some(relative) = entries.relative(path) else { continue };
            match XmlFileKind::of(relative) {
                Some(XmlFileKind::Manifest) => {
                    let root_components = root.descendants().into_iter().filter(|e| e.name.eq_ignore_ascii_case("RootComponent")).collect();
                    model.manifest = Some(Manifest { file: id, root, root_components });
                }
                Some(XmlFileKind::Customizations) => {
                    for list in root.children_named("Connectors") {
                        for element in list.children_named("Connector") {
                            model.connectors.push(SolutionConnector { file: id, xml_path: relative, element });
                        }
                    }
                }
                Some(XmlFileKind::ConnectorXml) if root.name.eq_ignore_ascii_case("Connector") => {
                    model.connectors.push(SolutionConnector { file: id, xml_path: relative, element: root });
                }
                Some(XmlFileKind::CustomApi) => {
                    let dir = relative.rsplit_once('/').map_or("", |(d, _)| d);
                    model.custom_apis.push(CustomApi {
                        file: id,
                        dir,
                        element: root,
                        request_parameters: Vec::new(),
                        response_properties: Vec::new(),
                    });
                }
                Some(kind @ (XmlFileKind::RequestParameter | XmlFileKind::ResponseProperty)) => {
                    parameters.push((kind, relative, CustomApiPart { file: id, element: root }));
                }
                _ => {}
            }
        }
        for (kind, relative, part) in parameters {
            // `customapis/<api>/…`: the API is the first two segments.
            let api_dir = relative.splitn(3, '/').take(2).collect::<Vec<_>>().join("/");
            // The exact folder first: on a case-sensitive file system two folders may differ
            // only in case.
            let index = model.custom_apis.iter().position(|a| a.dir == api_dir);
            let index = index.or_else(|| model.custom_apis.iter().position(|a| a.dir.eq_ignore_ascii_case(&api_dir)));
            let Some(api) = index.map(|i| &mut model.custom_apis[i]) else {
                model.orphan_parts.push(part);
                continue;
            };
            match kind {
                XmlFileKind::RequestParameter => api.request_parameters.push(part),
                _ => api.response_properties.push(part),
            }
        }
        model
    }
}
