// The client's error type. apibind emits this file verbatim into every generated crate.

use std::fmt;

/// Everything a request can fail with.
///
/// Match on [`Error::Api`] for answers the server gave (a status outside 2xx); the
/// other variants mean no usable answer arrived.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status.
    Api(Box<ApiError>),
    /// The server kept answering `429 Too Many Requests` after every retry the
    /// client's [`RetryPolicy`](crate::RetryPolicy) allowed; the last answer.
    RateLimited(Box<ApiError>),
    /// The request took longer than the client's timeout.
    Timeout {
        /// The documented operation name, e.g. `GetIntervention`.
        operation: &'static str,
    },
    /// The request could not be sent or its answer could not be read.
    Transport {
        /// The documented operation name.
        operation: &'static str,
        /// The underlying error, without the request URL (it may hold the token).
        source: reqwest::Error,
    },
    /// The server answered 2xx but the body is not what the docs describe.
    Decode(Box<DecodeError>),
    /// An argument cannot be sent as given, e.g. a path parameter that is empty.
    InvalidParameter {
        /// The documented operation name.
        operation: &'static str,
        /// The documented parameter name.
        parameter: &'static str,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The client was configured with something unusable, e.g. a malformed base URL.
    Config(String),
    /// The client's [`TokenProvider`](crate::TokenProvider) could not give a token.
    Token {
        /// The documented operation name.
        operation: &'static str,
        /// What the provider reported.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// The HTTP status the server answered with: the error status of an API error,
    /// the 2xx status of a body that did not decode; `None` when no answer arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e.status()),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API error, if the server answered with an error status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e),
            _ => None,
        }
    }

    /// 404: the resource does not exist, or the token's user cannot read it.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// 409: the resource is in a state that conflicts with the request.
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(409)
    }

    /// 429 after every allowed retry.
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, Error::RateLimited(_))
    }

    /// Whether sending the same request later may succeed: rate limits, timeouts,
    /// failed connections and the server's 502, 503 and 504. (The client itself
    /// already retried rate limits and, for safe methods, failed connections and
    /// those statuses, as its [`RetryPolicy`](crate::RetryPolicy) allows.)
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited(_) | Error::Timeout { .. } | Error::Transport { .. } => true,
            Error::Api(e) => matches!(e.status(), 429 | 502 | 503 | 504),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::RateLimited(e) => write!(f, "{e} (rate limited; no retry left)"),
            Error::Timeout { operation } => write!(f, "{operation}: the request timed out"),
            Error::Transport { operation, source } => {
                write!(f, "{operation}: the request failed: {source}")
            }
            Error::Decode(e) => e.fmt(f),
            Error::InvalidParameter {
                operation,
                parameter,
                reason,
            } => write!(f, "{operation}: parameter `{parameter}` {reason}"),
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
            Error::Token { operation, source } => {
                write!(f, "{operation}: no access token: {source}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Decode(e) => Some(&e.source),
            Error::Token { source, .. } => Some(&**source),
            _ => None,
        }
    }
}

/// An error status from the server, with what the API and its docs say about it.
#[derive(Debug)]
pub struct ApiError {
    operation: &'static str,
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
    code: Option<String>,
    message: Option<String>,
    documented: Option<&'static str>,
}

impl ApiError {
    /// Builds the error from a response's status and body. The body is decoded as the
    /// API's error object (`{"error", "message", "status"}`) when it is one.
    pub(crate) fn new(
        operation: &'static str,
        status: u16,
        headers: reqwest::header::HeaderMap,
        body: String,
        documented: Option<&'static str>,
    ) -> Self {
        let json: Option<serde_json::Value> = serde_json::from_str(&body).ok();
        let field = |name: &str| {
            json.as_ref()
                .and_then(|v| v.get(name))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        ApiError {
            operation,
            status,
            headers,
            code: field("error"),
            message: field("message"),
            body,
            documented,
        }
    }

    /// The documented name of the operation that failed, e.g. `CancelIntervention`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The wait the server asked for in `Retry-After`, if any.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        crate::retry::retry_after(&self.headers)
    }

    /// The `error` field of the API's error body, e.g. `rate_limit_exceeded`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The `message` field of the API's error body.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The raw response body (HTML error pages included).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// What the API's documentation says this status means for this operation.
    pub fn documented(&self) -> Option<&'static str> {
        self.documented
    }

    /// 404: the resource does not exist or the token's user cannot read it.
    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }

    /// 403: the request is understood but not allowed.
    pub fn is_forbidden(&self) -> bool {
        self.status == 403
    }

    /// 409: the resource is in a state that conflicts with the request.
    pub fn is_conflict(&self) -> bool {
        self.status == 409
    }

    /// 422: the request is well-formed but its content was refused.
    pub fn is_unprocessable(&self) -> bool {
        self.status == 422
    }

    /// 429: too many requests.
    pub fn is_rate_limited(&self) -> bool {
        self.status == 429
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with HTTP {}", self.operation, self.status)?;
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}")?,
            (Some(text), None) | (None, Some(text)) => write!(f, ": {text}")?,
            (None, None) => {}
        }
        if let Some(documented) = self.documented {
            write!(f, " (documented: {documented})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A 2xx response whose body does not decode as documented.
#[derive(Debug)]
pub struct DecodeError {
    /// The documented operation name.
    pub operation: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// Where in the body decoding failed, e.g. `records[2].id` (`.` for the root).
    pub path: String,
    /// The body as received (lossily converted to UTF-8).
    pub body: String,
    /// What serde_json says is wrong, with the line and column.
    pub source: serde_json::Error,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the response (HTTP {}) does not decode at `{}`: {}",
            self.operation, self.status, self.path, self.source
        )
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
