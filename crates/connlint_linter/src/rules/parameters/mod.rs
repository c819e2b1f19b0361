//! Rules of the `parameters` category.
