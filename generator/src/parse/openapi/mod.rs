//! OpenAPI 3.1, 3.0.x and Swagger 2.0 specs, YAML or JSON, to the endpoint model
//! (DESIGN.md §4.2).
//!
//! The document is read as a plain YAML tree rather than into typed structs: real
//! specs are imperfect (a schema with `format` but no `type`, `multipart/form-data:`
//! with a stray colon, a `$ref` to nothing), and a typed reader would reject the whole
//! document for one odd node. Walking the tree, each node is judged on its own: where
//! the intent is clear it is read with a warning; where it is not, the error names the
//! node's JSON pointer (`#/paths/~1pets/get/parameters/0`). Every version goes through
//! the same walk; they differ only in where they keep things, and 3.1 in what its
//! schemas may say (type lists, `const`, `prefixItems`, `$ref` with siblings; see
//! `types.rs`). No input panics.
//!
//! Names follow the Go SDK docs (`names.rs`), so that the model of a spec and the
//! model of its docs can be compared operation by operation.

mod body;
mod context;
mod external;
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
mod unions;

use std::collections::BTreeMap;

use serde_yaml::Value;

pub use external::{bundle, Bundle};

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
    let root = read_tree(file, text, diagnostics)?;
    parse_tree(file, text, &root, naming, diagnostics)
}

/// The YAML tree of the spec `text` of `file`; `None`, with an error at its line, when
/// it is no YAML or JSON.
pub fn read_tree(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Option<Value> {
    match crate::parse::yaml::from_str(text) {
        Ok(root) => Some(root),
        Err(error) => {
            let line = error.location().map_or(1, |l| l.line());
            diagnostics.error(
                Some(&Provenance::new(file, line)),
                format!("{file} is not valid YAML or JSON: {error}"),
            );
            None
        }
    }
}

/// Reads the spec tree `root` into the endpoint model, as [`parse_spec`] does. `text`
/// gives the lines of diagnostics: when `root` was changed after reading (an OAI
/// Overlay), nodes still in `text` keep their line, and new ones point at the nearest
/// enclosing node that is.
pub fn parse_tree(
    file: &str,
    text: &str,
    root: &Value,
    naming: &Naming,
    diagnostics: &mut Diagnostics,
) -> Option<Api> {
    parse_bundled(file, text, root, &BTreeMap::new(), naming, diagnostics)
}

/// Reads the spec tree `root` as [`parse_tree`] does, after [`bundle`] resolved its
/// `$ref`s to other files: `refused` is [`Bundle::refused`], the `$ref`s it left, each
/// reported with why where it is used.
pub fn parse_bundled(
    file: &str,
    text: &str,
    root: &Value,
    refused: &BTreeMap<String, String>,
    naming: &Naming,
    diagnostics: &mut Diagnostics,
) -> Option<Api> {
    let (version, v31) = version(file, root, diagnostics)?;
    let mut spec = Spec::new(file, text, root, version, naming, diagnostics);
    spec.v31 = v31;
    spec.refused = refused.clone();
    Some(spec.api())
}

/// The document's version, from `openapi: 3.x` or `swagger: "2.0"`, and whether it is
/// OpenAPI 3.1 (JSON Schema 2020-12 schemas, `webhooks`).
fn version(file: &str, root: &Value, diagnostics: &mut Diagnostics) -> Option<(Version, bool)> {
    let field = |key: &str| {
        root.as_mapping()
            .and_then(|m| m.get(key))
            .and_then(node::scalar_text)
    };
    let at = Provenance::new(file, 1);
    match (field("openapi"), field("swagger")) {
        (Some(v), _) if v.starts_with("3.0") => Some((Version::V3, false)),
        (Some(v), _) if v.starts_with("3.1") => Some((Version::V3, true)),
        (Some(v), _) if v.starts_with("3.") => {
            diagnostics.warning(
                Some(&at),
                format!("OpenAPI {v} is read as 3.1: its newer features are not understood"),
            );
            Some((Version::V3, true))
        }
        (None, Some(v)) if v == "2.0" || v == "2" => Some((Version::V2, false)),
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
        if self.v31 {
            self.v31_document();
        }
        let base_url = self.base_url();
        let auth = self.auth();
        let security = self.api_security();
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
            security,
            groups,
            models,
        }
    }
}

/// The dialect OpenAPI 3.1 schemas are written in unless `jsonSchemaDialect` says
/// otherwise.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

impl Spec<'_> {
    /// What only a 3.1 document has at its top: `jsonSchemaDialect` and `webhooks`.
    fn v31_document(&mut self) {
        if let Some(dialect) = self.root.get("jsonSchemaDialect") {
            let text = dialect.str().unwrap_or_default();
            if text.trim_end_matches('#') != DEFAULT_DIALECT {
                self.warn(
                    &dialect.pointer,
                    format!(
                        "`jsonSchemaDialect: {text}` is not OpenAPI 3.1's own: schemas are read \
                         as JSON Schema 2020-12 with OpenAPI's vocabulary all the same"
                    ),
                );
            }
        }
        if let Some(webhooks) = self.root.get("webhooks") {
            let names: Vec<String> = webhooks
                .entries()
                .into_iter()
                .map(|(name, _)| format!("`{name}`"))
                .collect();
            if !names.is_empty() {
                self.note(
                    &webhooks.pointer,
                    format!(
                        "webhooks ({}) are left out: they are requests the API sends, which a \
                         client does not make",
                        names.join(", ")
                    ),
                );
            }
        }
    }
}
