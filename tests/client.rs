//! Integration tests of the generated Engage Digital client over real HTTP on
//! loopback, against a wiremock server.

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use engage_digital::models::{GetAllInterventionsResponse, Intervention, Sort};
use engage_digital::{AccessToken, ApiError, Client, Error, TokenPlacement};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "test-token";
const BEARER: &str = "Bearer test-token";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A client for `server` that sends the token as `Authorization: Bearer`.
fn client(server: &MockServer) -> Client {
    Client::with_base_url(server.uri(), AccessToken::new(TOKEN)).expect("valid client config")
}

/// A client for `server` that sends the token as the `access_token` query parameter.
fn query_token_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new(TOKEN))
        .token_placement(TokenPlacement::QueryParameter)
        .build()
        .expect("valid client config")
}

/// A realistic intervention as the API renders it, with every documented field
/// and one the client does not know.
fn intervention_json(id: &str) -> Value {
    json!({
        "id": id,
        "category_ids": ["5f0c1a2b3c4d5e6f7a8b9c0d", "5f0c1a2b3c4d5e6f7a8b9c0e"],
        "closed": true,
        "closed_at": "2024-03-01T10:15:30.000Z",
        "comments_count": 7,
        "content_id": "content-42",
        "created_at": "2024-02-28T08:00:00.250Z",
        "custom_fields": {
            "priority": "high",
            "score": 4.5,
            "tags": ["vip", "billing"],
            "nested": { "level": 2, "ok": true, "none": null }
        },
        "deferred_at": "2024-02-29T09:30:00+01:00",
        "first_user_reply_id": "reply-1",
        "first_user_reply_in": 120,
        "first_user_reply_in_bh": 60,
        "identity_id": "identity-9",
        "last_user_reply_in": 300,
        "last_user_reply_in_bh": 150,
        "source_id": "source-3",
        "status": "Fermée",
        "thread_id": "thread-8",
        "updated_at": "2024-03-01T10:16:00.000Z",
        "user_id": "user-5",
        "user_replies_count": 3,
        "user_reply_in_average": 200,
        "user_reply_in_average_bh": 100,
        "user_reply_in_average_count": 2,
        "some_future_field": { "ignored": [1, 2, 3] }
    })
}

/// A UTC timestamp with milliseconds.
fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, ms: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|date| date.and_hms_milli_opt(h, mi, s, ms))
        .expect("valid timestamp")
        .and_utc()
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is enabled");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// The decoded query pairs of `request`, in order.
fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Asserts that the token travelled only in the `Authorization` header.
fn assert_bearer_only(request: &Request) {
    let authorization: Vec<_> = request
        .headers
        .get_all("authorization")
        .iter()
        .map(|v| v.to_str().expect("ASCII header"))
        .collect();
    assert_eq!(authorization, [BEARER]);
    let query = request.url.query().unwrap_or_default();
    assert!(
        !query.contains(TOKEN),
        "token leaked into the query: {query}"
    );
    assert!(
        !query_pairs(request)
            .iter()
            .any(|(k, _)| k == "access_token"),
        "access_token sent in bearer mode: {query}"
    );
}

