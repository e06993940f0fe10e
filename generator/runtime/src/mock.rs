// Typed mocks of the API for the tests of code that uses the client. apibind emits
// this file verbatim into every generated crate, behind its `mock` feature; the
// generated code adds one method per operation to `MockServer` and the operation's
// optional parameters to its `Expectation`.
//
// An expectation is made by the client's own request builder, so it holds the very
// `Call` the client would send: its path, query pairs, headers, cookies and body are
// compared with what arrives, encoded by the same code.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Serialize;

use crate::auth::{AccessToken, ApiKey, SchemeKind};
use crate::client::{ApiSpec, Client};
use crate::request::{render_path, BodyKind, Call, Encoded, OperationSpec};
use crate::retry::RetryPolicy;

/// The access token of [`MockServer::client`].
pub const TEST_TOKEN: &str = "test-token";
/// The API key of [`MockServer::client`], for every API-key scheme.
pub const TEST_API_KEY: &str = "test-api-key";
/// The user name and password of [`MockServer::client`], for `Authorization: Basic`.
pub const TEST_BASIC: (&str, &str) = ("test-user", "test-password");

/// A server on loopback that answers as the test expects: each of its methods named
/// after an operation expects one call of it, with the client's arguments and
/// setters, and says how to answer.
///
/// When it is dropped, it panics with a report of every expectation not met and
/// every request nothing expected, unless [`verify`](Self::verify) took the report
/// first (or the test is panicking already).
pub struct MockServer {
    server: wiremock::MockServer,
    client: Client,
    shared: Arc<Shared>,
    verified: bool,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

/// What the server and the expectations share.
struct Shared {
    spec: &'static ApiSpec,
    state: Mutex<State>,
}

impl Shared {
    /// The state, even after a panic elsewhere: a report is still worth reading.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Default)]
struct State {
    expectations: Vec<Entry>,
    /// Each request no expectation matched, with why the closest ones did not.
    unexpected: Vec<String>,
}

/// One registered expectation.
struct Entry {
    operation: &'static OperationSpec,
    call: Call,
    /// The expected path, as the client encodes it.
    path: String,
    /// The expected query pairs, as the URL holds them: keys decoded, values as sent.
    query: Vec<(String, String)>,
    reply: Reply,
    /// Exactly this many calls, or at least one when `None`.
    times: Option<usize>,
    hits: usize,
}

impl MockServer {
    /// Starts a server on loopback, expecting nothing yet.
    ///
    /// # Panics
    ///
    /// When the client for it cannot be built, which would be a bug in apibind.
    pub async fn start() -> MockServer {
        let server = wiremock::MockServer::start().await;
        let client = Client::builder()
            .base_url(server.uri())
            .token(AccessToken::new(TEST_TOKEN))
            .api_key(ApiKey::new(TEST_API_KEY))
            .basic_auth(TEST_BASIC.0, TEST_BASIC.1)
            // An answer the test chose is returned as it is, never retried.
            .retry_policy(RetryPolicy::none())
            .build()
            .expect("a client for the mock server");
        let shared = Arc::new(Shared {
            spec: client.api_spec(),
            state: Mutex::new(State::default()),
        });
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(Dispatch(Arc::clone(&shared)))
            .mount(&server)
            .await;
        MockServer {
            server,
            client,
            shared,
            verified: false,
        }
    }

    /// A client of this server with test credentials for every auth scheme
    /// ([`TEST_TOKEN`], [`TEST_API_KEY`], [`TEST_BASIC`]) and no retries. Hand it to
    /// the code under test.
    pub fn client(&self) -> Client {
        self.client.clone()
    }

