// Credentials and how each request carries them. apibind emits this file verbatim
// into every generated crate; the API's schemes and each operation's requirements
// come from the generated code.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use crate::error::Error;

/// An access token (bearer, OAuth2 or OpenID Connect). It is never shown: `Debug`
/// prints `AccessToken(<redacted>)`.
#[derive(Clone)]
pub struct AccessToken {
    secret: Arc<str>,
    /// When a provider should be asked for a new one.
    renew_at: Option<Instant>,
}

impl AccessToken {
    /// Wraps a token string.
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken {
            secret: Arc::from(token.into()),
            renew_at: None,
        }
    }

    /// Says the token stops working after `lifetime`, so that a
    /// [`TokenProvider`]'s token is replaced before it does: 30 s before, or halfway
    /// through a shorter lifetime.
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        let early = REFRESH_MARGIN.min(lifetime / 2);
        self.renew_at = Instant::now().checked_add(lifetime - early);
        self
    }

    /// Whether the token is not due for renewal yet.
    fn is_fresh(&self) -> bool {
        self.renew_at.is_none_or(|at| Instant::now() < at)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

/// How long a [`TokenProvider`] may take: requests that need a token wait for it.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(60);

/// How long before its expiry a provided token is replaced.
const REFRESH_MARGIN: Duration = Duration::from_secs(30);

/// An API key. It is never shown: `Debug` prints `ApiKey(<redacted>)`.
#[derive(Clone)]
pub struct ApiKey(Arc<str>);

impl ApiKey {
    /// Wraps a key string.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(Arc::from(key.into()))
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// Where requests carry the access token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenPlacement {
    /// `Authorization: Bearer <token>` (the default).
    #[default]
    BearerHeader,
    /// A query parameter, for APIs that accept one (see the crate docs for its name).
    QueryParameter,
}

/// What a [`TokenProvider`] gives: a token, or why there is none.
pub type TokenResult = Result<AccessToken, Box<dyn std::error::Error + Send + Sync>>;

/// The future a [`TokenProvider`] returns.
pub type TokenFuture = Pin<Box<dyn Future<Output = TokenResult> + Send>>;

/// A source of fresh access tokens, e.g. an OAuth2 refresh or client-credentials
/// exchange. The client asks it for a token before the first request that needs
/// one, again when the token is about to expire (see [`AccessToken::expires_in`]),
/// and once more when the server answers `401 Unauthorized`. Requests that need a
/// token wait for one fetch at a time, for at most 60 s; so a provider must not
/// itself call an operation of the same client that needs a token.
///
/// Any `Fn() -> impl Future<Output = Result<AccessToken, E>>` is a provider:
///
/// ```ignore
/// let client = Client::builder()
///     .token_provider(|| async {
///         let token: String = fetch_token().await?;
///         Ok::<_, std::io::Error>(AccessToken::new(token).expires_in(Duration::from_secs(3600)))
///     })
///     .build()?;
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// Obtains a fresh token.
    fn token(&self) -> TokenFuture;
}

impl<F, Fut, E> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AccessToken, E>> + Send + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn token(&self) -> TokenFuture {
        let future = self();
        Box::pin(async move { future.await.map_err(Into::into) })
    }
}

/// One auth scheme of the API, as the generated code declares it.
#[derive(Debug)]
pub(crate) struct AuthSchemeSpec {
    /// The scheme's name in the API, as operations' requirements name it.
    pub name: &'static str,
    /// What it sends.
    pub kind: SchemeKind,
}

