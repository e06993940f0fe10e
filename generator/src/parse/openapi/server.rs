//! The base URL: OpenAPI 3's first server with its `{variables}` (their `default`
//! and `enum`), or Swagger 2.0's `schemes`, `host` and `basePath`.
//!
//! A relative server URL (`/api/v1`), or none at all (read as `/`), gives a client
//! with no default server: the caller gives the base URL.

use super::context::{Spec, Version};
use super::node::Node;
use crate::model::{BaseUrl, ServerVariable};
use crate::template::Template;

impl<'a> Spec<'a> {
    /// The base URL the client talks to. A spec without one gets `/`: like a
    /// relative URL, the caller gives the server.
    pub fn base_url(&mut self) -> BaseUrl {
        let (template, pointer, variables) = match self.version {
            Version::V3 => self.server_v3(),
            Version::V2 => self.server_v2(),
        };
        // No server at all was warned about already; a relative one is the spec's
        // intent, and worth a note.
        if template.starts_with('/') {
            self.note(
                &pointer,
                format!(
                    "the server URL `{template}` is relative: the client has no default server, \
                     callers give one with `Client::builder().base_url(...)` (or set `base_url` in the overlay)"
                ),
            );
        }
        let template = match template.is_empty() {
            true => "/".to_owned(),
            false => template,
        };
        BaseUrl {
            template,
            variables,
            at: self.at(&pointer),
        }
    }

    fn server_v3(&mut self) -> (String, String, Vec<ServerVariable>) {
        let servers = self
            .root
            .get("servers")
            .map(|s| s.items())
            .unwrap_or_default();
        let Some(server) = servers.first() else {
            self.warn(
                "#",
                "the spec has no `servers`: the client has no default server, callers give one \
                 with `Client::builder().base_url(...)` (or set `base_url` in the overlay)",
            );
            return (String::new(), "#".to_owned(), Vec::new());
        };
        if servers.len() > 1 {
            self.note(
                &server.pointer,
                format!(
                    "the spec lists {} servers: the client uses the first by default",
                    servers.len()
                ),
            );
        }
        let Some(url) = server.get_str("url") else {
            self.error(&server.pointer, "a server needs a `url`");
            return (String::new(), server.pointer.clone(), Vec::new());
        };
        let template = url.trim().trim_end_matches('/').to_owned();
        let declared = server.get("variables");
        let variables = Template::new(&template)
            .variables()
            .into_iter()
            .map(|variable| self.server_variable(variable, declared.as_ref(), &server.pointer))
            .collect();
        let pointer = format!("{}/url", server.pointer);
        (template, pointer, variables)
    }

    /// A `{placeholder}` of the URL, described by the server's `variables`.
    fn server_variable(
        &mut self,
        mut variable: ServerVariable,
        declared: Option<&Node<'a>>,
        server: &str,
    ) -> ServerVariable {
        match declared.and_then(|d| d.get(&variable.name)) {
            Some(node) => {
                variable.description = node.get_prose("description");
                variable.default = node
                    .get("default")
                    .and_then(|d| super::node::scalar_text(d.value));
                variable.values = node
                    .get("enum")
                    .map(|e| e.items())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|v| super::node::scalar_text(v.value))
                    .collect();
                if let Some(default) = &variable.default {
                    if !variable.values.is_empty() && !variable.values.contains(default) {
                        self.warn(
                            &node.pointer,
                            format!(
                                "the default `{default}` of `{{{}}}` is not one of its `enum` values: it is allowed all the same",
                                variable.name
                            ),
                        );
                        variable.values.push(default.clone());
                    }
                }
            }
            None => self.warn(
                server,
                format!(
                    "the server URL has `{{{}}}` but no such entry under `variables`",
                    variable.name
                ),
            ),
        }
        variable
    }

    fn server_v2(&mut self) -> (String, String, Vec<ServerVariable>) {
        let base_path = self.root.get_str("basePath").unwrap_or_default();
        let base_path = base_path.trim().trim_end_matches('/');
        let Some(host) = self.root.get_str("host") else {
            let template = match base_path {
                "" => {
                    self.warn(
                        "#",
                        "the spec has no `host`: the client has no default server, callers give \
                         one with `Client::builder().base_url(...)` (or set `base_url` in the overlay)",
                    );
                    String::new()
                }
                path => path.to_owned(),
            };
            return (template, "#/basePath".to_owned(), Vec::new());
        };
        let schemes: Vec<String> = self
            .root
            .get("schemes")
            .map(|s| s.items())
            .unwrap_or_default()
            .iter()
            .filter_map(|n| n.str().map(str::to_ascii_lowercase))
            .collect();
        // https when offered: the token must not travel in clear text.
        let scheme = match schemes.iter().any(|s| s == "https") || schemes.is_empty() {
            true => "https",
            false => schemes.first().map_or("https", String::as_str),
        };
        let template = format!(
            "{scheme}://{}{base_path}",
            host.trim().trim_end_matches('/')
        );
        let variables = Template::new(&template).variables();
        (template, "#/host".to_owned(), variables)
    }
}
