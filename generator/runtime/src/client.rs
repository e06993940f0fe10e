// The client's transport: configuration, authentication, URL encoding and response
// handling. apibind emits this file verbatim into every generated crate; the
// API-specific parts (operations, models, the server template) live beside it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE};
use serde::de::DeserializeOwned;

use crate::auth::{
    AccessToken, ApiKey, AuthSchemeSpec, Credentials, Proof, SchemeKind, TokenPlacement,
    TokenProvider,
};
use crate::error::{ApiError, DecodeError, Error};
use crate::request::{render_cookies, render_path, render_query, BodyKind, Call, OperationSpec};
use crate::retry::{RateLimiter, RetryPolicy};

/// What every request builder turns into when awaited.
pub type ResponseFuture<T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'static>>;

/// What the generated code tells the transport about the API.
#[derive(Debug)]
pub(crate) struct ApiSpec {
    /// The server URL, with `{variable}` placeholders. A relative URL (`/api`, or
    /// empty) means the API names no server: the caller must give one.
    pub base_url_template: &'static str,
    /// What the API says of each placeholder: its default and allowed values.
    pub server_variables: &'static [ServerVariableSpec],
    /// The ways requests may authenticate.
    pub auth_schemes: &'static [AuthSchemeSpec],
}

impl ApiSpec {
    /// The query parameter that can carry the access token, if the API has one.
    pub(crate) fn token_query_parameter(&self) -> Option<&'static str> {
        self.auth_schemes.iter().find_map(|s| match s.kind {
            SchemeKind::TokenQuery(name) => Some(name),
            _ => None,
        })
    }
}

/// One `{placeholder}` of the server URL.
#[derive(Debug)]
pub(crate) struct ServerVariableSpec {
    /// The placeholder's name.
    pub name: &'static str,
    /// The value used when the caller sets none.
    pub default: Option<&'static str>,
    /// The only values allowed, when the API lists them.
    pub values: &'static [&'static str],
}

/// Configures a [`Client`]. Start from [`Client::builder`].
#[derive(Debug)]
pub struct ClientBuilder {
    spec: &'static ApiSpec,
    base_url: Option<String>,
    variables: Vec<(String, String)>,
    credentials: Credentials,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    rate_limit: Option<(u32, Duration)>,
}

impl ClientBuilder {
    pub(crate) fn new(spec: &'static ApiSpec) -> Self {
        ClientBuilder {
            spec,
            base_url: None,
            variables: Vec::new(),
            credentials: Credentials::default(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            http: None,
            retry: RetryPolicy::default(),
            rate_limit: None,
        }
    }

    /// Sets when requests are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Keeps this client under `requests` a minute, waiting before a request when it
    /// would go over (default: no limit). Clones of the client share the budget.
    pub fn max_requests_per_minute(self, requests: u32) -> Self {
        self.rate_limit(requests, Duration::from_secs(60))
    }

    /// Keeps this client under `requests` per `window`, waiting before a request when
    /// it would go over. Clones of the client share the budget.
    pub fn rate_limit(mut self, requests: u32, window: Duration) -> Self {
        self.rate_limit = Some((requests, window));
        self
    }

    /// Sends requests to `url` (e.g. a test server) instead of the API's server:
    /// it replaces the whole server URL, path and variables included, and operation
    /// paths are appended to it (`https://host/api` + `/pets`). It is required when the
    /// API's server URL is relative.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Fills the `{name}` placeholder of the API's server URL, instead of its
    /// default. A value outside the API's listed values, a scheme other than `http` or
    /// `https`, or (for a placeholder with no listed values) anything but letters,
    /// digits, `-`, `_` and `.` makes [`build`](Self::build) fail.
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.variables.push((name.into(), value.into()));
        self
    }

    /// Sends `token` to operations that take an access token (bearer, OAuth2,
    /// OpenID Connect). Replaces a [`token_provider`](Self::token_provider).
    pub fn token(mut self, token: AccessToken) -> Self {
        self.credentials.set_token(token);
        self
    }

