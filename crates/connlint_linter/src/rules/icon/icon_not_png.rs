use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::png::{header, PngError};
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports a connector icon that is not a PNG image: the file lacks PNG's signature (for
    /// example a JPEG or SVG renamed to `icon.png`), ends early, or its first chunk is not a
    /// valid IHDR header.
    ///
    /// ## Why is this bad?
    /// The icon must be a PNG; paconn uploads whatever the file holds, and the connector then
    /// shows a broken image or is rejected.
    ///
    /// ## Severity
    /// A warning: the icon is expected as a PNG, but no Microsoft check is known to refuse another
    /// format behind the `.png` name, and browsers still show common formats. The finding points at
    /// a file that may not show where it should.
    ///
    /// ## Example
    /// A file `icon.png` whose bytes start with a JPEG header (`FF D8 FF`).
    /// ```json
    /// { "icon": "icon.png" }
    /// ```
    /// Use instead: export the logo as PNG and keep the same name.
    /// ```json
    /// { "icon": "icon.png" }
    /// ```
    pub IconNotPng {
        id: "icon-not-png",
        category: Icon,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "The icon file is not a valid PNG image",
        visits: [Connector],
    }
}

impl Rule for IconNotPng {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, bytes)) = cx.model.icon() else { return };
        let message = match header(bytes) {
            Ok(_) => return,
            Err(PngError::NotPng { looks_like: Some(format) }) => format!("the icon is a {format} image, not a PNG"),
            Err(PngError::NotPng { looks_like: None }) if bytes.is_empty() => "the icon file is empty".to_string(),
            Err(PngError::NotPng { looks_like: None }) => "the icon is not a PNG image (it lacks the PNG signature)".to_string(),
            Err(PngError::Truncated) => format!("the icon ends after {} bytes, inside the PNG header", bytes.len()),
            Err(PngError::BadHeader(why)) => format!("the icon's PNG header is broken: {why}"),
        };
        cx.report(file, Span::empty(0), message).help("save the logo as a PNG file (230×230 pixels for certification)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::side_files::png::encode;
    use crate::testing::*;
    use connlint_core::FileRole;

    fn icon(bytes: &[u8]) -> TestConnector {
        swagger("{}").file(FileRole::Icon, "icon.png", bytes)
    }

    #[test]
    fn reports_other_formats_and_broken_files() {
        assert_eq!(positions(&IconNotPng, icon(b"\xff\xd8\xff\xe0rest")), ["icon.png:1:1"]);
        assert_eq!(messages(&IconNotPng, icon(b"\xff\xd8\xff\xe0rest")), ["1:1 the icon is a JPEG image, not a PNG"]);
        assert_eq!(messages(&IconNotPng, icon(b"")), ["1:1 the icon file is empty"]);
        assert_eq!(messages(&IconNotPng, icon(b"hello world")), ["1:1 the icon is not a PNG image (it lacks the PNG signature)"]);
        assert_eq!(messages(&IconNotPng, icon(b"\x89PNG\r\n\x1a\n\0\0")), ["1:1 the icon ends after 10 bytes, inside the PNG header"]);
        let mut png = encode(4, 4, 6, 0, |_, _| [0; 4]);
        png[25] = 7; // colour type 7
        assert_eq!(messages(&IconNotPng, icon(&png)), ["1:1 the icon's PNG header is broken: the colour type is not one PNG defines"]);
    }

    #[test]
    fn silent_on_a_png_or_without_an_icon() {
        assert_silent(&IconNotPng, icon(&encode(230, 230, 2, 0, |_, _| [218, 59, 1, 255])));
        assert_silent(&IconNotPng, swagger("{}"));
    }
}
