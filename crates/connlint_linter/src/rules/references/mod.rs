//! Rules of the `references` category.