    /// Obtains access tokens from `provider`: before the first request that needs
    /// one, when the last is about to expire, and once more after a `401` (the
    /// request is then sent again). Replaces a [`token`](Self::token).
    pub fn token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.credentials.set_provider(Arc::new(provider));
        self
    }

    /// Chooses where the token travels (default: the `Authorization` header).
    pub fn token_placement(mut self, placement: TokenPlacement) -> Self {
        self.credentials.placement = placement;
        self
    }

    /// Sends `key` to operations that take an API key, for every API-key scheme
    /// that has no key of its own ([`api_key_for`](Self::api_key_for)).
    pub fn api_key(mut self, key: ApiKey) -> Self {
        self.credentials.set_api_key(None, key);
        self
    }

    /// Sends `key` for the API-key scheme called `scheme` (its name in the API's
    /// docs, e.g. `api_key`). [`build`](Self::build) fails if the API has no such
    /// scheme.
    pub fn api_key_for(mut self, scheme: impl Into<String>, key: ApiKey) -> Self {
        self.credentials.set_api_key(Some(scheme.into()), key);
        self
    }

    /// Sends `user` and `password` (`Authorization: Basic`) to operations that
    /// take HTTP basic authentication.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials.set_basic(user.into(), password.into());
        self
    }

    /// Limits the time to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limits the time of a whole request, body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Uses `client` for HTTP, e.g. to share its connection pool or add a proxy.
    /// Its own timeouts, user agent and redirect policy apply instead of this
    /// builder's. With an API key in a header, give it
    /// `reqwest::redirect::Policy::none()` (or a policy that stays on the API's
    /// host): reqwest drops `Authorization` and `Cookie` on a redirect to another
    /// host, but not other headers.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the API's server URL is relative and no
    /// [`base_url`](Self::base_url) is set, when a server variable has no value or a
    /// refused one, or when the URL is not an http or https URL.
    pub fn build(self) -> Result<Client, Error> {
        let template = self.spec.base_url_template;
        let base_url = match self.base_url {
            Some(url) => url,
            None if template.is_empty() || template.starts_with('/') => {
                return Err(Error::Config(format!(
                    "the API's server URL `{template}` is relative: give the server with \
                     `Client::builder().base_url(\"https://...\")`"
                )))
            }
            None => fill_template(template, self.spec.server_variables, &self.variables)?,
        };
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL `{base_url}` is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "base URL `{base_url}` must be an http or https URL"
            )));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(Error::Config(format!(
                "base URL `{base_url}` must not have a query or fragment"
            )));
        }
        if self.credentials.placement == TokenPlacement::QueryParameter
            && self.spec.token_query_parameter().is_none()
        {
            return Err(Error::Config(
                "this API documents no query parameter for the token".to_owned(),
            ));
        }
        self.credentials.check(self.spec.auth_schemes)?;
        let redirects = redirect_policy(self.credentials.sends_key_headers(self.spec.auth_schemes));
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .redirect(redirects)
                .user_agent(self.user_agent)
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: parsed.as_str().trim_end_matches('/').to_owned(),
                credentials: self.credentials,
                spec: self.spec,
                retry: self.retry,
                limiter: self
                    .rate_limit
                    .map(|(requests, window)| RateLimiter::new(requests, window)),
            }),
        })
    }
}

/// Follows up to 10 redirects. When API keys travel in headers, which the HTTP
/// stack does not know to be secret, a redirect to another host is not followed:
/// its answer is returned as an error. (`Authorization` and `Cookie` are dropped
/// on such redirects by reqwest itself.)
fn redirect_policy(guard_headers: bool) -> reqwest::redirect::Policy {
    if !guard_headers {
        return reqwest::redirect::Policy::limited(10);
    }
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().last().is_some_and(|last| {
            let next = attempt.url();
            last.scheme() == next.scheme()
                && last.host_str() == next.host_str()
                && last.port_or_known_default() == next.port_or_known_default()
        });
        if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Replaces each `{name}` of `template` with the caller's value, else its default.
/// A value must be one of the variable's listed values when it has some; in the
/// scheme's place only `http` and `https` are allowed; any other value that is not
/// the API's own default may hold only letters, digits, `-`, `_` and `.`, so a value
/// can never change the URL's host or path.
fn fill_template(
    template: &str,
    declared: &[ServerVariableSpec],
    variables: &[(String, String)],
) -> Result<String, Error> {
    for (name, _) in variables {
        if !template.contains(&format!("{{{name}}}")) {
            return Err(Error::Config(format!(
                "the server URL `{template}` has no `{{{name}}}`"
            )));
        }
    }
    let scheme_end = template.find("://");
    let mut url = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + length];
        let in_scheme = scheme_end.is_some_and(|end| template.len() - rest.len() + start < end);
        let spec = declared.iter().find(|v| v.name == name);
        let given = variables.iter().rev().find(|(n, _)| n == name);
        let value = match (given, spec.and_then(|s| s.default)) {
            (Some((_, value)), _) => value.as_str(),
            (None, Some(default)) => default,
            (None, None) => {
                return Err(Error::Config(format!(
                    "the server URL needs a value for `{{{name}}}`"
                )))
            }
        };
        check_variable(name, value, spec, in_scheme)?;
        url.push_str(&rest[..start]);
        url.push_str(value);
        rest = &rest[start + length + 1..];
    }
    url.push_str(rest);
    Ok(url)
}

