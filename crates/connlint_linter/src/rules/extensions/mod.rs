//! Rules of the `extensions` category.