/// What a scheme sends, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code, reason = "each API uses the kinds it declares")]
pub(crate) enum SchemeKind {
    /// The access token, `Authorization: Bearer` (also OAuth2 and OpenID Connect).
    Bearer,
    /// `Authorization: Basic` from a user name and password.
    Basic,
    /// An API key in the named header.
    HeaderKey(&'static str),
    /// An API key in the named query parameter.
    QueryKey(&'static str),
    /// An API key in the named cookie.
    CookieKey(&'static str),
    /// The access token in the named query parameter.
    TokenQuery(&'static str),
}

impl SchemeKind {
    fn takes_token(self) -> bool {
        matches!(self, SchemeKind::Bearer | SchemeKind::TokenQuery(_))
    }
}

/// Where the access token comes from.
enum TokenSource {
    Fixed(AccessToken),
    Provider {
        provider: Arc<dyn TokenProvider>,
        current: tokio::sync::Mutex<Option<AccessToken>>,
    },
}

/// The credentials a client was given. `Debug` says which are set, never their
/// values.
#[derive(Default)]
pub(crate) struct Credentials {
    token: Option<TokenSource>,
    /// The key for every API-key scheme without a key of its own.
    api_key: Option<ApiKey>,
    /// Keys for one scheme each, by scheme name.
    api_keys: Vec<(String, ApiKey)>,
    /// The user name and password.
    basic: Option<(Arc<str>, Arc<str>)>,
    pub placement: TokenPlacement,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = match &self.token {
            None => "none",
            Some(TokenSource::Fixed(_)) => "<redacted>",
            Some(TokenSource::Provider { .. }) => "<provider>",
        };
        let keys: Vec<&str> = self.api_keys.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Credentials")
            .field("token", &format_args!("{token}"))
            .field("token_placement", &self.placement)
            .field("api_key", &self.api_key)
            .field("api_keys_for", &keys)
            .field(
                "basic",
                &self.basic.as_ref().map(|_| format_args!("<redacted>")),
            )
            .finish()
    }
}

/// What one request carries, once its credentials are chosen.
#[derive(Default)]
pub(crate) struct Proof {
    /// Headers, marked sensitive.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// Query pairs, not yet encoded.
    pub query: Vec<(&'static str, Arc<str>)>,
    /// Cookies, not yet encoded.
    pub cookies: Vec<(&'static str, Arc<str>)>,
    /// The user name and password of `Authorization: Basic`.
    pub basic: Option<(Arc<str>, Arc<str>)>,
    /// The token sent, if any, to replace it after a `401`.
    pub token: Option<AccessToken>,
}

impl Credentials {
    pub(crate) fn set_token(&mut self, token: AccessToken) {
        self.token = Some(TokenSource::Fixed(token));
    }

    pub(crate) fn set_provider(&mut self, provider: Arc<dyn TokenProvider>) {
        self.token = Some(TokenSource::Provider {
            provider,
            current: tokio::sync::Mutex::new(None),
        });
    }

    pub(crate) fn set_api_key(&mut self, scheme: Option<String>, key: ApiKey) {
        match scheme {
            None => self.api_key = Some(key),
            Some(scheme) => {
                self.api_keys.retain(|(n, _)| *n != scheme);
                self.api_keys.push((scheme, key));
            }
        }
    }

    pub(crate) fn set_basic(&mut self, user: String, password: String) {
        self.basic = Some((Arc::from(user), Arc::from(password)));
    }

    /// Refuses keys for schemes the API does not have.
    pub(crate) fn check(&self, schemes: &[AuthSchemeSpec]) -> Result<(), Error> {
        for (name, _) in &self.api_keys {
            let is_key = schemes.iter().any(|s| {
                s.name == name
                    && matches!(
                        s.kind,
                        SchemeKind::HeaderKey(_)
                            | SchemeKind::QueryKey(_)
                            | SchemeKind::CookieKey(_)
                    )
            });
            if !is_key {
                let known: Vec<&str> = schemes
                    .iter()
                    .filter(|s| !s.kind.takes_token() && s.kind != SchemeKind::Basic)
                    .map(|s| s.name)
                    .collect();
                return Err(Error::Config(format!(
                    "the API has no API-key scheme `{name}` (its API-key schemes: {})",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
        Ok(())
    }

    /// Whether some header may carry an API key, which a redirect to another host
    /// must not receive.
    pub(crate) fn sends_key_headers(&self, schemes: &[AuthSchemeSpec]) -> bool {
        schemes.iter().any(|s| {
            matches!(s.kind, SchemeKind::HeaderKey(_)) && self.api_key_for(s.name).is_some()
        })
    }

    fn api_key_for(&self, scheme: &str) -> Option<&ApiKey> {
        self.api_keys
            .iter()
            .find(|(n, _)| n == scheme)
            .map(|(_, k)| k)
            .or(self.api_key.as_ref())
    }

    fn has(&self, kind: SchemeKind, name: &str) -> bool {
        match kind {
            SchemeKind::Bearer | SchemeKind::TokenQuery(_) => self.token.is_some(),
            SchemeKind::Basic => self.basic.is_some(),
            SchemeKind::HeaderKey(_) | SchemeKind::QueryKey(_) | SchemeKind::CookieKey(_) => {
                self.api_key_for(name).is_some()
            }
        }
    }

    /// The first of the operation's alternatives this client can satisfy; none when
    /// it can satisfy none (the server will say what is missing) or the operation is
    /// public.
    pub(crate) fn choose(
        &self,
        schemes: &'static [AuthSchemeSpec],
        security: &'static [&'static [&'static str]],
    ) -> Vec<&'static AuthSchemeSpec> {
        for alternative in security.iter().filter(|a| !a.is_empty()) {
            let chosen: Option<Vec<&'static AuthSchemeSpec>> = alternative
                .iter()
                .map(|name| {
                    schemes
                        .iter()
                        .find(|s| s.name == *name && self.has(s.kind, s.name))
                })
                .collect();
            if let Some(chosen) = chosen {
                return chosen;
            }
        }
        Vec::new()
    }

    /// The credentials of `chosen` schemes, fetching a token if one needs it.
    pub(crate) async fn prove(
        &self,
        operation: &'static str,
        chosen: &[&'static AuthSchemeSpec],
        token_query: Option<&'static str>,
    ) -> Result<Proof, Error> {
        let mut proof = Proof::default();
        for scheme in chosen {
            match scheme.kind {
                SchemeKind::Bearer | SchemeKind::TokenQuery(_) => {
                    let token = self.token(operation).await?;
                    let in_query = match (scheme.kind, self.placement, token_query) {
                        (SchemeKind::TokenQuery(name), _, _) => Some(name),
                        (_, TokenPlacement::QueryParameter, Some(name)) => Some(name),
                        _ => None,
                    };
                    match in_query {
                        Some(name) => proof.query.push((name, token.secret.clone())),
                        None => proof.headers.push((
                            AUTHORIZATION,
                            sensitive(&format!("Bearer {}", token.secret), "the token")?,
                        )),
                    }
                    proof.token = Some(token);
                }
                SchemeKind::Basic => proof.basic.clone_from(&self.basic),
                SchemeKind::HeaderKey(header) => {
                    if let Some(key) = self.api_key_for(scheme.name) {
                        let name = HeaderName::from_bytes(header.as_bytes()).map_err(|_| {
                            Error::Config(format!("`{header}` is not a valid header name"))
                        })?;
                        proof
                            .headers
                            .push((name, sensitive(&key.0, "the API key")?));
                    }
                }
                SchemeKind::QueryKey(name) => {
                    if let Some(key) = self.api_key_for(scheme.name) {
                        proof.query.push((name, key.0.clone()));
                    }
                }
                SchemeKind::CookieKey(name) => {
                    if let Some(key) = self.api_key_for(scheme.name) {
                        proof.cookies.push((name, key.0.clone()));
                    }
                }
            }
        }
        Ok(proof)
    }

    /// The current access token: the fixed one, or the provider's, obtained anew
    /// when there is none yet or it is about to expire.
    async fn token(&self, operation: &'static str) -> Result<AccessToken, Error> {
        match &self.token {
            None => Err(Error::Config("no access token is set".to_owned())),
            Some(TokenSource::Fixed(token)) => Ok(token.clone()),
            Some(TokenSource::Provider { provider, current }) => {
                // Held across the fetch, so concurrent requests wait for one refresh.
                let mut current = current.lock().await;
                if let Some(token) = current.as_ref().filter(|t| t.is_fresh()) {
                    return Ok(token.clone());
                }
                let token = tokio::time::timeout(PROVIDER_TIMEOUT, provider.token())
                    .await
                    .unwrap_or_else(|_| Err("the token provider did not answer within 60 s".into()))
                    .map_err(|source| Error::Token { operation, source })?;
                *current = Some(token.clone());
                Ok(token)
            }
        }
    }

    /// Forgets `refused` after the server answered `401` to it, so that the next
    /// request asks the provider for a new token. Whether a retry may help: only a
    /// provided token can be replaced.
    pub(crate) async fn refused(&self, refused: &AccessToken) -> bool {
        let Some(TokenSource::Provider { current, .. }) = &self.token else {
            return false;
        };
        let mut current = current.lock().await;
        // Another request may have replaced it already.
        if current
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(&t.secret, &refused.secret))
        {
            *current = None;
        }
        true
    }
}

/// A header value marked sensitive, so that it is never logged by the HTTP stack.
fn sensitive(value: &str, what: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(value)
        .map_err(|_| Error::Config(format!("{what} is not a valid header value")))?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token is renewed 30 s before it expires, or halfway through a shorter life.
    #[test]
    fn short_lived_tokens_are_used_before_renewal() {
        assert!(AccessToken::new("t").is_fresh());
        assert!(AccessToken::new("t")
            .expires_in(Duration::from_secs(3600))
            .is_fresh());
        assert!(AccessToken::new("t")
            .expires_in(Duration::from_secs(20))
            .is_fresh());
        assert!(AccessToken::new("t")
            .expires_in(Duration::from_secs(2))
            .is_fresh());
        assert!(!AccessToken::new("t").expires_in(Duration::ZERO).is_fresh());
    }

    #[test]
    fn secrets_are_redacted() {
        let mut credentials = Credentials::default();
        credentials.set_token(AccessToken::new("t0ken"));
        credentials.set_api_key(None, ApiKey::new("k3y"));
        credentials.set_api_key(Some("other".into()), ApiKey::new("k4y"));
        credentials.set_basic("us3r".into(), "p4ss".into());
        let shown = format!("{credentials:?}");
        for secret in ["t0ken", "k3y", "k4y", "us3r", "p4ss"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("other"), "{shown}");
    }

    #[test]
    fn the_first_satisfiable_alternative_is_chosen() {
        static SCHEMES: [AuthSchemeSpec; 3] = [
            AuthSchemeSpec {
                name: "key",
                kind: SchemeKind::HeaderKey("X-Key"),
            },
            AuthSchemeSpec {
                name: "oauth",
                kind: SchemeKind::Bearer,
            },
            AuthSchemeSpec {
                name: "basic",
                kind: SchemeKind::Basic,
            },
        ];
        static EITHER: [&[&str]; 2] = [&["key"], &["oauth"]];
        static BOTH: [&[&str]; 1] = [&["key", "basic"]];
        let mut credentials = Credentials::default();
        assert!(credentials.choose(&SCHEMES, &EITHER).is_empty());
        credentials.set_token(AccessToken::new("t"));
        let chosen: Vec<&str> = credentials
            .choose(&SCHEMES, &EITHER)
            .iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(chosen, ["oauth"]);
        credentials.set_api_key(None, ApiKey::new("k"));
        let chosen: Vec<&str> = credentials
            .choose(&SCHEMES, &EITHER)
            .iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(chosen, ["key"]);
        assert!(credentials.choose(&SCHEMES, &BOTH).is_empty());
        credentials.set_basic("u".into(), "p".into());
        assert_eq!(credentials.choose(&SCHEMES, &BOTH).len(), 2);
        assert!(credentials.choose(&SCHEMES, &[]).is_empty());
    }
}
