//! Rules of the `cross_file` category.