    /// The server's base URL, e.g. `http://127.0.0.1:41234`, for code that builds
    /// its own client.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Takes the report instead of panicking on drop: `Err` lists every expectation
    /// not met and every request nothing expected.
    pub fn verify(mut self) -> Result<(), MockReport> {
        self.verified = true;
        report(&self.shared)
    }
}

/// What `shared` found wrong, if anything. A free function, like every helper here:
/// `MockServer` and `Expectation` get a method per operation and per parameter, so
/// their own methods are only those users call.
fn report(shared: &Shared) -> Result<(), MockReport> {
    {
        let state = shared.state();
        let unmet: Vec<String> = state
            .expectations
            .iter()
            .filter(|e| match e.times {
                Some(times) => e.hits != times,
                None => e.hits == 0,
            })
            .map(|e| {
                let wanted = match e.times {
                    Some(1) => "1 call".to_owned(),
                    Some(times) => format!("{times} calls"),
                    None => "at least 1 call".to_owned(),
                };
                format!("{}: expected {wanted}, got {}", e.label(), e.hits)
            })
            .collect();
        match unmet.is_empty() && state.unexpected.is_empty() {
            true => Ok(()),
            false => Err(MockReport {
                unmet,
                unexpected: state.unexpected.clone(),
            }),
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if self.verified || std::thread::panicking() {
            return;
        }
        if let Err(report) = report(&self.shared) {
            panic!("{report}");
        }
    }
}

/// What a [`MockServer`] found wrong: expectations not met and requests nothing
/// expected, each with the operation's name and what differed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockReport {
    unmet: Vec<String>,
    unexpected: Vec<String>,
}

impl MockReport {
    /// Each expectation not met: the operation, the request expected, and how many
    /// calls were expected and made.
    pub fn unmet(&self) -> &[String] {
        &self.unmet
    }

    /// Each request no expectation matched, with what differed from the expectations
    /// of the same operation.
    pub fn unexpected(&self) -> &[String] {
        &self.unexpected
    }
}

impl fmt::Display for MockReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the mock server's expectations were not met")?;
        for unmet in &self.unmet {
            writeln!(f, "- not met: {unmet}")?;
        }
        for unexpected in &self.unexpected {
            writeln!(f, "- unexpected: {unexpected}")?;
        }
        Ok(())
    }
}

impl std::error::Error for MockReport {}

/// What a request builder gives when awaited and the call succeeds: the type an
/// expectation of it [`returns`](Expectation::returns).
pub trait Answered {
    /// The operation's answer.
    type Answer;
}

impl<R, A> Answered for R
where
    R: std::future::IntoFuture<Output = Result<A, crate::Error>>,
{
    type Answer = A;
}

/// One expected call, made by a [`MockServer`] method named after its operation.
/// Set the optional parameters to expect (any value matches one left unset), then
/// say how to answer: [`returns`](Self::returns) and its siblings register it.
#[must_use = "an expectation is registered by one of its `returns` methods"]
pub struct Expectation<R: Answered> {
    server: Arc<Shared>,
    request: R,
    into_call: fn(R) -> Encoded,
    answer: fn(R::Answer) -> Result<Reply, String>,
    times: Option<usize>,
}

impl<R: Answered + fmt::Debug> fmt::Debug for Expectation<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation")
            .field("request", &self.request)
            .field("times", &self.times)
            .finish_non_exhaustive()
    }
}

impl<R: Answered> Expectation<R> {
    /// An expectation of `request`, the client's own builder: `into_call` is its
    /// encoding, `answer` how an answer of its type is written.
    #[allow(dead_code, reason = "only APIs with operations call it")]
    pub(crate) fn new(
        server: &MockServer,
        request: R,
        into_call: fn(R) -> Encoded,
        answer: fn(R::Answer) -> Result<Reply, String>,
    ) -> Self {
        Expectation {
            server: Arc::clone(&server.shared),
            request,
            into_call,
            answer,
            times: None,
        }
    }

    /// Sets one of the request's optional parameters, with the builder's setter.
    #[allow(dead_code, reason = "only operations with optional parameters call it")]
    pub(crate) fn with(mut self, set: impl FnOnce(R) -> R) -> Self {
        self.request = set(self.request);
        self
    }

    /// Expects exactly `times` calls (by default, at least one). Calls past them are
    /// unexpected: the next expectation that matches answers them.
    pub fn times(mut self, times: usize) -> Self {
        self.times = Some(times);
        self
    }

    /// Answers with `answer`, as the API does on success.
    ///
    /// # Panics
    ///
    /// When `answer` cannot be written as JSON (a map with non-string keys).
    #[track_caller]
    pub fn returns(self, answer: R::Answer) -> Mocked {
        let reply = (self.answer)(answer).unwrap_or_else(|e| panic!("{e}"));
        respond(self, reply)
    }

