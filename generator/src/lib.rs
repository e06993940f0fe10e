//! apibind: typed async Rust clients from an API's documentation.
//!
//! The pipeline is one way: [`parse`] reads markdown docs into documented facts,
//! [`infer`] turns them into the endpoint [`model`], [`overlay`] applies what the docs
//! cannot say, [`validate`] checks the result, and [`emit`] prints Rust. [`Config`] runs
//! it for build scripts and the `apibind` command.

#![deny(missing_docs)]

pub mod config;
pub mod conventions;
pub mod degrade;
pub mod diagnostic;
pub mod emit;
pub mod infer;
pub mod model;
pub mod output;
pub mod overlay;
pub mod paging;
mod parallel;
pub mod parse;
pub mod reconcile;
pub mod security;
pub mod validate;

pub use config::{Config, Error, Loaded, Summary};
