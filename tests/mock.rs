//! With the `mock` feature, the root client (generated at build time) has the same
//! mock server as `generated-client/`: expectations of the Engage operations match
//! what the client sends, whichever way it carries its token, and a client without
//! credentials is reported.
#![cfg(feature = "mock")]

use engage_digital::mock::MockServer;
use engage_digital::models::Intervention;
use engage_digital::{AccessToken, Client, TokenPlacement};

#[tokio::test]
async fn array_parameters_and_either_token_placement_match() {
    let server = MockServer::start().await;
    let categorized = Intervention {
        category_ids: Some(vec!["c1".to_owned(), "c2".to_owned()]),
        ..Intervention::new("5f0c")
    };
    server
        .categorize_intervention("5f0c", ["c1", "c2"])
        .returns(categorized.clone())
        .times(2);
    // The mock's own client sends the token as a bearer header...
    let answer = server
        .client()
        .categorize_intervention("5f0c", ["c1", "c2"])
        .await
        .unwrap();
    assert_eq!(answer, categorized);
    // ...and the application's may send it as the `access_token` query parameter.
    let own = Client::builder()
        .base_url(server.uri())
        .token(AccessToken::new("app-token"))
        .token_placement(TokenPlacement::QueryParameter)
        .build()
        .unwrap();
    own.categorize_intervention("5f0c", ["c1", "c2"])
        .await
        .unwrap();
    server.verify().unwrap();
}

#[tokio::test]
async fn a_call_without_credentials_is_reported() {
    let server = MockServer::start().await;
    server
        .close_intervention("5f0c")
        .returns(Intervention::new("5f0c"));
    let anonymous = Client::builder().base_url(server.uri()).build().unwrap();
    let error = anonymous.close_intervention("5f0c").await.unwrap_err();
    assert_eq!(error.status(), Some(404));
    let report = server.verify().unwrap_err();
    assert_eq!(
        report.unexpected(),
        ["PUT /interventions/5f0c/close: not CloseIntervention (PUT /interventions/5f0c/close): \
          no credentials of bearer or access_token"]
    );
}
