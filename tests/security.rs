//! What the client never does: send the token to another host, or run without TLS
//! verification.

use engage_digital::{AccessToken, ApiKey, Client, Error, TokenPlacement};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_redirect_to_another_host_does_not_carry_the_bearer_token() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "iv-1"})))
        .mount(&elsewhere)
        .await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/interventions/iv-1"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/stolen", elsewhere.uri()).as_str()),
        )
        .mount(&api)
        .await;
    let client = Client::with_base_url(api.uri(), AccessToken::new("s3cret")).unwrap();
    // The redirect is followed, but the other host never sees the token.
    let intervention = client.get_intervention("iv-1").await.unwrap();
    assert_eq!(intervention.id, "iv-1");
    let received = elsewhere.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    for request in received {
        assert!(
            request.headers.get("authorization").is_none(),
            "{request:?}"
        );
        assert!(!request.url.as_str().contains("s3cret"), "{request:?}");
    }
    let first = &api.received_requests().await.unwrap()[0];
    assert_eq!(first.headers["authorization"], "Bearer s3cret");
}

#[tokio::test]
async fn a_query_token_is_not_forwarded_by_a_redirect_either() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "iv-1"})))
        .mount(&elsewhere)
        .await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header(
            "Location",
            format!("{}/elsewhere", elsewhere.uri()).as_str(),
        ))
        .mount(&api)
        .await;
    let client = Client::builder()
        .base_url(api.uri())
        .token(AccessToken::new("s3cret"))
        .token_placement(TokenPlacement::QueryParameter)
        .build()
        .unwrap();
    client.get_intervention("iv-1").await.unwrap();
    let received = elsewhere.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    for request in received {
        assert!(!request.url.as_str().contains("s3cret"), "{request:?}");
    }
}

#[test]
fn only_http_and_https_base_urls_are_accepted() {
    for url in [
        "ftp://example.com",
        "file:///etc/passwd",
        "data:text/plain,x",
    ] {
        let error = Client::with_base_url(url, AccessToken::new("t")).unwrap_err();
        assert!(
            error.to_string().contains("must be an http or https URL"),
            "{error}"
        );
    }
    let error =
        Client::with_base_url("https://example.com/?a=1", AccessToken::new("t")).unwrap_err();
    assert!(
        error.to_string().contains("must not have a query"),
        "{error}"
    );
}

/// No credential of any kind shows in the client's `Debug`, and a key for a scheme
/// the API does not have is refused by name.
#[test]
fn no_credential_is_ever_printed() {
    let client = Client::builder()
        .base_url("https://example.com")
        .token(AccessToken::new("t0ken-secret"))
        .api_key(ApiKey::new("k3y-secret"))
        .basic_auth("us3r-secret", "p4ss-secret")
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    for secret in ["t0ken", "k3y", "us3r", "p4ss"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let error = Client::builder()
        .base_url("https://example.com")
        .api_key_for("nope", ApiKey::new("k3y-secret"))
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("`nope`"), "{error}");
    assert!(!format!("{error:?}").contains("k3y"), "{error:?}");
}

/// A provider's failure is `Error::Token`, and the request is never sent.
#[tokio::test]
async fn a_failing_token_provider_stops_the_request() {
    let api = MockServer::start().await;
    let client = Client::builder()
        .base_url(api.uri())
        .token_provider(|| async {
            Err::<AccessToken, _>(std::io::Error::other("the identity provider is down"))
        })
        .build()
        .unwrap();
    let error = client.get_intervention("iv-1").await.unwrap_err();
    assert!(matches!(error, Error::Token { .. }), "{error:?}");
    assert!(
        error.to_string().contains("identity provider is down"),
        "{error}"
    );
    assert!(api.received_requests().await.unwrap().is_empty());
}
