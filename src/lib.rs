#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The client, generated from `spec/` by `build.rs` with apibind. The same code is
// checked in as `generated-client/`.
include!(concat!(env!("OUT_DIR"), "/apibind.rs"));
