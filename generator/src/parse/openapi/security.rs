//! Security: the schemes a spec declares (`components.securitySchemes`, or 2.0's
//! `securityDefinitions`) and the requirements (`security`) of the API and of each
//! operation. A scheme the client cannot send is a warning and is left out; what
//! names it is settled later (`crate::degrade`).

use super::context::{Resolved, Spec, Version};
use super::node::Node;
use crate::model::{AuthKind, AuthScheme, KeyLocation, OAuthFlow, Security};

impl<'a> Spec<'a> {
    /// Every scheme the spec declares that the client can send, in declaration order.
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
        let mut auth = Vec::new();
        for (name, site) in declared.entries() {
            let kind = match self.resolve(&site) {
                Resolved::Found(scheme) => self.scheme_kind(&name, &scheme),
                Resolved::Missing(text) => {
                    self.warn(
                        &site.pointer,
                        format!(
                            "`$ref: {text}` points at no security scheme: `{name}` is left out"
                        ),
                    );
                    None
                }
                Resolved::Invalid => None,
            };
            if let Some(kind) = kind {
                auth.push(AuthScheme {
                    description: site.get_prose("description"),
                    at: self.at(&site.pointer),
                    name,
                    kind,
                });
            }
        }
        auth
    }

    /// The API-wide requirements (top-level `security`); none when absent.
    pub fn api_security(&mut self) -> Security {
        match self.root.get("security") {
            Some(node) => self.requirements(&node),
            None => Vec::new(),
        }
    }

    /// An operation's own requirements: `None` when it states none (the API's
    /// apply), an empty list for `security: []` (public).
    pub fn operation_security(&mut self, op: &Node<'a>) -> Option<Security> {
        op.get("security").map(|node| self.requirements(&node))
    }

    /// A `security` list: each item a map from scheme name to scopes, all of which
    /// are needed together; any one item suffices.
    fn requirements(&mut self, node: &Node<'a>) -> Security {
        if node.is_map() || node.str().is_some() {
            self.warn(
                &node.pointer,
                "`security` must be a list of requirements: it is ignored",
            );
            return Vec::new();
        }
        let mut alternatives = Vec::new();
        for requirement in node.items() {
            if !requirement.is_map() {
                self.warn(
                    &requirement.pointer,
                    "a security requirement must be a map of scheme names to scopes: it is ignored",
                );
                continue;
            }
            alternatives.push(
                requirement
                    .entries()
                    .into_iter()
                    .map(|(name, _)| name)
                    .collect(),
            );
        }
        alternatives
    }

    fn scheme_kind(&mut self, name: &str, scheme: &Node<'a>) -> Option<AuthKind> {
        let left_out = |what: &str| {
            format!(
                "security scheme `{name}` ({what}) cannot be sent by the client: it is left out"
            )
        };
        match scheme.get_str("type").unwrap_or_default() {
            "http" => {
                match scheme
                    .get_str("scheme")
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("bearer") => Some(AuthKind::Bearer),
                    Some("basic") => Some(AuthKind::Basic),
                    Some(other) => {
                        self.warn(&scheme.pointer, left_out(&format!("HTTP `{other}`")));
                        None
                    }
                    None => {
                        self.warn(
                        &scheme.pointer,
                        format!("the `http` security scheme `{name}` has no `scheme`: it is left out"),
                    );
                        None
                    }
                }
            }
            "basic" => Some(AuthKind::Basic),
            "apiKey" => self.api_key(name, scheme),
            "oauth2" => Some(AuthKind::OAuth2 {
                flows: self.oauth_flows(scheme),
            }),
            // An OpenID Connect ID or access token is sent as a bearer token.
            "openIdConnect" => Some(AuthKind::Bearer),
            "mutualTLS" => {
                self.warn(
                    &scheme.pointer,
                    left_out("mutual TLS: configure it on the HTTP client"),
                );
                None
            }
            other => {
                self.warn(
                    &scheme.pointer,
                    format!(
                        "security scheme `{name}` has the unknown `type: {other}`: it is left out"
                    ),
                );
                None
            }
        }
    }

    fn api_key(&mut self, name: &str, scheme: &Node<'a>) -> Option<AuthKind> {
        let key_name = scheme.get_str("name").unwrap_or_default().trim();
        let location = match scheme.get_str("in") {
            Some("header") => Some(KeyLocation::Header),
            Some("query") => Some(KeyLocation::Query),
            Some("cookie") => Some(KeyLocation::Cookie),
            _ => None,
        };
        match location {
            Some(location) if !key_name.is_empty() => Some(AuthKind::ApiKey {
                location,
                key_name: key_name.to_owned(),
            }),
            _ => {
                self.warn(
                    &scheme.pointer,
                    format!(
                        "the `apiKey` security scheme `{name}` needs a `name` and `in: header`, \
                         `query` or `cookie`: it is left out"
                    ),
                );
                None
            }
        }
    }

    /// OAuth2 flows: 3.x `flows` (a map by flow), or 2.0's one `flow` with its URLs
    /// and scopes on the scheme itself.
    fn oauth_flows(&mut self, scheme: &Node<'a>) -> Vec<OAuthFlow> {
        let flow = |kind: &str, node: &Node<'a>| OAuthFlow {
            flow: match kind {
                "clientCredentials" | "application" => "client_credentials",
                "authorizationCode" | "accessCode" => "authorization_code",
                other => other,
            }
            .to_owned(),
            authorization_url: node.get_text("authorizationUrl"),
            token_url: node.get_text("tokenUrl"),
            scopes: node
                .get("scopes")
                .map(|scopes| {
                    scopes
                        .entries()
                        .into_iter()
                        .map(|(scope, about)| (scope, about.str().unwrap_or_default().to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
        };
        match (scheme.get("flows"), scheme.get_str("flow")) {
            (Some(flows), _) => flows
                .entries()
                .iter()
                .map(|(kind, node)| flow(kind, node))
                .collect(),
            (None, Some(kind)) => vec![flow(kind, scheme)],
            (None, None) => Vec::new(),
        }
    }
}
