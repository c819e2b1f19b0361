use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// For a connector whose folder sits directly under `certified-connectors/` or
    /// `independent-publisher-connectors/` (the layout of Microsoft's PowerPlatformConnectors
    /// repository), reports an `info.title` that does not match the folder name. The comparison
    /// ignores case, spaces, `-`, `_` and `.`, and a trailing ` (Independent Publisher)` in the
    /// title, so `Contoso Sales (Independent Publisher)` matches the folder `ContosoSales`.
    /// Connectors in any other folder are not checked.
    ///
    /// ## Why is this bad?
    /// Reviewers and users find a connector in the repository by its display name; a folder
    /// named after something else (an old name, the company instead of the product) makes the
    /// connector hard to find and suggests a rename that was only half done. Microsoft's
    /// repository does not enforce this strictly (about one certified or independent-publisher
    /// connector in seven differs), so the rule is informational.
    ///
    /// ## Example
    /// The folder `certified-connectors/Contoso` holding:
    /// ```json
    /// { "info": { "title": "Fabrikam Orders", "version": "1.0" } }
    /// ```
    /// Use instead (or rename the folder to `Fabrikam Orders`):
    /// ```json
    /// { "info": { "title": "Contoso", "version": "1.0" } }
    /// ```
    pub FolderNameTitleMismatch {
        id: "folder-name-title-mismatch",
        category: Files,
        severity: Info,
        profile: Certification,
        ms_names: [],
        summary: "The connector folder name does not match the connector title",
        visits: [Connector],
    }
}

/// The folders of Microsoft's repository whose children are connectors.
const PARENTS: [&str; 2] = ["certified-connectors", "independent-publisher-connectors"];

/// `text` lower-cased without spaces, `-`, `_` and `.`.
fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.')).flat_map(char::to_lowercase).collect()
}

/// The title without a trailing "(Independent Publisher)" (any case).
fn strip_publisher(title: &str) -> &str {
    const SUFFIX: &str = "(independent publisher)";
    let trimmed = title.trim_end();
    let cut = trimmed.len().saturating_sub(SUFFIX.len());
    match (trimmed.get(cut..), trimmed.get(..cut)) {
        (Some(tail), Some(head)) if tail.eq_ignore_ascii_case(SUFFIX) => head,
        _ => title,
    }
}

impl Rule for FolderNameTitleMismatch {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(dir) = cx.connector().dir.as_deref() else { return };
        let parent = dir.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str());
        if !parent.is_some_and(|p| PARENTS.contains(&p)) {
            return;
        }
        let Some(folder) = dir.file_name().and_then(|n| n.to_str()) else { return };
        let Some(title) = cx.swagger().and_then(|s| s.info.as_ref()).and_then(|i| i.title) else { return };
        let wanted = normalise(strip_publisher(title.value));
        if wanted.is_empty() || wanted == normalise(folder) {
            return;
        }
        cx.report_swagger(title.span, format!("the title `{}` does not match the connector's folder name `{folder}`", title.value))
            .help("name the folder after the connector's title (spaces, case and `-`, `_`, `.` do not matter), or adjust the title");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use std::path::PathBuf;

    fn found(dir: &str, title: &str) -> Vec<String> {
        let text = format!("{{\n  \"info\": {{\"title\": \"{title}\", \"version\": \"1.0\"}}\n}}");
        let mut c = swagger(&text).build();
        c.dir = Some(PathBuf::from(dir));
        run_on(&FolderNameTitleMismatch, &c).iter().map(|f| format!("{}:{} {}", f.line, f.column, f.message)).collect()
    }

    #[test]
    fn fires_when_the_folder_is_named_differently() {
        assert_eq!(
            found("repo/certified-connectors/Contoso", "Fabrikam Orders"),
            ["2:21 the title `Fabrikam Orders` does not match the connector's folder name `Contoso`"]
        );
        assert_eq!(
            found("independent-publisher-connectors/Contoso", "Contoso Sales (Independent Publisher)"),
            ["2:21 the title `Contoso Sales (Independent Publisher)` does not match the connector's folder name `Contoso`"]
        );
    }

    #[test]
    fn silent_on_matching_names_and_other_folders() {
        assert!(found("repo/certified-connectors/Contoso Sales", "contoso sales").is_empty());
        assert!(found("repo/certified-connectors/Contoso-Sales_v2.1", "Contoso Sales V 21").is_empty());
        assert!(found("independent-publisher-connectors/ContosoSales", "Contoso Sales (Independent Publisher)").is_empty());
        assert!(found("independent-publisher-connectors/ContosoSales", "Contoso Sales (independent publisher) ").is_empty());
        assert!(found("repo/custom-connectors/Contoso", "Fabrikam").is_empty());
        assert!(found("repo/certified-connectors/Contoso/nested", "Fabrikam").is_empty());
        assert!(found("Contoso", "Fabrikam").is_empty());
        assert_silent(&FolderNameTitleMismatch, swagger(r#"{"info": {"title": "Fabrikam"}}"#));
    }
}
