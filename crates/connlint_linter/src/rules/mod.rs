//! The rules, one file each, grouped by category. The registry (`build.rs`) lists every file
//! declared in a category's `mod.rs`.

pub mod api_properties;
pub mod breaking;
pub mod certification;
pub mod conversion;
pub mod cross_file;
pub mod custom_api;
pub mod document;
pub mod extensions;
pub mod files;
#[cfg(test)]
mod fixable;
pub mod icon;
pub mod json_schema;
pub mod operations;
pub mod parameters;
pub mod paths;
pub mod records;
pub mod references;
pub mod responses;
pub mod schemas;
pub mod script;
pub mod security;
pub mod settings;
pub mod solution;
pub mod spec;
pub mod syntax;
