//! Security schemes to the ways the client sends its token: the schemes the spec
//! requires API-wide first, then the others it declares.

use super::context::{Resolved, Spec, Version};
use super::node::Node;
use crate::model::AuthScheme;

impl<'a> Spec<'a> {
    /// The auth schemes the client supports, in order of preference. Schemes it cannot
    /// send yet (HTTP basic, API keys in headers or cookies) are warnings.
    pub fn auth(&mut self) -> Vec<AuthScheme> {
        let declared = match self.version {
            Version::V3 => self
                .root
                .get("components")
                .and_then(|c| c.get("securitySchemes")),
            Version::V2 => self.root.get("securityDefinitions"),
        };
        let Some(declared) = declared else {
            return Vec::new();
        };
        let mut schemes = declared.entries();
        // Stable sort: required schemes first, each group in declaration order.
        let required = self.required_schemes();
        schemes.sort_by_key(|(name, _)| {
            required
                .iter()
                .position(|r| r == name)
                .unwrap_or(usize::MAX)
        });
        let mut auth = Vec::new();
        for (name, site) in schemes {
            let scheme = match self.resolve(&site) {
                Resolved::Found(scheme) => self.scheme(&name, &scheme),
                Resolved::Missing(text) => {
                    self.error(
                        &site.pointer,
                        format!("`$ref: {text}` points at no security scheme"),
                    );
                    None
                }
                Resolved::Invalid => None,
            };
            if let Some(scheme) = scheme.filter(|s| !auth.contains(s)) {
                auth.push(scheme);
            }
        }
        auth
    }

    /// The names in the top-level `security` requirements, in order.
    fn required_schemes(&self) -> Vec<String> {
        let requirements = self
            .root
            .get("security")
            .map(|s| s.items())
            .unwrap_or_default();
        requirements
            .iter()
            .flat_map(|requirement| requirement.entries())
            .map(|(name, _)| name)
            .collect()
    }

    fn scheme(&mut self, name: &str, scheme: &Node<'a>) -> Option<AuthScheme> {
        let kind = scheme.get_str("type").unwrap_or_default();
        let unsupported = |what: &str| {
            format!("security scheme `{name}` ({what}) is not supported yet: the client does not send it")
        };
        match kind {
            "http" => match scheme
                .get_str("scheme")
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("bearer") => Some(AuthScheme::Bearer),
                Some(other) => {
                    self.warn(&scheme.pointer, unsupported(&format!("HTTP `{other}`")));
                    None
                }
                None => {
                    self.error(
                        &scheme.pointer,
                        "an `http` security scheme needs a `scheme`",
                    );
                    None
                }
            },
            "basic" => {
                self.warn(&scheme.pointer, unsupported("HTTP basic"));
                None
            }
            "apiKey" => self.api_key(scheme, &unsupported("an API key header")),
            // An OAuth2 or OpenID Connect access token is sent as a bearer token.
            "oauth2" | "openIdConnect" => Some(AuthScheme::Bearer),
            other => {
                self.error(
                    &scheme.pointer,
                    format!("security scheme `{name}` has the unknown `type: {other}`"),
                );
                None
            }
        }
    }

    fn api_key(&mut self, scheme: &Node<'a>, unsupported_header: &str) -> Option<AuthScheme> {
        let name = scheme.get_str("name").unwrap_or_default();
        match scheme.get_str("in") {
            Some("query") if !name.is_empty() => Some(AuthScheme::QueryParam {
                name: name.to_owned(),
            }),
            Some("header") => {
                self.warn(&scheme.pointer, format!("{unsupported_header} (`{name}`)"));
                None
            }
            Some("cookie") => {
                self.warn(
                    &scheme.pointer,
                    format!("an API key in the cookie `{name}` is not supported: the client sends no cookies"),
                );
                None
            }
            _ => {
                self.error(
                    &scheme.pointer,
                    "an `apiKey` security scheme needs a `name` and `in: query`, `header` or `cookie`",
                );
                None
            }
        }
    }
}
