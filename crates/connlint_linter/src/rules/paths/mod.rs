//! Rules of the `paths` category.
