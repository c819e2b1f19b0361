//! Rules of the `responses` category.
