use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::side_files::png::{corner_pixels, header, Rgba};
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// For certification: looks at the four corner pixels of the PNG icon and reports a
    /// background that is transparent or white, or, when the corners are one opaque colour,
    /// one that differs clearly from apiProperties.json's `iconBrandColor` (by more than 32 in
    /// a red, green or blue channel). Interlaced PNGs are not decoded and not checked.
    ///
    /// ## Why is this bad?
    /// Certified icons need a solid, non-white background in the brand colour; Power Automate
    /// draws the icon on the brand colour, so a mismatch shows as a frame.
    ///
    /// ## Example
    /// An `icon.png` with a transparent background and this apiProperties.json:
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01" } }
    /// ```
    /// Use instead: fill the icon's background with `#da3b01`.
    /// ```json
    /// { "properties": { "iconBrandColor": "#da3b01" } }
    /// ```
    pub IconBackground {
        id: "icon-background",
        category: Icon,
        severity: Warning,
        profile: Certification,
        ms_names: [],
        summary: "The icon's background is transparent, white or not the brand colour",
        visits: [Connector],
    }
}

fn hex(p: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", p[0], p[1], p[2])
}

fn parse_color(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#').filter(|h| h.len() == 6)?;
    let c = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some([c(0)?, c(2)?, c(4)?])
}

impl Rule for IconBackground {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some((file, bytes)) = cx.model.icon() else { return };
        if header(bytes).is_err() {
            return; // icon-not-png
        }
        let Ok(corners) = corner_pixels(bytes) else { return };
        let help = "fill the icon's background with the brand colour (`iconBrandColor`), not white or transparency";
        if corners.iter().any(|p| p[3] < 255) {
            cx.report(file, Span::empty(0), "the icon's background is transparent (a corner pixel is not opaque)").help(help);
            return;
        }
        if corners.iter().all(|p| p[..3] == [255, 255, 255]) {
            cx.report(file, Span::empty(0), "the icon's background is white").help(help);
            return;
        }
        let Some(brand) = cx.api_properties().and_then(|p| p.icon_brand_color).and_then(|c| parse_color(c.value)) else { return };
        let uniform = corners.iter().all(|p| p[..3] == corners[0][..3]);
        let far = (0..3).any(|i| corners[0][i].abs_diff(brand[i]) > 32);
        if uniform && far {
            let brand_hex = hex([brand[0], brand[1], brand[2], 255]);
            cx.report(file, Span::empty(0), format!("the icon's background is {}, but iconBrandColor is {brand_hex}", hex(corners[0])))
                .help("make the icon's background and `iconBrandColor` the same colour");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::side_files::png::encode;
    use crate::testing::*;
    use connlint_core::FileRole;

    fn connector(brand: &str, pixel: impl Fn(u32, u32) -> Rgba) -> TestConnector {
        api_properties(&format!(r#"{{"properties": {{"iconBrandColor": "{brand}"}}}}"#)).file(
            FileRole::Icon,
            "icon.png",
            &encode(8, 8, 6, 1, pixel),
        )
    }

    #[test]
    fn reports_transparent_white_and_mismatched_backgrounds() {
        let corner_clear = |x: u32, y: u32| if (x, y) == (7, 7) { [218, 59, 1, 0] } else { [218, 59, 1, 255] };
        assert_eq!(
            messages(&IconBackground, connector("#da3b01", corner_clear)),
            ["1:1 the icon's background is transparent (a corner pixel is not opaque)"]
        );
        assert_eq!(positions(&IconBackground, connector("#da3b01", corner_clear)), ["icon.png:1:1"]);
        assert_eq!(messages(&IconBackground, connector("#da3b01", |_, _| [255, 255, 255, 255])), ["1:1 the icon's background is white"]);
        assert_eq!(
            messages(&IconBackground, connector("#da3b01", |_, _| [0, 120, 212, 255])),
            ["1:1 the icon's background is #0078d4, but iconBrandColor is #da3b01"]
        );
    }

    #[test]
    fn silent_on_a_matching_or_close_background() {
        let logo = |x: u32, y: u32| if (2..6).contains(&x) && (2..6).contains(&y) { [255, 255, 255, 255] } else { [218, 59, 1, 255] };
        assert_silent(&IconBackground, connector("#DA3B01", logo));
        assert_silent(&IconBackground, connector("#e0400a", |_, _| [218, 59, 1, 255]));
        // Corners of different colours (a picture to the edge) are not compared with the brand colour.
        assert_silent(&IconBackground, connector("#da3b01", |x, _| [x as u8 * 30, 0, 0, 255]));
        assert_silent(&IconBackground, api_properties("{}").file(FileRole::Icon, "icon.png", b"not a png"));
    }
}
