use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::png::header;
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// For certification: reports a PNG icon that is not 230×230 pixels (the canvas Microsoft
    /// asks for, with the logo about 160×160 inside it), and says so more strongly when the
    /// icon is not even square.
    ///
    /// ## Why is this bad?
    /// Reviewers check the size; an icon of another size is scaled, blurred or cropped where
    /// the connector is shown.
    ///
    /// ## Example
    /// An `icon.png` of 400×300 pixels.
    /// ```json
    /// { "width": 400, "height": 300 }
    /// ```
    /// Use instead: a 230×230 PNG.
    /// ```json
    /// { "width": 230, "height": 230 }
    /// ```
    pub IconDimensions {
        id: "icon-dimensions",
        category: Icon,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "The icon is not 230×230 pixels",
        visits: [Connector],
    }
}

impl Rule for IconDimensions {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, bytes)) = cx.model.icon() else { return };
        let Ok(h) = header(bytes) else { return };
        if (h.width, h.height) == (230, 230) {
            return;
        }
        let message = if h.width == h.height {
            format!("the icon is {}×{} pixels; certification asks for 230×230", h.width, h.height)
        } else {
            format!("the icon is {}×{} pixels, not even square; certification asks for 230×230", h.width, h.height)
        };
        cx.report(file, Span::empty(0), message).help("resize the canvas to 230×230 pixels with the logo about 160×160 in the middle");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::side_files::png::encode;
    use crate::testing::*;
    use connlint_core::FileRole;

    fn icon(w: u32, h: u32) -> TestConnector {
        swagger("{}").file(FileRole::Icon, "icon.png", &encode(w, h, 2, 0, |_, _| [1, 2, 3, 255]))
    }

    #[test]
    fn reports_other_sizes() {
        assert_eq!(messages(&IconDimensions, icon(400, 400)), ["1:1 the icon is 400×400 pixels; certification asks for 230×230"]);
        assert_eq!(
            messages(&IconDimensions, icon(230, 100)),
            ["1:1 the icon is 230×100 pixels, not even square; certification asks for 230×230"]
        );
        assert_eq!(positions(&IconDimensions, icon(1, 1)), ["icon.png:1:1"]);
    }

    #[test]
    fn silent_at_230_or_when_not_a_png() {
        assert_silent(&IconDimensions, icon(230, 230));
        assert_silent(&IconDimensions, swagger("{}").file(FileRole::Icon, "icon.png", b"GIF89a"));
    }
}