/// The `ApiError` inside `error`, or a panic naming what came instead.
fn api_error(error: &Error) -> &ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// Mounts a mock answering `status` with `body` (JSON) to any request and expecting
/// exactly one.
async fn mount_json_any(server: &MockServer, status: u16, body: Value) {
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

// ---------------------------------------------------------------------------
// 1. Every operation: method, path, query, authentication
// ---------------------------------------------------------------------------

#[tokio::test]
async fn cancel_intervention_sends_delete_to_cancel_path_with_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/interventions/int-1/cancel"))
        .and(header("authorization", BEARER))
        .and(header("accept", "application/json"))
        .and(query_param_is_missing("access_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-1")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = client(&server)
        .cancel_intervention("int-1")
        .await
        .expect("cancel succeeds");
    assert_eq!(intervention.id, "int-1");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/interventions/int-1/cancel");
    assert_eq!(request.url.query(), None);
    assert_bearer_only(&request);
}

#[tokio::test]
async fn categorize_intervention_sends_put_with_repeated_bracketed_category_ids() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/interventions/int-2/update_categories"))
        .and(query_param("category_ids[]", "a"))
        .and(query_param("category_ids[]", "b"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-2")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = client(&server)
        .categorize_intervention("int-2", ["a", "b"])
        .await
        .expect("categorize succeeds");
    assert_eq!(intervention.id, "int-2");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/interventions/int-2/update_categories");
    assert_eq!(
        request.url.query(),
        Some("category_ids%5B%5D=a&category_ids%5B%5D=b")
    );
    assert_eq!(
        query_pairs(&request),
        [
            ("category_ids[]".to_owned(), "a".to_owned()),
            ("category_ids[]".to_owned(), "b".to_owned()),
        ]
    );
    assert_bearer_only(&request);
}

#[tokio::test]
async fn close_intervention_sends_put_to_close_path() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/interventions/int-3/close"))
        .and(header("authorization", BEARER))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-3")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = client(&server)
        .close_intervention("int-3")
        .await
        .expect("close succeeds");
    assert_eq!(intervention.id, "int-3");
    assert_eq!(intervention.closed, Some(true));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/interventions/int-3/close");
    assert_eq!(request.url.query(), None);
    assert_bearer_only(&request);
}

#[tokio::test]
async fn create_intervention_sends_post_with_content_id_query() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/interventions"))
        .and(query_param("content_id", "content 42&x=y"))
        .and(query_param_is_missing("x"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-4")))
        .expect(1)
        .mount(&server)
        .await;

    // Documented as returning the created intervention (the overlay's `returns`).
    let intervention: Intervention = client(&server)
        .create_intervention("content 42&x=y")
        .await
        .expect("create succeeds");
    assert_eq!(intervention.id, "int-4");
    assert_eq!(intervention.content_id.as_deref(), Some("content-42"));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/interventions");
    assert_eq!(
        query_pairs(&request),
        [("content_id".to_owned(), "content 42&x=y".to_owned())]
    );
    assert_bearer_only(&request);
}

#[tokio::test]
async fn get_all_interventions_sends_every_optional_filter() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(query_param("thread_id", "thread-8"))
        .and(query_param("user_id", "user-5"))
        .and(query_param("identity_group_id", "group-1"))
        .and(query_param("identity_id", "identity-1"))
        .and(query_param("identity_id", "identity-2"))
        .and(query_param_is_missing("identity_id[]"))
        .and(query_param("sort", "created_at"))
        .and(query_param("offset", "20"))
        .and(query_param("limit", "50"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 0, "offset": 20, "limit": 50, "records": []
        })))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .get_all_interventions()
        .thread_id("thread-8")
        .user_id("user-5")
        .identity_group_id("group-1")
        .identity_id(["identity-1", "identity-2"])
        .sort(Sort::CreatedAt)
        .offset(20)
        .limit(50)
        .await
        .expect("list succeeds");
    assert_eq!(page.offset, Some(20));
    assert_eq!(page.limit, Some(50));
    assert_eq!(page.records, Some(vec![]));

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/interventions");
    let raw = request.url.query().expect("a query");
    assert!(
        !raw.contains("%5B"),
        "identity_id must not be bracketed: {raw}"
    );
    assert!(
        !raw.contains('['),
        "identity_id must not be bracketed: {raw}"
    );
    assert_eq!(
        raw,
        "thread_id=thread-8&user_id=user-5&identity_group_id=group-1\
         &identity_id=identity-1&identity_id=identity-2\
         &sort=created_at&offset=20&limit=50"
    );
    assert_bearer_only(&request);
}

#[tokio::test]
async fn get_all_interventions_without_options_sends_no_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 0, "offset": 0, "limit": 30, "records": []
        })))
        .expect(1)
        .mount(&server)
        .await;

    let page = client(&server)
        .get_all_interventions()
        .await
        .expect("list succeeds");
    assert_eq!(page.limit, Some(30));

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_bearer_only(&request);
}

#[tokio::test]
async fn get_intervention_sends_get_to_intervention_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/int-6"))
        .and(header("authorization", BEARER))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-6")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = client(&server)
        .get_intervention("int-6")
        .await
        .expect("get succeeds");
    assert_eq!(intervention.id, "int-6");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/interventions/int-6");
    assert_eq!(request.url.query(), None);
    assert_bearer_only(&request);
}