    /// Answers with `status` and no body: an error status makes the client return
    /// [`Error::Api`](crate::Error::Api).
    ///
    /// # Panics
    ///
    /// When `status` is not an HTTP status code (100 to 999).
    #[track_caller]
    pub fn returns_status(self, status: u16) -> Mocked {
        check_status(status);
        respond(
            self,
            Reply::Fixed {
                status,
                body: Vec::new(),
                content_type: None,
            },
        )
    }

    /// Answers with `status` and `body` as JSON, as the API reports an error.
    ///
    /// # Panics
    ///
    /// When `body` cannot be written as JSON.
    #[track_caller]
    pub fn returns_error(self, status: u16, body: impl Serialize) -> Mocked {
        check_status(status);
        let body = serde_json::to_vec(&body)
            .unwrap_or_else(|e| panic!("the error body cannot be written as JSON: {e}"));
        respond(
            self,
            Reply::Fixed {
                status,
                body,
                content_type: Some("application/json"),
            },
        )
    }

    /// Serves `items` a page at a time, as the API does: each request's offset and
    /// page size (query parameters `offset` and `limit`, in the API's own names)
    /// choose the slice; `limit` defaults to `max_limit`, else to every item.
    #[allow(dead_code, reason = "only APIs with paged collections call it")]
    #[track_caller]
    pub(crate) fn respond_pages<T: Serialize>(self, items: &[T], shape: PageShape) -> Mocked {
        let items = items
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("an item cannot be written as JSON: {e}"));
        respond(self, Reply::Pages { items, shape })
    }
}

/// Registers `expectation`, answered with `reply`.
#[track_caller]
fn respond<R: Answered>(expectation: Expectation<R>, reply: Reply) -> Mocked {
    let (_, operation, call) = (expectation.into_call)(expectation.request);
    let cannot =
        |why: &dyn fmt::Display| -> ! { panic!("{} cannot be expected: {why}", operation.name) };
    let path = render_path(operation, &call.path)
        .map(|path| normalized_path(&path))
        .unwrap_or_else(|e| cannot(&e));
    let json = call
        .json
        .iter()
        .chain(call.json_parts.iter().map(|(_, j)| j));
    if let Some(Err(parameter)) = json.into_iter().find(|j| j.is_err()) {
        cannot(&format_args!("`{parameter}` cannot be serialized as JSON"));
    }
    let query = normalized_query(&call.query);
    let entry = Entry {
        operation,
        call,
        path,
        query,
        reply,
        times: expectation.times,
        hits: 0,
    };
    let mut state = expectation.server.state();
    state.expectations.push(entry);
    Mocked {
        shared: Arc::clone(&expectation.server),
        index: state.expectations.len() - 1,
    }
}

/// Refuses what is no HTTP status code, before the server would.
#[track_caller]
fn check_status(status: u16) {
    if reqwest::StatusCode::from_u16(status).is_err() {
        panic!("{status} is not an HTTP status code");
    }
}

/// A registered expectation: it can still change how many calls it expects, and tells
/// how many it answered.
#[derive(Clone)]
pub struct Mocked {
    shared: Arc<Shared>,
    index: usize,
}

impl fmt::Debug for Mocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mocked")
            .field("hits", &self.hits())
            .finish_non_exhaustive()
    }
}

impl Mocked {
    /// Expects exactly `times` calls (by default, at least one).
    pub fn times(self, times: usize) -> Self {
        if let Some(entry) = self.shared.state().expectations.get_mut(self.index) {
            entry.times = Some(times);
        }
        self
    }

    /// How many requests it has answered so far.
    pub fn hits(&self) -> usize {
        self.shared
            .state()
            .expectations
            .get(self.index)
            .map_or(0, |e| e.hits)
    }
}

/// How an expectation answers.
#[allow(dead_code, reason = "each API answers the ways its operations do")]
pub(crate) enum Reply {
    /// The same status and body every time.
    Fixed {
        status: u16,
        body: Vec<u8>,
        content_type: Option<&'static str>,
    },
    /// The page of `items` each request asks for.
    Pages {
        items: Vec<serde_json::Value>,
        shape: PageShape,
    },
}

