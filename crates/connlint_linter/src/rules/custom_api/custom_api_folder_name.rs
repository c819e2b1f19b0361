use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports a custom API whose folder (`customapis/<folder>/customapi.xml`) is not named
    /// after its `uniquename`.
    ///
    /// ## Why is this bad?
    /// Exports and `pac solution unpack` name the folder after the uniquename. Import reads the
    /// uniquename from the XML, so a different folder name still imports, but it usually means
    /// the API was copied or renamed and one of the two was not updated; people and tools that
    /// find an API by its folder then look at the wrong one.
    ///
    /// ## Example
    /// ```xml
    /// <!-- customapis/contoso_GetScore/customapi.xml -->
    /// <customapi uniquename="contoso_GetRating">
    /// ```
    /// Use instead:
    /// ```xml
    /// <!-- customapis/contoso_GetRating/customapi.xml -->
    /// <customapi uniquename="contoso_GetRating">
    /// ```
    pub CustomApiFolderName {
        id: "custom-api-folder-name",
        category: CustomApi,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A custom API folder is not named after its uniquename",
        visits: [Connector],
    }
}

impl Rule for CustomApiFolderName {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(solution) = super::solution(cx) else { return };
        for api in &solution.custom_apis {
            let Some((name, span)) = api.unique_name().filter(|(n, _)| !n.is_empty()) else { continue };
            let folder = api.dir.rsplit('/').next().unwrap_or(api.dir);
            // Folder names on Windows are case-insensitive; only a different name is reported.
            if folder.eq_ignore_ascii_case(name) {
                continue;
            }
            cx.report(api.file, span, format!("custom API `{name}` is in folder `{folder}`; expected `customapis/{name}/`"))
                .help(format!("rename the folder to `{name}`, or correct the uniquename if the folder is right"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn fires_when_the_folder_differs() {
        let t = only(&[("customapis/contoso_GetScore/customapi.xml", &plain_api("contoso_GetRating"))]);
        assert_eq!(
            t.messages(&CustomApiFolderName),
            ["customapis/contoso_GetScore/customapi.xml:1:24 custom API `contoso_GetRating` is in folder `contoso_GetScore`; expected `customapis/contoso_GetRating/`"]
        );
    }

    #[test]
    fn silent_when_the_folder_matches() {
        valid().assert_silent(&CustomApiFolderName);
        only(&[("customapis/contoso_getscore/customapi.xml", &plain_api("contoso_GetScore"))]).assert_silent(&CustomApiFolderName);
    }
}