#[tokio::test]
async fn reassign_intervention_sends_put_with_user_id_query() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/interventions/int-7/reassign"))
        .and(query_param("user_id", "user-99"))
        .and(header("authorization", BEARER))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-7")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = client(&server)
        .reassign_intervention("int-7", "user-99")
        .await
        .expect("reassign succeeds");
    assert_eq!(intervention.id, "int-7");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), "/interventions/int-7/reassign");
    assert_eq!(request.url.query(), Some("user_id=user-99"));
    assert_bearer_only(&request);
}

// ---------------------------------------------------------------------------
// 2. Query-token mode
// ---------------------------------------------------------------------------

#[tokio::test]
async fn query_token_mode_sends_access_token_and_no_authorization_header() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/interventions/int-8/reassign"))
        .and(query_param("user_id", "user-1"))
        .and(query_param("access_token", TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-8")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = query_token_client(&server)
        .reassign_intervention("int-8", "user-1")
        .await
        .expect("reassign succeeds");
    assert_eq!(intervention.id, "int-8");

    let request = only_request(&server).await;
    assert!(
        request.headers.get("authorization").is_none(),
        "no Authorization header in query-token mode: {:?}",
        request.headers.get("authorization")
    );
    assert_eq!(
        query_pairs(&request),
        [
            ("user_id".to_owned(), "user-1".to_owned()),
            ("access_token".to_owned(), TOKEN.to_owned()),
        ]
    );
}

// ---------------------------------------------------------------------------
// 3. Decoding
// ---------------------------------------------------------------------------

#[tokio::test]
async fn get_intervention_decodes_every_field_and_ignores_unknown_ones() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/int-full"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-full")))
        .expect(1)
        .mount(&server)
        .await;

    let i = client(&server)
        .get_intervention("int-full")
        .await
        .expect("decodes");

    assert_eq!(i.id, "int-full");
    assert_eq!(
        i.category_ids,
        Some(vec![
            "5f0c1a2b3c4d5e6f7a8b9c0d".to_owned(),
            "5f0c1a2b3c4d5e6f7a8b9c0e".to_owned(),
        ])
    );
    assert_eq!(i.closed, Some(true));
    assert_eq!(i.closed_at, Some(utc(2024, 3, 1, 10, 15, 30, 0)));
    assert_eq!(i.comments_count, Some(7));
    assert_eq!(i.content_id.as_deref(), Some("content-42"));
    assert_eq!(i.created_at, Some(utc(2024, 2, 28, 8, 0, 0, 250)));
    // `+01:00` is normalised to UTC.
    assert_eq!(i.deferred_at, Some(utc(2024, 2, 29, 8, 30, 0, 0)));
    assert_eq!(i.updated_at, Some(utc(2024, 3, 1, 10, 16, 0, 0)));
    assert_eq!(i.first_user_reply_id.as_deref(), Some("reply-1"));
    assert_eq!(i.first_user_reply_in, Some(120));
    assert_eq!(i.first_user_reply_in_bh, Some(60));
    assert_eq!(i.identity_id.as_deref(), Some("identity-9"));
    assert_eq!(i.last_user_reply_in, Some(300));
    assert_eq!(i.last_user_reply_in_bh, Some(150));
    assert_eq!(i.source_id.as_deref(), Some("source-3"));
    assert_eq!(i.status.as_deref(), Some("Fermée"));
    assert_eq!(i.thread_id.as_deref(), Some("thread-8"));
    assert_eq!(i.user_id.as_deref(), Some("user-5"));
    assert_eq!(i.user_replies_count, Some(3));
    assert_eq!(i.user_reply_in_average, Some(200));
    assert_eq!(i.user_reply_in_average_bh, Some(100));
    assert_eq!(i.user_reply_in_average_count, Some(2));

    let custom = i.custom_fields.expect("custom_fields decoded");
    assert_eq!(custom.len(), 4);
    assert_eq!(custom["priority"], json!("high"));
    assert_eq!(custom["score"], json!(4.5));
    assert_eq!(custom["tags"], json!(["vip", "billing"]));
    assert_eq!(
        custom["nested"],
        json!({ "level": 2, "ok": true, "none": null })
    );
}

