//! Rules of the `icon` category.

pub mod icon_background;
pub mod icon_dimensions;
pub mod icon_missing;
pub mod icon_not_png;
pub mod independent_publisher_icon;
