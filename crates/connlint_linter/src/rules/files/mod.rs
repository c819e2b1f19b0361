//! Rules of the `files` category.
