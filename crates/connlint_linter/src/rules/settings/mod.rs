//! Rules of the `settings` category.
