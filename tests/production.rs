//! The client under production conditions, over HTTP on loopback: paging through a
//! collection, rate limits and retries, connection failures, every error shape.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use engage_digital::{AccessToken, Client, Error, RetryPolicy};
use futures_util::StreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new("t"))
        .retry_policy(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(10))
                .max_delay(Duration::from_millis(40)),
        )
        .build()
        .unwrap()
}

fn intervention(n: u64) -> Value {
    json!({ "id": format!("iv-{n}"), "status": "open" })
}

/// Serves `total` interventions from offset/limit, at most `max` a page.
struct Collection {
    total: u64,
    max: u64,
}

impl Respond for Collection {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let param = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<u64>().ok())
        };
        let offset = param("offset").unwrap_or(0);
        let limit = param("limit").unwrap_or(30).min(self.max);
        let records: Vec<Value> = (offset..(offset + limit).min(self.total))
            .map(intervention)
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "count": self.total,
            "offset": offset,
            "limit": limit,
            "records": records,
        }))
    }
}

fn offsets(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            let pairs: Vec<String> = r
                .url
                .query_pairs()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            pairs.join("&")
        })
        .collect()
}

#[tokio::test]
async fn a_collection_of_320_streams_in_three_requests_at_the_largest_page_size() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .respond_with(Collection {
            total: 320,
            max: 150,
        })
        .mount(&server)
        .await;
    let ids: Vec<String> = client(&server)
        .get_all_interventions()
        .user_id("u1")
        .stream()
        .map(|record| record.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids.len(), 320);
    assert_eq!(ids[0], "iv-0");
    assert_eq!(ids[319], "iv-319");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        offsets(&requests),
        [
            "user_id=u1&offset=0&limit=150",
            "user_id=u1&offset=150&limit=150",
            "user_id=u1&offset=300&limit=150"
        ]
    );
}

#[tokio::test]
async fn pages_respect_the_offset_and_limit_set_on_the_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .respond_with(Collection {
            total: 100,
            max: 150,
        })
        .mount(&server)
        .await;
    let pages: Vec<usize> = client(&server)
        .get_all_interventions()
        .offset(40)
        .limit(25)
        .pages()
        .map(|page| page.unwrap().records.unwrap_or_default().len())
        .collect()
        .await;
    assert_eq!(pages, [25, 25, 10]);
}

#[tokio::test]
async fn an_empty_collection_is_one_request_and_no_record() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .respond_with(Collection { total: 0, max: 150 })
        .expect(1)
        .mount(&server)
        .await;
    let records: Vec<_> = client(&server)
        .get_all_interventions()
        .stream()
        .collect()
        .await;
    assert!(records.is_empty());
}

#[tokio::test]
async fn a_collection_that_ends_early_ends_the_stream() {
    // The count promises 320, but the second page is short and the third empty.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 320, "records": (0..150).map(intervention).collect::<Vec<_>>()
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(query_param("offset", "150"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 320, "records": (150..170).map(intervention).collect::<Vec<_>>()
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(query_param("offset", "170"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"count": 320, "records": []})),
        )
        .mount(&server)
        .await;
    let records: Vec<_> = client(&server)
        .get_all_interventions()
        .stream()
        .collect()
        .await;
    assert_eq!(records.len(), 170);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn an_error_mid_walk_is_the_last_item() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 300, "records": (0..150).map(intervention).collect::<Vec<_>>()
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(query_param("offset", "150"))
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server)
        .get_all_interventions()
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert_eq!(pages[1].as_ref().unwrap_err().status(), Some(500));
}

/// 429 a given number of times, then the intervention.
struct RateLimitedThen {
    refusals: usize,
    seen: Arc<AtomicUsize>,
    retry_after: Option<&'static str>,
}

impl Respond for RateLimitedThen {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.seen.fetch_add(1, Ordering::SeqCst);
        if n < self.refusals {
            let mut response = ResponseTemplate::new(429).set_body_json(json!({
                "error": "rate_limit_exceeded",
                "message": "Too many requests",
                "status": 429
            }));
            if let Some(after) = self.retry_after {
                response = response.insert_header("Retry-After", after);
            }
            response
        } else {
            ResponseTemplate::new(200).set_body_json(intervention(1))
        }
    }
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_and_retried_once() {
    let server = MockServer::start().await;
    let seen = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path("/interventions/iv-1"))
        .respond_with(RateLimitedThen {
            refusals: 1,
            seen: seen.clone(),
            retry_after: Some("1"),
        })
        .mount(&server)
        .await;
    let started = Instant::now();
    let intervention = client(&server).get_intervention("iv-1").await.unwrap();
    assert_eq!(intervention.id, "iv-1");
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After"
    );
}

