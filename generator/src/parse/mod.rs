//! Input parsers. Each turns one input format into documented facts or the model;
//! none knows about Rust.

pub mod blocks;
pub mod go_type;
pub mod markdown;
pub mod openapi;
pub mod prose;
pub mod sdk_type;
pub mod text;
pub mod type_cell;
pub mod yaml;
