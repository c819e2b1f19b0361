use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports an `apiDefinition.swagger.json` larger than 1 MB (1,048,576 bytes of UTF-8
    /// text).
    ///
    /// ## Why is this bad?
    /// Certification asks that a swagger stays under 1 MB; larger definitions are slow to load
    /// in the designer and should be split into several connectors.
    ///
    /// ## Example
    /// A 1.4 MB swagger with hundreds of operations.
    ///
    /// Use instead: split the operations between two connectors, or remove unused definitions.
    pub SwaggerTooLarge {
        id: "swagger-too-large",
        category: Certification,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "The swagger file is larger than 1 MB",
        visits: [Connector],
    }
}

/// The largest swagger certification accepts, in bytes.
pub(crate) const MAX_SWAGGER_BYTES: usize = 1024 * 1024;

impl Rule for SwaggerTooLarge {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        if cx.swagger().is_none() {
            return;
        }
        let file = cx.swagger_file();
        let size = cx.connector().file(file).source.text().len();
        if size > MAX_SWAGGER_BYTES {
            cx.report(
                file,
                Span::empty(0),
                format!("the swagger is {size} bytes; certification accepts at most 1 MB ({MAX_SWAGGER_BYTES} bytes)"),
            )
            .help("split the connector, or remove unused definitions and long examples");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn document(total: usize) -> String {
        let skeleton = "{\"x\": \"\"}";
        format!("{{\"x\": \"{}\"}}", "a".repeat(total - skeleton.len()))
    }

    #[test]
    fn fires_above_one_megabyte() {
        let text = document(MAX_SWAGGER_BYTES + 1);
        assert_eq!(
            messages(&SwaggerTooLarge, swagger(&text)),
            ["1:1 the swagger is 1048577 bytes; certification accepts at most 1 MB (1048576 bytes)"]
        );
    }

    #[test]
    fn silent_at_one_megabyte() {
        assert_silent(&SwaggerTooLarge, swagger(&document(MAX_SWAGGER_BYTES)));
    }
}
