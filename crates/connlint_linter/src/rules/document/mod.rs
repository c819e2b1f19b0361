//! Rules of the `document` category.