#[tokio::test]
async fn get_all_interventions_decodes_a_page_of_records() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 42,
            "offset": 30,
            "limit": 2,
            "records": [
                intervention_json("int-a"),
                {
                    "id": "int-b",
                    "closed": false,
                    "closed_at": null,
                    "deferred_at": null,
                    "category_ids": [],
                    "custom_fields": {},
                    "status": "assigned",
                    "created_at": "2024-01-15T23:59:59Z"
                }
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let page: GetAllInterventionsResponse = client(&server)
        .get_all_interventions()
        .await
        .expect("decodes");
    assert_eq!(page.count, Some(42));
    assert_eq!(page.offset, Some(30));
    assert_eq!(page.limit, Some(2));
    let records = page.records.expect("records");
    assert_eq!(records.len(), 2);

    assert_eq!(records[0].id, "int-a");
    assert_eq!(records[0].status.as_deref(), Some("Fermée"));
    assert_eq!(records[0].closed_at, Some(utc(2024, 3, 1, 10, 15, 30, 0)));

    let b = &records[1];
    assert_eq!(b.id, "int-b");
    assert_eq!(b.closed, Some(false));
    assert_eq!(b.closed_at, None);
    assert_eq!(b.deferred_at, None);
    assert_eq!(b.category_ids, Some(vec![]));
    assert_eq!(b.custom_fields, Some(serde_json::Map::new()));
    assert_eq!(b.status.as_deref(), Some("assigned"));
    assert_eq!(b.created_at, Some(utc(2024, 1, 15, 23, 59, 59, 0)));
    assert_eq!(b.user_id, None);
    assert_eq!(b.comments_count, None);
}

// ---------------------------------------------------------------------------
// 4. Error paths
// ---------------------------------------------------------------------------

