//! apibind: typed async Rust clients from an API's documentation.
//!
//! [`Config`] says what to read; [`pipeline::load`] turns it into the endpoint
//! [`model`], one way, in these stages:
//!
//! 1. **read**: [`discover`] finds the files; the overlay ([`overlay`]) is read
//!    first, for the naming conventions and models it declares; markdown docs are
//!    parsed ([`parse`]) and turned into the model by named rules ([`infer`]); specs
//!    are read by [`parse::openapi`], and a folder of them merged
//!    ([`reconcile::merge_specs`]);
//! 2. **reconcile**: docs and a spec together ([`reconcile::merge`]), the spec's wire
//!    facts with the docs' prose;
//! 3. **settle**: the overlay's models, [`paging`], the rest of the [`overlay`], then
//!    [`degrade`] (with [`security`]) loosens or leaves out what cannot be generated
//!    exactly, and [`validate`] checks the rest;
//! 4. **judge**: no operation is an error, and `strict` makes every warning one.
//!
//! [`emit`] then prints the model as Rust (the runtime is the `apibind-runtime`
//! crate's sources, embedded), and [`output`] writes it atomically. The crate's
//! public API as data ([`emit::surface`]) is kept beside it, and [`changes`]
//! compares the next generation's with it: what changed, and the version bump it
//! needs ([`Config::regenerate`]). `apibind model --explain` ([`explain`]) says
//! which rule set each wire fact. Every stage reports through [`diagnostic`]; every
//! failure is an [`Error`].

#![deny(missing_docs)]

pub mod changes;
pub mod config;
pub mod conventions;
pub mod degrade;
pub mod diagnostic;
pub mod discover;
pub mod emit;
pub mod error;
pub mod explain;
pub mod infer;
pub mod media;
pub mod model;
pub mod output;
pub mod overlay;
pub mod paging;
mod parallel;
pub mod parse;
pub mod pipeline;
pub mod reconcile;
pub mod security;
pub mod template;
#[cfg(test)]
mod testing;
pub mod validate;

pub use config::{Config, NextCrate, Regenerate, Regenerated};
pub use error::Error;
pub use output::Summary;
pub use pipeline::Loaded;