/// Refuses a value of the server variable `name` that the API does not allow or
/// that could change the URL's structure.
fn check_variable(
    name: &str,
    value: &str,
    spec: Option<&ServerVariableSpec>,
    in_scheme: bool,
) -> Result<(), Error> {
    let allowed = spec.map_or(&[][..], |s| s.values);
    if !allowed.is_empty() && !allowed.contains(&value) {
        let list: Vec<String> = allowed.iter().map(|v| format!("`{v}`")).collect();
        return Err(Error::Config(format!(
            "`{value}` is not an allowed value for `{{{name}}}`: use one of {}",
            list.join(", ")
        )));
    }
    if in_scheme {
        return match value {
            "http" | "https" => Ok(()),
            _ => Err(Error::Config(format!(
                "`{value}` is not a valid value for `{{{name}}}`: the scheme is `http` or `https`"
            ))),
        };
    }
    let trusted = allowed.contains(&value) || spec.and_then(|s| s.default) == Some(value);
    // `.` and `..` would be resolved away as path segments.
    let valid = !matches!(value, "" | "." | "..")
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !trusted && !valid {
        return Err(Error::Config(format!(
            "`{value}` is not a valid value for `{{{name}}}`: use letters, digits, `-`, `_` and `.`"
        )));
    }
    Ok(())
}