#[tokio::test]
async fn not_found_on_get_intervention_is_api_error_with_body_fields_and_docs() {
    let server = MockServer::start().await;
    let body = json!({"error": "not_found", "message": "Intervention not found", "status": 404});
    Mock::given(method("GET"))
        .and(path("/interventions/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .get_intervention("missing")
        .await
        .expect_err("404 is an error");
    assert_eq!(error.status(), Some(404));
    let api = api_error(&error);
    assert_eq!(api.operation(), "GetIntervention");
    assert_eq!(api.status(), 404);
    assert_eq!(api.code(), Some("not_found"));
    assert_eq!(api.message(), Some("Intervention not found"));
    assert_eq!(
        serde_json::from_str::<Value>(api.body()).expect("JSON body"),
        body
    );
    assert!(api.is_not_found());
    assert!(!api.is_forbidden() && !api.is_conflict() && !api.is_unprocessable());
    let documented = api.documented().expect("404 is documented");
    assert!(documented.contains("404"), "{documented}");
    assert!(documented.contains("read"), "{documented}");

    let shown = error.to_string();
    assert!(shown.contains("GetIntervention"), "{shown}");
    assert!(shown.contains("404"), "{shown}");
    assert!(shown.contains("Intervention not found"), "{shown}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test]
async fn forbidden_on_cancel_intervention_carries_the_documented_caveat() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/interventions/int-9/cancel"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "error": "forbidden", "message": "Intervention has agent replies", "status": 403
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .cancel_intervention("int-9")
        .await
        .expect_err("403 is an error");
    let api = api_error(&error);
    assert_eq!(api.status(), 403);
    assert!(api.is_forbidden());
    assert!(!api.is_not_found() && !api.is_conflict());
    assert_eq!(api.code(), Some("forbidden"));
    assert_eq!(api.message(), Some("Intervention has agent replies"));
    let documented = api.documented().expect("403 is documented for cancel");
    assert!(documented.contains("403"), "{documented}");
    // The caveat specific to cancelling (closing requires the opposite).
    assert!(
        documented.contains("MUST NOT have agent replies"),
        "{documented}"
    );
    assert!(!error.to_string().contains(TOKEN));
}

#[tokio::test]
async fn forbidden_on_close_intervention_carries_its_own_caveat() {
    let server = MockServer::start().await;
    mount_json_any(
        &server,
        403,
        json!({"error": "forbidden", "message": "no", "status": 403}),
    )
    .await;

    let error = client(&server)
        .close_intervention("int-10")
        .await
        .expect_err("403 is an error");
    let api = api_error(&error);
    assert_eq!(api.operation(), "CloseIntervention");
    let documented = api.documented().expect("403 is documented for close");
    assert!(
        documented.contains("MUST have agent replies"),
        "{documented}"
    );
    assert!(
        !documented.contains("MUST NOT have agent replies"),
        "{documented}"
    );
}

#[tokio::test]
async fn conflict_on_cancel_intervention_carries_the_documented_caveat() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/interventions/int-11/cancel"))
        .respond_with(ResponseTemplate::new(409).set_body_json(json!({
            "error": "conflict", "message": "Intervention is already being canceled", "status": 409
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .cancel_intervention("int-11")
        .await
        .expect_err("409 is an error");
    let api = api_error(&error);
    assert_eq!(api.status(), 409);
    assert!(api.is_conflict());
    assert!(!api.is_forbidden());
    assert_eq!(api.code(), Some("conflict"));
    assert_eq!(
        api.message(),
        Some("Intervention is already being canceled")
    );
    let documented = api.documented().expect("409 is documented for cancel");
    assert!(documented.contains("409"), "{documented}");
    assert!(
        documented.contains("already being canceled"),
        "{documented}"
    );
    let shown = error.to_string();
    assert!(shown.contains("documented:"), "{shown}");
    assert!(!shown.contains(TOKEN), "{shown}");
}

#[tokio::test]
async fn unprocessable_on_create_intervention_is_documented() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/interventions"))
        .and(query_param("content_id", "content-1"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "error": "unprocessable_entity",
            "message": "Intervention already opened",
            "status": 422
        })))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .create_intervention("content-1")
        .await
        .expect_err("422 is an error");
    let api = api_error(&error);
    assert_eq!(api.operation(), "CreateIntervention");
    assert_eq!(api.status(), 422);
    assert!(api.is_unprocessable());
    assert_eq!(api.code(), Some("unprocessable_entity"));
    assert_eq!(api.message(), Some("Intervention already opened"));
    let documented = api.documented().expect("422 is documented for create");
    assert!(documented.contains("422"), "{documented}");
}

#[tokio::test]
async fn undocumented_error_status_has_no_documentation() {
    let server = MockServer::start().await;
    mount_json_any(
        &server,
        400,
        json!({"error": "invalid_user", "message": "No such user", "status": 400}),
    )
    .await;

    let error = client(&server)
        .reassign_intervention("int-12", "user-1")
        .await
        .expect_err("400 is an error");
    let api = api_error(&error);
    assert_eq!(api.status(), 400);
    assert!(!error.is_retryable());
    assert_eq!(api.code(), Some("invalid_user"));
    assert_eq!(api.documented(), None);
    assert!(!error.to_string().contains("documented:"));
}

#[tokio::test]
async fn html_bad_gateway_page_is_api_error_keeping_the_html() {
    let server = MockServer::start().await;
    let html = "<html><head><title>502 Bad Gateway</title></head>\
                <body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("GET"))
        .and(path("/interventions/int-13"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        .expect(1)
        .mount(&server)
        .await;

    // No retry, so that the one 502 is the answer (retries are tested in production.rs).
    let error = Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new(TOKEN))
        .retry_policy(engage_digital::RetryPolicy::none())
        .build()
        .unwrap()
        .get_intervention("int-13")
        .await
        .expect_err("502 is an error");
    assert_eq!(error.status(), Some(502));
    let api = api_error(&error);
    assert_eq!(api.status(), 502);
    assert_eq!(api.body(), html);
    assert_eq!(api.code(), None);
    assert_eq!(api.message(), None);
    // GetIntervention documents 404 only.
    assert_eq!(api.documented(), None);
    assert!(!error.to_string().contains(TOKEN));
}

#[tokio::test]
async fn non_json_success_body_is_decode_error_keeping_the_body() {
    let server = MockServer::start().await;
    let text = "<html>Service under maintenance</html>";
    Mock::given(method("GET"))
        .and(path("/interventions/int-14"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(text, "text/html"))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .get_intervention("int-14")
        .await
        .expect_err("not JSON");
    match &error {
        Error::Decode(decode) => {
            assert_eq!(decode.operation, "GetIntervention");
            assert_eq!(decode.status, 200);
            assert_eq!(decode.body, text);
            assert!(decode.source.is_syntax(), "{}", decode.source);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(error.as_api().is_none());
    assert!(std::error::Error::source(&error).is_some());
    assert!(!error.to_string().contains(TOKEN));
}

#[tokio::test]
async fn success_body_without_id_is_decode_error_naming_id() {
    let server = MockServer::start().await;
    let mut body = intervention_json("unused");
    body.as_object_mut().expect("object").remove("id");
    Mock::given(method("GET"))
        .and(path("/interventions/int-15"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server)
        .get_intervention("int-15")
        .await
        .expect_err("id is required");
    match &error {
        Error::Decode(decode) => {
            assert_eq!(decode.status, 200);
            assert!(decode.source.is_data(), "{}", decode.source);
            assert_eq!(
                serde_json::from_str::<Value>(&decode.body).expect("body kept"),
                body
            );
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    let shown = error.to_string();
    assert!(shown.contains("missing field `id`"), "{shown}");
    assert!(shown.contains("GetIntervention"), "{shown}");
}

#[tokio::test]
async fn error_display_and_debug_never_contain_the_token() {
    // Query-token mode puts the token in the URL: the riskiest case.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/gone"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": "not_found", "message": "Intervention not found", "status": 404
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions/garbled"))
        .respond_with(ResponseTemplate::new(200).set_body_string("not json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions/slow"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(intervention_json("slow"))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;

    let fast = query_token_client(&server);
    let impatient = Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new(TOKEN))
        .token_placement(TokenPlacement::QueryParameter)
        .timeout(Duration::from_millis(200))
        .build()
        .expect("valid client config");

    // A port nothing listens on: the connection is refused.
    let closed_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let unreachable = Client::builder()
        .base_url(format!("http://127.0.0.1:{closed_port}"))
        .token(AccessToken::new(TOKEN))
        .token_placement(TokenPlacement::QueryParameter)
        .build()
        .expect("valid client config");

    let errors = [
        fast.get_intervention("gone").await.expect_err("404"),
        fast.get_intervention("garbled").await.expect_err("decode"),
        impatient
            .get_intervention("slow")
            .await
            .expect_err("timeout"),
        unreachable
            .get_intervention("any")
            .await
            .expect_err("connection refused"),
        fast.get_intervention("..").await.expect_err("invalid"),
    ];
    assert!(matches!(errors[0], Error::Api(_)), "{:?}", errors[0]);
    assert!(matches!(errors[1], Error::Decode(_)), "{:?}", errors[1]);
    assert!(
        matches!(errors[2], Error::Timeout { .. }),
        "{:?}",
        errors[2]
    );
    assert!(
        matches!(errors[3], Error::Transport { .. }),
        "{:?}",
        errors[3]
    );
    assert!(
        matches!(errors[4], Error::InvalidParameter { .. }),
        "{:?}",
        errors[4]
    );
    for error in &errors {
        let mut shown = format!("{error}\n{error:?}");
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            shown.push_str(&format!("\n{cause}\n{cause:?}"));
            source = cause.source();
        }
        assert!(!shown.contains(TOKEN), "token leaked: {shown}");
    }
}

// ---------------------------------------------------------------------------
// 5. Path parameters
// ---------------------------------------------------------------------------

#[tokio::test]
async fn path_parameter_with_slash_question_mark_and_dots_stays_in_its_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/a%2F..%2Fb%3Fc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("a/../b?c")))
        .expect(1)
        .mount(&server)
        .await;

    let intervention = client(&server)
        .get_intervention("a/../b?c")
        .await
        .expect("the escaped path is matched");
    assert_eq!(intervention.id, "a/../b?c");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/interventions/a%2F..%2Fb%3Fc");
    assert_eq!(request.url.query(), None, "`?` must not start a query");
    assert_bearer_only(&request);
}

#[tokio::test]
async fn empty_and_dot_path_parameters_are_refused_without_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("x")))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);

    for value in ["", "..", "."] {
        let error = client
            .get_intervention(value)
            .await
            .expect_err("refused before sending");
        match error {
            Error::InvalidParameter {
                operation,
                parameter,
                reason,
            } => {
                assert_eq!(operation, "GetIntervention", "{value:?}");
                assert_eq!(parameter, "interventionId", "{value:?}");
                assert!(!reason.is_empty());
            }
            other => panic!("expected Error::InvalidParameter for {value:?}, got {other:?}"),
        }
    }
    let error = client
        .cancel_intervention("..")
        .await
        .expect_err("refused before sending");
    assert!(
        matches!(
            error,
            Error::InvalidParameter {
                operation: "CancelIntervention",
                ..
            }
        ),
        "{error:?}"
    );

    let received = server.received_requests().await.expect("recording enabled");
    assert!(received.is_empty(), "sent {} request(s)", received.len());
}

// ---------------------------------------------------------------------------
// 6. Configuration
// ---------------------------------------------------------------------------

#[tokio::test]
async fn client_debug_output_redacts_the_token() {
    let server = MockServer::start().await;
    for client in [client(&server), query_token_client(&server)] {
        let debug = format!("{client:?}");
        assert!(!debug.contains(TOKEN), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert!(debug.contains(&server.uri()), "{debug}");
        // Request builders hold the client: they must not show it either.
        let request = format!("{:?}", client.reassign_intervention("int", "user"));
        assert!(!request.contains(TOKEN), "{request}");
    }
    let builder = Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new(TOKEN));
    let debug = format!("{builder:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(!format!("{:?}", AccessToken::new(TOKEN)).contains(TOKEN));
}

#[tokio::test]
async fn user_agent_defaults_to_the_crate_and_can_be_set() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/default-ua"))
        .and(header(
            "user-agent",
            concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("default-ua")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/interventions/custom-ua"))
        .and(header("user-agent", "my-app/2.1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("custom-ua")))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .get_intervention("default-ua")
        .await
        .expect("default user agent matched");
    Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new(TOKEN))
        .user_agent("my-app/2.1")
        .build()
        .expect("valid client config")
        .get_intervention("custom-ua")
        .await
        .expect("custom user agent matched");
}

#[tokio::test]
async fn for_domain_rejects_a_domain_with_a_slash() {
    for domain in ["bad/domain", "", "evil.com/x?", "a b"] {
        let error =
            Client::for_domain(domain, AccessToken::new(TOKEN)).expect_err("not a valid domain");
        assert!(matches!(error, Error::Config(_)), "{domain:?}: {error:?}");
        assert!(!error.to_string().contains(TOKEN));
    }
}

#[tokio::test]
async fn for_domain_fills_the_server_url_template() {
    let client = Client::for_domain("acme", AccessToken::new(TOKEN)).expect("valid domain");
    assert_eq!(
        client.base_url(),
        "https://acme.api.engagement.dimelo.com/1.0"
    );
}

#[tokio::test]
async fn base_url_with_a_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/1.0/interventions/int-16"))
        .respond_with(ResponseTemplate::new(200).set_body_json(intervention_json("int-16")))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::with_base_url(format!("{}/1.0/", server.uri()), AccessToken::new(TOKEN))
        .expect("valid client config");
    assert_eq!(client.base_url(), format!("{}/1.0", server.uri()));
    let intervention = client.get_intervention("int-16").await.expect("found");
    assert_eq!(intervention.id, "int-16");
}

// ---------------------------------------------------------------------------
// 7. Timeout
// ---------------------------------------------------------------------------

#[tokio::test]
async fn request_slower_than_the_timeout_is_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/int-17"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(intervention_json("int-17"))
                .set_delay(Duration::from_secs(2)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new(TOKEN))
        .timeout(Duration::from_millis(200))
        .build()
        .expect("valid client config");

    let started = Instant::now();
    let error = client
        .get_intervention("int-17")
        .await
        .expect_err("times out");
    let elapsed = started.elapsed();
    assert!(
        matches!(
            error,
            Error::Timeout {
                operation: "GetIntervention"
            }
        ),
        "{error:?}"
    );
    assert!(elapsed < Duration::from_millis(1500), "took {elapsed:?}");
    assert_eq!(error.status(), None);
}