#[allow(dead_code, reason = "each API answers the ways its operations do")]
impl Reply {
    /// A JSON answer.
    pub(crate) fn json<A: Serialize>(answer: A) -> Result<Reply, String> {
        let body = serde_json::to_vec(&answer)
            .map_err(|e| format!("the answer cannot be written as JSON: {e}"))?;
        Ok(Reply::Fixed {
            status: 200,
            body,
            content_type: Some("application/json"),
        })
    }

    /// A text answer.
    pub(crate) fn text(answer: String) -> Result<Reply, String> {
        Ok(Reply::Fixed {
            status: 200,
            body: answer.into_bytes(),
            content_type: Some("text/plain; charset=utf-8"),
        })
    }

    /// A file's bytes.
    pub(crate) fn bytes(answer: Vec<u8>) -> Result<Reply, String> {
        Ok(Reply::Fixed {
            status: 200,
            body: answer,
            content_type: Some("application/octet-stream"),
        })
    }

    /// Success without a body.
    pub(crate) fn empty(_: ()) -> Result<Reply, String> {
        Ok(Reply::Fixed {
            status: 204,
            body: Vec::new(),
            content_type: None,
        })
    }

    fn render(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        match self {
            Reply::Fixed {
                status,
                body,
                content_type,
            } => {
                let template = wiremock::ResponseTemplate::new(*status);
                match content_type {
                    Some(media) => template.set_body_raw(body.clone(), media),
                    None => template.set_body_bytes(body.clone()),
                }
            }
            Reply::Pages { items, shape } => {
                let query = query_pairs(request);
                let number = |key: &str| {
                    query
                        .iter()
                        .find(|(k, _)| k == key)
                        .and_then(|(_, v)| v.parse::<usize>().ok())
                };
                let offset = number(shape.offset).unwrap_or(0).min(items.len());
                let limit = number(shape.limit)
                    .or(shape.max_limit)
                    .unwrap_or(items.len());
                let end = offset.saturating_add(limit).min(items.len());
                let mut page = serde_json::Map::new();
                page.insert(
                    shape.items.to_owned(),
                    serde_json::Value::from(items[offset..end].to_vec()),
                );
                if let Some(total) = shape.total {
                    page.insert(total.to_owned(), serde_json::Value::from(items.len()));
                }
                wiremock::ResponseTemplate::new(200).set_body_json(page)
            }
        }
    }
}

/// Where a paged operation's page size, offset, records and total go, by their
/// wire names.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PageShape {
    /// The query parameter of the offset.
    pub offset: &'static str,
    /// The query parameter of the page size.
    pub limit: &'static str,
    /// The page's field holding the records.
    pub items: &'static str,
    /// The page's field holding the total, if it has one.
    pub total: Option<&'static str>,
    /// The page size when a request sets none.
    pub max_limit: Option<usize>,
}

/// Answers every request the server gets: the first expectation it matches that has
/// calls left answers it; else it is recorded as unexpected and answered `404`.
struct Dispatch(Arc<Shared>);

impl wiremock::Respond for Dispatch {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let mut state = self.0.state();
        let spec = self.0.spec;
        let chosen = state.expectations.iter_mut().find(|e| {
            e.times.is_none_or(|times| e.hits < times) && e.differences(request, spec).is_empty()
        });
        if let Some(entry) = chosen {
            entry.hits += 1;
            return entry.reply.render(request);
        }
        let reasons: Vec<String> = state
            .expectations
            .iter()
            .filter(|e| e.same_route(request))
            .map(|e| {
                let mut differences = e.differences(request, spec);
                if differences.is_empty() {
                    differences.push(format!(
                        "it already answered its {} expected call(s)",
                        e.hits
                    ));
                }
                format!("not {}: {}", e.label(), differences.join("; "))
            })
            .collect();
        let line = match reasons.is_empty() {
            true => format!(
                "{}: no expectation of this method and path",
                describe(request)
            ),
            false => format!("{}: {}", describe(request), reasons.join(" | ")),
        };
        state.unexpected.push(line.clone());
        wiremock::ResponseTemplate::new(404).set_body_string(format!("apibind mock: {line}"))
    }
}

impl Entry {
    /// `CancelIntervention (DELETE /interventions/5f0c/cancel)`.
    fn label(&self) -> String {
        let mut request = format!("{} {}", self.operation.method, self.path);
        if !self.query.is_empty() {
            let pairs: Vec<String> = self
                .query
                .iter()
                .map(|(key, value)| format!("{key}={}", decoded(value)))
                .collect();
            request.push('?');
            request.push_str(&pairs.join("&"));
        }
        format!("{} ({request})", self.operation.name)
    }

