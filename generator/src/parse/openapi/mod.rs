//! OpenAPI 3.0.x and Swagger 2.0 specs, YAML or JSON, to the endpoint model
//! (DESIGN.md §4.2).
//!
//! The document is read as a plain YAML tree rather than into typed structs: real
//! specs are imperfect (a schema with `format` but no `type`, `multipart/form-data:`
//! with a stray colon, a `$ref` to nothing), and a typed reader would reject the whole
//! document for one odd node. Walking the tree, each node is judged on its own: where
//! the intent is clear it is read with a warning; where it is not, the error names the
//! node's JSON pointer (`#/paths/~1pets/get/parameters/0`). Both versions go through
//! the same walk; they differ only in where they keep things. No input panics.
//!
//! Names follow the Go SDK docs (`names.rs`), so that the model of a spec and the
//! model of its docs can be compared operation by operation.

mod body;
mod context;
mod lines;
mod media;
mod models;
mod names;
mod node;
mod operations;
mod params;
mod prose;
mod responses;
mod security;
mod server;
mod types;

use serde_yaml::Value;

use crate::conventions::Naming;
use crate::diagnostic::Diagnostics;
use crate::model::{Api, Provenance};
use context::{Spec, Version};
use names::upper_camel;

/// Reads the spec `text` of `file` into the endpoint model. Problems are reported
/// into `diagnostics`, each at its line with its JSON pointer; the model is returned
/// even when some are errors, so that one run shows them all. `None` when the text is
/// no YAML or JSON, or not an OpenAPI 3 or Swagger 2.0 document. `naming` is the
/// API's conventions: its array suffix is dropped from documented parameter names.
pub fn parse_spec(
    file: &str,
    text: &str,
    naming: &Naming,
    diagnostics: &mut Diagnostics,
) -> Option<Api> {
    let root: Value = match serde_yaml::from_str(text) {
        Ok(root) => root,
        Err(error) => {
            let line = error.location().map_or(1, |l| l.line());
            diagnostics.error(
                Some(&Provenance::new(file, line)),
                format!("{file} is not valid YAML or JSON: {error}"),
            );
            return None;
        }
    };
    let version = version(file, &root, diagnostics)?;
    let mut spec = Spec::new(file, text, &root, version, naming, diagnostics);
    Some(spec.api())
}

/// The document's version, from `openapi: 3.x` or `swagger: "2.0"`.
fn version(file: &str, root: &Value, diagnostics: &mut Diagnostics) -> Option<Version> {
    let field = |key: &str| {
        root.as_mapping()
            .and_then(|m| m.get(key))
            .and_then(node::scalar_text)
    };
    let at = Provenance::new(file, 1);
    match (field("openapi"), field("swagger")) {
        (Some(v), _) if v.starts_with("3.0") => Some(Version::V3),
        (Some(v), _) if v.starts_with("3.") => {
            diagnostics.warning(
                Some(&at),
                format!("OpenAPI {v} is read as 3.0: type lists with `null` are understood, other newer features are not"),
            );
            Some(Version::V3)
        }
        (None, Some(v)) if v == "2.0" || v == "2" => Some(Version::V2),
        (Some(v), _) | (None, Some(v)) => {
            diagnostics.error(
                Some(&at),
                format!("#: version `{v}` is not supported: expected `openapi: 3.0.x` or `swagger: \"2.0\"`"),
            );
            None
        }
        (None, None) => {
            diagnostics.error(
                Some(&at),
                "#: not an OpenAPI document: it has no `openapi: 3.0.x` or `swagger: \"2.0\"` field",
            );
            None
        }
    }
}

impl Spec<'_> {
    /// The whole model. Models are read before operations, so that parameters typed
    /// by a `$ref` to an enum or alias can see what it is.
    fn api(&mut self) -> Api {
        let title = match self.root.get("info").and_then(|i| i.get_text("title")) {
            Some(title) => title,
            None => {
                self.warn("#", "the spec has no `info.title`: the API is called `API`");
                "API".to_owned()
            }
        };
        let base_url = self.base_url();
        let auth = self.auth();
        self.declare_models();
        self.build_models();
        let default_group = match upper_camel(&title) {
            name if name.is_empty() => "Default".to_owned(),
            name => name,
        };
        let groups = self.groups(&default_group);
        let mut models = std::mem::take(&mut self.models);
        models.sort_by(|a, b| a.name.cmp(&b.name));
        Api {
            title,
            base_url,
            auth,
            groups,
            models,
        }
    }
}