#[tokio::test]
async fn a_429_forever_gives_up_with_the_rate_limit_error_in_bounded_time() {
    let server = MockServer::start().await;
    let seen = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path("/interventions/iv-1"))
        .respond_with(RateLimitedThen {
            refusals: usize::MAX,
            seen: seen.clone(),
            retry_after: None,
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry_policy(
            RetryPolicy::default()
                .max_retries(2)
                .base_delay(Duration::from_millis(20))
                .max_delay(Duration::from_millis(50)),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.get_intervention("iv-1").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(seen.load(Ordering::SeqCst), 3, "one try and two retries");
    assert!(matches!(error, Error::RateLimited(_)), "{error:?}");
    assert!(error.is_rate_limited() && error.is_retryable());
    let api = error.as_api().unwrap();
    assert_eq!(api.code(), Some("rate_limit_exceeded"));
}

#[tokio::test]
async fn a_retry_after_longer_than_the_budget_is_not_waited_for() {
    let server = MockServer::start().await;
    let seen = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path("/interventions/iv-1"))
        .respond_with(RateLimitedThen {
            refusals: 1,
            seen: seen.clone(),
            retry_after: Some("3600"),
        })
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = client(&server).get_intervention("iv-1").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    assert_eq!(
        error.as_api().unwrap().retry_after(),
        Some(Duration::from_secs(3600))
    );
}

/// A server that accepts connections and closes them at once, counting them.
async fn closing_server() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (format!("http://{address}"), accepted)
}

#[tokio::test]
async fn a_failed_connection_is_retried_for_get_but_never_for_post() {
    let (url, accepted) = closing_server().await;
    let client = Client::builder()
        .base_url(url)
        .retry_policy(
            RetryPolicy::default()
                .max_retries(2)
                .base_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap();
    let error = client.get_intervention("iv-1").await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(
        accepted.swap(0, Ordering::SeqCst),
        3,
        "GET: one try, two retries"
    );

    let error = client.create_intervention("c-1").await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "POST is never sent twice"
    );
}

#[tokio::test]
async fn the_client_side_limiter_spaces_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention(1)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .rate_limit(2, Duration::from_millis(400))
        .build()
        .unwrap();
    let started = Instant::now();
    for _ in 0..3 {
        client.get_intervention("iv-1").await.unwrap();
    }
    // The third request had to wait for the first to leave the window.
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
    // The documented budget is the same limiter over a minute.
    let _ = Client::builder().max_requests_per_minute(500);
}

/// 503 then success: a GET is retried, a POST is not.
struct UnavailableOnce(Arc<AtomicUsize>);

impl Respond for UnavailableOnce {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        match self.0.fetch_add(1, Ordering::SeqCst) {
            0 => ResponseTemplate::new(503).set_body_string("<html>maintenance</html>"),
            _ => ResponseTemplate::new(200).set_body_json(intervention(1)),
        }
    }
}

#[tokio::test]
async fn a_gateway_error_is_retried_for_get_but_not_for_post() {
    let server = MockServer::start().await;
    let gets = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .respond_with(UnavailableOnce(gets.clone()))
        .mount(&server)
        .await;
    let posts = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .respond_with(UnavailableOnce(posts.clone()))
        .mount(&server)
        .await;
    let client = client(&server);
    assert_eq!(client.get_intervention("iv-1").await.unwrap().id, "iv-1");
    assert_eq!(gets.load(Ordering::SeqCst), 2);
    let error = client.create_intervention("c-1").await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert!(error.is_retryable());
    assert_eq!(posts.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn statuses_map_to_their_helpers() {
    let server = MockServer::start().await;
    for (status, id) in [(404, "nf"), (409, "cf"), (403, "fb"), (503, "un")] {
        // DELETE is retried on 503 like any safe method; these answer every try.
        Mock::given(method("DELETE"))
            .and(path(format!("/interventions/{id}/cancel")))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({
                "error": "e", "message": "m", "status": status
            })))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let error = client.cancel_intervention("nf").await.unwrap_err();
    assert!(error.is_not_found() && !error.is_retryable());
    assert!(error
        .as_api()
        .unwrap()
        .documented()
        .unwrap()
        .contains("404"));
    let error = client.cancel_intervention("cf").await.unwrap_err();
    assert!(error.is_conflict());
    let error = client.cancel_intervention("fb").await.unwrap_err();
    assert!(error.as_api().unwrap().is_forbidden());
    let error = client.cancel_intervention("un").await.unwrap_err();
    assert!(error.is_retryable() && error.as_api().unwrap().documented().is_none());
    assert_eq!(
        error.as_api().unwrap().headers()["content-type"],
        "application/json"
    );
}

#[tokio::test]
async fn decode_errors_keep_the_body_and_name_the_failing_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 2, "records": [ { "id": "ok" }, { "status": "no id" } ]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions/cut"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"id\": \"iv-1\", \"sta"))
        .mount(&server)
        .await;
    let client = client(&server);
    let Error::Decode(error) = client.get_all_interventions().await.unwrap_err() else {
        panic!("expected a decode error")
    };
    assert_eq!(error.path, "records[1]");
    assert!(error.to_string().contains("missing field `id`"), "{error}");
    assert!(error.body.contains("no id"));
    let Error::Decode(error) = client.get_intervention("cut").await.unwrap_err() else {
        panic!("expected a decode error")
    };
    assert!(error.body.ends_with("\"sta"), "{}", error.body);
}
