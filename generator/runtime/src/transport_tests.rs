//! The runtime over real HTTP on loopback, with operation specs and calls written as
//! generated code writes them.

use std::time::Duration;

use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::auth::{AuthSchemeSpec, SchemeKind};
use crate::client::ApiSpec;
use crate::request::{BodyKind, Call, OperationSpec, Place};
use crate::{AccessToken, Client, ClientBuilder, Error, RetryPolicy};

static API: ApiSpec = ApiSpec {
    base_url_template: "https://{domain}.example.com",
    server_variables: &[],
    auth_schemes: &[AuthSchemeSpec {
        name: "bearer",
        kind: SchemeKind::Bearer,
    }],
};

static GET_THING: OperationSpec = OperationSpec {
    name: "GetThing",
    method: reqwest::Method::GET,
    path: "/things/{id}",
    body: BodyKind::None,
    accept: Some("application/json"),
    content_type: None,
    errors: &[
        ("404", "No thing has this id."),
        ("5XX", "The server failed."),
    ],
    security: &[&["bearer"]],
};

fn client(server: &MockServer) -> Client {
    ClientBuilder::new(&API)
        .base_url(server.uri())
        .token(AccessToken::new("t0ken"))
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .expect("a client")
}

fn call(id: &str, tags: &[String]) -> Call {
    let id = id.to_owned();
    let mut call = Call::default();
    call.add(Place::Path, "id", std::iter::once(&id));
    call.add(Place::Query, "tags[]", tags.iter());
    call
}

#[tokio::test]
async fn a_request_carries_its_parameters_and_token_and_its_answer_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/a%2Fb"))
        .and(query_param("tags[]", "x y"))
        .and(header("authorization", "Bearer t0ken"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "a/b"})))
        .expect(1)
        .mount(&server)
        .await;
    let thing: serde_json::Value = client(&server)
        .send_json(&GET_THING, call("a/b", &["x y".to_owned()]))
        .await
        .expect("decoded");
    assert_eq!(thing["id"], "a/b");
}

#[tokio::test]
async fn a_documented_status_is_an_api_error_saying_what_the_docs_say() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"error": "not_found", "message": "gone"})),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .send_empty(&GET_THING, call("x", &[]))
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("not an API error: {error}");
    };
    assert_eq!(api.status(), 404);
    assert_eq!(api.documented(), Some("No thing has this id."));
    assert_eq!(api.message(), Some("gone"));
    assert!(error.is_not_found());
}

#[tokio::test]
async fn a_status_of_a_documented_class_carries_what_the_class_says() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .send_empty(&GET_THING, call("x", &[]))
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("not an API error: {error}");
    };
    assert_eq!(api.status(), 500);
    assert_eq!(api.documented(), Some("The server failed."));
}

#[tokio::test]
async fn a_rate_limited_request_is_sent_again_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[1, 2]"))
        .expect(1)
        .mount(&server)
        .await;
    let numbers: Vec<u8> = client(&server)
        .send_json(&GET_THING, call("x", &[]))
        .await
        .expect("retried");
    assert_eq!(numbers, [1, 2]);
}

#[tokio::test]
async fn an_answer_that_does_not_decode_keeps_its_body_and_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id": 7}"#))
        .mount(&server)
        .await;
    // A map of strings, as a model whose `id` is a string.
    let error = client(&server)
        .send_json::<std::collections::BTreeMap<String, String>>(&GET_THING, call("x", &[]))
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("not a decode error: {error}");
    };
    assert_eq!(decode.path, "id");
    assert_eq!(decode.body, r#"{"id": 7}"#);
}