/// The API client. Cloning it is cheap and shares its connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    spec: &'static ApiSpec,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The base URL requests are sent to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// What the generated code told the transport about the API.
    #[cfg(feature = "mock")]
    pub(crate) fn api_spec(&self) -> &'static ApiSpec {
        self.inner.spec
    }

    // The senders return boxed futures, so that each operation's `into_future` is a
    // plain function: one async body per kind of answer here, instead of one per
    // operation for the compiler to check.

    /// Sends one request and decodes a JSON answer.
    #[allow(dead_code, reason = "only APIs with JSON answers call it")]
    pub(crate) fn send_json<T: DeserializeOwned + Send + 'static>(
        &self,
        operation: &'static OperationSpec,
        call: Call,
    ) -> ResponseFuture<T> {
        let client = self.clone();
        Box::pin(async move { client.decode_json(operation, call).await })
    }

    #[allow(dead_code, reason = "only APIs with JSON answers call it")]
    async fn decode_json<T: DeserializeOwned>(
        &self,
        operation: &'static OperationSpec,
        call: Call,
    ) -> Result<T, Error> {
        let (status, body) = self.send(operation, call).await?;
        let mut deserializer = serde_json::Deserializer::from_slice(&body);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            Error::Decode(Box::new(DecodeError {
                operation: operation.name,
                status,
                path,
                body: String::from_utf8_lossy(&body).into_owned(),
                source: error.into_inner(),
            }))
        })
    }

    /// Sends one request and returns the answer's bytes (file downloads).
    #[allow(dead_code, reason = "only APIs that return files call it")]
    pub(crate) fn send_bytes(
        &self,
        operation: &'static OperationSpec,
        call: Call,
    ) -> ResponseFuture<Vec<u8>> {
        let client = self.clone();
        Box::pin(async move { client.send(operation, call).await.map(|(_, body)| body) })
    }

    /// Sends one request and returns the answer as text (`text/plain`, `text/csv`),
    /// any invalid UTF-8 replaced.
    #[allow(dead_code, reason = "only APIs with text answers call it")]
    pub(crate) fn send_text(
        &self,
        operation: &'static OperationSpec,
        call: Call,
    ) -> ResponseFuture<String> {
        let client = self.clone();
        Box::pin(async move {
            let (_, body) = client.send(operation, call).await?;
            Ok(String::from_utf8(body)
                .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
        })
    }

    /// Sends one request whose answer has no body worth decoding.
    #[allow(dead_code, reason = "only APIs with body-less answers call it")]
    pub(crate) fn send_empty(
        &self,
        operation: &'static OperationSpec,
        call: Call,
    ) -> ResponseFuture<()> {
        let client = self.clone();
        Box::pin(async move { client.send(operation, call).await.map(drop) })
    }

    /// Sends one request, retrying as the policy allows; a 2xx answer gives its status
    /// and body, anything else an [`Error`].
    async fn send(
        &self,
        operation: &'static OperationSpec,
        call: Call,
    ) -> Result<(u16, Vec<u8>), Error> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            let span = tracing::info_span!(
                "request",
                operation = operation.name,
                method = %operation.method,
                path = operation.path,
                status = tracing::field::Empty,
                attempt = tracing::field::Empty,
            );
            self.send_with_retries(operation, &call)
                .instrument(span)
                .await
        }
        #[cfg(not(feature = "tracing"))]
        self.send_with_retries(operation, &call).await
    }

    async fn send_with_retries(
        &self,
        operation: &'static OperationSpec,
        call: &Call,
    ) -> Result<(u16, Vec<u8>), Error> {
        let policy = &self.inner.retry;
        let credentials = &self.inner.credentials;
        let schemes = credentials.choose(self.inner.spec.auth_schemes, operation.security);
        let mut waited = Duration::ZERO;
        let mut retry = 0;
        let mut token_replaced = false;
        loop {
            #[cfg(feature = "tracing")]
            tracing::Span::current().record("attempt", retry + 1);
            if let Some(limiter) = &self.inner.limiter {
                limiter.acquire().await;
            }
            let proof = credentials
                .prove(
                    operation.name,
                    &schemes,
                    self.inner.spec.token_query_parameter(),
                )
                .await?;
            let sent_token = proof.token.clone();
            let request = self.request(operation, call, proof)?;
            let response = match request.send().await {
                Ok(response) => response,
                Err(error) => {
                    let wait = policy.backoff(retry);
                    let retry_allowed = !error.is_timeout()
                        && is_idempotent(&operation.method)
                        && retry < policy.retries()
                        && policy.may_wait(waited, wait);
                    if !retry_allowed {
                        return Err(transport(operation, error));
                    }
                    tokio::time::sleep(wait).await;
                    waited += wait;
                    retry += 1;
                    continue;
                }
            };
            let status = response.status().as_u16();
            #[cfg(feature = "tracing")]
            tracing::Span::current().record("status", status);
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map_err(|e| transport(operation, e))?;
            if (200..300).contains(&status) {
                return Ok((status, body.to_vec()));
            }
            // A provided token the server refused is replaced, once per call.
            if let (401, Some(token), false) = (status, &sent_token, token_replaced) {
                if credentials.refused(token).await {
                    token_replaced = true;
                    continue;
                }
            }
            let error = ApiError::new(
                operation.name,
                status,
                headers,
                String::from_utf8_lossy(&body).into_owned(),
                operation.documented(status),
            );
            // 429 is retried for every method (the request was refused, not run);
            // a gateway's 502, 503 or 504 only for methods safe to repeat.
            let unavailable = matches!(status, 502..=504) && is_idempotent(&operation.method);
            if status != 429 && !unavailable {
                return Err(Error::Api(Box::new(error)));
            }
            let wait = error.retry_after().unwrap_or_else(|| policy.backoff(retry));
            if retry >= policy.retries() || !policy.may_wait(waited, wait) {
                return Err(match status {
                    429 => Error::RateLimited(Box::new(error)),
                    _ => Error::Api(Box::new(error)),
                });
            }
            tokio::time::sleep(wait).await;
            waited += wait;
            retry += 1;
        }
    }

    /// Builds one attempt of the request: URL, credentials, headers and body.
    fn request(
        &self,
        operation: &'static OperationSpec,
        call: &Call,
        proof: Proof,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let inner = &self.inner;
        let invalid = |parameter: &'static str, reason: &'static str| Error::InvalidParameter {
            operation: operation.name,
            parameter,
            reason,
        };
        let path = render_path(operation, &call.path)?;
        let mut url = reqwest::Url::parse(&format!("{}{path}", inner.base_url))
            .map_err(|e| Error::Config(format!("cannot build the request URL: {e}")))?;
        let mut headers = HeaderMap::new();
        for (name, value) in proof.headers {
            headers.insert(name, value);
        }
        // The pairs are encoded already: list separators stay literal commas.
        let query = render_query(&call.query, &proof.query);
        if !query.is_empty() {
            let query = match url.query() {
                Some(own) if !own.is_empty() => format!("{own}&{query}"),
                _ => query,
            };
            url.set_query(Some(&query));
        }
        for (wire, value) in &call.headers {
            let name = HeaderName::from_bytes(wire.as_bytes())
                .map_err(|_| invalid(wire, "is not a valid header name"))?;
            let value = HeaderValue::try_from(value.as_str())
                .map_err(|_| invalid(wire, "is not a valid header value"))?;
            headers.append(name, value);
        }
        if !call.cookies.is_empty() || !proof.cookies.is_empty() {
            // The values are encoded already: the header is always valid text.
            let cookies = render_cookies(&call.cookies, &proof.cookies)
                .map_err(|name| invalid(name, "is not a valid cookie name"))?;
            let mut value = HeaderValue::try_from(cookies)
                .map_err(|_| invalid("Cookie", "is not a valid header value"))?;
            value.set_sensitive(!proof.cookies.is_empty());
            headers.insert(COOKIE, value);
        }
        if let Some(accept) = operation.accept {
            headers.insert(ACCEPT, HeaderValue::from_static(accept));
        }
        let mut request = inner
            .http
            .request(operation.method.clone(), url)
            .headers(headers);
        if let Some((user, password)) = proof.basic {
            request = request.basic_auth(user, Some(password));
        }
        Ok(match operation.body {
            BodyKind::None => request,
            BodyKind::Json => match &call.json {
                Some(Ok(bytes)) => request
                    .header(CONTENT_TYPE, "application/json")
                    .body(bytes.clone()),
                Some(Err(parameter)) => {
                    return Err(invalid(parameter, "cannot be serialized as JSON"))
                }
                None => request,
            },
            BodyKind::Form => request.form(&call.fields),
            BodyKind::Binary | BodyKind::Text => match &call.raw {
                Some(bytes) => {
                    let default = match operation.body {
                        BodyKind::Text => "text/plain",
                        _ => "application/octet-stream",
                    };
                    request
                        .header(CONTENT_TYPE, operation.content_type.unwrap_or(default))
                        .body(bytes.clone())
                }
                None => request,
            },
            BodyKind::Multipart => {
                let mut form = reqwest::multipart::Form::new();
                for (name, value) in &call.fields {
                    form = form.text(*name, value.clone());
                }
                for (name, file) in &call.files {
                    let content_type = file
                        .content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream");
                    let part = reqwest::multipart::Part::bytes(file.bytes.clone())
                        .file_name(file.file_name.clone())
                        .mime_str(content_type)
                        .map_err(|_| invalid(name, "has an invalid content type"))?;
                    form = form.part(*name, part);
                }
                for (name, json) in &call.json_parts {
                    let bytes = json
                        .clone()
                        .map_err(|parameter| invalid(parameter, "cannot be serialized as JSON"))?;
                    let part = reqwest::multipart::Part::bytes(bytes)
                        .mime_str("application/json")
                        .map_err(|_| invalid(name, "has an invalid content type"))?;
                    form = form.part(*name, part);
                }
                request.multipart(form)
            }
        })
    }
}