    /// Whether `request` has the operation's method and a path its template allows.
    fn same_route(&self, request: &wiremock::Request) -> bool {
        if request.method != self.operation.method {
            return false;
        }
        let template: Vec<&str> = self.operation.path.trim_matches('/').split('/').collect();
        let actual: Vec<&str> = request.url.path().trim_matches('/').split('/').collect();
        template.len() == actual.len()
            && template
                .iter()
                .zip(&actual)
                .all(|(t, a)| (t.starts_with('{') && t.ends_with('}')) || t == a)
    }

    /// What in `request` differs from this expectation; empty when it matches.
    fn differences(&self, request: &wiremock::Request, spec: &ApiSpec) -> Vec<String> {
        let mut found = Vec::new();
        if request.method != self.operation.method {
            found.push(format!(
                "method {} instead of {}",
                request.method, self.operation.method
            ));
            return found;
        }
        if request.url.path() != self.path {
            found.push(format!(
                "path `{}` instead of `{}`",
                request.url.path(),
                self.path
            ));
            return found;
        }
        let query = query_pairs(request);
        // Pages are served by each request's offset: the one the expectation was
        // made with (a required argument, say) does not narrow it to one page.
        let paged_offset = match &self.reply {
            Reply::Pages { shape, .. } => Some(shape.offset),
            Reply::Fixed { .. } => None,
        };
        let expected_query: Vec<(String, String)> = self
            .query
            .iter()
            .filter(|(key, _)| Some(key.as_str()) != paged_offset)
            .cloned()
            .collect();
        compare("query parameter", &expected_query, &query, &mut found);
        let headers: Vec<(String, String)> = owned(&self.call.headers)
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        let sent: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        compare("header", &headers, &sent, &mut found);
        compare(
            "cookie",
            &owned(&self.call.cookies),
            &cookie_pairs(request),
            &mut found,
        );
        self.body_differences(request, &mut found);
        if let Some(missing) = missing_credentials(self.operation, spec, request) {
            found.push(missing);
        }
        found
    }

    fn body_differences(&self, request: &wiremock::Request, found: &mut Vec<String>) {
        let call = &self.call;
        match self.operation.body {
            BodyKind::None => {}
            BodyKind::Json => {
                if let Some(Ok(expected)) = &call.json {
                    let expected = serde_json::from_slice::<serde_json::Value>(expected).ok();
                    match serde_json::from_slice::<serde_json::Value>(&request.body) {
                        Ok(sent) if Some(&sent) == expected.as_ref() => {}
                        Ok(sent) => found.push(format!(
                            "JSON body {sent} instead of {}",
                            expected.unwrap_or_default()
                        )),
                        Err(_) => found.push("a body that is not JSON".to_owned()),
                    }
                }
            }
            BodyKind::Form => {
                let sent = form_pairs(&request.body);
                compare("form field", &owned(&call.fields), &sent, found);
            }
            BodyKind::Multipart => {
                let parts = multipart_parts(request);
                let text: Vec<(String, String)> = parts
                    .iter()
                    .filter(|p| p.file_name.is_none())
                    .map(|p| {
                        (
                            p.name.clone(),
                            String::from_utf8_lossy(&p.body).into_owned(),
                        )
                    })
                    .collect();
                let mut expected = owned(&call.fields);
                // JSON parts compare as text: the client writes them compactly.
                for (name, json) in &call.json_parts {
                    if let Ok(bytes) = json {
                        expected.push((
                            (*name).to_owned(),
                            String::from_utf8_lossy(bytes).into_owned(),
                        ));
                    }
                }
                compare("multipart field", &expected, &text, found);
                let files: Vec<(String, String)> = parts
                    .iter()
                    .filter_map(|p| {
                        let file_name = p.file_name.as_ref()?;
                        let media = p.content_type.as_deref().unwrap_or(DEFAULT_FILE_TYPE);
                        Some((p.name.clone(), file_summary(file_name, media, &p.body)))
                    })
                    .collect();
                let expected: Vec<(String, String)> = call
                    .files
                    .iter()
                    .map(|(name, file)| {
                        (
                            (*name).to_owned(),
                            file_summary(
                                &file.file_name,
                                file.content_type.as_deref().unwrap_or(DEFAULT_FILE_TYPE),
                                &file.bytes,
                            ),
                        )
                    })
                    .collect();
                compare("file", &expected, &files, found);
            }
            BodyKind::Binary | BodyKind::Text => {
                if let Some(expected) = &call.raw {
                    if *expected != request.body {
                        found.push(format!(
                            "a body of {} bytes other than the {} expected",
                            request.body.len(),
                            expected.len()
                        ));
                    }
                }
            }
        }
    }
}

