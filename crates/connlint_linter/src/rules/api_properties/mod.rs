//! Rules of the `api_properties` category.
