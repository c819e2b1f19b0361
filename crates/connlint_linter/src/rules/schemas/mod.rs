//! Rules of the `schemas` category.