/// `pairs` with names of their own, to compare with what arrives.
fn owned(pairs: &[(&'static str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), value.clone()))
        .collect()
}

/// Adds to `found` each name of `expected` whose values in `sent` are not the
/// expected ones, in order. Names `expected` does not hold may have any values.
fn compare(
    what: &str,
    expected: &[(String, String)],
    sent: &[(String, String)],
    found: &mut Vec<String>,
) {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in expected {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    for name in names {
        let values = |pairs: &[(String, String)]| -> Vec<String> {
            pairs
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let (wanted, got) = (values(expected), values(sent));
        if wanted == got {
            continue;
        }
        found.push(match got.is_empty() {
            true => format!("no {what} `{name}` (expected {})", quoted(&wanted)),
            false => format!(
                "{what} `{name}` was {} instead of {}",
                quoted(&got),
                quoted(&wanted)
            ),
        });
    }
}

fn quoted(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    quoted.join(", ")
}

/// Why `request` lacks the credentials `operation` needs, if it does: none of its
/// alternatives has every scheme present (any value).
fn missing_credentials(
    operation: &OperationSpec,
    spec: &ApiSpec,
    request: &wiremock::Request,
) -> Option<String> {
    let security = operation.security;
    if security.is_empty() || security.iter().any(|a| a.is_empty()) {
        return None;
    }
    let authorization = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let query = query_pairs(request);
    let cookies = cookie_pairs(request);
    let present = |name: &str| {
        let Some(scheme) = spec.auth_schemes.iter().find(|s| s.name == name) else {
            return false;
        };
        match scheme.kind {
            // With `TokenPlacement::QueryParameter`, the token of a bearer scheme
            // travels in the API's token query parameter.
            SchemeKind::Bearer => {
                authorization.starts_with("bearer ")
                    || spec
                        .token_query_parameter()
                        .is_some_and(|key| query.iter().any(|(k, _)| k == key))
            }
            SchemeKind::Basic => authorization.starts_with("basic "),
            SchemeKind::HeaderKey(header) => request.headers.contains_key(header),
            SchemeKind::QueryKey(key) | SchemeKind::TokenQuery(key) => {
                query.iter().any(|(k, _)| k == key)
            }
            SchemeKind::CookieKey(cookie) => cookies.iter().any(|(k, _)| k == cookie),
        }
    };
    if security
        .iter()
        .any(|alternative| alternative.iter().all(|s| present(s)))
    {
        return None;
    }
    let needed: Vec<String> = security.iter().map(|a| a.join(" and ")).collect();
    Some(format!("no credentials of {}", needed.join(" or ")))
}

/// `METHOD /path?query`.
fn describe(request: &wiremock::Request) -> String {
    match request.url.query() {
        Some(query) => format!(
            "{} {}?{}",
            request.method,
            request.url.path(),
            decoded(query)
        ),
        None => format!("{} {}", request.method, request.url.path()),
    }
}

/// The query pairs `pairs` make once a URL holds them (it escapes `'`, say, which
/// `allowReserved` values keep), so that they compare with what arrives.
fn normalized_query(pairs: &[String]) -> Vec<(String, String)> {
    let Ok(mut url) = reqwest::Url::parse("http://mock/") else {
        return Vec::new();
    };
    url.set_query(Some(&pairs.join("&")));
    query_pairs_of(url.query().unwrap_or_default())
}

/// The path as a URL holds it, so that it compares with what arrives.
fn normalized_path(path: &str) -> String {
    reqwest::Url::parse(&format!("http://mock{path}"))
        .map(|url| url.path().to_owned())
        .unwrap_or_else(|_| path.to_owned())
}

/// `key=value` split at its first `=`: the key decoded, to be read in reports, the
/// value still encoded as sent, so that `a%2Cb` (one item) is not `a,b` (two).
fn split_pair(pair: &str) -> (String, String) {
    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
    (decoded(key), value.to_owned())
}

fn decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The request's query pairs, encoded as sent.
fn query_pairs(request: &wiremock::Request) -> Vec<(String, String)> {
    query_pairs_of(request.url.query().unwrap_or_default())
}

fn query_pairs_of(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(split_pair)
        .collect()
}

/// The request's cookies, values as sent.
fn cookie_pairs(request: &wiremock::Request) -> Vec<(String, String)> {
    request
        .headers
        .get_all("cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|cookie| {
            let (name, value) = cookie.trim().split_once('=')?;
            Some((name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// An `application/x-www-form-urlencoded` body's pairs, decoded.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let pair = pair.replace('+', " ");
            let (key, value) = pair.split_once('=').unwrap_or((&pair, ""));
            (decoded(key), decoded(value))
        })
        .collect()
}

/// The media type the client sends a file as when it names none.
const DEFAULT_FILE_TYPE: &str = "application/octet-stream";

/// One part of a multipart body.
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// The parts of a `multipart/form-data` body, by the boundary its `Content-Type`
/// names; none when it names none.
fn multipart_parts(request: &wiremock::Request) -> Vec<Part> {
    let boundary = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .and_then(|media| {
            media
                .split(';')
                .find_map(|p| p.trim().strip_prefix("boundary="))
        })
        .map(|b| format!("--{}", b.trim_matches('"')));
    let Some(boundary) = boundary else {
        return Vec::new();
    };
    let body = &request.body;
    let mut parts = Vec::new();
    let mut rest = match find(body, boundary.as_bytes()) {
        Some(start) => &body[start + boundary.len()..],
        None => return parts,
    };
    while let Some(end) = find(rest, boundary.as_bytes()) {
        let part = rest[..end].strip_prefix(b"\r\n").unwrap_or(&rest[..end]);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        if let Some(split) = find(part, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&part[..split]);
            let header = |name: &str| {
                head.split("\r\n").find_map(|line| {
                    let (key, value) = line.split_once(':')?;
                    key.trim()
                        .eq_ignore_ascii_case(name)
                        .then(|| value.trim().to_owned())
                })
            };
            let disposition = header("content-disposition").unwrap_or_default();
            let parameters = disposition_parameters(&disposition);
            let parameter = |key: &str| {
                parameters
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
            };
            if let Some(name) = parameter("name") {
                parts.push(Part {
                    name,
                    file_name: parameter("filename"),
                    content_type: header("content-type"),
                    body: part[split + 4..].to_vec(),
                });
            }
        }
        rest = &rest[end + boundary.len()..];
    }
    parts
}

/// The parameters of a `Content-Disposition` value (`form-data; name="a";
/// filename="b"`), keys lowercased, quoted values unescaped, and RFC 5987 values
/// (`name*=utf-8''a%20b`) decoded under their plain key.
fn disposition_parameters(value: &str) -> Vec<(String, String)> {
    let mut pieces = Vec::new();
    let (mut piece, mut quoted, mut escaped) = (String::new(), false, false);
    for c in value.chars() {
        match c {
            _ if escaped => {
                piece.push(c);
                escaped = false;
            }
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => pieces.push(std::mem::take(&mut piece)),
            _ => piece.push(c),
        }
    }
    pieces.push(piece);
    pieces
        .iter()
        .filter_map(|piece| {
            let (key, value) = piece.split_once('=')?;
            let key = key.trim().to_ascii_lowercase();
            match key.strip_suffix('*') {
                Some(plain) => {
                    let encoded = value.trim().split_once("''").map_or(value, |(_, v)| v);
                    Some((plain.to_owned(), decoded(encoded)))
                }
                None => Some((key, value.trim().to_owned())),
            }
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A file as the report names it: its name and size.
fn file_summary(file_name: &str, media: &str, bytes: &[u8]) -> String {
    format!(
        "{file_name} ({media}, {} bytes, {:016x})",
        bytes.len(),
        fingerprint(bytes)
    )
}

/// FNV-1a: files are told apart by content without printing it.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