/// Methods that mean the same when sent twice, so a failed connection may be retried.
fn is_idempotent(method: &reqwest::Method) -> bool {
    matches!(
        *method,
        reqwest::Method::GET
            | reqwest::Method::HEAD
            | reqwest::Method::PUT
            | reqwest::Method::DELETE
    )
}

/// Maps a reqwest error, dropping the URL: it may hold a query credential.
fn transport(operation: &'static OperationSpec, error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout {
            operation: operation.name,
        }
    } else {
        Error::Transport {
            operation: operation.name,
            source: error.without_url(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_variables_cannot_change_the_host() {
        let template = "https://{domain}.example.com/1.0";
        let ok = fill_template(template, &[], &[("domain".into(), "acme".into())]).unwrap();
        assert_eq!(ok, "https://acme.example.com/1.0");
        for bad in ["evil.com/x?", "a b", "", "x@y", ".", ".."] {
            assert!(
                fill_template(template, &[], &[("domain".into(), bad.into())]).is_err(),
                "{bad}"
            );
        }
        assert!(fill_template(template, &[], &[]).is_err());
    }

    /// Defaults apply when the caller sets nothing; listed values and the scheme's
    /// place are enforced; a relative server needs a base URL.
    #[test]
    fn server_variables_have_defaults_and_allowed_values() {
        static DECLARED: [ServerVariableSpec; 2] = [
            ServerVariableSpec {
                name: "protocol",
                default: Some("https"),
                values: &[],
            },
            ServerVariableSpec {
                name: "region",
                default: Some("eu"),
                values: &["eu", "us"],
            },
        ];
        let template = "{protocol}://{region}.example.com:8443/api";
        let fill = |given: &[(&str, &str)]| {
            let given: Vec<(String, String)> = given
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect();
            fill_template(template, &DECLARED, &given)
        };
        assert_eq!(fill(&[]).unwrap(), "https://eu.example.com:8443/api");
        assert_eq!(
            fill(&[("protocol", "http"), ("region", "us")]).unwrap(),
            "http://us.example.com:8443/api"
        );
        assert!(fill(&[("region", "moon")]).is_err());
        assert!(fill(&[("protocol", "ftp")]).is_err());
        assert!(fill(&[("protocol", "javascript")]).is_err());
        static RELATIVE: ApiSpec = ApiSpec {
            base_url_template: "/api/v1",
            server_variables: &[],
            auth_schemes: &[],
        };
        let error = ClientBuilder::new(&RELATIVE).build().unwrap_err();
        assert!(error.to_string().contains("relative"), "{error}");
        let client = ClientBuilder::new(&RELATIVE)
            .base_url("https://host.example/api/v1")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "https://host.example/api/v1");
    }

    /// Query values of any text come back exactly when the URL is decoded.
    #[test]
    fn query_values_round_trip() {
        static OP: OperationSpec = OperationSpec {
            name: "Find",
            method: reqwest::Method::GET,
            path: "/things",
            body: crate::request::BodyKind::None,
            content_type: None,
            accept: None,
            errors: &[],
            security: &[],
        };
        let client = ClientBuilder::new(&SPEC)
            .base_url("http://localhost:1/api")
            .build()
            .unwrap();
        let values = [
            "a b", "a&b=c", "ü€", "%2F", "x+y", "[]", "#frag", "?q", "", "1,2",
        ];
        let mut call = Call::default();
        let owned: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
        call.add(crate::request::Place::Query, "key[]", &owned);
        let request = client
            .request(&OP, &call, Proof::default())
            .unwrap()
            .build()
            .unwrap();
        let decoded: Vec<(String, String)> = request.url().query_pairs().into_owned().collect();
        let expected: Vec<(String, String)> = values
            .iter()
            .map(|v| ("key[]".to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(decoded, expected);
        assert_eq!(request.url().path(), "/api/things");
    }

    /// Lists keep their literal commas in the path and the query, maps become
    /// `name[key]` pairs, header lists are one header, and a query token follows the
    /// parameters.
    #[test]
    fn every_wire_style_reaches_the_url_and_headers() {
        use crate::request::Place;
        static OP: OperationSpec = OperationSpec {
            name: "Find",
            method: reqwest::Method::GET,
            path: "/things/{ids}",
            body: crate::request::BodyKind::None,
            content_type: None,
            accept: None,
            errors: &[],
            security: &[],
        };
        let client = ClientBuilder::new(&SPEC)
            .base_url("http://localhost:1/api")
            .build()
            .unwrap();
        let proof = Proof {
            query: vec![("access_token", Arc::from("t&k"))],
            ..Proof::default()
        };
        let mut call = Call::default();
        call.add_joined(Place::Path, "ids", [&["a/b".to_owned(), "c".to_owned()]]);
        call.add_joined(Place::Query, "m", [&[1, 2], &[3, 4]]);
        let filter = std::collections::BTreeMap::from([("k".to_owned(), "v w".to_owned())]);
        call.add_entries("filter", &filter);
        call.add_joined(Place::Header, "X-Ids", [&["a".to_owned(), "b".to_owned()]]);
        let request = client.request(&OP, &call, proof).unwrap().build().unwrap();
        assert_eq!(request.url().path(), "/api/things/a%2Fb,c");
        assert_eq!(
            request.url().query(),
            Some("m=1,2&m=3,4&filter%5Bk%5D=v%20w&access_token=t%26k")
        );
        assert_eq!(request.headers()["X-Ids"], "a,b");
    }

    static SPEC: ApiSpec = ApiSpec {
        base_url_template: "https://{domain}.example.com",
        server_variables: &[],
        auth_schemes: &[],
    };

    #[test]
    fn secrets_are_redacted() {
        let token = AccessToken::new("s3cret");
        assert!(!format!("{token:?}").contains("s3cret"));
        let client = ClientBuilder::new(&SPEC)
            .base_url("http://localhost:1")
            .token(token)
            .api_key(ApiKey::new("k3y"))
            .basic_auth("us3r", "p4ss")
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        for secret in ["s3cret", "k3y", "us3r", "p4ss"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
}
