//! The runtime of the clients apibind generates: configuration and transport
//! (`client`), credentials (`auth`), one request's parameters and their encoding
//! (`request`), retries and rate limiting (`retry`), paging (`paging`), union values
//! (`union`) and the error type (`error`).
//!
//! Generated crates depend on no crate of apibind's: the generator embeds these
//! module files verbatim (`include_str!`) beside the generated `models` and
//! `requests`, whose code calls them through `crate::` paths. This crate builds, lints,
//! documents and tests them once, as a workspace member. Its modules are public
//! here only so that what generated code alone calls is not dead code; this
//! crate's root re-exports what a generated crate's root re-exports.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// Credentials and how each request carries them.
pub mod auth;
/// The HTTP client: configuration, authentication, encoding.
pub mod client;
/// The error type of every request.
pub mod error;
/// Typed mocks of the API for the tests of code that uses the client.
#[cfg(feature = "mock")]
pub mod mock;
/// Walking every page of a paged collection.
pub mod paging;
/// One request's parameters and how they are encoded.
pub mod request;
/// Retries and client-side rate limiting.
pub mod retry;
/// What the union types share: the value of a variant the API does not list.
pub mod union;

pub use auth::{AccessToken, ApiKey, TokenPlacement};
pub use auth::{TokenFuture, TokenProvider, TokenResult};
pub use client::{Client, ClientBuilder};
pub use error::{ApiError, DecodeError, Error};
pub use paging::Paged;
pub use request::FilePart;
pub use retry::RetryPolicy;
pub use union::UnknownValue;

/// The facts a generated `requests` module gives the runtime, here for an API with
/// no server URL of its own and no auth scheme: this crate is then a client of its
/// own, and the docs' links to `Client::builder` resolve.
static API: client::ApiSpec = client::ApiSpec {
    base_url_template: "",
    server_variables: &[],
    auth_schemes: &[],
};

impl Client {
    /// Starts configuring a client of any server: set its
    /// [`base_url`](ClientBuilder::base_url), as a generated crate's `Client::builder`
    /// does for its API.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new(&API)
    }
}

#[cfg(test)]
mod transport_tests;

#[cfg(all(test, feature = "mock"))]
mod mock_tests;
