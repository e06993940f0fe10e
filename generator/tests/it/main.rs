//! apibind's integration tests, one binary with a module per area, so that the
//! shared helpers (`common`) and the crate build once.
//!
//! Generated code is checked three ways: whole-file snapshots of every fixture's
//! output (`snapshots`), compiling each fixture crate with clippy, rustdoc and its
//! wiremock tests over loopback (`common::compile`), and the behaviour of the model
//! the code is generated from.

mod common;

mod changes;
mod cli;
mod corpus;
mod corpus_specs;
mod docs;
mod generated;
mod grammar;
mod hostile;
mod instances;
mod languages;
mod mocks;
mod openapi;
mod param_styles;
mod petstore_samples;
mod petstore_sdks;
mod properties;
mod seed;
mod spec_31_overlay;
mod spec_auth;
mod spec_bodies;
mod spec_files;
mod spec_type_lists;
mod spec_unions;
mod wire_evidence;
mod wire_styles;
