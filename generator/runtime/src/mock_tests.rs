//! The mock server with a request written as generated builders are: expectations
//! match what the client sends, answer as told, and report what differed.

use crate::mock::{Expectation, MockServer, PageShape, Reply};
use crate::request::{BodyKind, Call, OperationSpec, Place};
use crate::{Client, Error};

static LIST_THINGS: OperationSpec = OperationSpec {
    name: "ListThings",
    method: reqwest::Method::GET,
    path: "/shelves/{shelf}/things",
    body: BodyKind::None,
    accept: Some("application/json"),
    content_type: None,
    errors: &[],
    security: &[],
};

/// A request builder as generated: required `shelf`, optional tags and paging.
#[derive(Clone, Debug)]
struct ListThings {
    client: Client,
    shelf: String,
    tags: Option<Vec<String>>,
    offset: Option<i32>,
}

impl ListThings {
    fn tags(mut self, tags: &[&str]) -> Self {
        self.tags = Some(tags.iter().map(|t| (*t).to_owned()).collect());
        self
    }

    fn into_call(self) -> (Client, &'static OperationSpec, Call) {
        let mut call = Call::default();
        call.add(Place::Path, "shelf", std::iter::once(&self.shelf));
        call.add(Place::Query, "tags[]", self.tags.iter().flatten());
        call.add(Place::Query, "offset", self.offset.iter());
        (self.client, &LIST_THINGS, call)
    }

    async fn send(self) -> Result<Vec<String>, Error> {
        self.await
    }
}

impl std::future::IntoFuture for ListThings {
    type Output = Result<Vec<String>, Error>;
    type IntoFuture = crate::client::ResponseFuture<Vec<String>>;
    fn into_future(self) -> Self::IntoFuture {
        let (client, operation, call) = self.into_call();
        client.send_json(operation, call)
    }
}

fn list_things(client: &Client, shelf: &str) -> ListThings {
    ListThings {
        client: client.clone(),
        shelf: shelf.to_owned(),
        tags: None,
        offset: None,
    }
}

/// What a generated `MockServer::list_things` does.
fn expect_list_things(server: &MockServer, shelf: &str) -> Expectation<ListThings> {
    let request = list_things(&server.client(), shelf);
    Expectation::new(server, request, ListThings::into_call, Reply::json)
}

#[tokio::test]
async fn an_expectation_answers_the_call_it_describes() {
    let server = MockServer::start().await;
    let mocked = expect_list_things(&server, "a b")
        .with(|r| r.tags(&["x", "y"]))
        .returns(vec!["one".to_owned()])
        .times(1);
    let client = server.client();
    let things = list_things(&client, "a b").tags(&["x", "y"]).send().await;
    assert_eq!(things.unwrap(), ["one"]);
    assert_eq!(mocked.hits(), 1);
    assert_eq!(server.verify(), Ok(()));
}

#[tokio::test]
async fn a_parameter_left_unset_matches_any_value() {
    let server = MockServer::start().await;
    expect_list_things(&server, "s").returns(Vec::new());
    let client = server.client();
    list_things(&client, "s").tags(&["z"]).send().await.unwrap();
    server.verify().unwrap();
}

#[tokio::test]
async fn the_report_names_the_operation_and_what_differed() {
    let server = MockServer::start().await;
    expect_list_things(&server, "s")
        .with(|r| r.tags(&["x", "y"]))
        .returns(Vec::new());
    let client = server.client();
    let error = list_things(&client, "s")
        .tags(&["x"])
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
    let report = server.verify().unwrap_err();
    assert_eq!(
        report.unmet(),
        ["ListThings (GET /shelves/s/things?tags[]=x&tags[]=y): expected at least 1 call, got 0"]
    );
    assert_eq!(
        report.unexpected(),
        ["GET /shelves/s/things?tags[]=x: not ListThings (GET /shelves/s/things?tags[]=x&tags[]=y): \
          query parameter `tags[]` was `x` instead of `x`, `y`"]
    );
    let text = report.to_string();
    assert!(text.contains("- not met: ListThings"), "{text}");
}

#[tokio::test]
async fn calls_past_times_are_unexpected_and_drop_reports_them() {
    let server = MockServer::start().await;
    expect_list_things(&server, "s")
        .times(1)
        .returns_status(503);
    let client = server.client();
    assert_eq!(
        list_things(&client, "s").send().await.unwrap_err().status(),
        Some(503)
    );
    assert_eq!(
        list_things(&client, "s").send().await.unwrap_err().status(),
        Some(404)
    );
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(server)));
    let message = dropped.unwrap_err();
    let message = message.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("it already answered its 1 expected call(s)"),
        "{message}"
    );
}

#[tokio::test]
async fn pages_are_served_by_offset_and_page_size() {
    let server = MockServer::start().await;
    let shape = PageShape {
        offset: "offset",
        limit: "limit",
        items: "records",
        total: Some("count"),
        max_limit: Some(2),
    };
    // An offset in the expectation does not pin it to one page.
    let mocked = expect_list_things(&server, "s")
        .with(|mut request| {
            request.offset = Some(0);
            request
        })
        .respond_pages(&[1, 2, 3], shape);
    let client = server.client();
    let mut request = list_things(&client, "s");
    request.offset = Some(2);
    let (client, operation, call) = request.into_call();
    let page: serde_json::Value = client.send_json(operation, call).await.unwrap();
    assert_eq!(page, serde_json::json!({"records": [3], "count": 3}));
    let (client, operation, call) = list_things(&client, "s").into_call();
    let page: serde_json::Value = client.send_json(operation, call).await.unwrap();
    assert_eq!(page, serde_json::json!({"records": [1, 2], "count": 3}));
    assert_eq!(mocked.hits(), 2);
    server.verify().unwrap();
}

#[tokio::test]
async fn times_zero_expects_no_call_and_reports_one() {
    let server = MockServer::start().await;
    expect_list_things(&server, "s")
        .times(0)
        .returns(Vec::new());
    let quiet = MockServer::start().await;
    expect_list_things(&quiet, "s").times(0).returns(Vec::new());
    assert_eq!(quiet.verify(), Ok(()));
    let client = server.client();
    assert_eq!(
        list_things(&client, "s").send().await.unwrap_err().status(),
        Some(404)
    );
    let report = server.verify().unwrap_err();
    assert_eq!(
        report.unexpected(),
        [
            "GET /shelves/s/things: not ListThings (GET /shelves/s/things): \
          it already answered its 0 expected call(s)"
        ]
    );
}
