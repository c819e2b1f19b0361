use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::solution::XmlFileKind;
use connlint_core::unit::reference_file_name;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a file in the solution's connector folder (`Connector/` in an export,
    /// `Connectors/` when unpacked) that no `<Connector>` element references. The connectors'
    /// own XML files (`Connectors/<name>.xml`) are not strays. The finding is placed on the
    /// `<name>` of the connector whose name starts the file's name, when there is one.
    ///
    /// ## Why is this bad?
    /// The import ignores such a file: an edit made to it never reaches the connector. It is
    /// usually a leftover of a renamed connector, or a reference that was deleted by mistake
    /// (the connector then lacks its script, icon or connection parameters).
    ///
    /// ## Example
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>
    /// </Connector>
    /// <!-- Connector/new_5Fcontoso_customcodeblobcontent.csx is in the solution too -->
    /// ```
    /// Use instead:
    /// ```xml
    /// <Connector>
    ///   <name>new_5Fcontoso</name>
    ///   <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>
    ///   <customcodeblobcontent>/Connector/new_5Fcontoso_customcodeblobcontent.csx</customcodeblobcontent>
    /// </Connector>
    /// ```
    pub SolutionFileUnreferenced {
        id: "solution-file-unreferenced",
        category: Solution,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A file in the solution's connector folder is referenced by no connector",
        visits: [Connector],
    }
}

impl Rule for SolutionFileUnreferenced {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = cx.model.solution.as_ref() else { return };
        let entries = solution.entries;
        let referenced: Vec<&str> = solution
            .connectors
            .iter()
            .flat_map(|c| c.references().into_iter().filter_map(|(_, r)| entries.resolve(c.xml_path, r)))
            .collect();
        // Where a stray that matches no connector's name is reported.
        let fallback = solution.connectors.first().map(|c| (c.file, c.element.name_span)).or_else(|| {
            cx.connector().files.iter().enumerate().find_map(|(i, f)| {
                let relative = entries.relative(f.source.path())?;
                let root = f.xml.as_ref()?.root.as_ref()?;
                (XmlFileKind::of(relative) == Some(XmlFileKind::Customizations))
                    .then_some((connlint_core::FileId(i as u32), root.name_span))
            })
        });
        for path in &entries.paths {
            let lower = path.to_ascii_lowercase();
            let in_folder = lower.starts_with("connector/") || lower.starts_with("connectors/");
            if !in_folder
                || XmlFileKind::of(path) == Some(XmlFileKind::ConnectorXml)
                || referenced.iter().any(|r| r.eq_ignore_ascii_case(path))
            {
                continue;
            }
            let name = reference_file_name(path);
            let owner = solution
                .connectors
                .iter()
                .filter_map(|c| Some((c, c.field("name")?, c.name()?)))
                .filter(|(_, _, n)| name.len() >= n.len() && name.is_char_boundary(n.len()) && name[..n.len()].eq_ignore_ascii_case(n))
                .max_by_key(|(_, _, n)| n.len());
            let (file, span): (_, Span) = match (owner, fallback) {
                (Some((c, element, _)), _) => (c.file, element.text_span()),
                (None, Some(at)) => at,
                (None, None) => continue,
            };
            cx.report(file, span, format!("`{path}` is in the solution, but no connector references it"))
                .help("reference the file from its connector's XML (e.g. `<customcodeblobcontent>`), or delete it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{MANIFEST, SWAGGER};
    use super::*;
    use crate::testing::*;

    #[test]
    fn reports_stray_files_at_the_matching_connector_name() {
        let xml = "<Connector>\n  <connectorid>5f2b8d0e-1c3a-4b6e-9f7d-2a4c6e8b0d1f</connectorid>\n  <name>new_5Fcontoso</name>\n  <openapidefinition>/Connector/new_5Fcontoso_openapidefinition.json</openapidefinition>\n</Connector>\n";
        let t = solution_folder(&[
            ("Other/Solution.xml", MANIFEST),
            ("Connectors/new_5Fcontoso.xml", xml),
            ("Connectors/new_5Fcontoso_openapidefinition.json", SWAGGER),
            ("Connectors/new_5Fcontoso_customcodeblobcontent.csx", "// code"),
            ("Connectors/old_5Fthing_iconblob.Png", "png"),
        ]);
        assert_eq!(
            t.messages(&SolutionFileUnreferenced),
            [
                "Connectors/new_5Fcontoso.xml:1:2 `Connectors/old_5Fthing_iconblob.Png` is in the solution, but no connector references it",
                "Connectors/new_5Fcontoso.xml:3:9 `Connectors/new_5Fcontoso_customcodeblobcontent.csx` is in the solution, but no connector references it",
            ]
        );
    }

    #[test]
    fn reports_at_customizations_when_there_is_no_connector() {
        let t = solution_folder(&[
            ("solution.xml", MANIFEST),
            ("customizations.xml", "<?xml version=\"1.0\"?>\n<ImportExportXml>\n  <Connectors />\n</ImportExportXml>\n"),
            ("Connector/new_5Fx_openapidefinition.json", SWAGGER),
        ]);
        assert_eq!(t.positions(&SolutionFileUnreferenced), ["customizations.xml:2:2"]);
    }

    #[test]
    fn silent_when_every_file_is_referenced_in_either_layout() {
        let customizations = "<ImportExportXml><Connectors><Connector><name>new_5Fa</name><openapidefinition>/Connector/new_5Fa_openapidefinition.json</openapidefinition><iconblob>/connector/NEW_5Fa_iconblob.Png</iconblob></Connector></Connectors></ImportExportXml>";
        let exported = solution_folder(&[
            ("solution.xml", MANIFEST),
            ("customizations.xml", customizations),
            ("Connector/new_5Fa_openapidefinition.json", SWAGGER),
            ("Connector/new_5Fa_iconblob.Png", "png"),
            // Not in the connector folder: not this rule's business.
            ("Workflows/flow.json", "{}"),
        ]);
        exported.assert_silent(&SolutionFileUnreferenced);
        let xml =
            "<Connector><name>new_5Fa</name><openapidefinition>/Connector/new_5Fa_openapidefinition.json</openapidefinition></Connector>";
        let unpacked = solution_folder(&[
            ("Other/Solution.xml", MANIFEST),
            ("Connectors/new_5Fa.xml", xml),
            ("Connectors/new_5Fa_openapidefinition.json", SWAGGER),
        ]);
        unpacked.assert_silent(&SolutionFileUnreferenced);
    }
}
