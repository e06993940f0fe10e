//! The base URL: OpenAPI 3's first server with its `{variables}`, or Swagger 2.0's
//! `schemes`, `host` and `basePath`.

use super::context::{Spec, Version};
use super::node::Node;
use crate::infer::server_variables;
use crate::model::{BaseUrl, ServerVariable};

impl<'a> Spec<'a> {
    /// The base URL the client talks to. A spec without one gets an empty template,
    /// which validation reports with the overlay setting that fixes it.
    pub fn base_url(&mut self) -> BaseUrl {
        let (template, pointer, variables) = match self.version {
            Version::V3 => self.server_v3(),
            Version::V2 => self.server_v2(),
        };
        if template.starts_with('/') {
            self.warn(
                &pointer,
                format!("the server URL `{template}` is relative: set `base_url` in the overlay"),
            );
        }
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
                "the spec has no `servers`: set `base_url` in the overlay",
            );
            return (String::new(), "#".to_owned(), Vec::new());
        };
        if servers.len() > 1 {
            self.note(
                &server.pointer,
                format!(
                    "the spec lists {} servers: the client uses the first",
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
        let variables = server_variables(&template)
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
                variable.description = node.get_prose("description").or_else(|| {
                    node.get("default")
                        .and_then(|d| super::node::scalar_text(d.value))
                        .map(|d| format!("Default: `{d}`."))
                });
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
                    self.warn("#", "the spec has no `host`: set `base_url` in the overlay");
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
        let variables = server_variables(&template);
        (template, "#/host".to_owned(), variables)
    }
}
